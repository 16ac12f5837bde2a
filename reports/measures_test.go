package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chanjiao/reports"
	"chanjiao/store"
)

// The records of measuresCounty, with the boundaries of each counting rule.
const (
	schoolA = "3653220001" // 中职, assessed
	schoolB = "3653220002" // 中职, assessed
	schoolC = "3653220003" // 普通高中: not assessed, no records
	nameA   = "双柏县职业高级中学"
	nameB   = "双柏县民族职业技术学校"
	nameC   = "双柏县第一中学"
)

func credit(i int) string { return fmt.Sprintf("91532322MA%08d", i) }

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// longCarrier is a carrier name long enough to wrap over several lines of
// its cell.
const longCarrier = "双柏县绿色食品加工与乡村旅游产教融合现代产业学院（双柏县职业高级中学与云南省楚雄彝族自治州绿色食品龙头企业共建）"

// measuresCounty is a county with agreements, classes and carriers on each
// side of their counting rules' boundaries, and targets on them, in 2025;
// 2024 has a major and a class, so 表5 has a 上年.
func measuresCounty(t *testing.T) *store.DB {
	db := openDB(t)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.SetUnit(store.Unit{Code: "532322", Name: "双柏县教育体育局", Level: store.LevelCounty, Head: "王芳"}); err != nil {
			return err
		}
		for i, grade := range []string{"国家级", "省级", "州市级", ""} {
			e := store.Enterprise{CreditCode: credit(i), Name: fmt.Sprintf("双柏合作企业%d", i), Grade: grade}
			if _, err := tx.PutEnterprise(&e); err != nil {
				return err
			}
		}
		if err := putAll(tx.PutSchool, []store.School{
			{Code: schoolA, Name: nameA, Type: "中等职业学校", Region: "532322", Ownership: "公办"},
			{Code: schoolB, Name: nameB, Type: "中等职业学校", Region: "532322", Ownership: "公办"},
			{Code: schoolC, Name: nameC, Type: "普通高中", Region: "532322", Ownership: "公办"},
		}); err != nil {
			return err
		}
		if err := putAll(tx.PutMajor, []store.Major{
			{SchoolCode: schoolA, Year: 2024, Code: "710201", Name: "计算机应用", Status: "招生", Enrolled: 100, Enterprises: []string{credit(0)}},
			{SchoolCode: schoolA, Year: 2025, Code: "710201", Name: "计算机应用", Status: "招生", Enrolled: 120, Enterprises: []string{credit(0)}},
			{SchoolCode: schoolB, Year: 2025, Code: "740101", Name: "旅游服务与管理", Status: "招生", Enrolled: 90},
		}); err != nil {
			return err
		}
		if err := putAll(tx.PutAgreement, []store.Agreement{
			{SchoolCode: schoolA, CreditCode: credit(0), Name: "订单培养协议", Type: store.AgreementFormal, Signed: day(2025, 1, 1)},                           // new, open-ended
			{SchoolCode: schoolA, CreditCode: credit(1), Name: "合作意向", Type: store.AgreementIntent, Signed: day(2025, 12, 31)},                           // new on the last day
			{SchoolCode: schoolA, CreditCode: credit(2), Name: "实训基地协议", Type: store.AgreementFormal, Signed: day(2024, 6, 1), Expires: day(2025, 1, 1)}, // expires on the first day: in force
			{SchoolCode: schoolB, CreditCode: credit(0), Name: "旧协议", Type: store.AgreementFormal, Signed: day(2023, 1, 1), Expires: day(2024, 12, 31)},  // expired the day before
			{SchoolCode: schoolB, CreditCode: credit(1), Name: "明年协议", Type: store.AgreementFormal, Signed: day(2026, 1, 1)},                             // signed the day after
			{SchoolCode: schoolB, CreditCode: credit(3), Name: "意向书", Type: store.AgreementIntent, Signed: day(2024, 3, 1)},                              // in force, but an intent: B not covered
		}); err != nil {
			return err
		}
		if err := putAll(tx.PutClass, []store.Class{
			{SchoolCode: schoolA, Year: 2024, Name: "2024订单班", Type: store.ClassOrder, MajorCode: "710201", Students: 5},
			{SchoolCode: schoolA, Year: 2025, Name: "计算机订单班", Type: store.ClassOrder, MajorCode: "710201", CreditCode: credit(0), Students: 20},
			{SchoolCode: schoolA, Year: 2025, Name: "计算机冠名班", Type: store.ClassNamed, MajorCode: "710201", CreditCode: credit(1), Students: 15},
			{SchoolCode: schoolA, Year: 2025, Name: "学徒制班", Type: store.ClassApprentice, MajorCode: "710201", CreditCode: credit(0), Students: 12},
			{SchoolCode: schoolB, Year: 2025, Name: "旅游定向班", Type: store.ClassDirected, MajorCode: "740101", Students: 8},
			{SchoolCode: schoolB, Year: 2025, Name: "企业学徒班", Type: store.ClassEnterprise, CreditCode: credit(3), Students: 30},
		}); err != nil {
			return err
		}
		if err := putAll(tx.PutCarrier, []store.Carrier{
			{Type: "县域产教联合体", Name: "双柏县产教联合体", Level: "州市级", Recognized: 2024, Founded: 2023, LeadSchool: schoolA, MemberSchools: []string{schoolA, schoolB},
				MemberEnterprises: []string{credit(0), credit(1)}},
			{Type: "行业产教融合共同体", Name: "已撤销共同体", Level: "县级", Recognized: 2021, Founded: 2020, Revoked: 2025}, // revoked in the year: not counted
			{Type: "行业产教融合共同体", Name: "绿色食品共同体", Level: "县级", Recognized: 2021, Founded: 2020, Revoked: 2026},
			{Type: "现代产业学院", Name: longCarrier, Level: "省级", Recognized: 2026, Founded: 2025, LeadSchool: schoolA}, // recognised after the year: 未认定, new
			{Type: "乡村振兴学院", Name: "双柏乡村振兴学院", Level: "未认定", Founded: 2025, MemberEnterprises: []string{credit(3)}},
			{Type: "产教融合实践中心", Name: "明年的实践中心", Level: "未认定", Founded: 2026}, // founded after the year: not counted
			{Type: "公共实训基地", Name: "双柏县公共实训基地", Level: "国家级", Recognized: 2025, Founded: 2019, LeadSchool: schoolB,
				MemberEnterprises: []string{credit(0), credit(2)}},
		}); err != nil {
			return err
		}
		return tx.SetTargets(2025, append(store.DefaultTargets(2025),
			store.Target{Year: 2025, Indicator: store.IndAgreements, Value: 0.6},
			store.Target{Year: 2025, Indicator: store.IndCarriers, Categories: []string{store.CarrierCategory("县域产教联合体", "州市级")}, Value: 1},
			store.Target{Year: 2025, Indicator: store.IndCarriers, Categories: []string{store.CarrierCategory("县域产教联合体", "县级")}, Value: 2},
			store.Target{Year: 2025, Indicator: store.IndCarriers, Categories: []string{store.CarrierCategory("现代产业学院", "省级")}, Value: 1},
			store.Target{Year: 2025, Indicator: store.IndIntegrated, Categories: []string{"省级"}, Value: 1},
			store.Target{Year: 2025, Indicator: store.IndOrderClasses, Value: 5},
			store.Target{Year: 2025, Indicator: store.IndApprentices, Value: 10},
		))
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// rowCells is a row as the PDF shows it, by column header: the first row
// with a cell showing label among its first four.
func rowCells(t *testing.T, p *reports.Part, label string) map[string]string {
	t.Helper()
	var row *reports.Row
	for i, r := range p.Rows {
		for j := 0; j < 4 && j < len(r.Cells) && row == nil; j++ {
			if r.Cells[j].Display(false) == label {
				row = &p.Rows[i]
			}
		}
	}
	if row == nil {
		t.Fatalf("%s: no row %q", p.Caption, label)
	}
	out := map[string]string{}
	for i, c := range p.Columns {
		out[c.Header] = row.Cells[i].Display(c.Thousands)
	}
	return out
}

// wantCells checks a row's cells under the given headers.
func wantCells(t *testing.T, p *reports.Part, label string, want map[string]string) {
	t.Helper()
	got := rowCells(t, p, label)
	for h, w := range want {
		if got[h] != w {
			t.Errorf("%s %s: %s is %q, want %q", p.Caption, label, h, got[h], w)
		}
	}
}

// t7 gives 表7's figure columns in order: agreements in force, signed,
// intents signed, then classes and students of the order classes, 现代学徒制
// and 企业新型学徒制.
func t7(n ...int) map[string]string {
	headers := []string{"有效协议数", "本年签订协议数", "本年签订意向书数", "订单班/冠名班/定向班 班数", "订单班/冠名班/定向班 人数",
		"现代学徒制 班数", "现代学徒制 人数", "企业新型学徒制 班数", "企业新型学徒制 人数"}
	out := map[string]string{}
	for i, h := range headers {
		out[h] = itoa(n[i])
	}
	return out
}

// TestTables7And8FromRecords: 表7 counts each school's agreements in force
// and signed in the year and its classes by kind, on both sides of each
// date boundary; 表8 lists the carriers counted in the year at the level
// they count at, and counts them by type and level against the targets;
// 表5 gains the targeted rows with 上年; the letter says it in a sentence.
// The PDF (pdftotext) and the XLSX (excelize) show the same cells.
func TestTables7And8FromRecords(t *testing.T) {
	db := measuresCounty(t)
	r := build(t, db, 2025)

	p7 := table(t, r, 7).Parts[0]
	// A: in force 订单培养协议 (signed 1 Jan), 合作意向 (signed 31 Dec), 实训基地协议
	// (expires 1 Jan); the 2024 class is not counted
	wantCells(t, p7, nameA, t7(3, 1, 1, 2, 35, 1, 12, 0, 0))
	// B: only its 意向书 is in force (旧协议 expired 31 Dec 2024, 明年协议 signed 1 Jan 2026)
	wantCells(t, p7, nameB, t7(1, 0, 0, 1, 8, 0, 0, 1, 30))
	wantCells(t, p7, "合计", t7(4, 1, 1, 3, 43, 1, 12, 1, 30))
	if hasRow(p7, nameC) {
		t.Errorf("表7 lists %s, a 普通高中 without agreements or classes", nameC)
	}

	tb8 := table(t, r, 8)
	list, grid := tb8.Parts[0], tb8.Parts[1]
	var names []string
	for _, row := range list.Rows[:len(list.Rows)-1] {
		names = append(names, row.Cells[2].Text)
	}
	wantNames := []string{"双柏县产教联合体", "绿色食品共同体", longCarrier, "双柏乡村振兴学院", "双柏县公共实训基地"}
	if strings.Join(names, "|") != strings.Join(wantNames, "|") {
		t.Errorf("表8 lists %v, want %v", names, wantNames)
	}
	wantCells(t, list, "双柏县产教联合体", map[string]string{"级别": "州市级", "认定年份": "2024", "牵头学校": nameA, "成员企业数": "2"})
	wantCells(t, list, longCarrier, map[string]string{"载体类型": "现代产业学院", "级别": "未认定", "认定年份": "—", "牵头学校": nameA})
	wantCells(t, list, "双柏乡村振兴学院", map[string]string{"级别": "未认定", "认定年份": "—", "牵头学校": "", "成员企业数": "1"})
	wantCells(t, list, "双柏县公共实训基地", map[string]string{"级别": "国家级", "认定年份": "2025", "牵头学校": nameB})
	wantCells(t, list, "合计", map[string]string{"载体名称": "共5个", "成员企业数": "4"}) // credit 0 in two carriers

	grades := func(national, province, prefecture, county, none, total, fresh int, target ...string) map[string]string {
		m := map[string]string{"国家级": itoa(national), "省级": itoa(province), "州市级": itoa(prefecture), "县级": itoa(county),
			"未认定": itoa(none), "合计": itoa(total), "其中本年新增": itoa(fresh)}
		for i, h := range []string{"目标级别", "目标数", "完成数", "是否达标"} {
			if i < len(target) {
				m[h] = target[i]
			}
		}
		return m
	}
	wantCells(t, grid, "县域产教联合体", grades(0, 0, 1, 0, 0, 1, 0, "州市级及以上", "1", "1", "达标"))
	wantCells(t, grid, "现代产业学院", grades(0, 0, 0, 0, 1, 1, 1, "省级及以上", "1", "0", "未达标"))
	wantCells(t, grid, "行业产教融合共同体", grades(0, 0, 0, 1, 0, 1, 0, "—", "—", "—", "—"))
	wantCells(t, grid, "合计", grades(1, 0, 1, 1, 2, 5, 2, "", "", "", "达标1/3"))
	second := grid.Rows[1] // the county 联合体's second target, under its first
	if got := []string{second.Cells[9].Display(false), second.Cells[10].Display(false), second.Cells[11].Display(false), second.Cells[12].Display(false)}; strings.Join(got, ",") != "县级及以上,2,1,未达标" {
		t.Errorf("表8 second target of 县域产教联合体: %v", got)
	}
	if hasRow(grid, "产教融合实践中心") {
		t.Errorf("表8 counts a carrier founded after the year")
	}

	p5 := table(t, r, 5).Parts[0]
	for label, want := range map[string][4]string{
		// 2024: 实训基地协议 (A), 旧协议 and 意向书 (B) in force, so both schools covered
		"校企合作协议覆盖率":                 {"60.0%", "50.0%", "未达标", "100.0%"},
		"有效校企合作协议数（份）":              {"—", "4", "—", "3"},
		"　其中：本年签订（份）":               {"—", "2", "—", "2"},
		"订单班数（个）":                   {"5", "3", "60.0%", "1"},
		"现代学徒制学生数（人）":               {"10", "12", "120.0%", "0"},
		"产教融合载体数（合计，个）":             {"—", "5", "—", "4"}, // 2024: the 联合体, both 共同体, the 实训基地 (未认定)
		"产教融合载体数（县域产教联合体，州市级及以上，个）": {"1", "1", "100.0%", "1"},
		"产教融合载体数（县域产教联合体，县级及以上，个）":  {"2", "1", "50.0%", "1"},
		"产教融合载体数（现代产业学院，省级及以上，个）":   {"1", "0", "0.0%", "0"},
		"产教融合型企业数（省级及以上，家）":         {"1", "2", "200.0%", "1"}, // 2025: enterprises 0 and 1; 2024: 0
	} {
		got := rowCells(t, p5, label)
		cols := []string{"目标", "完成", "完成率/状态", "上年"}
		for i, h := range cols {
			if want[i] != "" && got[h] != want[i] {
				t.Errorf("表5 %s: %s is %q, want %q", label, h, got[h], want[i])
			}
		}
	}

	checkLetter(t, r,
		"本年度有效校企合作协议4份，其中本年签订合作协议1份、合作意向书1份；校企合作协议覆盖率50.0%（1/2所），目标不低于60.0%，未达标。",
		"开办订单班、冠名班、定向班3个、学生43人，现代学徒制班1个、学生12人，企业新型学徒制班1个、学生30人。",
		"计入统计的产教融合载体5个（国家级1个、州市级1个、县级1个、未认定2个），其中本年新增2个。")

	pdf := pdfBytes(t, r)
	pages := pdfText(t, pdf)
	checkPDFLines(t, pages, "表7", []string{
		"1 " + nameA + " 3 1 1 2 35 1 12 0 0",
		"2 " + nameB + " 1 0 0 1 8 0 0 1 30",
		"合计 4 1 1 3 43 1 12 1 30",
	})
	checkPDFLines(t, pages, "表8", []string{
		"县域产教联合体 0 0 1 0 0 1 0 州市级及以上 1 1 达标",
		"县级及以上 2 1 未达标",
		"合计 1 0 1 1 2 5 2 达标1/3",
	})
	if !strings.Contains(squeeze(pages[0]), squeeze("计入统计的产教融合载体5个（国家级1个、州市级1个、县级1个、未认定2个），其中本年新增2个。")) {
		t.Errorf("the letter's page lacks the carriers sentence")
	}
	checkWraps(t, pdf, tb8, list, "载体名称", longCarrier)
	checkPDF(t, r)

	x := xlsxFile(t, r)
	checkSheetRow(t, x, "表7 校企合作协议与订单班情况", "", nameA, []any{3, 1, 1, 2, 35, 1, 12, 0, 0})
	checkSheetRow(t, x, "表7 校企合作协议与订单班情况", "", "合计", []any{4, 1, 1, 3, 43, 1, 12, 1, 30})
	checkSheetRow(t, x, "表8 产教融合载体情况", grid.Caption, "县域产教联合体", []any{0, 0, 1, 0, 0, 1, 0, "州市级及以上", 1, 1, "达标"})
	checkXLSX(t, r)
}

// checkPDFLines finds each line (its words in order, spaces squeezed) on
// the pages of a table.
func checkPDFLines(t *testing.T, pages []string, table string, lines []string) {
	t.Helper()
	var text []string
	for _, p := range pages[1:] {
		if strings.Contains(p, table+" ") {
			for _, l := range strings.Split(p, "\n") {
				text = append(text, strings.Join(strings.Fields(l), " "))
			}
		}
	}
	all := "\n" + strings.Join(text, "\n") + "\n"
	for _, l := range lines {
		if !strings.Contains(all, l+"\n") && !strings.Contains(all, " "+l+"\n") {
			t.Errorf("%s: no line %q in\n%s", table, l, strings.Join(text, "\n"))
		}
	}
}

// checkWraps checks that a cell of a table's part is printed inside its
// column on more than one line.
func checkWraps(t *testing.T, pdf []byte, tb *reports.Table, p *reports.Part, header, s string) {
	t.Helper()
	col := -1
	for i, c := range p.Columns {
		if c.Header == header {
			col = i
		}
	}
	pages := pdfWords(t, pdf)
	lines := columnLines(pages, tablePages(pages, tb), tb, p)[col]
	want := squeeze(s)
	for i := range lines {
		got := ""
		for j := i; j < len(lines) && lines[j].page == lines[i].page && strings.HasPrefix(want, got+lines[j].text); j++ {
			got += lines[j].text
			if got == want {
				if j == i {
					t.Errorf("%q is printed on one line", s)
				}
				return
			}
		}
	}
	t.Errorf("%q is not printed whole in column %s", s, header)
}

func xlsxFile(t *testing.T, r *reports.Returns) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(xlsxBytes(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// checkSheetRow finds the row whose first or second cell is label, below
// the row that starts with after (if any), and checks the cells after the
// first two: numbers as numbers.
func checkSheetRow(t *testing.T, f *excelize.File, sheet, after, label string, want []any) {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	below := after == ""
	for i, row := range rows {
		if len(row) > 0 && row[0] == after {
			below = true
		}
		if !below || len(row) < 2 || (row[0] != label && row[1] != label) {
			continue
		}
		for j, w := range want {
			col := j + 3
			ref, _ := excelize.CoordinatesToCellName(col, i+1)
			got := ""
			if col-1 < len(row) {
				got = row[col-1]
			}
			typ, _ := f.GetCellType(sheet, ref)
			if got != fmt.Sprint(w) {
				t.Errorf("%s %s: %s is %q, want %v", sheet, label, ref, got, w)
			}
			if _, isNum := w.(int); isNum && typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%s %s: %s is not a number", sheet, label, ref)
			}
		}
		return
	}
	t.Errorf("%s: no row %q", sheet, label)
}

// TestPrefectureShortTables7And8: a prefecture's printed 表7 has a row per
// county with its agreements and classes, then 合计; the schools go to
// 表7明细 (XLSX and the 明细 PDF) with 小计 per county. 表8's list becomes a
// row per unit that recorded carriers (the prefecture's own as 本级), and the
// carriers go to 表8明细, grouped by that unit.
func TestPrefectureShortTables7And8(t *testing.T) {
	db := prefectureWithMeasures(t)
	r := build(t, db, 2025)
	p7 := table(t, r, 7).Parts[0]
	checkUnitRows(t, p7, []string{"楚雄市", "双柏县"}, []reports.RowKind{reports.RowData, reports.RowData})
	wantCells(t, p7, "楚雄市", t7(1, 1, 0, 2, 20, 1, 7, 0, 0))
	wantCells(t, p7, "双柏县", t7(1, 0, 1, 1, 10, 0, 0, 0, 0))
	wantCells(t, p7, "合计", t7(2, 1, 1, 3, 30, 1, 7, 0, 0))
	d7 := detailTable(t, r, 7).Parts[0]
	wantCells(t, d7, "楚雄市职业高级中学", t7(0, 0, 0, 1, 10, 1, 7, 0, 0))
	var labels []string
	for _, row := range d7.Rows {
		labels = append(labels, row.Cells[0].Display(false))
	}
	if got := strings.Join(labels, ","); got != "楚雄市,1,2,小计,双柏县,3,小计,合计" {
		t.Errorf("表7明细 rows %s", got)
	}

	chuxiong := regionName(t, db, "532300") + "（本级）"
	p8 := table(t, r, 8).Parts[0]
	checkUnitRows(t, p8, []string{chuxiong, "楚雄市", "双柏县"}, []reports.RowKind{reports.RowData, reports.RowData, reports.RowData})
	units := map[string]string{"国家级": "0", "省级": "1", "州市级": "0", "县级": "0", "未认定": "0", "合计": "1", "其中本年新增": "0"}
	wantCells(t, p8, chuxiong, units)
	wantCells(t, p8, "合计", map[string]string{"省级": "1", "州市级": "1", "未认定": "1", "合计": "3", "其中本年新增": "1"})
	d8 := detailTable(t, r, 8).Parts[0]
	wantCells(t, d8, "双柏乡村振兴学院", map[string]string{"单位": "双柏县", "级别": "未认定"})
	wantCells(t, d8, "楚雄州市域产教联合体", map[string]string{"单位": chuxiong, "级别": "省级", "认定年份": "2025"})

	checkShortSums(t, r)
	text := squeeze(strings.Join(pdfText(t, pdfBytes(t, r)), ""))
	if strings.Contains(text, "双柏乡村振兴学院") || strings.Contains(text, "楚雄市职业高级中学") {
		t.Errorf("the returns' PDF lists a carrier or a school: they belong in the 明细")
	}
	checkPDF(t, r)
	detail := squeeze(strings.Join(checkDetailPDF(t, r), ""))
	for _, s := range []string{"表7明细", "表8明细", "双柏乡村振兴学院", "楚雄州市域产教联合体"} {
		if !strings.Contains(detail, s) {
			t.Errorf("the 明细 PDF lacks %s", s)
		}
	}
	x := xlsxFile(t, r)
	checkSheetRow(t, x, "表7 校企合作协议与订单班情况", "", "楚雄市", []any{1, 1, 0, 2, 20, 1, 7, 0, 0})
	checkSheetRow(t, x, "表7明细 校企合作协议与订单班情况", "", "1", []any{"楚雄州职业教育中心", 1, 1, 0, 1, 10, 0, 0, 0, 0})
	checkXLSX(t, r)
}

// prefectureWithMeasures is prefectureDB (each school with a 10-student
// 订单班) with two agreements, an apprenticeship and a carrier recorded by
// each county and by the prefecture itself.
func prefectureWithMeasures(t *testing.T) *store.DB {
	db := prefectureDB(t)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := putAll(tx.PutAgreement, []store.Agreement{
			{SchoolCode: "3653010001", CreditCode: "91532300MA00000000", Name: "合作协议", Type: store.AgreementFormal, Signed: day(2025, 3, 1)},
			{SchoolCode: "3653220001", CreditCode: "91532300MA00000002", Name: "意向书", Type: store.AgreementIntent, Signed: day(2025, 4, 1)},
		}); err != nil {
			return err
		}
		c := store.Class{SchoolCode: "3653010002", Year: 2025, Name: "学徒制班", Type: store.ClassApprentice, MajorCode: "710201", Students: 7}
		if _, err := tx.PutClass(&c); err != nil {
			return err
		}
		if err := putAll(tx.PutCarrier, []store.Carrier{
			{UnitCode: "532301", Type: "县域产教联合体", Name: "楚雄市产教联合体", Level: "州市级", Recognized: 2024, Founded: 2023},
			{UnitCode: "532322", Type: "乡村振兴学院", Name: "双柏乡村振兴学院", Level: "未认定", Founded: 2025},
			{Type: "市域产教联合体", Name: "楚雄州市域产教联合体", Level: "省级", Recognized: 2025, Founded: 2024},
		}); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// putAll stores records with one of the Tx's Put methods.
func putAll[T any](put func(*T) (bool, error), records []T) error {
	for i := range records {
		if _, err := put(&records[i]); err != nil {
			return err
		}
	}
	return nil
}

// TestProvinceShortTable8: a province's 表8 lists its own carriers as 本级,
// then each prefecture (its carriers and its counties' together) followed
// by the units under it that recorded carriers; 表8明细 groups them by the
// unit that recorded them.
func TestProvinceShortTable8(t *testing.T) {
	db := unitDB(t, store.Unit{Code: "530000", Name: "云南省教育厅", Level: store.LevelProvince}, []testSchool{
		{"3653010001", "楚雄州职业教育中心", "532301", 12, 100},
		{"3601020001", "昆明市五华职业学校", "530102", 10, 80},
	})
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		return putAll(tx.PutCarrier, []store.Carrier{
			{Type: "职业教育集团", Name: "云南省职业教育集团", Level: "国家级", Recognized: 2020, Founded: 2018},
			{UnitCode: "530102", Type: "现代产业学院", Name: "五华数字产业学院", Level: "县级", Recognized: 2025, Founded: 2024},
			{UnitCode: "532300", Type: "市域产教联合体", Name: "楚雄州市域产教联合体", Level: "省级", Recognized: 2025, Founded: 2024},
			{UnitCode: "532301", Type: "县域产教联合体", Name: "楚雄市产教联合体", Level: "州市级", Recognized: 2024, Founded: 2023},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	r := build(t, db, 2025)
	kunming, chuxiong := regionName(t, db, "530100"), regionName(t, db, "532300")
	p8 := table(t, r, 8).Parts[0]
	checkUnitRows(t, p8, []string{"云南省（本级）", kunming, "　五华区", chuxiong, "　" + chuxiong + "（本级）", "　楚雄市"},
		[]reports.RowKind{reports.RowSubtotal, reports.RowSubtotal, reports.RowData, reports.RowSubtotal, reports.RowData, reports.RowData})
	wantCells(t, p8, chuxiong, map[string]string{"省级": "1", "州市级": "1", "合计": "2", "其中本年新增": "0"})
	wantCells(t, p8, "合计", map[string]string{"国家级": "1", "省级": "1", "州市级": "1", "县级": "1", "合计": "4"})
	d8 := detailTable(t, r, 8).Parts[0]
	wantCells(t, d8, "楚雄州市域产教联合体", map[string]string{"单位": chuxiong + "（本级）"})
	wantCells(t, d8, "五华数字产业学院", map[string]string{"单位": "五华区"})
	checkShortSums(t, r)
	checkXLSX(t, r)
	checkDetailPDF(t, r)
}
