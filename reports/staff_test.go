package reports_test

import (
	"context"
	"strings"
	"testing"

	"chanjiao/reports"
	"chanjiao/store"
)

// The schools of staffCounty (unitDBWith names them).
const (
	staffA = "3653220001"
	staffB = "3653220002"
	nameSA = "双柏县职业高级中学"
	nameSB = "双柏县民族职业技术学校"
)

func intp(n int) *int { return &n }

// staffCounty is plainCounty with issue 16's records on each side of their
// rules' boundaries, and targets on them in 2025:
//   - 师资: A 20/10/6 (60.0%), 3 兼职; B 12/7/2 (28.5%), no 兼职 given;
//     pooled 8/17 = 47.0%, short of 50%.
//   - 教师企业实践: A two stints (one ending on 1 Jan), B one; a 兼职教师
//     stint and one that ended in 2024 do not count.
//   - awards: A 省级 on 6-30 and 国家级 on 7-1, B 县级 on 1-1; B's 州市级
//     of 2024-12-31 is not the year's.
//   - activities: 联席会议 on 6-30 and 7-1 (both half-years); 政校企交流会议
//     on 3-31, 4-1 and 6-30 (Q1, Q2); 政校企推进会议 on 1-10 and 6-30 (none
//     in the second half); a 走访企业 visiting 5.
//   - majors: A's opened in 2025, B's 停招.
func staffCounty(t *testing.T) *store.DB {
	db := unitDBWith(t, store.Unit{Code: "532322", Name: "双柏县教育体育局", Level: store.LevelCounty, Head: "王芳"}, []testSchool{
		{staffA, nameSA, "532322", 0, 80},
		{staffB, nameSB, "532322", 0, 50},
	}, false)
	ent := "91532300MA00000000"
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := putAll(tx.PutMajor, []store.Major{
			{SchoolCode: staffA, Year: 2025, Code: "730701", Name: "电子商务", Status: store.StatusEnrolling, OpenedYear: 2025, Enrolled: 40},
			{SchoolCode: staffB, Year: 2025, Code: "740101", Name: "旅游服务与管理", Status: store.StatusSuspended, Enrolled: 20},
		}); err != nil {
			return err
		}
		if err := putAll(tx.PutTeachers, []store.Teachers{
			{SchoolCode: staffA, Year: 2025, FullTime: 20, Professional: 10, Dual: 6, PartTime: intp(3)},
			{SchoolCode: staffB, Year: 2025, FullTime: 12, Professional: 7, Dual: 2},
		}); err != nil {
			return err
		}
		stint := func(school, name, post string, start, end [3]int) store.Secondment {
			s := store.Secondment{SchoolCode: school, CreditCode: ent, Name: name, PersonKey: school + name, Direction: store.DirSchoolToEnterprise,
				Post: post, Start: day(start[0], start[1], start[2])}
			if end[0] != 0 {
				s.End = day(end[0], end[1], end[2])
			}
			return s
		}
		if err := putAll(tx.PutSecondment, []store.Secondment{
			stint(staffA, "张一", store.PostPractice, [3]int{2024, 12, 1}, [3]int{2025, 1, 1}),
			stint(staffA, "李二", store.PostPractice, [3]int{2025, 7, 1}, [3]int{}),
			stint(staffA, "王三", "兼职教师", [3]int{2025, 3, 1}, [3]int{}),
			stint(staffA, "赵四", store.PostPractice, [3]int{2024, 3, 1}, [3]int{2024, 12, 31}),
			stint(staffB, "钱五", store.PostPractice, [3]int{2025, 12, 31}, [3]int{}),
		}); err != nil {
			return err
		}
		award := func(school, project, category, level string, date [3]int) store.Award {
			return store.Award{SchoolCode: school, Project: project, Category: category, Level: level, Rank: "一等奖", WinnerType: "学生",
				Winners: "电商代表队", Date: day(date[0], date[1], date[2])}
		}
		if err := putAll(tx.PutAward, []store.Award{
			award(staffA, "全国职业院校技能大赛 电子商务运营 赛项", "教学能力比赛", "国家级", [3]int{2025, 7, 1}),
			award(staffA, "云南省职业院校技能大赛 电子商务运营 赛项", "技能大赛", "省级", [3]int{2025, 6, 30}),
			award(staffB, "双柏县职教风采展示", "其他", "县级", [3]int{2025, 1, 1}),
			award(staffB, "楚雄州职业院校技能大赛", "技能大赛", "州市级", [3]int{2024, 12, 31}),
		}); err != nil {
			return err
		}
		act := func(typ, name string, date [3]int, ents, visited *int) store.Activity {
			return store.Activity{Type: typ, Name: name, Date: day(date[0], date[1], date[2]), Enterprises: ents, Visited: visited}
		}
		if err := putAll(tx.PutActivity, []store.Activity{
			act(store.ActivityJoint, "上半年联席会议", [3]int{2025, 6, 30}, intp(6), nil),
			act(store.ActivityJoint, "下半年联席会议", [3]int{2025, 7, 1}, intp(4), nil),
			act(store.ActivityExchange, "第一季度交流会", [3]int{2025, 3, 31}, intp(10), nil),
			act(store.ActivityExchange, "第二季度交流会", [3]int{2025, 4, 1}, intp(8), nil),
			act(store.ActivityExchange, "第二季度交流会（二）", [3]int{2025, 6, 30}, nil, nil),
			act(store.ActivityAdvance, "年初推进会", [3]int{2025, 1, 10}, intp(5), nil),
			act(store.ActivityAdvance, "年中推进会", [3]int{2025, 6, 30}, intp(5), nil),
			act("走访企业", "走访园区企业", [3]int{2025, 7, 1}, nil, intp(5)),
		}); err != nil {
			return err
		}
		// the defaults (双师型 50%, meetings 2/4/2) and three more
		return tx.SetTargets(2025, append(store.DefaultTargets(2025),
			store.Target{Year: 2025, Indicator: store.IndPractice, Value: 5},
			store.Target{Year: 2025, Indicator: store.IndAwards, Categories: []string{"省级"}, Value: 2},
			store.Target{Year: 2025, Indicator: store.IndAwards, Categories: []string{"州市级"}, Value: 4},
		))
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// cells maps headers to the shown values, in order.
func cells(headers []string, values ...string) map[string]string {
	out := map[string]string{}
	for i, h := range headers {
		out[h] = values[i]
	}
	return out
}

var t9Headers = []string{"专任教师数", "专业课教师数", "双师型教师数", "双师型占比", "兼职教师数", "教师企业实践人次"}

// TestTables9To11FromRecords: 表9 gives each school's 师资 and stints of
// 教师企业实践 and the pooled share against the target; 表10 lists the
// year's awards and counts them by 类别 and 级别 against the targets by
// level; 表11 lists the activities and holds each required meeting to its
// periods, naming the ones still without one (6-30 and 7-1 fall in
// different half-years and quarters); 表5 and the letter say the same. The
// PDF (pdftotext) and the XLSX (excelize) show the same cells.
func TestTables9To11FromRecords(t *testing.T) {
	db := staffCounty(t)
	r := build(t, db, 2025)

	p9 := table(t, r, 9).Parts[0]
	wantCells(t, p9, nameSA, cells(t9Headers, "20", "10", "6", "60.0%", "3", "2"))
	wantCells(t, p9, nameSB, cells(t9Headers, "12", "7", "2", "28.5%", "—", "1"))
	total := cells(t9Headers, "32", "17", "8", "47.0%", "3", "3")
	total["学校名称"] = "双师型占比未达标"
	wantCells(t, p9, "合计", total)

	tb10 := table(t, r, 10)
	list, grid := tb10.Parts[0], tb10.Parts[1]
	var projects []string
	for _, row := range list.Rows[:len(list.Rows)-1] {
		projects = append(projects, row.Cells[2].Text+"@"+row.Cells[8].Text)
	}
	wantProjects := "云南省职业院校技能大赛 电子商务运营 赛项@2025-06-30|全国职业院校技能大赛 电子商务运营 赛项@2025-07-01|双柏县职教风采展示@2025-01-01"
	if got := strings.Join(projects, "|"); got != wantProjects {
		t.Errorf("表10 lists %s, want %s", got, wantProjects)
	}
	wantCells(t, list, "合计", map[string]string{"项目名称": "共3项"})
	grades := []string{"国家级", "省级", "州市级", "县级", "合计"}
	wantCells(t, grid, "技能大赛", cells(grades, "0", "1", "0", "0", "1"))
	wantCells(t, grid, "教学能力比赛", cells(grades, "1", "0", "0", "0", "1"))
	wantCells(t, grid, "其他", cells(grades, "0", "0", "0", "1", "1"))
	wantCells(t, grid, "合计", cells(grades, "1", "1", "0", "1", "3"))
	goals := tb10.Parts[2]
	wantCells(t, goals, "获奖数（省级及以上）", map[string]string{"目标": "2", "完成": "2", "是否达标": "达标"})
	wantCells(t, goals, "获奖数（州市级及以上）", map[string]string{"目标": "4", "完成": "2", "是否达标": "未达标"})

	tb11 := table(t, r, 11)
	acts, types := tb11.Parts[0], tb11.Parts[1]
	if n := len(acts.Rows) - 1; n != 8 {
		t.Errorf("表11 lists %d activities, want 8", n)
	}
	wantCells(t, acts, "合计", map[string]string{"活动名称": "共8次", "参加企业数": "38", "走访企业数": "5"})
	wantCells(t, acts, "走访园区企业", map[string]string{"日期": "2025-07-01", "参加企业数": "—", "走访企业数": "5"})
	typeHeaders := []string{"次数", "走访企业数", "要求", "已开展期数", "是否达标", "尚未开展的期间"}
	wantCells(t, types, store.ActivityJoint, cells(typeHeaders, "2", "0", "每半年", "2/2", "达标", ""))
	wantCells(t, types, store.ActivityExchange, cells(typeHeaders, "3", "0", "每季度", "2/4", "未达标", "第三季度、第四季度"))
	wantCells(t, types, store.ActivityAdvance, cells(typeHeaders, "2", "0", "每半年", "1/2", "未达标", "下半年"))
	wantCells(t, types, "走访企业", cells(typeHeaders, "1", "5", "—", "—", "—", ""))
	wantCells(t, types, "合计", map[string]string{"次数": "8", "走访企业数": "5", "是否达标": "达标1/3"})

	p5 := table(t, r, 5).Parts[0]
	for label, want := range map[string][3]string{
		"双师型教师占比":            {"50.0%", "47.0%", "未达标"},
		"教师企业实践人次（人次）":       {"5", "3", "60.0%"},
		"获奖数（合计，项）":          {"—", "3", "—"},
		"获奖数（省级及以上，项）":       {"2", "2", "100.0%"},
		"获奖数（州市级及以上，项）":      {"4", "2", "50.0%"},
		"政校企活动频次（联席会议，期）":    {"2", "2", "达标"},
		"政校企活动频次（政校企交流会议，期）": {"4", "2", "未达标"},
		"政校企活动次数（合计，次）":      {"—", "8", "—"},
		"招生专业数（个）":           {"—", "3", "—"}, // the two of unitDBWith and A's new one
		"　停招专业数（个）":          {"—", "1", "—"},
		"　本年新设专业数（个）":        {"—", "1", "—"},
		"　撤销专业数（个）":          {"—", "0", "—"},
	} {
		wantCells(t, p5, label, cells([]string{"目标", "完成", "完成率/状态"}, want[:]...))
	}

	checkLetter(t, r,
		"双师型教师8人，占专业课教师17人的47.0%，目标不低于50.0%，未达标；教师企业实践3人次，目标5人次，未达标。",
		"全年获奖3项（国家级1项、省级1项、县级1项），省级及以上2项，目标2项，达标，州市级及以上2项，目标4项，未达标。",
		"联席会议2次，要求每半年1次，达标",
		"政校企交流会议3次，要求每季度1次，未达标（第三季度、第四季度尚无政校企交流会议）",
		"政校企推进会议2次，要求每半年1次，未达标（下半年尚无政校企推进会议）；其他政校企活动1次。")

	pdf := pdfBytes(t, r)
	pages := pdfText(t, pdf)
	if !strings.Contains(squeeze(pages[0]), "第三季度、第四季度尚无政校企交流会议") || !strings.Contains(squeeze(pages[0]), "2026年3月1日") {
		t.Errorf("the letter's page lacks the meetings' sentence or its date:\n%s", pages[0])
	}
	checkPDFLines(t, pages, "表9", []string{
		"1 " + nameSA + " 20 10 6 60.0% 3 2",
		"2 " + nameSB + " 12 7 2 28.5% — 1",
		"合计 双师型占比未达标 32 17 8 47.0% 3 3",
	})
	checkPDFLines(t, pages, "表10", []string{"技能大赛 0 1 0 0 1", "合计 1 1 0 1 3"})
	checkPDFLines(t, pages, "表11", []string{
		"2 政校企交流会议 3 0 每季度 2/4 未达标 第三季度、第四季度",
		"3 政校企推进会议 2 0 每半年 1/2 未达标 下半年",
	})
	checkPDF(t, r)

	x := xlsxFile(t, r)
	checkSheetRow(t, x, "表9 师资与教师企业实践情况", "", nameSA, []any{20, 10, 6, 0.6, 3, 2})
	checkSheetRow(t, x, "表9 师资与教师企业实践情况", "", "合计", []any{32, 17, 8, 0.47, 3, 3})
	checkSheetRow(t, x, "表10 获奖情况", grid.Caption, "合计", []any{1, 1, 0, 1, 3})
	checkSheetRow(t, x, "表11 政校企活动情况", types.Caption, store.ActivityExchange, []any{3, 0, "每季度", "2/4", "未达标", "第三季度、第四季度"})
	checkXLSX(t, r)
}

// TestStaffRowsOnlyWithRecords: a county without 师资, awards, activities
// or changed majors gets none of their rows in 表5 but the defaults'
// (双师型, the meetings), and its 表9–表11 are empty lists with 0 totals;
// the letter says which meetings are still to hold.
func TestStaffRowsOnlyWithRecords(t *testing.T) {
	r := plainCounty(t)
	p5 := table(t, r, 5).Parts[0]
	for _, label := range []string{"教师企业实践人次（人次）", "获奖数（合计，项）", "政校企活动次数（合计，次）", "招生专业数（个）"} {
		if hasRow(p5, label) {
			t.Errorf("表5 has %s without the records", label)
		}
	}
	wantCells(t, table(t, r, 10).Parts[0], "合计", map[string]string{"项目名称": "共0项"})
	checkLetter(t, r, "本年度未填报师资情况", "本年度没有获奖记录。", "召开联席会议0次，要求每半年1次，未达标（全年尚无联席会议）")
}

// checkLetter finds each sentence in the letter's paragraphs.
func checkLetter(t *testing.T, r *reports.Returns, sentences ...string) {
	t.Helper()
	text := strings.Join(r.Letter.Paragraphs, "")
	for _, want := range sentences {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q:\n%s", want, text)
		}
	}
}

