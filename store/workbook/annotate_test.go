package workbook_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

// badFill fills the template with figures, then makes one mistake of each
// kind a school makes.
func badFill(t *testing.T, path string) {
	t.Helper()
	ent := firstEnterprise(t, path)
	schoolFill(t, path, func(b *book) {
		fillFigures(b, 4)
		b.set(workbook.SheetMajors, 2, "在校生数", "很多")     // not a number
		b.set(workbook.SheetMajors, 3, "升学人数", 999)      // more than the graduates
		b.set(workbook.SheetMajors, 4, "在校生数", nil)      // left empty
		b.set(workbook.SheetMajors, 5, "专业代码", "510201") // a 高职 major at a 中职 school
		person := func(row int, name, id any, direction string) {
			b.row(workbook.SheetSecondments, row, map[string]any{"学校标识码": tplSchool, "统一社会信用代码": ent, "姓名": name,
				"身份证号": id, "方向": direction, "岗位类型": "挂职", "开始日期": "2025-03-01"})
		}
		person(2, "甲", 110105194912310020.0, store.DirSchoolToEnterprise) // 身份证号 as a number
		person(3, "乙", idNumber(1), "去企业")                                // not a direction
		person(4, "丙", idNumber(2), store.DirSchoolToEnterprise)
		person(5, "丙", idNumber(2), store.DirSchoolToEnterprise) // the same stint twice: a row error
		b.row(workbook.SheetTrainings, 2, map[string]any{"承办学校标识码": tplSchool, "项目名称": "电工培训", "培训对象": "农村劳动力",
			"培训人次": 0, "开始日期": "2025-05-01"})
		b.row(workbook.SheetTrainings, 3, map[string]any{"承办学校标识码": tplOther, "项目名称": "他校培训", "培训对象": "社会人员",
			"培训人次": 5, "开始日期": "2025-05-01"})
	})
}

// issueCell is where an issue should be marked: its column by header, column
// A for a row, the header row for a sheet.
func issueCell(t *testing.T, f *excelize.File, i workbook.Issue) string {
	t.Helper()
	row := i.Row
	if row == 0 {
		row = 1
	}
	if i.Column == "" {
		return i.Sheet + "!A" + strconv.Itoa(row)
	}
	return i.Sheet + "!" + cellOf(t, f, i.Sheet, row, i.Column)
}

