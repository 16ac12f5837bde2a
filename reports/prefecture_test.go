package reports_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"chanjiao/reports"
	"chanjiao/store"
)

// prefectureDB holds a prefecture's records by hand: two schools in 楚雄市,
// one in 双柏县 (one short of the target), one year only, no signatories.
func prefectureDB(t *testing.T) *store.DB {
	db := openDB(t)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.SetUnit(store.Unit{Code: "532300", Name: "楚雄州教育体育局", Level: store.LevelPrefecture}); err != nil {
			return err
		}
		for i := 0; i < 3; i++ {
			e := store.Enterprise{CreditCode: fmt.Sprintf("91532300MA%08d", i), Name: fmt.Sprintf("合作企业%d", i+1)}
			if _, err := tx.PutEnterprise(&e); err != nil {
				return err
			}
		}
		schools := []struct {
			code, name, region string
			persons, grads     int
		}{
			{"3653010001", "楚雄州职业教育中心", "532301", 12, 100},
			{"3653010002", "楚雄市职业高级中学", "532301", 10, 80},
			{"3653220001", "双柏县职业高级中学", "532322", 6, 50},
		}
		for si, s := range schools {
			sc := store.School{Code: s.code, Name: s.name, Type: "中等职业学校", Region: s.region, Ownership: "公办"}
			if _, err := tx.PutSchool(&sc); err != nil {
				return err
			}
			m := store.Major{SchoolCode: s.code, Year: 2025, Code: "710201", Name: "计算机应用", Status: "招生", Enrolled: 3 * s.grads,
				Graduates: s.grads, Progressed: s.grads * (55 + 5*si) / 100, OrderClass: 10, Enterprises: []string{fmt.Sprintf("91532300MA%08d", si)}}
			if _, err := tx.PutMajor(&m); err != nil {
				return err
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

// TestPrefectureGroupsByCounty checks the rows grouped by county, each with
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
	p := table(t, r, 3).Parts[0]
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
	p1 := table(t, r, 1).Parts[0]
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
