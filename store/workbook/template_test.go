package workbook_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/refdata"
	"chanjiao/store/workbook"
)

// ---------------------------------------------------------------------------
// Fixtures: the demo county in spring 2026, collecting the year 2025.

var demoNow = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

const (
	tplYear   = 2025
	tplSchool = "3653010002" // 楚雄市职业高级中学: 4 majors, 中等职业学校
	tplName   = "楚雄市职业高级中学"
	tplOther  = "3653010001" // 楚雄州职业教育中心
)

// demoDB is a fresh database filled with the demo county, its clock fixed.
func demoDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), mustRef(t))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return demoNow }
	if err := demo.Fill(context.Background(), db); err != nil {
		t.Fatalf("demo.Fill: %v", err)
	}
	return db
}

// makeTemplate writes the school's template of year into a temp folder.
func makeTemplate(t testing.TB, db *store.DB, year int, code string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "填报表.xlsx")
	if err := workbook.Template(context.Background(), db, year, code, p); err != nil {
		t.Fatalf("Template(%d, %s): %v", year, code, err)
	}
	return p
}

func openBook(t testing.TB, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("opening %s: %v", filepath.Base(path), err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// schoolFill edits the workbook at path as a school would, through excelize,
// and saves it in place.
func schoolFill(t testing.TB, path string, edit func(b *book)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edit(&book{t: t, f: f})
	if err := f.Save(); err != nil {
		t.Fatalf("saving %s: %v", filepath.Base(path), err)
	}
}

// book edits cells by sheet, row and header, as a person finds them.
type book struct {
	t testing.TB
	f *excelize.File
}

// cell gives the reference of a column (by its header) in a row.
func (b *book) cell(sheetName string, row int, header string) string {
	b.t.Helper()
	return cellOf(b.t, b.f, sheetName, row, header)
}

func cellOf(t testing.TB, f *excelize.File, sheetName string, row int, header string) string {
	t.Helper()
	heads, err := f.GetRows(sheetName)
	if err != nil || len(heads) == 0 {
		t.Fatalf("sheet %s has no header row (%v)", sheetName, err)
	}
	for i, h := range heads[0] {
		if h == header {
			c, _ := excelize.CoordinatesToCellName(i+1, row)
			return c
		}
	}
	t.Fatalf("sheet %s has no column %s", sheetName, header)
	return ""
}

// set writes one cell: strings as text (as typed into a text-formatted
// cell), numbers as numbers, time.Time as a date, nil clears it.
func (b *book) set(sheetName string, row int, header string, v any) {
	b.t.Helper()
	ref := b.cell(sheetName, row, header)
	var err error
	switch x := v.(type) {
	case nil:
		err = b.f.SetCellValue(sheetName, ref, nil)
	case string:
		err = b.f.SetCellStr(sheetName, ref, x)
	default:
		err = b.f.SetCellValue(sheetName, ref, x)
	}
	if err != nil {
		b.t.Fatalf("set %s!%s: %v", sheetName, ref, err)
	}
}

// row writes a whole row from a header → value map.
func (b *book) row(sheetName string, row int, values map[string]any) {
	b.t.Helper()
	for h, v := range values {
		b.set(sheetName, row, h, v)
	}
}

// idNumber makes a valid 身份证号 of the demo county.
func idNumber(seq int) string {
	body := fmt.Sprintf("532301198%d%02d%02d%03d", seq%10, 1+seq%12, 1+seq%28, seq%1000)
	for _, c := range "0123456789X" {
		if id := body + string(c); store.IDNumberValid(id) {
			return id
		}
	}
	panic("no check character fits")
}

// firstEnterprise is the credit code on the template's 合作企业 row 2.
func firstEnterprise(t testing.TB, path string) string {
	t.Helper()
	f := openBook(t, path)
	v, err := f.GetCellValue(workbook.SheetEnterprises, "A2")
	if err != nil || v == "" {
		t.Fatalf("template has no enterprise on row 2: %q %v", v, err)
	}
	return v
}

func schoolMajors(t testing.TB, db *store.DB, year int, code string) map[string]store.Major {
	t.Helper()
	out := map[string]store.Major{}
	err := db.View(context.Background(), func(tx *store.Tx) error {
		ms, err := tx.Majors(year)
		for _, m := range ms {
			if m.SchoolCode == code {
				out[m.Code] = m
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func figures(t testing.TB, db *store.DB, year int) *store.Figures {
	t.Helper()
	f, err := db.Indicators(context.Background(), year)
	if err != nil {
		t.Fatalf("Indicators(%d): %v", year, err)
	}
	return f
}

func schoolPersons(t testing.TB, f *store.Figures, code string) int {
	t.Helper()
	for _, s := range f.Schools {
		if s.Code == code {
			return s.Secondments.Persons
		}
	}
	t.Fatalf("school %s not in the figures", code)
	return 0
}

// newMajorCode is a 中职 catalogue code the school does not run.
func newMajorCode(t testing.TB, have map[string]bool) refdata.Major {
	t.Helper()
	for _, m := range mustRef(t).Majors() {
		if m.Level == "中职" && !have[m.Code] {
			return m
		}
	}
	t.Fatal("no 中职 major left in the catalogue")
	return refdata.Major{}
}

// fillFigures fills this year's figures of the template's majors (rows 2..)
// as the school would.
func fillFigures(b *book, majors int) (graduates int) {
	for r := 2; r < 2+majors; r++ {
		b.set(workbook.SheetMajors, r, "在校生数", 100+r)
		b.set(workbook.SheetMajors, r, "毕业生数", 40+r)
		b.set(workbook.SheetMajors, r, "升学人数", 30)
		graduates += 40 + r
	}
	return graduates
}

// ---------------------------------------------------------------------------
// The round trip: template out, filled in by the school, imported.

func TestTemplateFilledInByASchoolImportsItsFigures(t *testing.T) {
	db := demoDB(t)
	path := makeTemplate(t, db, tplYear, tplSchool)
	lastYear := schoolMajors(t, db, tplYear-1, tplSchool)
	if len(lastYear) != 4 {
		t.Fatalf("demo school %s has %d majors in %d, want 4", tplSchool, len(lastYear), tplYear-1)
	}

	// the template carries last year's majors, this year's figures blank
	f := openBook(t, path)
	rows, err := f.GetRows(workbook.SheetMajors)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(lastYear) {
		t.Fatalf("专业 has %d rows, want header + %d", len(rows), len(lastYear))
	}
	have := map[string]bool{}
	for _, r := range rows[1:] {
		for len(r) < 13 {
			r = append(r, "")
		}
		if r[0] != tplSchool || r[1] != fmt.Sprint(tplYear) {
			t.Errorf("专业 row %v: want school %s, year %d", r, tplSchool, tplYear)
		}
		m, ok := lastYear[r[2]]
		if !ok || r[3] != m.Name || r[5] != m.Status {
			t.Errorf("专业 row %v is not one of last year's majors", r)
		}
		if r[6] != "" || r[7] != "" || r[8] != "" {
			t.Errorf("专业 row %v: this year's figures should be blank", r)
		}
		have[r[2]] = true
	}

	// and the school's agreements in force that year, to keep or correct
	inForce := map[string]bool{}
	err = demoDB(t).View(context.Background(), func(tx *store.Tx) error {
		as, err := tx.Agreements(tplYear)
		for _, a := range as {
			if a.SchoolCode == tplSchool {
				inForce[a.Name] = true
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	agreementRows, _ := f.GetRows(workbook.SheetAgreements)
	gotNames := map[string]bool{}
	for _, r := range agreementRows[1:] {
		gotNames[r[2]] = true
	}
	if len(inForce) == 0 || len(agreementRows) != 1+len(inForce) || !reflect.DeepEqual(gotNames, inForce) {
		t.Errorf("校企合作协议 rows %v, want the school's agreements in force in %d: %v", agreementRows, tplYear, sortedKeys(inForce))
	}

	// sent back untouched, it is refused: every major needs its figures
	_, err = workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	if got := locs(re.Issues, false); len(got) != 3*len(lastYear) || got[0] != "专业|2|升学人数" {
		t.Errorf("untouched template: errors %v, want 在校生数/毕业生数/升学人数 of every major", got)
	}

	before := figures(t, db, tplYear)
	var oldGraduates int
	for _, m := range schoolMajors(t, db, tplYear, tplSchool) {
		oldGraduates += m.Graduates
	}
	ent := firstEnterprise(t, path)
	added := newMajorCode(t, have)
	var graduates int
	schoolFill(t, path, func(b *book) {
		graduates = fillFigures(b, len(lastYear))
		b.row(workbook.SheetMajors, 2+len(lastYear), map[string]any{"学校标识码": tplSchool, "统计年度": tplYear,
			"专业代码": added.Code, "专业名称": added.Name, "开设年份": tplYear, "状态": "招生",
			"在校生数": 45, "毕业生数": 0, "升学人数": 0})
		for i := 0; i < 12; i++ {
			start := any(time.Date(tplYear, time.Month(1+i%9), 1+i, 0, 0, 0, 0, time.UTC))
			if i == 3 {
				start = "2025/4/1" // typed as text
			}
			b.row(workbook.SheetSecondments, 2+i, map[string]any{"学校标识码": tplSchool, "统一社会信用代码": ent,
				"姓名": fmt.Sprintf("测试教师%02d", i), "性别": "女", "身份证号": idNumber(i), "方向": store.DirSchoolToEnterprise,
				"岗位类型": "实践锻炼", "开始日期": start})
		}
		b.row(workbook.SheetTrainings, 2, map[string]any{"承办学校标识码": tplSchool, "项目名称": "茶艺师培训", "培训对象": "农村劳动力",
			"培训人次": 321, "学时": 16, "开始日期": time.Date(tplYear, 5, 6, 0, 0, 0, 0, time.UTC), "合作企业": ent})
		b.row(workbook.SheetAgreements, 2+len(inForce), map[string]any{"学校标识码": tplSchool, "统一社会信用代码": ent, "协议名称": "填报表测试协议",
			"协议类型": store.AgreementFormal, "签订日期": "2025-04-01", "合作内容": "订单培养、实习实训"})
		b.row(workbook.SheetClasses, 2, map[string]any{"学校标识码": tplSchool, "统计年度": tplYear, "班级名称": "填报表测试订单班",
			"培养类型": store.ClassOrder, "专业代码": rows[1][2], "统一社会信用代码": ent, "学生人数": 20}) // a major the file carries into this year
	})

	res := importOK(t, db, path)
	if res.Template == nil || res.Template.School != tplSchool || res.Template.Year != tplYear || res.Template.Version != workbook.TemplateVersion {
		t.Errorf("Result.Template = %+v, want the template of %s for %d", res.Template, tplSchool, tplYear)
	}
	if len(res.Schools) != 1 || res.Schools[0] != tplSchool {
		t.Errorf("Result.Schools = %v, want [%s]", res.Schools, tplSchool)
	}
	for what, got := range map[string][2]int{
		"专业 updated":   {res.Updated["专业"], 4},
		"专业 added":     {res.Added["专业"], 1},
		"互派互聘 added":   {res.Added["互派互聘"], 12},
		"培训 added":     {res.Added["培训"], 1},
		"协议 added":     {res.Added["校企合作协议"], 1},
		"协议 unchanged": {res.Unchanged["校企合作协议"], len(inForce)},
		"班级 added":     {res.Added["订单班与学徒制"], 1},
		"学校 unchanged": {res.Unchanged["学校"], 1},
		"企业 unchanged": {res.Unchanged["合作企业"], 30},
	} {
		if got[0] != got[1] {
			t.Errorf("%s = %d, want %d\n%s", what, got[0], got[1], res.Summary())
		}
	}

	// the figures are the ones the school filled in
	after := figures(t, db, tplYear)
	if got, want := schoolPersons(t, after, tplSchool), schoolPersons(t, before, tplSchool)+12; got != want {
		t.Errorf("互派互聘 persons of %s = %d, want %d", tplSchool, got, want)
	}
	if got, want := after.Training.ByCategory["农村劳动力"].Count, before.Training.ByCategory["农村劳动力"].Count+321; got != want {
		t.Errorf("农村劳动力 training = %d, want %d", got, want)
	}
	if got, want := after.Progression.Graduates, before.Progression.Graduates-oldGraduates+graduates; got != want {
		t.Errorf("progression graduates = %d, want %d", got, want)
	}
	now := schoolMajors(t, db, tplYear, tplSchool)
	if len(now) != 5 {
		t.Errorf("%s has %d majors in %d, want 5", tplSchool, len(now), tplYear)
	}
	for r, code := 2, ""; r < 2+len(lastYear); r++ {
		code = rows[r-1][2]
		if m := now[code]; m.Enrolled != 100+r || m.Graduates != 40+r || m.Progressed != 30 {
			t.Errorf("major %s after import: %+v, want the figures of row %d", code, m, r)
		}
	}
	if m := now[added.Code]; m.Enrolled != 45 || m.OpenedYear != tplYear {
		t.Errorf("new major %s: %+v", added.Code, m)
	}

	// importing the same file again changes nothing
	res = importOK(t, db, path)
	if n := res.Added["专业"] + res.Updated["专业"] + res.Added["互派互聘"] + res.Updated["互派互聘"]; n != 0 {
		t.Errorf("second import changed records:\n%s", res.Summary())
	}
}

// ---------------------------------------------------------------------------
// What a template holds.

func TestTemplateLayoutFormatsAndProtection(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	paths, err := workbook.Templates(context.Background(), db, tplYear, nil, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 8 {
		t.Fatalf("Templates for every school wrote %d files, want 8 (the demo's schools)", len(paths))
	}
	path := filepath.Join(dir, tplName+"_2025_填报表.xlsx")
	found := false
	for _, p := range paths {
		found = found || p == path
		info, err := workbook.ReadTemplateInfo(p)
		if err != nil || info == nil {
			t.Fatalf("ReadTemplateInfo(%s) = %v, %v", filepath.Base(p), info, err)
		}
		if !strings.HasPrefix(filepath.Base(p), info.SchoolName+"_2025_") {
			t.Errorf("%s is the template of %s (%s)", filepath.Base(p), info.SchoolName, info.School)
		}
	}
	if !found {
		t.Fatalf("no %s among %v", filepath.Base(path), paths)
	}
	info, _ := workbook.ReadTemplateInfo(path)
	if *info != (workbook.TemplateInfo{Version: workbook.TemplateVersion, School: tplSchool, SchoolName: tplName, Year: tplYear, Unit: "楚雄市教育体育局（532301）"}) {
		t.Errorf("template info = %+v", *info)
	}

	f := openBook(t, path)
	want := []string{"填表说明", "学校", "合作企业", "专业", "互派互聘", "培训", "校企合作协议", "订单班与学徒制", "师资", "获奖", "_下拉列表", "_模板信息"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	for _, n := range want {
		visible, _ := f.GetSheetVisible(n)
		if visible == strings.HasPrefix(n, "_") {
			t.Errorf("sheet %s visible = %v", n, visible)
		}
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("the workbook opens on sheet %d, want 填表说明", f.GetActiveSheetIndex())
	}
	props, _ := f.GetCustomProps()
	pm := map[string]string{}
	for _, p := range props {
		pm[p.Name] = fmt.Sprint(p.Value)
	}
	if pm["ChanjiaoSchoolCode"] != tplSchool || pm["ChanjiaoYear"] != "2025" || pm["ChanjiaoTemplateVersion"] != fmt.Sprint(workbook.TemplateVersion) {
		t.Errorf("custom properties = %v", pm)
	}

	// 学校: the school's own row; 合作企业: the county's 30 enterprises; 人员标识 not offered
	school, _ := f.GetRows(workbook.SheetSchools)
	if len(school) != 2 || school[1][0] != tplSchool || school[1][1] != tplName {
		t.Errorf("学校 rows = %v", school)
	}
	ents, _ := f.GetRows(workbook.SheetEnterprises)
	if len(ents) != 31 {
		t.Errorf("合作企业 has %d rows, want header + 30", len(ents))
	}
	heads, _ := f.GetRows(workbook.SheetSecondments)
	if strings.Contains(strings.Join(heads[0], ","), "人员标识") {
		t.Errorf("互派互聘 offers 人员标识 to a school: %v", heads[0])
	}
	// the retired 订单班人数 is not asked for
	if heads, _ := f.GetRows(workbook.SheetMajors); strings.Contains(strings.Join(heads[0], ","), workbook.ColumnLegacyOrderClass) {
		t.Errorf("专业 still asks for 订单班人数: %v", heads[0])
	}

	// the 填表说明 has a rule for every column of every sheet
	rules, _ := f.GetRows(workbook.SheetInstructions)
	ruleOf := map[string]string{}
	for _, r := range rules {
		if len(r) == 4 && r[0] != "工作表" {
			ruleOf[r[0]+"/"+r[1]] = r[3]
		}
	}
	for _, s := range workbook.Sheets {
		if !s.InTemplate() {
			continue
		}
		for _, c := range s.Columns {
			if c.Header == "人员标识" {
				continue
			}
			if ruleOf[s.Name+"/"+c.Header] == "" {
				t.Errorf("填表说明 has no rule for %s %s", s.Name, c.Header)
			}
		}
	}

	styleOf := func(id int, err error) *excelize.Style {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	style := func(sheetName, cell string) *excelize.Style { return styleOf(f.GetCellStyle(sheetName, cell)) }
	colStyle := func(sheetName, col string) *excelize.Style { return styleOf(f.GetColStyle(sheetName, col)) }
	locked := func(st *excelize.Style) bool { return st.Protection == nil || st.Protection.Locked }
	numFmt := func(st *excelize.Style) string {
		if st.CustomNumFmt != nil {
			return *st.CustomNumFmt
		}
		return fmt.Sprint(st.NumFmt)
	}

	// header rows and the school's own code locked; the rest open
	for _, s := range workbook.Sheets {
		if !s.InTemplate() {
			continue
		}
		if !locked(style(s.Name, "A1")) || !locked(style(s.Name, "B1")) {
			t.Errorf("%s header row is not locked", s.Name)
		}
		prot, err := f.GetSheetProtection(s.Name)
		if err != nil || !prot.InsertRows || !prot.DeleteRows || !prot.SelectUnlockedCells || prot.Password != "" {
			t.Errorf("%s protection = %+v (%v), want rows insertable and deletable, no password", s.Name, prot, err)
		}
	}
	if !locked(style(workbook.SheetSchools, "A2")) {
		t.Errorf("the school's own 学校标识码 is not locked")
	}
	if locked(style(workbook.SheetSchools, "B2")) || locked(style(workbook.SheetMajors, "G2")) {
		t.Errorf("data cells are locked")
	}

	// code, 身份证号 and date columns formatted on the whole column
	for _, c := range []struct{ sheet, header, fmt string }{
		{"学校", "学校标识码", "@"}, {"学校", "所在区划代码", "@"}, {"学校", "联系电话", "@"},
		{"合作企业", "统一社会信用代码", "@"}, {"专业", "学校标识码", "@"}, {"专业", "专业代码", "@"},
		{"互派互聘", "统一社会信用代码", "@"}, {"互派互聘", "身份证号", "@"}, {"互派互聘", "开始日期", "yyyy-mm-dd"},
		{"互派互聘", "结束日期", "yyyy-mm-dd"}, {"培训", "承办学校标识码", "@"}, {"培训", "开始日期", "yyyy-mm-dd"},
		{"培训", "合作企业", "@"},
	} {
		ref := cellOf(t, f, c.sheet, 1, c.header)
		col := strings.TrimRight(ref, "0123456789")
		st := colStyle(c.sheet, col)
		if numFmt(st) != c.fmt || locked(st) {
			t.Errorf("%s %s column: format %q locked %v, want %q unlocked", c.sheet, c.header, numFmt(st), locked(st), c.fmt)
		}
		// a cell typed far below the filled rows gets it too
		if got := numFmt(style(c.sheet, col+"1500")); got != c.fmt {
			t.Errorf("%s!%s1500 format = %q, want %q", c.sheet, col, got, c.fmt)
		}
	}
}

func TestTemplateDropdownsOnEveryEnumeratedColumn(t *testing.T) {
	db := demoDB(t)
	f := openBook(t, makeTemplate(t, db, tplYear, tplSchool))
	inline := func(list []string) string { return `"` + strings.Join(list, ",") + `"` }
	want := []struct{ sheet, header, formula string }{
		{"学校", "办学类型", inline(store.SchoolTypes)},
		{"学校", "办学性质", inline(store.Ownerships)},
		{"学校", "优质学校等级", inline(store.QualityLevels)},
		{"合作企业", "产教融合型企业等级", inline(store.QualityLevels)},
		{"合作企业", "所属行业", "CJ_Industries"},
		{"专业", "学校标识码", `"` + tplSchool + `"`},
		{"专业", "专业代码", "CJ_MajorCodes"},
		{"专业", "专业名称", "CJ_MajorNames"},
		{"专业", "状态", inline(store.MajorStatuses)},
		{"专业", "贯通培养", inline(store.ThroughTypes)},
		{"专业", "优质专业等级", inline(store.QualityLevels)},
		{"互派互聘", "学校标识码", `"` + tplSchool + `"`},
		{"互派互聘", "性别", inline(store.Genders)},
		{"互派互聘", "方向", inline(store.Directions)},
		{"互派互聘", "岗位类型", inline(store.PostTypes)},
		{"培训", "承办学校标识码", `"` + tplSchool + `"`},
		{"培训", "培训对象", inline(store.TrainingGroups)},
		{"校企合作协议", "学校标识码", `"` + tplSchool + `"`},
		{"校企合作协议", "协议类型", inline(store.AgreementTypes)},
		{"校企合作协议", "合作内容", inline(store.CooperationContents)},
		{"订单班与学徒制", "学校标识码", `"` + tplSchool + `"`},
		{"订单班与学徒制", "培养类型", inline(store.ClassTypes)},
		{"订单班与学徒制", "专业代码", "CJ_MajorCodes"},
		{"师资", "学校标识码", `"` + tplSchool + `"`},
		{"获奖", "学校标识码", `"` + tplSchool + `"`},
		{"获奖", "类别", inline(store.AwardCategories)},
		{"获奖", "级别", inline(store.Grades)},
		{"获奖", "等次", inline(store.AwardRanks)},
		{"获奖", "获奖对象", inline(store.AwardWinners)},
	}
	lists := dropdowns(t, f)
	for _, w := range want {
		col := strings.TrimRight(cellOf(t, f, w.sheet, 1, w.header), "1")
		got, ok := lists[w.sheet+"/"+col]
		if !ok {
			t.Errorf("%s %s (column %s) has no dropdown", w.sheet, w.header, col)
			continue
		}
		if got != w.formula {
			t.Errorf("%s %s dropdown = %s, want %s", w.sheet, w.header, got, w.formula)
		}
	}

	// a list column's dropdown only warns: several items may be typed in
	dvs, _ := f.GetDataValidations(workbook.SheetAgreements)
	for _, dv := range dvs {
		if dv.Type == "list" && strings.HasPrefix(dv.Sqref, strings.TrimRight(cellOf(t, f, workbook.SheetAgreements, 1, "合作内容"), "1")) &&
			(dv.ErrorStyle == nil || *dv.ErrorStyle != "warning") {
			t.Errorf("合作内容 dropdown error style = %v, want warning", dv.ErrorStyle)
		}
	}

	// the 专业目录 comes from the hidden sheet: the 中职 majors, for a 中职 school
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.RefersTo
	}
	var zhongzhi []string
	for _, m := range mustRef(t).Majors() {
		if m.Level == "中职" {
			zhongzhi = append(zhongzhi, m.Code)
		}
	}
	if want := fmt.Sprintf("'_下拉列表'!$A$2:$A$%d", len(zhongzhi)+1); names["CJ_MajorCodes"] != want {
		t.Errorf("CJ_MajorCodes = %q, want %q", names["CJ_MajorCodes"], want)
	}
	codes, _ := f.GetCols("_下拉列表")
	if len(codes) == 0 || strings.Join(codes[0][1:], ",") != strings.Join(zhongzhi, ",") {
		t.Errorf("the hidden 专业代码 list is not the 中职 catalogue (%d entries, want %d)", len(codes[0])-1, len(zhongzhi))
	}
	if len(strings.Join(zhongzhi, ",")) <= 255 {
		t.Errorf("the catalogue fits an inline list; the test proves nothing")
	}

	// counts and dates are checked too, and every column has a prompt
	dvs, _ = f.GetDataValidations(workbook.SheetMajors)
	prompts := 0
	for _, dv := range dvs {
		if dv.ShowInputMessage && dv.Prompt != nil && *dv.Prompt != "" {
			prompts++
		}
		if strings.HasPrefix(dv.Sqref, "G2:") && (dv.Type != "whole" || dv.Formula1 != "0") {
			t.Errorf("在校生数 validation = %s %s", dv.Type, dv.Formula1)
		}
	}
	if prompts != len(workbook.Sheets[2].Columns) {
		t.Errorf("专业 has %d prompts, want one per column (%d)", prompts, len(workbook.Sheets[2].Columns))
	}
}

// dropdowns maps sheet/column letter to the list formula of its validation.
func dropdowns(t testing.TB, f *excelize.File) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, s := range workbook.Sheets {
		if !s.InTemplate() {
			continue
		}
		dvs, err := f.GetDataValidations(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, dv := range dvs {
			if dv.Type != "list" {
				continue
			}
			first, _, _ := strings.Cut(dv.Sqref, ":")
			out[s.Name+"/"+strings.TrimRight(first, "0123456789")] = dv.Formula1
		}
	}
	return out
}

func TestTemplateWithoutReferenceDataSkipsTheCatalogueDropdown(t *testing.T) {
	missing, err := refdata.Load(os.DirFS(t.TempDir()))
	if err != nil || !missing.Missing {
		t.Fatalf("refdata.Load of an empty folder = %v, %v", missing, err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "bare.db"), missing)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return demoNow }
	if err := demo.Fill(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	path := makeTemplate(t, db, tplYear, tplSchool)
	f := openBook(t, path)
	lists := dropdowns(t, f)
	for _, col := range []string{"C", "D"} { // 专业代码, 专业名称
		if v, ok := lists["专业/"+col]; ok {
			t.Errorf("专业 column %s has a dropdown %s without a catalogue", col, v)
		}
	}
	for _, dn := range f.GetDefinedName() {
		if strings.HasPrefix(dn.Name, "CJ_Major") {
			t.Errorf("defined name %s without a catalogue", dn.Name)
		}
	}
	if lists["专业/F"] == "" || lists["互派互聘/G"] == "" {
		t.Errorf("the other dropdowns are gone too: %v", lists)
	}
	// and it still goes round
	schoolFill(t, path, func(b *book) { fillFigures(b, 4) })
	importOK(t, db, path)
}

// ---------------------------------------------------------------------------
// A school's workbook touches only that school.

func TestTemplateRowsOfAnotherSchoolAreRefused(t *testing.T) {
	db := demoDB(t)
	path := makeTemplate(t, db, tplYear, tplSchool)
	ent := firstEnterprise(t, path)
	schoolFill(t, path, func(b *book) {
		fillFigures(b, 4)
		b.row(workbook.SheetSchools, 3, map[string]any{"学校标识码": tplOther, "学校名称": "楚雄州职业教育中心", "办学类型": "中等职业学校",
			"所在区划代码": "532301", "办学性质": "公办"})
		b.row(workbook.SheetMajors, 6, map[string]any{"学校标识码": tplOther, "统计年度": tplYear, "专业代码": "710201", "专业名称": "计算机应用",
			"状态": "招生", "在校生数": 10, "毕业生数": 0, "升学人数": 0})
		b.row(workbook.SheetSecondments, 2, map[string]any{"学校标识码": tplOther, "统一社会信用代码": ent, "姓名": "他校教师",
			"方向": store.DirSchoolToEnterprise, "岗位类型": "挂职", "开始日期": "2025-03-01"})
		b.row(workbook.SheetTrainings, 2, map[string]any{"承办学校标识码": tplOther, "项目名称": "他校培训", "培训对象": "社会人员",
			"培训人次": 20, "开始日期": "2025-03-01"})
	})
	before := dump(t, db, true)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	sameList(t, "errors", locs(re.Issues, false), []string{"互派互聘|2|学校标识码", "培训|2|承办学校标识码", "学校|3|学校标识码", "专业|6|学校标识码"}, re.Issues)
	for _, i := range re.Issues {
		if !i.Warning && !strings.Contains(i.Message, "只能填写本校的记录") {
			t.Errorf("%s: message does not say the file is for one school", i)
		}
	}
	if re.Template == nil || re.Template.School != tplSchool {
		t.Errorf("RefusedError.Template = %+v", re.Template)
	}
	if after := dump(t, db, true); after != before {
		t.Errorf("a refused template changed the database")
	}

	// the option works on any file; without it a county's file may hold many schools
	other := writeBook(t, sheetRows{"学校", [][]any{hSchools,
		{tplSchool, tplName, "中等职业学校", "532301", "公办"},
		{tplOther, "楚雄州职业教育中心", "中等职业学校", "532301", "公办"},
	}})
	_, err = workbook.ImportWith(context.Background(), db, other, workbook.ImportOptions{OnlySchool: tplSchool})
	sameList(t, "OnlySchool errors", locs(refused(t, err).Issues, false), []string{"学校|3|学校标识码"}, nil)
	importOK(t, db, other)
}

// ---------------------------------------------------------------------------
// LibreOffice opens and re-saves a template and an annotated copy without
// losing what matters. LibreOffice is installed by .ci/deps.sh (make test).

func TestLibreOfficeResavesTemplatesAndAnnotatedCopies(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("LibreOffice (soffice) not installed: run `make deps` (apt-get install libreoffice-calc)")
	}
	db := demoDB(t)
	path := makeTemplate(t, db, tplYear, tplSchool)
	// a bad fill, annotated
	bad := filepath.Join(t.TempDir(), "bad.xlsx")
	copyFile(t, path, bad)
	schoolFill(t, bad, func(b *book) {
		fillFigures(b, 4)
		b.set(workbook.SheetMajors, 3, "升学人数", 999)
	})
	_, err = workbook.Import(context.Background(), db, bad)
	ann := workbook.AnnotatedPath(bad, "")
	if err := workbook.Annotate(bad, ann, refused(t, err).Issues); err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(t.TempDir()),
		"--convert-to", "xlsx", "--outdir", out, path, ann)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	resaved := filepath.Join(out, filepath.Base(path))
	f := openBook(t, resaved)
	lists := dropdowns(t, f)
	for _, k := range []string{"学校/C", "专业/C", "专业/F", "互派互聘/F", "互派互聘/G", "培训/C"} {
		if lists[k] == "" {
			t.Errorf("after LibreOffice, %s has no dropdown (have %v)", k, lists)
		}
	}
	if info, err := workbook.ReadTemplateInfo(resaved); err != nil || info == nil || info.School != tplSchool {
		t.Errorf("after LibreOffice the template is not recognised: %+v %v", info, err)
	}
	if prot, err := f.GetSheetProtection(workbook.SheetMajors); err != nil || !prot.InsertRows {
		t.Errorf("after LibreOffice 专业 protection = %+v %v", prot, err)
	}
	schoolFill(t, resaved, func(b *book) { fillFigures(b, 4) })
	importOK(t, db, resaved)

	// the annotated copy keeps its comments, marks and 错误清单
	g := openBook(t, filepath.Join(out, filepath.Base(ann)))
	cs, _ := g.GetComments(workbook.SheetMajors)
	if len(cs) != 1 || cs[0].Cell != "I3" {
		t.Errorf("after LibreOffice, 专业 comments = %+v, want one on I3", cs)
	}
	if g.GetSheetList()[0] != workbook.SheetErrorList {
		t.Errorf("after LibreOffice, sheets = %v", g.GetSheetList())
	}
	if ok, link, _ := g.GetCellHyperLink(workbook.SheetErrorList, "F5"); !ok || !strings.Contains(link, "I3") {
		t.Errorf("after LibreOffice, 错误清单 F5 link = %v %q", ok, link)
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sortedKeys is for messages.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
