package workbook_test

import (
	"context"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

// The sheets of issue 16 (measures.md): 师资, 获奖 and 政校企活动.

// Good rows of each sheet, row 2 of a case's book.
var (
	goodTeachers = []any{schoolA, 2025, 80, 50, 30, nil}
	goodAward    = []any{schoolA, "全国职业院校技能大赛 电子商务运营 赛项", "技能大赛", "国家级", "一等奖", "学生", "张三、李四", d(2025, 5, 20)}
	goodActivity = []any{"联席会议", "2025 年上半年联席会议", d(2025, 3, 10), "县教育体育局", 8, 3, nil, ""}
)

// staffBook is the base records and one sheet of each kind, each with its
// good row and the rows given.
func staffBook(t testing.TB, extra map[string][][]any) string {
	t.Helper()
	sheets := []sheetRows{
		{"师资", [][]any{hTeachers, goodTeachers}},
		{"获奖", [][]any{hAwards, goodAward}},
		{"政校企活动", [][]any{hActivities, goodActivity}},
	}
	for i := range sheets {
		sheets[i].rows = append(sheets[i].rows, extra[sheets[i].name]...)
	}
	return writeBook(t, append(measuresBase(), sheets...)...)
}

func TestStaffSheetsStoreEveryColumn(t *testing.T) {
	db := openDB(t)
	path := staffBook(t, map[string][][]any{
		"师资":    {{schoolH, 2025, 60, 40, 20, 0}},
		"获奖":    {{schoolH, "教学能力比赛", "教学能力比赛", "省级", "二等奖", "教师", "王五", "2025/11/3"}},
		"政校企活动": {{"走访企业", "走访园区企业", "2025-07-01", "", nil, nil, 12, "暑期走访"}},
	})
	res := importOK(t, db, path)
	for sheet, n := range map[string]int{"师资": 2, "获奖": 2, "政校企活动": 2} {
		if res.Added[sheet] != n {
			t.Errorf("%s added %d, want %d (%s)", sheet, res.Added[sheet], n, res.Summary())
		}
	}
	c := readAll(t, db)
	a := onlyOne(t, c.Teachers, "school A's 师资", func(x store.Teachers) bool { return x.SchoolCode == schoolA })
	if a.Year != 2025 || a.FullTime != 80 || a.Professional != 50 || a.Dual != 30 || a.PartTime != nil {
		t.Errorf("师资 A = %+v (兼职教师数 %v), want 80/50/30 and 兼职教师数 not given", a, a.PartTime)
	}
	h := onlyOne(t, c.Teachers, "school H's 师资", func(x store.Teachers) bool { return x.SchoolCode == schoolH })
	if h.PartTime == nil || *h.PartTime != 0 {
		t.Errorf("师资 H 兼职教师数 = %v, want 0 (given, not empty)", h.PartTime)
	}
	w := onlyOne(t, c.Awards, "the 技能大赛 award", func(x store.Award) bool { return x.Category == "技能大赛" })
	if w.SchoolCode != schoolA || w.Project != goodAward[1] || w.Level != "国家级" || w.Rank != "一等奖" || w.WinnerType != "学生" ||
		w.Winners != "张三、李四" || !w.Date.Equal(d(2025, 5, 20)) {
		t.Errorf("award = %+v", w)
	}
	if x := onlyOne(t, c.Awards, "the teacher's award", func(x store.Award) bool { return x.WinnerType == "教师" }); !x.Date.Equal(d(2025, 11, 3)) {
		t.Errorf("award date = %v", x.Date)
	}
	j := onlyOne(t, c.Activities, "the 联席会议", func(x store.Activity) bool { return x.Type == "联席会议" })
	if j.UnitCode != testUnit.Code || j.Name != "2025 年上半年联席会议" || !j.Date.Equal(d(2025, 3, 10)) || j.Lead != "县教育体育局" ||
		j.Enterprises == nil || *j.Enterprises != 8 || j.Schools == nil || *j.Schools != 3 || j.Visited != nil || j.Note != "" {
		t.Errorf("activity = %+v", j)
	}
	v := onlyOne(t, c.Activities, "the 走访企业", func(x store.Activity) bool { return x.Type == "走访企业" })
	if v.Enterprises != nil || v.Schools != nil || v.Visited == nil || *v.Visited != 12 || v.Note != "暑期走访" {
		t.Errorf("visit = %+v", v)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings:%s", issuesText(res.Warnings))
	}

	// the natural keys: the same file again changes nothing
	before := dump(t, db, true)
	res = importOK(t, db, path)
	for _, s := range []string{"师资", "获奖", "政校企活动"} {
		if res.Added[s]+res.Updated[s] != 0 || res.Unchanged[s] != 2 {
			t.Errorf("re-import %s: %s", s, res.Summary())
		}
	}
	if dump(t, db, true) != before {
		t.Error("re-importing the same file changed the database")
	}
	// a changed count updates the row of its key; an emptied optional count is nil again
	res = importOK(t, db, writeBook(t, sheetRows{"师资", [][]any{hTeachers, {schoolH, 2025, 60, 40, 25, nil}}}))
	if res.Updated["师资"] != 1 {
		t.Errorf("changed 师资: %s", res.Summary())
	}
	h = onlyOne(t, readAll(t, db).Teachers, "school H's 师资", func(x store.Teachers) bool { return x.SchoolCode == schoolH })
	if h.Dual != 25 || h.PartTime != nil {
		t.Errorf("师资 H after the update = %+v (兼职教师数 %v)", h, h.PartTime)
	}
}

// Every rule of the three sheets, each broken on row 3 of a book whose
// other rows are good: the errors are exactly the cells that break it, and
// the database is left byte for byte as it was.
func TestStaffRulesAreLocatedErrors(t *testing.T) {
	cases := []struct {
		name  string
		sheet string
		row   []any
		want  []string
	}{
		{"teachers: no school", "师资", []any{"", 2025, 10, 5, 2}, []string{"3|学校标识码"}},
		{"teachers: unknown school", "师资", []any{"3653009999", 2025, 10, 5, 2}, []string{"3|学校标识码"}},
		{"teachers: no year", "师资", []any{schoolH, nil, 10, 5, 2}, []string{"3|统计年度"}},
		{"teachers: no full-time", "师资", []any{schoolH, 2025, nil, 0, 0}, []string{"3|专任教师数"}},
		{"teachers: no professional", "师资", []any{schoolH, 2025, 10, nil, 0}, []string{"3|专业课教师数"}},
		{"teachers: no dual", "师资", []any{schoolH, 2025, 10, 5, nil}, []string{"3|双师型教师数"}},
		{"teachers: negative", "师资", []any{schoolH, 2025, -1, 0, 0}, []string{"3|专任教师数"}},
		{"teachers: more professional than full-time", "师资", []any{schoolH, 2025, 10, 11, 2}, []string{"3|专业课教师数"}},
		{"teachers: more dual than professional", "师资", []any{schoolH, 2025, 10, 5, 6}, []string{"3|双师型教师数"}},
		{"teachers: part-time not a number", "师资", []any{schoolH, 2025, 10, 5, 2, "若干"}, []string{"3|兼职教师数"}},
		{"teachers: same key", "师资", []any{schoolA, 2025, 81, 50, 30}, []string{"3|"}},

		{"award: unknown school", "获奖", []any{"3653009999", "赛项", "技能大赛", "省级", "一等奖", "学生", "甲", d(2025, 5, 1)}, []string{"3|学校标识码"}},
		{"award: no project", "获奖", []any{schoolA, "", "技能大赛", "省级", "一等奖", "学生", "甲", d(2025, 5, 1)}, []string{"3|项目名称"}},
		{"award: category", "获奖", []any{schoolA, "赛项", "体育比赛", "省级", "一等奖", "学生", "甲", d(2025, 5, 1)}, []string{"3|类别"}},
		{"award: level", "获奖", []any{schoolA, "赛项", "技能大赛", "市级", "一等奖", "学生", "甲", d(2025, 5, 1)}, []string{"3|级别"}},
		{"award: rank", "获奖", []any{schoolA, "赛项", "技能大赛", "省级", "第一名", "学生", "甲", d(2025, 5, 1)}, []string{"3|等次"}},
		{"award: winner type", "获奖", []any{schoolA, "赛项", "技能大赛", "省级", "一等奖", "企业", "甲", d(2025, 5, 1)}, []string{"3|获奖对象"}},
		{"award: no winners", "获奖", []any{schoolA, "赛项", "技能大赛", "省级", "一等奖", "学生", "", d(2025, 5, 1)}, []string{"3|获奖者"}},
		{"award: no date", "获奖", []any{schoolA, "赛项", "技能大赛", "省级", "一等奖", "学生", "甲", nil}, []string{"3|获奖日期"}},
		{"award: bad date", "获奖", []any{schoolA, "赛项", "技能大赛", "省级", "一等奖", "学生", "甲", "2025-02-30"}, []string{"3|获奖日期"}},
		{"award: same key", "获奖", []any{schoolA, goodAward[1], "技能大赛", "省级", "二等奖", "学生", "张三、李四", "2025年5月20日"}, []string{"3|"}},

		{"activity: type", "政校企活动", []any{"茶话会", "会", d(2025, 4, 1)}, []string{"3|活动类型"}},
		{"activity: no name", "政校企活动", []any{"其他", "", d(2025, 4, 1)}, []string{"3|活动名称"}},
		{"activity: no date", "政校企活动", []any{"其他", "会", nil}, []string{"3|日期"}},
		{"activity: bad date", "政校企活动", []any{"其他", "会", "明天"}, []string{"3|日期"}},
		{"activity: enterprises negative", "政校企活动", []any{"其他", "会", d(2025, 4, 1), "", -2}, []string{"3|参加企业数"}},
		{"activity: schools not a number", "政校企活动", []any{"其他", "会", d(2025, 4, 1), "", nil, "三所"}, []string{"3|参加学校数"}},
		{"activity: visited not whole", "政校企活动", []any{"走访企业", "走访", d(2025, 4, 1), "", nil, nil, 2.5}, []string{"3|走访企业数"}},
		{"activity: same key", "政校企活动", []any{"联席会议", "2025 年上半年联席会议", "2025/3/10", "州教育体育局"}, []string{"3|"}},
	}
	db := openDB(t)
	importOK(t, db, writeBook(t, measuresBase()...))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, w := range tc.want {
				want = append(want, tc.sheet+"|"+w)
			}
			refusedAt(t, db, staffBook(t, map[string][][]any{tc.sheet: {tc.row}}), want)
		})
	}
}

