package reports_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"chanjiao/reports"
	"chanjiao/store"
)

const (
	schoolX   = "3653010001" // 楚雄市
	schoolY   = "3653220001" // 双柏县
	assessEnt = "91532300MA00000000"
)

func f64(v float64) *float64 { return &v }

// countyFiles are the records 楚雄市 and 双柏县 send up in 2025:
//   - 楚雄市: school X with one stint of 教师企业实践 and 600 农村劳动力 trained,
//     联席会议 on 6-30 and 7-1; it took in its 任务清单 and changed the
//     assigned 教师企业实践人次 1 to 3.
//   - 双柏县: school Y, nothing sent to enterprises, one 联席会议 on 6-30.
func countyFiles() []store.UnitRecords {
	joint := func(unit string, m, d int) store.Activity {
		return store.Activity{UnitCode: unit, Type: store.ActivityJoint, Name: "联席会议", Date: day(2025, m, d)}
	}
	targets := func(practice float64) []store.Target {
		return []store.Target{
			{Year: 2025, Indicator: store.IndSecondment, Value: 2, Assigned: f64(2)},
			{Year: 2025, Indicator: store.IndPractice, Value: practice, Assigned: f64(1)},
			{Year: 2025, Indicator: store.IndActivities, Categories: []string{store.ActivityJoint}, Value: 2, Assigned: f64(2)},
		}
	}
	x := store.UnitRecords{Unit: store.UnitRef{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty},
		Schools: []store.School{{Code: schoolX, Name: "楚雄市职业高级中学", Type: "中等职业学校", Region: "532301", Ownership: "公办"}},
		Secondments: []store.Secondment{{SchoolCode: schoolX, CreditCode: assessEnt, Name: "张一", PersonKey: "k1", Direction: store.DirSchoolToEnterprise,
			Post: store.PostPractice, Start: day(2025, 3, 1)}},
		Trainings: []store.Training{{SchoolCode: schoolX, Name: "农村劳动力培训", Category: "农村劳动力", Count: 600,
			Start: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}},
		Activities: []store.Activity{joint("532301", 6, 30), joint("532301", 7, 1)},
		Targets:    append(targets(3), store.Target{Year: 2025, Indicator: store.IndTraining, Categories: []string{"农村劳动力"}, Value: 500, Assigned: f64(500)}),
	}
	y := store.UnitRecords{Unit: store.UnitRef{Code: "532322", Name: "双柏县教育体育局", Level: store.LevelCounty},
		Schools:    []store.School{{Code: schoolY, Name: "双柏县职业高级中学", Type: "中等职业学校", Region: "532322", Ownership: "公办"}},
		Activities: []store.Activity{joint("532322", 6, 30)},
		Targets:    targets(1),
	}
	return []store.UnitRecords{x, y}
}

