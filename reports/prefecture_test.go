package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chanjiao/reports"
	"chanjiao/store"
)

// prefectureDB holds a prefecture's records by hand: two schools in 楚雄市,
// one in 双柏县 (one short of the target), one year only, no signatories.
func prefectureDB(t *testing.T) *store.DB {
	return unitDB(t, store.Unit{Code: "532300", Name: "楚雄州教育体育局", Level: store.LevelPrefecture}, []testSchool{
		{"3653010001", "楚雄州职业教育中心", "532301", 12, 100},
		{"3653010002", "楚雄市职业高级中学", "532301", 10, 80},
		{"3653220001", "双柏县职业高级中学", "532322", 6, 50},
	})
}

// testSchool is a school of unitDB: its 互派互聘 persons and graduates.
type testSchool struct {
	code, name, region string
	persons, grads     int
}

// unitDB holds a unit above county level with one major, persons stints,
// one training and a 10-student 订单班 per school, in 2025.
func unitDB(t *testing.T, u store.Unit, schools []testSchool) *store.DB {
	return unitDBWith(t, u, schools, true)
}

// unitDBWith is unitDB, with or without the 订单班.
func unitDBWith(t *testing.T, u store.Unit, schools []testSchool, orderClasses bool) *store.DB {
	db := openDB(t)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.SetUnit(u); err != nil {
			return err
		}
		for i := 0; i < 3; i++ {
			e := store.Enterprise{CreditCode: fmt.Sprintf("91532300MA%08d", i), Name: fmt.Sprintf("合作企业%d", i+1)}
			if _, err := tx.PutEnterprise(&e); err != nil {
				return err
			}
		}
		for si, s := range schools {
			sc := store.School{Code: s.code, Name: s.name, Type: "中等职业学校", Region: s.region, Ownership: "公办"}
			if _, err := tx.PutSchool(&sc); err != nil {
				return err
			}
			m := store.Major{SchoolCode: s.code, Year: 2025, Code: "710201", Name: "计算机应用", Status: "招生", Enrolled: 3 * s.grads,
				Graduates: s.grads, Progressed: s.grads * (55 + 5*si) / 100, Enterprises: []string{fmt.Sprintf("91532300MA%08d", si%3)}}
			if _, err := tx.PutMajor(&m); err != nil {
				return err
			}
			if orderClasses {
				c := store.LegacyOrderClass(m, 10)
				if _, err := tx.PutClass(&c); err != nil {
					return err
				}
			}
			for p := 0; p < s.persons; p++ {
				st := store.Secondment{SchoolCode: s.code, CreditCode: fmt.Sprintf("91532300MA%08d", p%3), Name: fmt.Sprintf("%s人员%d", s.code, p),
					PersonKey: fmt.Sprintf("%s-%d", s.code, p), Direction: store.Directions[p%2], Post: "兼职教师",
					Start: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
				if _, err := tx.PutSecondment(&st); err != nil {
					return err
				}
			}
			tr := store.Training{SchoolCode: s.code, Name: "农村劳动力培训", Category: "农村劳动力", Count: 1000 * (si + 1),
				Start: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}
			if _, err := tx.PutTraining(&tr); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// TestPrefectureGroupsByCounty checks the 明细 rows grouped by county, each with
// its 小计 from the store's computation over that county's records, then
// 合计; no previous year, so 表5's 上年 stays blank; the default 制表机关 is
// the province from the region catalogue. Both files carry every figure.
func TestPrefectureGroupsByCounty(t *testing.T) {
	db := prefectureDB(t)
	r := build(t, db, 2025)
	f := indicators(t, db, 2025)
	if r.Authority != "云南省教育行政部门" {
		t.Errorf("制表机关 %q, want the province's", r.Authority)
	}
	if r.Previous != nil {
		t.Errorf("Previous is set though 2024 has no records")
	}
	p := detailTable(t, r, 3).Parts[0]
	var kinds []reports.RowKind
	var labels []string
	for _, row := range p.Rows {
		kinds = append(kinds, row.Kind)
		labels = append(labels, row.Cells[0].Display(false))
	}
	wantLabels := []string{"楚雄市", "1", "2", "小计", "双柏县", "3", "小计", "合计"}
	if strings.Join(labels, ",") != strings.Join(wantLabels, ",") {
		t.Fatalf("表3 rows %v, want %v", labels, wantLabels)
	}
	want := []reports.RowKind{reports.RowGroup, reports.RowData, reports.RowData, reports.RowSubtotal, reports.RowGroup, reports.RowData, reports.RowSubtotal, reports.RowTotal}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("row %d kind %v, want %v", i, kinds[i], want[i])
		}
	}
	sub1, sub2, total := p.Rows[3], p.Rows[6], p.Rows[7]
	for _, c := range []struct {
		row     reports.Row
		persons int
		met     string
	}{{sub1, 22, "达标学校2/2"}, {sub2, 6, "达标学校0/1"}, {total, 28, fmt.Sprintf("达标学校%d/%d", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)}} {
		if got := cell(t, p, c.row, "合计(人)"); got != itoa(c.persons) {
			t.Errorf("%s 合计(人) %s, want %d", c.row.Cells[0].Text, got, c.persons)
		}
		if got := cell(t, p, c.row, "是否达标"); got != c.met {
			t.Errorf("%s 是否达标 %s, want %s", c.row.Cells[0].Text, got, c.met)
		}
	}
	// 表1: the county's pooled 升学率, never an average of the schools'
	p1 := detailTable(t, r, 1).Parts[0]
	chuxiong := float64(55+60*80/100) / float64(180)
	if got := cell(t, p1, p1.Rows[3], "升学率"); got != store.FormatRate(&chuxiong) {
		t.Errorf("楚雄市 小计 升学率 %s, want %s", got, store.FormatRate(&chuxiong))
	}
	if got := cell(t, p1, p1.Rows[len(p1.Rows)-1], "升学率"); got != store.FormatRate(f.Progression.Rate) {
		t.Errorf("合计 升学率 %s, want %s", got, store.FormatRate(f.Progression.Rate))
	}
	// 表5: 上年 blank
	for _, row := range table(t, r, 5).Parts[0].Rows {
		if row.Cells[4].Display(false) != "" || row.Cells[5].Display(false) != "" {
			t.Errorf("表5 %s has 上年 %q %q", row.Cells[0].Text, row.Cells[4].Display(false), row.Cells[5].Display(false))
		}
	}
	if !strings.Contains(strings.Join(r.Letter.Paragraphs, ""), "1所未达标（双柏县职业高级中学），共差4人") {
		t.Errorf("letter: %v", r.Letter.Paragraphs)
	}
	checkXLSX(t, r)
	checkPDF(t, r)
}

// TestPrefectureShortReturns: a prefecture's printed tables 1–4 list one row
// per county with its totals, then 合计 equal to the sum of the 明细 rows;
// the schools are in the 明细 sheets (with 单位 and 小计 per county) and in
// the 明细 PDF, not in the returns' PDF.
func TestPrefectureShortReturns(t *testing.T) {
	r := build(t, prefectureDB(t), 2025)
	p3 := table(t, r, 3).Parts[0]
	checkUnitRows(t, p3, []string{"楚雄市", "双柏县"}, []reports.RowKind{reports.RowData, reports.RowData})
	for label, want := range map[string][2]string{"楚雄市": {"22", "达标学校2/2"}, "双柏县": {"6", "达标学校0/1"}, "合计": {"28", "达标学校2/3"}} {
		row := findRow(t, p3, label)
		if got := [2]string{cell(t, p3, row, "合计(人)"), cell(t, p3, row, "达标学校")}; got != want {
			t.Errorf("表3 %s: %v, want %v", label, got, want)
		}
	}
	checkShortSums(t, r)

	pages := pdfText(t, pdfBytes(t, r))
	text := squeeze(strings.Join(pages, ""))
	for _, school := range []string{"楚雄州职业教育中心", "楚雄市职业高级中学"} {
		if strings.Contains(text, school) {
			t.Errorf("the returns' PDF names the school %s: its rows belong in the 明细", school)
		}
	}
	if !strings.Contains(text, squeeze(p3.Rows[0].Cells[1].Text)) {
		t.Errorf("the returns' PDF lacks the county row %q", p3.Rows[0].Cells[1].Text)
	}
	checkPDF(t, r)
	detail := squeeze(strings.Join(checkDetailPDF(t, r), ""))
	for _, school := range []string{"楚雄州职业教育中心", "楚雄市职业高级中学", "双柏县职业高级中学"} {
		if !strings.Contains(detail, school) {
			t.Errorf("the 明细 PDF lacks %s", school)
		}
	}
	checkXLSX(t, r)
	checkDetailSheets(t, r, map[string]string{"楚雄州职业教育中心": "楚雄市", "楚雄市职业高级中学": "楚雄市", "双柏县职业高级中学": "双柏县"}, 2)
}

// TestProvinceShortReturns: a province's short tables list each prefecture
// (bold) followed by its counties; a prefecture's row is the sum of its
// counties', the 合计 the sum of the prefectures'.
func TestProvinceShortReturns(t *testing.T) {
	db := unitDB(t, store.Unit{Code: "530000", Name: "云南省教育厅", Level: store.LevelProvince}, []testSchool{
		{"3653010001", "楚雄州职业教育中心", "532301", 12, 100},
		{"3653220001", "双柏县职业高级中学", "532322", 6, 50},
		{"3653220002", "双柏县第二职业中学", "532322", 11, 40},
		{"3601020001", "昆明市五华职业学校", "530102", 10, 80},
	})
	r := build(t, db, 2025)
	chuxiong, kunming := regionName(t, db, "532300"), regionName(t, db, "530100")
	for _, no := range []int{1, 2, 3} {
		p := table(t, r, no).Parts[0]
		checkUnitRows(t, p, []string{kunming, "　五华区", chuxiong, "　楚雄市", "　双柏县"},
			[]reports.RowKind{reports.RowSubtotal, reports.RowData, reports.RowSubtotal, reports.RowData, reports.RowData})
		// a prefecture's row sums its counties'
		for ci, col := range p.Columns {
			if ci < 2 || p.Rows[2].Cells[ci].Kind != reports.CellInt || col.Header == "合作企业数" {
				continue
			}
			if a, b, c := p.Rows[2].Cells[ci].Int, p.Rows[3].Cells[ci].Int, p.Rows[4].Cells[ci].Int; a != b+c {
				t.Errorf("表%d %s: %s %d ≠ 楚雄市 %d + 双柏县 %d", no, col.Header, chuxiong, a, b, c)
			}
		}
	}
	p3 := table(t, r, 3).Parts[0]
	if got := cell(t, p3, p3.Rows[4], "合计(人)"); got != "17" {
		t.Errorf("表3 双柏县 合计(人) %s, want 17", got)
	}
	checkShortSums(t, r)
	checkPDF(t, r)
	checkDetailPDF(t, r)
	checkXLSX(t, r)
	checkDetailSheets(t, r, map[string]string{"楚雄州职业教育中心": "楚雄市", "双柏县职业高级中学": "双柏县",
		"双柏县第二职业中学": "双柏县", "昆明市五华职业学校": "五华区"}, 2)
}

func regionName(t *testing.T, db *store.DB, code string) string {
	reg, ok := db.Ref.Region(code)
	if !ok {
		t.Fatalf("no region %s", code)
	}
	return reg.Name
}

// checkUnitRows checks a short part: one row per unit, labelled and of the
// kind given, numbered when not indented, then 合计.
func checkUnitRows(t *testing.T, p *reports.Part, units []string, kinds []reports.RowKind) {
	t.Helper()
	if p.Columns[1].Header != "单位" || len(p.Rows) != len(units)+1 {
		t.Fatalf("%s: columns %v, %d rows, want 单位 and %d units then 合计", p.Caption, p.Columns[:2], len(p.Rows), len(units))
	}
	seq := 0
	for i, u := range units {
		row := p.Rows[i]
		if row.Cells[1].Text != u || row.Kind != kinds[i] {
			t.Errorf("%s row %d: %q kind %v, want %q kind %v", p.Caption, i, row.Cells[1].Text, row.Kind, u, kinds[i])
		}
		if !strings.HasPrefix(u, "　") {
			seq++
			if row.Cells[0].Display(false) != itoa(seq) {
				t.Errorf("%s %s: 序号 %q, want %d", p.Caption, u, row.Cells[0].Display(false), seq)
			}
		}
	}
	if last := p.Rows[len(units)]; last.Kind != reports.RowTotal || last.Cells[0].Text != "合计" {
		t.Errorf("%s: last row %v is not 合计", p.Caption, last.Cells[0])
	}
}

// checkShortSums: in every short part each count column's 合计 is the sum
// of the top units' rows and of the 明细 table's school rows (合作企业数 is
// counted once per enterprise, so it does not add up).
func checkShortSums(t *testing.T, r *reports.Returns) {
	t.Helper()
	for _, d := range r.Details {
		tb := table(t, r, d.No)
		var short *reports.Part // the part by unit
		for _, p := range tb.Parts {
			if p.Columns[1].Header == "单位" && short == nil {
				short = p
			}
		}
		dp := d.Parts[0]
		total := short.Rows[len(short.Rows)-1]
		for ci, col := range short.Columns {
			if total.Cells[ci].Kind != reports.CellInt || col.Header == "合作企业数" {
				continue
			}
			units := 0
			for _, row := range short.Rows[:len(short.Rows)-1] {
				if !strings.HasPrefix(row.Cells[1].Text, "　") {
					units += row.Cells[ci].Int
				}
			}
			if units != total.Cells[ci].Int {
				t.Errorf("%s %s: units sum to %d, 合计 %d", tb.Caption(), col.Header, units, total.Cells[ci].Int)
			}
			for di, dc := range dp.Columns {
				if dc.Header != col.Header {
					continue
				}
				schools := 0
				for _, row := range dp.Rows {
					if row.Kind == reports.RowData {
						schools += row.Cells[di].Int
					}
				}
				if schools != total.Cells[ci].Int {
					t.Errorf("%s %s: 明细 rows sum to %d, 合计 %d", tb.Caption(), col.Header, schools, total.Cells[ci].Int)
				}
			}
		}
	}
}

// checkDetailSheets reads the 明细 sheets back: 表1明细 and 表3明细 hold a row
// per school with its 单位, and each table groups nGroups units with 小计.
func checkDetailSheets(t *testing.T, r *reports.Returns, unitOf map[string]string, nGroups int) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(xlsxBytes(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, no := range []int{1, 2, 3, 4} {
		name := fmt.Sprintf("表%d明细 %s", no, table(t, r, no).Name)
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatalf("no sheet %s: %v", name, err)
		}
		seen, subtotals := map[string]string{}, 0
		for _, row := range rows {
			if len(row) > 2 && row[0] == "小计" {
				subtotals++
			}
			if len(row) > 2 && unitOf[row[2]] != "" {
				seen[row[2]] = row[1]
			}
		}
		if subtotals != nGroups {
			t.Errorf("%s: %d 小计 rows, want %d", name, subtotals, nGroups)
		}
		if no == 1 || no == 3 {
			for school, unit := range unitOf {
				if seen[school] != unit {
					t.Errorf("%s: %s has 单位 %q, want %q", name, school, seen[school], unit)
				}
			}
		}
	}
}

// TestExportAllWritesDetailWhenAsked: above county level ExportAll writes
// the 明细 PDF beside the returns only with Options.Detail.
func TestExportAllWritesDetailWhenAsked(t *testing.T) {
	db := prefectureDB(t)
	for _, detail := range []bool{false, true} {
		r, err := reports.Build(context.Background(), db, 2025, reports.Options{Date: testDate, Detail: detail})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		out, err := reports.ExportAll(context.Background(), db, r, dir, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(dir, r.FileName()+"明细.pdf")
		_, statErr := os.Stat(want)
		if !detail {
			if out.DetailPDF != "" || statErr == nil {
				t.Errorf("a 明细 PDF without Detail: %+v", out)
			}
			continue
		}
		var buf bytes.Buffer
		if err := reports.WriteDetailPDF(&buf, r); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(want); out.DetailPDF != want || err != nil || !bytes.Equal(got, buf.Bytes()) {
			t.Errorf("明细 PDF %q (%v), want %s with WriteDetailPDF's bytes", out.DetailPDF, err, want)
		}
	}
}

// TestProvinceReturnsStayShort: a province of 1,900 schools and 23,000
// majors prints its returns in at most 80 pages (it was 1,493), and the
// workbook's 表2明细 still holds every major.
func TestProvinceReturnsStayShort(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a province")
	}
	ref, d, st := provinceDataset(t)
	r := reports.BuildDataset(ref, d, st, reports.Options{Date: testDate})
	if n := len(pageRE.FindAll(pdfBytes(t, r), -1)); n > 80 || n < 10 {
		t.Errorf("the province's PDF has %d pages, want 10–80", n)
	}
	f, err := excelize.OpenReader(bytes.NewReader(xlsxBytes(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows("表2明细 专业设置情况")
	if err != nil {
		t.Fatal(err)
	}
	majors := 0
	for rows.Next() {
		cols, _ := rows.Columns()
		if len(cols) > 3 && len(cols[3]) == 6 && cols[2] != "" { // 专业代码 beside 学校名称
			majors++
		}
	}
	if majors != provMajors {
		t.Errorf("表2明细 holds %d majors, want %d", majors, provMajors)
	}
}

// TestExportFileKeepsAnotherFileUnderTheDetailName: a document of another
// kind where the 明细 PDF would go is refused before either PDF is written.
func TestExportFileKeepsAnotherFileUnderTheDetailName(t *testing.T) {
	db := prefectureDB(t)
	r, err := reports.Build(context.Background(), db, 2025, reports.Options{Date: testDate, Detail: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "州报表.pdf")
	notes := filepath.Join(dir, "州报表明细.pdf")
	if err := os.WriteFile(notes, []byte("会议记录：不要丢"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := reports.ExportFile(db, r, "pdf", out); err == nil {
		t.Fatal("the 明细 PDF replaced another document")
	}
	if got, _ := os.ReadFile(notes); string(got) != "会议记录：不要丢" {
		t.Errorf("the document under the 明细 name was changed")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the returns' PDF was written though its 明细 could not be (%v)", err)
	}
}