// A school's file holds only its own 师资 and awards, and no activities:
// they are the county's.
func TestStaffOfASchoolsFile(t *testing.T) {
	db := openDB(t)
	importOK(t, db, writeBook(t, measuresBase()...))
	path := writeBook(t,
		sheetRows{"师资", [][]any{hTeachers, goodTeachers, {schoolH, 2025, 60, 40, 20}}},
		sheetRows{"获奖", [][]any{hAwards, goodAward, {schoolH, "他校赛项", "技能大赛", "省级", "一等奖", "学生", "乙", d(2025, 6, 1)}}},
		sheetRows{"政校企活动", [][]any{hActivities, goodActivity}})
	before := dbState(t, db)
	_, err := workbook.ImportWith(context.Background(), db, path, workbook.ImportOptions{OnlySchool: schoolA})
	re := refused(t, err)
	sameList(t, "errors", locs(re.Issues, false), []string{"师资|3|学校标识码", "获奖|3|学校标识码", "政校企活动|0|"}, re.Issues)
	if dbState(t, db) != before {
		t.Error("a refused file changed the database")
	}
}

// A school fills its template's 师资 and 获奖 (the dropdowns are in the
// layout test's table) and the file imports them; its 填表说明 says how.
func TestTemplateTeachersAndAwardsImport(t *testing.T) {
	db := demoDB(t)
	path := makeTemplate(t, db, tplYear, tplSchool)
	rows, _ := openBook(t, path).GetRows("填表说明")
	text := ""
	for _, r := range rows {
		text += strings.Join(r, " ") + "\n"
	}
	for _, w := range []string{"“师资”表", "“获奖”表", "兼职教师数"} {
		if !strings.Contains(text, w) {
			t.Errorf("填表说明 does not say %q", w)
		}
	}
	schoolFill(t, path, func(b *book) {
		for r := 2; r <= 5; r++ { // the template's four majors
			b.row("专业", r, map[string]any{"在校生数": 100, "毕业生数": 30, "升学人数": 10})
		}
		b.row("师资", 2, map[string]any{"学校标识码": tplSchool, "统计年度": tplYear, "专任教师数": 91, "专业课教师数": 60, "双师型教师数": 33})
		b.row("获奖", 2, map[string]any{"学校标识码": tplSchool, "项目名称": "省职业院校技能大赛 汽车维修 赛项", "类别": "技能大赛",
			"级别": "省级", "等次": "三等奖", "获奖对象": "学生", "获奖者": "赵六", "获奖日期": d(tplYear, 4, 18)})
	})
	res := importOK(t, db, path)
	if res.Added["获奖"] != 1 || res.Added["师资"]+res.Updated["师资"] != 1 {
		t.Errorf("template import: %s", res.Summary())
	}
	var got store.Teachers
	for _, x := range readAll(t, db).Teachers {
		if x.SchoolCode == tplSchool && x.Year == tplYear {
			got = x
		}
	}
	if got.FullTime != 91 || got.Professional != 60 || got.Dual != 33 || got.PartTime != nil {
		t.Errorf("师资 = %+v", got)
	}
}
