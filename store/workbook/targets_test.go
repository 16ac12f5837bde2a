package workbook_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/storetest"
	"chanjiao/store/workbook"
)

// The 目标 sheet and the 任务清单 (measures.md "Sheet 目标", "Targets sent
// down"; issue 17).

var prefecture = store.Unit{Code: "532300", Name: "楚雄州", Level: store.LevelPrefecture}

// targetsBook is a workbook of one 目标 sheet.
func targetsBook(t testing.TB, rows ...[]any) string {
	t.Helper()
	return writeBook(t, sheetRows{workbook.SheetTargets, append([][]any{hTargets}, rows...)})
}

// targetsText is the unit's targets of year, as indicator[分类]=value, with
// (assigned) after one the level above assigned.
func targetsText(t testing.TB, db *store.DB, year int) string {
	t.Helper()
	var ts []store.Target
	if err := db.View(context.Background(), func(tx *store.Tx) (err error) { ts, err = tx.Targets(year); return err }); err != nil {
		t.Fatal(err)
	}
	return targetList(ts)
}

func targetList(ts []store.Target) string {
	var parts []string
	for _, x := range ts {
		s := fmt.Sprintf("%s[%s]=%g", x.Indicator, x.Category(), x.Value)
		if x.Assigned != nil {
			s += fmt.Sprintf("(assigned %g)", *x.Assigned)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func assignedText(t testing.TB, db *store.DB, code string, year int) string {
	t.Helper()
	var ts []store.Target
	if err := db.View(context.Background(), func(tx *store.Tx) (err error) { ts, err = tx.AssignedTargets(code, year); return err }); err != nil {
		t.Fatal(err)
	}
	return targetList(ts)
}

// Each row for this unit sets that one target and leaves the others: a rate
// as 55% or 0.65, a count, 无 removing a default, a training target's
// 培训对象 in any order. The same sheet again changes nothing.
func TestTargetsSheetSetsOneTargetAndLeavesTheOthers(t *testing.T) {
	db := openDB(t) // 牟定县; 2025 defaults: secondment 10, progression 60%
	path := targetsBook(t,
		[]any{"532323", 2025, "双师型教师占比", nil, "55%"},
		[]any{"532323", 2025, "中职升学率", nil, 0.65},
		[]any{"532323", 2025, "每校互派互聘人数", nil, "无"},
		[]any{"532323", 2025, "获奖数", "省级", 3},
		[]any{"532323", 2025, "职业技能培训人次", "企业职工、在校学生", "500"},
		[]any{"532323", 2025, "政校企活动频次", "联席会议", 4},
	)
	res := importOK(t, db, path)
	if res.Added["目标"] != 2 || res.Updated["目标"] != 4 { // 获奖数 and training are new; the rest replace defaults
		t.Errorf("目标: %s, want 2 added and 4 updated", res.Summary())
	}
	want := "training[在校学生、企业职工]=500 progression[]=0.65 dual_qualified[]=0.55 awards[省级]=3 activities[联席会议]=4 activities[政校企交流会议]=4 activities[政校企推进会议]=2"
	if got := targetsText(t, db, 2025); got != want {
		t.Errorf("targets = %s\nwant      %s", got, want)
	}
	before := dump(t, db, true)
	res = importOK(t, db, path)
	if res.Unchanged["目标"] != 6 || res.Added["目标"]+res.Updated["目标"] != 0 || dump(t, db, true) != before {
		t.Errorf("the same sheet again: %s", res.Summary())
	}
	// one row: that target only; a training target takes over the 培训对象 it shares
	importOK(t, db, targetsBook(t, []any{"532323", 2025, "获奖数", "省级", 4}, []any{"532323", 2025, "职业技能培训人次", "在校学生", 300}))
	want = "training[在校学生]=300 progression[]=0.65 dual_qualified[]=0.55 awards[省级]=4 activities[联席会议]=4 activities[政校企交流会议]=4 activities[政校企推进会议]=2"
	if got := targetsText(t, db, 2025); got != want {
		t.Errorf("after one row = %s\nwant            %s", got, want)
	}
	if got := targetsText(t, db, 2024); got != "secondment[]=10 dual_qualified[]=0.5 activities[联席会议]=2 activities[政校企交流会议]=4 activities[政校企推进会议]=2" {
		t.Errorf("another year's targets = %s, want the default", got)
	}

	// the export writes what was set: the removed default as 无, no unchanged default
	out := filepath.Join(t.TempDir(), "export.xlsx")
	if err := workbook.Export(context.Background(), db, 2025, out); err != nil {
		t.Fatal(err)
	}
	wantRows := []string{"532323|2025|每校互派互聘人数||无", "532323|2025|职业技能培训人次|在校学生|300", "532323|2025|中职升学率||65%",
		"532323|2025|双师型教师占比||55%", "532323|2025|获奖数|省级|4", "532323|2025|政校企活动频次|联席会议|4"}
	if got := sheetLines(t, out); got != strings.Join(wantRows, "\n") {
		t.Errorf("目标 rows:\n%s\nwant\n%s", got, strings.Join(wantRows, "\n"))
	}
	fresh := openDB(t)
	importOK(t, fresh, out)
	if got, want := targetsText(t, fresh, 2025), targetsText(t, db, 2025); got != want {
		t.Errorf("the export's targets in a fresh database = %s, want %s", got, want)
	}
}

// Every rule of the 目标 sheet, broken on row 3 (row 2 is good): the errors
// are exactly the cells that break it, and the database stays as it was.
func TestTargetRulesAreLocatedErrors(t *testing.T) {
	good := []any{"532323", 2025, "获奖数", "省级", 3}
	cases := []struct {
		name string
		row  []any
		want string
	}{
		{"no unit", []any{nil, 2025, "获奖数", "省级", 3}, "3|区划代码"},
		{"five digits", []any{"53232", 2025, "获奖数", "省级", 3}, "3|区划代码"},
		{"unknown region", []any{"539999", 2025, "获奖数", "省级", 3}, "3|区划代码"},
		{"another county", []any{"532301", 2025, "获奖数", "省级", 3}, "3|区划代码"},
		{"no year", []any{"532323", nil, "获奖数", "省级", 3}, "3|统计年度"},
		{"unknown indicator", []any{"532323", 2025, "升学人数", nil, 3}, "3|指标"},
		{"no indicator", []any{"532323", 2025, nil, nil, 3}, "3|指标"},
		{"no value", []any{"532323", 2025, "订单班数", nil, nil}, "3|目标值"},
		{"a rate above 1", []any{"532323", 2025, "中职升学率", nil, 60}, "3|目标值"},
		{"a rate above 100%", []any{"532323", 2025, "中职升学率", nil, "120%"}, "3|目标值"},
		{"not a number", []any{"532323", 2025, "订单班数", nil, "十个"}, "3|目标值"},
		{"a count as a percentage", []any{"532323", 2025, "订单班数", nil, "5%"}, "3|目标值"},
		{"a count not whole", []any{"532323", 2025, "订单班数", nil, 2.5}, "3|目标值"},
		{"periods not 1, 2, 4 or 12", []any{"532323", 2025, "政校企活动频次", "联席会议", 3}, "3|目标值"},
		{"a level that is not one", []any{"532323", 2025, "获奖数", "市级", 3}, "3|分类"},
		{"a category where there is none", []any{"532323", 2025, "订单班数", "国家级", 3}, "3|分类"},
		{"an unknown 培训对象", []any{"532323", 2025, "职业技能培训人次", "在校学生、退休人员", 3}, "3|分类"},
		{"a carrier category", []any{"532323", 2025, "产教融合载体数", "县域产教联合体", 3}, "3|分类"},
		{"assigned by a unit not above", []any{"532323", 2025, "获奖数", "国家级", 3, "532800"}, "3|下达单位"},
		{"an assigned target removed", []any{"532323", 2025, "获奖数", "国家级", "无", "532300"}, "3|目标值"},
		{"same key", []any{"532323", 2025, "获奖数", "省级", "4"}, "3|"},
	}
	db := openDB(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			refusedAt(t, db, targetsBook(t, good, tc.row), []string{"目标|" + tc.want})
		})
	}
	// a school's file may not set targets
	before := dbState(t, db)
	_, err := workbook.ImportWith(context.Background(), db, targetsBook(t, good), workbook.ImportOptions{OnlySchool: schoolA})
	sameList(t, "a school's file", locs(refused(t, err).Issues, false), []string{"目标|0|"}, refused(t, err).Issues)
	if dbState(t, db) != before {
		t.Error("a refused school's file changed the database")
	}
}

// A prefecture's 目标 sheet sets its own targets and, for a county under it,
// the targets it assigns (merged with those it assigned before, 无 taking one
// back); a unit neither itself nor directly under it is an error. Its export
// writes both kinds, and each county's 任务清单 holds that county's rows.
func TestPrefectureAssignsTargetsFromTheSheet(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, &prefecture)
	err := db.Update(ctx, func(tx *store.Tx) error {
		return tx.AssignTargets("532301", 2025, []store.Target{
			{Year: 2025, Indicator: store.IndSecondment, Value: 12},
			{Year: 2025, Indicator: store.IndAwards, Categories: []string{store.GradeProvince}, Value: 2},
			{Year: 2025, Indicator: store.IndOrderClasses, Value: 6},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]any{
		{"532801", 2025, "订单班数", nil, 3},           // a county of another prefecture
		{"530000", 2025, "订单班数", nil, 3},           // the province above
		{"532301", 2025, "订单班数", nil, 3, "532323"}, // assigned by a county
	} {
		before := dbState(t, db)
		_, err := workbook.Import(ctx, db, targetsBook(t, bad))
		if re := refused(t, err); len(re.Issues) != 1 || re.Issues[0].Row != 2 {
			t.Errorf("row %v: issues %s", bad, issuesText(re.Issues))
		}
		if dbState(t, db) != before {
			t.Error("a refused workbook changed the database")
		}
	}
	res := importOK(t, db, targetsBook(t,
		[]any{"532301", 2025, "获奖数", "省级", 5},
		[]any{"532301", 2025, "每校互派互聘人数", nil, "无"},
		[]any{"532323", 2025, "双师型教师占比", nil, "60%", "532300"},
		[]any{"532300", 2025, "中职升学率", nil, "70%"},
	))
	if res.Added["目标"] != 1 || res.Updated["目标"] != 3 {
		t.Errorf("目标: %s, want 1 added (牟定县's) and 3 updated (a value, a removal, the own target)", res.Summary())
	}
	if got, want := assignedText(t, db, "532301", 2025), "order_classes[]=6 awards[省级]=5"; got != want {
		t.Errorf("assigned to 楚雄市 = %s, want %s", got, want)
	}
	if got, want := assignedText(t, db, "532323", 2025), "dual_qualified[]=0.6"; got != want {
		t.Errorf("assigned to 牟定县 = %s, want %s", got, want)
	}
	if got, want := targetsText(t, db, 2025), "secondment[]=10 progression[]=0.7 dual_qualified[]=0.5 activities[联席会议]=2 activities[政校企交流会议]=4 activities[政校企推进会议]=2"; got != want {
		t.Errorf("own targets = %s, want %s", got, want)
	}

	out := filepath.Join(t.TempDir(), "export.xlsx")
	if err := workbook.Export(ctx, db, 2025, out); err != nil {
		t.Fatal(err)
	}
	wantRows := []string{"532300|2025|中职升学率||70%", "532301|2025|订单班数||6|532300", "532301|2025|获奖数|省级|5|532300",
		"532323|2025|双师型教师占比||60%|532300"}
	if got := sheetLines(t, out); got != strings.Join(wantRows, "\n") {
		t.Errorf("export 目标:\n%s\nwant\n%s", got, strings.Join(wantRows, "\n"))
	}
	// the export imported again into the prefecture changes nothing
	before := dump(t, db, true)
	if res := importOK(t, db, out); res.Unchanged["目标"] != 4 || dump(t, db, true) != before {
		t.Errorf("the export again: %s", res.Summary())
	}

	list := filepath.Join(t.TempDir(), "532323_牟定县_2025_任务清单.xlsx")
	if err := workbook.WriteTaskList(db, "532323", 2025, list); err != nil {
		t.Fatal(err)
	}
	if got, want := sheetLines(t, list), "532323|2025|双师型教师占比||60%|532300"; got != want {
		t.Errorf("任务清单 rows = %s, want %s", got, want)
	}
	for _, code := range []string{"532322", "532801", "532300"} { // nothing assigned; not under it; itself
		if err := workbook.WriteTaskList(db, code, 2025, filepath.Join(t.TempDir(), code+".xlsx")); err == nil || store.ErrorCode(err) != store.EInvalid {
			t.Errorf("WriteTaskList(%s) = %v, want a refusal", code, err)
		}
	}
}

// sheetLines is the 目标 sheet's data rows, cells joined with |.
func sheetLines(t testing.TB, path string) string {
	t.Helper()
	rows, err := openBook(t, path).GetRows(workbook.SheetTargets)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, strings.Join(r, "|"))
	}
	return strings.Join(out, "\n")
}

// A county imports its 任务清单: the targets become assigned ones (the
// others stay); the same file again changes nothing; a clerk's later row
// changes the value and keeps the assigned one beside it. Another county's
// 任务清单 is refused, naming both.
func TestCountyImportsItsTaskList(t *testing.T) {
	ctx := context.Background()
	pref := storetest.Open(t, &prefecture)
	err := pref.Update(ctx, func(tx *store.Tx) error {
		for code, v := range map[string]float64{"532323": 0.6, "532301": 0.5} {
			if err := tx.AssignTargets(code, 2025, []store.Target{
				{Year: 2025, Indicator: store.IndDualQualified, Value: v},
				{Year: 2025, Indicator: store.IndActivities, Categories: []string{store.ActivityExchange}, Value: 4},
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	own, other := filepath.Join(dir, "532323_牟定县_2025_任务清单.xlsx"), filepath.Join(dir, "532301_楚雄市_2025_任务清单.xlsx")
	for path, code := range map[string]string{own: "532323", other: "532301"} {
		if err := workbook.WriteTaskList(pref, code, 2025, path); err != nil {
			t.Fatal(err)
		}
	}

	db := openDB(t) // 牟定县
	importOK(t, db, targetsBook(t, []any{"532323", 2025, "订单班数", nil, 8}))
	msg := store.ErrorMessage(func() error { _, err := workbook.Import(ctx, db, other); return err }())
	refusePath(t, db, other, "任务清单", "（532300）下达给", "楚雄市", "牟定县")
	if strings.Count(msg, "\n") > 3 {
		t.Errorf("another county's 任务清单: a long message %q", msg)
	}

	res := importOK(t, db, own)
	if res.Added["目标"]+res.Updated["目标"] != 2 { // both replace a default
		t.Errorf("任务清单: %s", res.Summary())
	}
	want := "secondment[]=10 progression[]=0.6 dual_qualified[]=0.6(assigned 0.6) order_classes[]=8 activities[联席会议]=2 " +
		"activities[政校企交流会议]=4(assigned 4) activities[政校企推进会议]=2"
	if got := targetsText(t, db, 2025); got != want {
		t.Errorf("targets = %s\nwant      %s", got, want)
	}
	before := dump(t, db, true)
	if res := importOK(t, db, own); res.Unchanged["目标"] != 2 || dump(t, db, true) != before {
		t.Errorf("the 任务清单 again: %s", res.Summary())
	}
	importOK(t, db, targetsBook(t, []any{"532323", 2025, "双师型教师占比", nil, "65%"}))
	want = strings.Replace(want, "dual_qualified[]=0.6(assigned 0.6)", "dual_qualified[]=0.65(assigned 0.6)", 1)
	if got := targetsText(t, db, 2025); got != want {
		t.Errorf("after the clerk's change = %s\nwant                      %s", got, want)
	}
	// the same 任务清单 again does not undo the clerk's change
	if res := importOK(t, db, own); res.Unchanged["目标"] != 2 || targetsText(t, db, 2025) != want {
		t.Errorf("the 任务清单 after the clerk's change: %s; targets %s", res.Summary(), targetsText(t, db, 2025))
	}

	// the county's export carries both values: a fresh database gets the same
	out := filepath.Join(t.TempDir(), "export.xlsx")
	if err := workbook.Export(ctx, db, 2025, out); err != nil {
		t.Fatal(err)
	}
	wantRows := []string{"532323|2025|双师型教师占比||60%|532300", "532323|2025|双师型教师占比||65%", "532323|2025|订单班数||8",
		"532323|2025|政校企活动频次|政校企交流会议|4|532300"}
	if got := sheetLines(t, out); got != strings.Join(wantRows, "\n") {
		t.Errorf("export 目标:\n%s\nwant\n%s", got, strings.Join(wantRows, "\n"))
	}
	fresh := openDB(t)
	importOK(t, fresh, out)
	if got := targetsText(t, fresh, 2025); got != want {
		t.Errorf("the export in a fresh database = %s\nwant                             %s", got, want)
	}
	before = dump(t, db, true)
	if res := importOK(t, db, out); res.Added["目标"]+res.Updated["目标"] != 0 || dump(t, db, true) != before {
		t.Errorf("the export in its own database: %s", res.Summary())
	}
}