// TestPrefectureShortTables9To11: a prefecture's printed 表9 has a row per
// county with its pooled 师资 and 教师企业实践 (the share pooled, not
// averaged), the schools going to 表9明细 with 小计; 表10's list becomes the
// counties with awards by level and 表11's the units that recorded
// activities (the prefecture's own as 本级), the records going to 明细.
func TestPrefectureShortTables9To11(t *testing.T) {
	db := prefectureDB(t) // 楚雄市: 3653010001, 3653010002; 双柏县: 3653220001
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := putAll(tx.PutTeachers, []store.Teachers{
			{SchoolCode: "3653010001", Year: 2025, FullTime: 30, Professional: 20, Dual: 12},
			{SchoolCode: "3653010002", Year: 2025, FullTime: 10, Professional: 5, Dual: 1, PartTime: intp(2)},
			{SchoolCode: "3653220001", Year: 2025, FullTime: 8, Professional: 4, Dual: 3},
		}); err != nil {
			return err
		}
		if err := putAll(tx.PutAward, []store.Award{
			{SchoolCode: "3653010002", Project: "技能大赛", Category: "技能大赛", Level: "省级", Rank: "一等奖", WinnerType: "学生", Winners: "甲", Date: day(2025, 5, 1)},
			{SchoolCode: "3653010002", Project: "教学能力比赛", Category: "教学能力比赛", Level: "州市级", Rank: "二等奖", WinnerType: "教师", Winners: "乙", Date: day(2025, 6, 1)},
		}); err != nil {
			return err
		}
		return putAll(tx.PutActivity, []store.Activity{
			{Type: store.ActivityJoint, Name: "州联席会议", Date: day(2025, 3, 1)},
			{UnitCode: "532322", Type: "走访企业", Name: "走访企业", Date: day(2025, 4, 1), Visited: intp(3)},
			{UnitCode: "532322", Type: store.ActivityExchange, Name: "交流会", Date: day(2025, 5, 1)},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	r := build(t, db, 2025)
	p9 := table(t, r, 9).Parts[0]
	checkUnitRows(t, p9, []string{"楚雄市", "双柏县"}, []reports.RowKind{reports.RowData, reports.RowData})
	wantCells(t, p9, "楚雄市", cells(t9Headers, "40", "25", "13", "52.0%", "2", "0"))
	wantCells(t, p9, "双柏县", cells(t9Headers, "8", "4", "3", "75.0%", "0", "0"))
	wantCells(t, p9, "合计", cells(t9Headers, "48", "29", "16", "55.1%", "2", "0"))
	d9 := detailTable(t, r, 9).Parts[0]
	wantCells(t, d9, "楚雄市职业高级中学", map[string]string{"单位": "楚雄市", "双师型占比": "20.0%", "兼职教师数": "2"})

	p10 := table(t, r, 10).Parts[0]
	checkUnitRows(t, p10, []string{"楚雄市"}, []reports.RowKind{reports.RowData})
	wantCells(t, p10, "楚雄市", cells([]string{"国家级", "省级", "州市级", "县级", "合计"}, "0", "1", "1", "0", "2"))
	wantCells(t, detailTable(t, r, 10).Parts[0], "教学能力比赛", map[string]string{"单位": "楚雄市", "获奖者": "乙"})

	own := regionName(t, db, "532300") + "（本级）"
	p11 := table(t, r, 11).Parts[0]
	checkUnitRows(t, p11, []string{own, "双柏县"}, []reports.RowKind{reports.RowData, reports.RowData})
	wantCells(t, p11, own, map[string]string{store.ActivityJoint: "1", "合计": "1"})
	wantCells(t, p11, "双柏县", map[string]string{store.ActivityExchange: "1", "走访企业": "1", "合计": "2"})
	wantCells(t, p11, "合计", map[string]string{store.ActivityJoint: "1", store.ActivityExchange: "1", "合计": "3"})
	wantCells(t, detailTable(t, r, 11).Parts[0], "州联席会议", map[string]string{"单位": own})

	checkShortSums(t, r)
	text := squeeze(strings.Join(pdfText(t, pdfBytes(t, r)), ""))
	if strings.Contains(text, "州联席会议") || strings.Contains(text, "楚雄市职业高级中学") {
		t.Errorf("the returns' PDF lists an activity or a school: they belong in the 明细")
	}
	checkPDF(t, r)
	detail := squeeze(strings.Join(checkDetailPDF(t, r), ""))
	for _, s := range []string{"表9明细", "表10明细", "表11明细", "州联席会议", "教学能力比赛"} {
		if !strings.Contains(detail, s) {
			t.Errorf("the 明细 PDF lacks %s", s)
		}
	}
	x := xlsxFile(t, r)
	checkSheetRow(t, x, "表9 师资与教师企业实践情况", "", "楚雄市", []any{40, 25, 13, 0.52, 2, 0})
	checkXLSX(t, r)
}