// assessedPrefecture is 楚雄州 having assigned targets to 楚雄市, 双柏县 and
// 姚安县 (532325), and received the first two's files; 姚安县 has not sent.
func assessedPrefecture(t *testing.T) *store.DB {
	db := openDB(t)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.SetUnit(store.Unit{Code: "532300", Name: "楚雄州教育体育局", Level: store.LevelPrefecture}); err != nil {
			return err
		}
		assigned := []store.Target{{Indicator: store.IndSecondment, Value: 2}, {Indicator: store.IndPractice, Value: 1},
			{Indicator: store.IndActivities, Categories: []string{store.ActivityJoint}, Value: 2}}
		for _, c := range []string{"532301", "532322", "532325"} {
			ts := assigned
			if c == "532301" {
				ts = append(ts, store.Target{Indicator: store.IndTraining, Categories: []string{"农村劳动力"}, Value: 500})
			}
			if err := tx.AssignTargets(c, 2025, ts); err != nil {
				return err
			}
		}
		ents := []store.Enterprise{{CreditCode: assessEnt, Name: "楚雄合作企业"}}
		for _, u := range countyFiles() {
			if err := tx.ReplaceYear(u.Unit.Code, 2025, []store.UnitRecords{u}, ents); err != nil {
				return err
			}
			if err := tx.PutReceipt(store.Receipt{Sender: u.Unit.Code, Year: 2025, Revision: 1, Digest: "x", FileName: u.Unit.Code + ".cjrh"}, nil); err != nil {
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

// t12 are 表12's cells of a row: 达标指标数, then 完成, 目标 and 达标 of
// 每校互派互聘人数, 职业技能培训人次（农村劳动力）, 教师企业实践人次 and
// 政校企活动频次（联席会议）.
func t12(met string, cells ...string) map[string]string {
	headers := []string{"达标指标数"}
	for _, name := range []string{"每校互派互聘人数", "职业技能培训人次（农村劳动力）", "教师企业实践人次", "政校企活动频次（联席会议）"} {
		headers = append(headers, name+"：完成", "目标#"+name, "达标#"+name)
	}
	out := map[string]string{}
	for i, h := range headers {
		if i == 0 {
			out[h] = met
		} else {
			out[h] = cells[i-1]
		}
	}
	return out
}

// assessRow reads a row of 表12 by unit across its grids, naming each 目标
// and 达标 column after the indicator it follows.
func assessRow(t *testing.T, tb *reports.Table, unit string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range tb.Parts {
		row := findRow(t, p, unit)
		indicator := ""
		for i, c := range p.Columns {
			h := c.Header
			if name, ok := strings.CutSuffix(h, "：完成"); ok {
				indicator = name
			} else if h == "目标" || h == "达标" {
				h += "#" + indicator
			}
			out[h] = row.Cells[i].Display(false)
		}
	}
	return out
}

func wantAssessRow(t *testing.T, tb *reports.Table, unit string, want map[string]string) {
	t.Helper()
	got := assessRow(t, tb, unit)
	for h, w := range want {
		if got[h] != w {
			t.Errorf("表12 %s: %s is %q, want %q", unit, h, got[h], w)
		}
	}
}

// TestPrefectureTable12: 表12 gives each county's done, target and 达标 on
// every indicator assessed, against what the prefecture assigned, with a
// changed target beside the assigned one (1（自定3）), and 达标指标数; the
// county that has not sent is marked 未报送; rows by region code. 表4 shows
// each county's training target. PDF and XLSX alike.
func TestPrefectureTable12(t *testing.T) {
	db := assessedPrefecture(t)
	r := build(t, db, 2025)
	tb := table(t, r, 12)
	if len(tb.Parts) != 2 {
		t.Fatalf("表12 has %d parts, want two grids for four indicators", len(tb.Parts))
	}
	p := tb.Parts[0]
	yaoan := regionName(t, db, "532325")
	checkUnitRows(t, p, []string{"楚雄市", "双柏县", yaoan}, []reports.RowKind{reports.RowData, reports.RowData, reports.RowData})
	// 楚雄市: X sent 0 persons (0 of 1 school met 2), trained 600 ≥ 500, one stint ≥ 1, both half-years held
	wantAssessRow(t, tb, "楚雄市", t12("3/4", "0", "2", "未达标", "600", "500", "达标", "1", "1（自定3）", "达标", "2", "2", "达标"))
	// 双柏县: no training target; nothing sent to enterprises; no 联席会议 in the second half
	wantAssessRow(t, tb, "双柏县", t12("0/3", "0", "2", "未达标", "—", "—", "—", "0", "1", "未达标", "1", "2", "未达标"))
	wantAssessRow(t, tb, yaoan, t12("未报送", "未报送", "2", "—", "—", "—", "—", "未报送", "1", "—", "未报送", "2", "—"))
	// of the two that sent, none met all; each indicator's units met
	wantAssessRow(t, tb, "合计", t12("全部达标0/2", "", "", "0/2", "", "", "1/1", "", "", "1/2", "", "", "1/2"))

	p4 := table(t, r, 4).Parts[2]
	wantCells(t, p4, "楚雄市", map[string]string{"培训对象": "农村劳动力", "目标人次": "500", "完成人次": "600", "完成率": "120.0%", "是否达标": "达标"})
	wantCells(t, p4, "双柏县", map[string]string{"培训对象": "本年度未设目标"})

	pages := pdfText(t, pdfBytes(t, r))
	checkPDFLines(t, pages, "表12", []string{
		"1 楚雄市 3/4 0 2 未达标 600 500 达标 1 1（自定3） 达标",
		"2 双柏县 0/3 0 2 未达标 — — — 0 1 未达标",
		"3 " + yaoan + " 未报送 未报送 2 — — — — 未报送 1 —",
		"1 楚雄市 2 2 达标",
		"2 双柏县 1 2 未达标",
	})
	checkPDF(t, r)
	x := xlsxFile(t, r)
	checkSheetRow(t, x, "表12 各县市主要指标完成情况", "", "楚雄市", []any{"3/4", 0, 2, "未达标", 600, 500, "达标", 1, "1（自定3）", "达标"})
	checkSheetRow(t, x, "表12 各县市主要指标完成情况", tb.Parts[1].Caption, "楚雄市", []any{2, 2, "达标"})
	checkSheetRow(t, x, "表12 各县市主要指标完成情况", "", yaoan, []any{"未报送", "未报送", 2, "—"})
	checkXLSX(t, r)
}

// TestProvinceTable12ListsCounties: a province's 表12 gives each prefecture
// (against the prefecture's own targets, none being assigned) followed by
// the counties its file carried, each against what the prefecture assigned
// it, the changed target beside.
func TestProvinceTable12ListsCounties(t *testing.T) {
	db := openDB(t)
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.SetUnit(store.Unit{Code: "530000", Name: "云南省教育厅", Level: store.LevelProvince}); err != nil {
			return err
		}
		units := append([]store.UnitRecords{{Unit: store.UnitRef{Code: "532300", Name: "楚雄州教育体育局", Level: store.LevelPrefecture},
			Targets: []store.Target{{Year: 2025, Indicator: store.IndSecondment, Value: 2}}}}, countyFiles()...)
		if err := tx.ReplaceYear("5323", 2025, units, []store.Enterprise{{CreditCode: assessEnt, Name: "楚雄合作企业"}}); err != nil {
			return err
		}
		return tx.PutReceipt(store.Receipt{Sender: "532300", Year: 2025, Revision: 1, Digest: "x", FileName: "532300.cjrh"}, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	r := build(t, db, 2025)
	tb := table(t, r, 12)
	p := tb.Parts[0]
	chuxiong := regionName(t, db, "532300")
	checkUnitRows(t, p, []string{chuxiong, "　楚雄市", "　双柏县"}, []reports.RowKind{reports.RowSubtotal, reports.RowData, reports.RowData})
	wantAssessRow(t, tb, chuxiong, t12("0/1", "0", "2", "未达标", "—", "—", "—", "—", "—", "—", "—", "—", "—"))
	wantAssessRow(t, tb, "　楚雄市", t12("3/4", "0", "2", "未达标", "600", "500", "达标", "1", "1（自定3）", "达标", "2", "2", "达标"))
	wantAssessRow(t, tb, "　双柏县", t12("0/3", "0", "2", "未达标", "—", "—", "—", "0", "1", "未达标", "1", "2", "未达标"))
	checkPDF(t, r)
	checkXLSX(t, r)
}