func TestAnnotatedCopyMarksExactlyTheBadCells(t *testing.T) {
	db := demoDB(t)
	path := makeTemplate(t, db, tplYear, tplSchool)
	badFill(t, path)
	before := dump(t, db, true)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	sameList(t, "errors", locs(re.Issues, false), []string{
		"专业|2|在校生数", "专业|3|升学人数", "专业|4|在校生数", "专业|5|专业代码",
		"互派互聘|2|身份证号", "互派互聘|3|方向", "互派互聘|5|",
		"培训|2|培训人次", "培训|3|承办学校标识码",
	}, re.Issues)
	if dump(t, db, true) != before {
		t.Fatal("the refused file changed the database")
	}

	ann := workbook.AnnotatedPath(path, "")
	if filepath.Base(ann) != "填报表_错误标注.xlsx" || filepath.Dir(ann) != filepath.Dir(path) {
		t.Errorf("AnnotatedPath = %s", ann)
	}
	if err := workbook.Annotate(path, ann, re.Issues); err != nil {
		t.Fatalf("Annotate: %v", err)
	}
	f := openBook(t, ann)
	orig := openBook(t, path)

	// where the marks should be: every issue, errors and warnings
	want := map[string][]workbook.Issue{}
	for _, i := range re.Issues {
		c := issueCell(t, orig, i)
		want[c] = append(want[c], i)
	}
	got := map[string]excelize.Comment{}
	for _, s := range workbook.Sheets {
		if !s.InTemplate() {
			continue
		}
		cs, err := f.GetComments(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			got[s.Name+"!"+c.Cell] = c
		}
	}
	for cell, issues := range want {
		c, ok := got[cell]
		if !ok {
			t.Errorf("no comment on %s (%s)", cell, issues[0])
			continue
		}
		text := c.Text
		for _, r := range c.Paragraph {
			text += r.Text
		}
		if c.Author != "数据审核" {
			t.Errorf("comment on %s by %q", cell, c.Author)
		}
		for _, i := range issues {
			if !strings.Contains(text, i.Message) {
				t.Errorf("comment on %s lacks %q: %q", cell, i.Message, text)
			}
		}
	}
	for cell := range got {
		if _, ok := want[cell]; !ok {
			t.Errorf("comment on %s, which has no issue", cell)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d comments for %d marked cells", len(got), len(want))
	}

	// and the fills: one conditional format per marked cell, red for errors
	fills := map[string]string{}
	for _, s := range workbook.Sheets {
		if !s.InTemplate() {
			continue
		}
		cfs, err := f.GetConditionalFormats(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		for ref, rules := range cfs {
			for _, r := range rules {
				fills[s.Name+"!"+ref] = r.Criteria
			}
		}
	}
	for cell, issues := range want {
		crit, ok := fills[cell]
		if !ok {
			t.Errorf("%s is not filled", cell)
			continue
		}
		isErr := false
		for _, i := range issues {
			isErr = isErr || !i.Warning
		}
		if isErr != strings.Contains(crit, "错误标注") {
			t.Errorf("%s fill %q: error %v", cell, crit, isErr)
		}
	}
	if len(fills) != len(want) {
		t.Errorf("%d filled cells, want %d: %v", len(fills), len(want), sortedKeys(boolKeys(fills)))
	}
	// the fill holds while the cell keeps the refused value: a formula Excel evaluates
	if crit := fills["专业!G2"]; !strings.Contains(crit, `EXACT(G2,"很多")`) {
		t.Errorf("专业!G2 fill condition = %q", crit)
	}
	if crit := fills["专业!I3"]; !strings.Contains(crit, "I3=999") {
		t.Errorf("专业!I3 fill condition = %q", crit)
	}
	checkFillCondition(t, ann, workbook.SheetMajors, "I3", fills["专业!I3"], 30)

	// 错误清单: first, opened on, one row per issue with a link to its cell
	if sheets := f.GetSheetList(); sheets[0] != workbook.SheetErrorList {
		t.Errorf("sheets = %v, want 错误清单 first", sheets)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the annotated copy opens on sheet %d", f.GetActiveSheetIndex())
	}
	rows, _ := f.GetRows(workbook.SheetErrorList)
	if !strings.Contains(rows[0][0], "9 处错误") {
		t.Errorf("错误清单 title = %q", rows[0][0])
	}
	if len(rows) != 4+len(re.Issues) {
		t.Fatalf("错误清单 has %d rows, want 4 + %d issues", len(rows), len(re.Issues))
	}
	for k, i := range re.Issues { // errors first, like the import's list
		r := 5 + k
		line := rows[r-1]
		if line[2] != i.Sheet || line[6] != i.Message {
			t.Errorf("错误清单 row %d = %v, want %s", r, line, i)
		}
		ok, link, err := f.GetCellHyperLink(workbook.SheetErrorList, "F"+strconv.Itoa(r))
		sheetName, cell, _ := strings.Cut(issueCell(t, orig, i), "!")
		if wantLink := "'" + sheetName + "'!" + cell; err != nil || !ok || link != wantLink {
			t.Errorf("错误清单 row %d link = %v %q, want %q", r, ok, link, wantLink)
		}
	}

	// the copy is the school's file: still a template for the school, refused the same way
	_, err = workbook.Import(context.Background(), db, ann)
	sameList(t, "errors of the annotated copy", locs(refused(t, err).Issues, false), locs(re.Issues, false), nil)

	// fixed in place, the annotated copy imports
	schoolFill(t, ann, func(b *book) {
		b.set(workbook.SheetMajors, 2, "在校生数", 120)
		b.set(workbook.SheetMajors, 3, "升学人数", 20)
		b.set(workbook.SheetMajors, 4, "在校生数", 80)
		b.set(workbook.SheetMajors, 5, "专业代码", "740201")
		b.set(workbook.SheetSecondments, 2, "身份证号", idNumber(7))
		b.set(workbook.SheetSecondments, 3, "方向", store.DirEnterpriseToSchool)
		if err := b.f.RemoveRow(workbook.SheetSecondments, 5); err != nil {
			t.Fatal(err)
		}
		b.set(workbook.SheetTrainings, 2, "培训人次", 40)
		if err := b.f.RemoveRow(workbook.SheetTrainings, 3); err != nil {
			t.Fatal(err)
		}
	})
	res := importOK(t, db, ann)
	if res.Added["互派互聘"] != 3 || res.Added["培训"] != 1 || res.Updated["专业"] != 4 {
		t.Errorf("the fixed copy imported:\n%s", res.Summary())
	}
	if m := schoolMajors(t, db, tplYear, tplSchool); m["740101"].Enrolled != 80 || m["730301"].Progressed != 20 {
		t.Errorf("majors after the fixed copy: %+v", m)
	}
}

func boolKeys(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// checkFillCondition evaluates the fill's formula with excelize: true on the
// refused value, false once the cell holds fixed.
func checkFillCondition(t *testing.T, path, sheetName, cell, formula string, fixed any) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	eval := func() string {
		if err := f.SetCellFormula(sheetName, "Z1", formula); err != nil {
			t.Fatal(err)
		}
		v, err := f.CalcCellValue(sheetName, "Z1")
		if err != nil {
			t.Fatalf("evaluating %s: %v", formula, err)
		}
		return v
	}
	if v := eval(); v != "TRUE" {
		t.Errorf("%s!%s fill %q on the refused value = %s, want TRUE", sheetName, cell, formula, v)
	}
	if err := f.SetCellValue(sheetName, cell, fixed); err != nil {
		t.Fatal(err)
	}
	if v := eval(); v != "FALSE" {
		t.Errorf("%s!%s fill %q after the fix = %s, want FALSE", sheetName, cell, formula, v)
	}
}

func TestAnnotatingAnAnnotatedCopyReplacesTheOldMarks(t *testing.T) {
	db := demoDB(t)
	path := makeTemplate(t, db, tplYear, tplSchool)
	badFill(t, path)
	_, err := workbook.Import(context.Background(), db, path)
	ann := workbook.AnnotatedPath(path, "")
	if err := workbook.Annotate(path, ann, refused(t, err).Issues); err != nil {
		t.Fatal(err)
	}
	// the school fixes the 专业 sheet only but for a new mistake, on which
	// it leaves a comment of its own
	schoolFill(t, ann, func(b *book) {
		b.set(workbook.SheetMajors, 2, "在校生数", 120)
		b.set(workbook.SheetMajors, 3, "升学人数", 20)
		b.set(workbook.SheetMajors, 4, "在校生数", 80)
		b.set(workbook.SheetMajors, 5, "专业代码", "740201")
		b.set(workbook.SheetMajors, 2, "升学人数", 200)
		if err := b.f.AddComment(workbook.SheetMajors, excelize.Comment{Cell: "I2", Author: "张老师", Text: "含往届升学"}); err != nil {
			t.Fatal(err)
		}
	})
	_, err = workbook.Import(context.Background(), db, ann)
	re := refused(t, err)
	again := workbook.AnnotatedPath(ann, "")
	if again != ann {
		t.Errorf("AnnotatedPath of an annotated copy = %s, want the copy itself %s", again, ann)
	}
	if err := workbook.Annotate(ann, again, re.Issues); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, again)
	cs, _ := f.GetComments(workbook.SheetMajors)
	if len(cs) != 1 || cs[0].Cell != "I2" {
		t.Errorf("专业 comments = %+v, want only the new mistake's on I2", cs)
	}
	var i2 string
	for _, c := range cs {
		for _, r := range c.Paragraph {
			i2 += r.Text
		}
		i2 += c.Text
	}
	if !strings.Contains(i2, "不能大于毕业生数") || !strings.Contains(i2, "含往届升学") {
		t.Errorf("专业!I2 comment = %q, want ours and the school's", i2)
	}
	if cfs, _ := f.GetConditionalFormats(workbook.SheetMajors); len(cfs) != 1 || cfs["I2"] == nil {
		t.Errorf("专业 fills = %v, want only I2", cfs)
	}
	n := 0
	for _, s := range f.GetSheetList() {
		if s == workbook.SheetErrorList {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d 错误清单 sheets", n)
	}
	if cs, _ := f.GetComments(workbook.SheetTrainings); len(cs) != 2 {
		t.Errorf("培训 comments = %+v, want the two unfixed rows'", cs)
	}
	rows, _ := f.GetRows(workbook.SheetErrorList)
	if len(rows) != 4+len(re.Issues) {
		t.Errorf("错误清单 has %d rows, want 4 + %d", len(rows), len(re.Issues))
	}
}

func TestAnnotatedPath(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "甲校_2025_填报表.xlsx")
	if err := os.WriteFile(src, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "甲校_2025_填报表_错误标注.xlsx")
	if got := workbook.AnnotatedPath(src, ""); got != want {
		t.Errorf("beside: %s, want %s", got, want)
	}
	other := t.TempDir()
	if got := workbook.AnnotatedPath(src, other); got != filepath.Join(other, "甲校_2025_填报表_错误标注.xlsx") {
		t.Errorf("in a folder: %s", got)
	}
	// a copy already there (perhaps corrected by the school) is never overwritten
	if err := os.WriteFile(want, []byte("fixed by the school"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := workbook.AnnotatedPath(src, ""); got != filepath.Join(dir, "甲校_2025_填报表_错误标注(2).xlsx") {
		t.Errorf("with a copy there: %s", got)
	}
	// the copy itself is annotated in place, whatever its number
	if got := workbook.AnnotatedPath(want, ""); got != want {
		t.Errorf("of the copy: %s, want %s", got, want)
	}
}

func TestAnnotateMarksRowsAndSheetsOfAnyWorkbook(t *testing.T) {
	db := openDB(t)
	path := writeBook(t,
		sheetRows{"学校", [][]any{hSchools,
			{schoolA, "牟定县职业高级中学", "中等职业学校", "532323", "公办"},
			{schoolA, "牟定县职业高级中学", "中等职业学校", "532323", "公办"},
		}},
		sheetRows{"合作企业", [][]any{{"企业名称"}, {"某公司"}}}, // no 统一社会信用代码 header
	)
	issues := []workbook.Issue{
		{Sheet: "学校", Row: 3, Message: "与第 2 行重复（学校标识码 " + schoolA + " 相同）"},
		{Sheet: "合作企业", Column: "统一社会信用代码", Message: "缺少必需的列“统一社会信用代码”（表头应在第 1 行）"},
		{Sheet: "学校", Column: "学校名称", Message: "a whole column"},
		{Message: "a problem of the whole file"},
	}
	ann := workbook.AnnotatedPath(path, t.TempDir())
	if err := workbook.Annotate(path, ann, issues); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, ann)
	for sheetName, cells := range map[string]string{"学校": "A3 B1", "合作企业": "A1"} {
		cs, _ := f.GetComments(sheetName)
		var got []string
		for _, c := range cs {
			got = append(got, c.Cell)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != cells {
			t.Errorf("%s comments on %v, want %s", sheetName, got, cells)
		}
	}
	rows, _ := f.GetRows(workbook.SheetErrorList)
	if len(rows) != 4+len(issues) || rows[len(rows)-1][6] != "a problem of the whole file" {
		t.Errorf("错误清单 = %v", rows)
	}
	if ok, _, _ := f.GetCellHyperLink(workbook.SheetErrorList, "F8"); ok {
		t.Errorf("a problem of the whole file has a link")
	}
	// not a template: the annotated copy still imports as any workbook once fixed
	schoolFill(t, ann, func(b *book) {
		if err := b.f.RemoveRow("学校", 3); err != nil {
			t.Fatal(err)
		}
		if err := b.f.DeleteSheet("合作企业"); err != nil {
			t.Fatal(err)
		}
	})
	importOK(t, db, ann)
}
