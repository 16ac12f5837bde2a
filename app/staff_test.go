package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

// setTargets replaces the year's targets of the given indicators with ts,
// keeping the others.
func setTargets(t *testing.T, a *App, year int, ts ...store.Target) {
	t.Helper()
	replaced := map[string]bool{}
	for _, x := range ts {
		replaced[x.Indicator] = true
	}
	err := a.db.Update(t.Context(), func(tx *store.Tx) error {
		cur, err := tx.Targets(year)
		if err != nil {
			return err
		}
		var keep []store.Target
		for _, x := range cur {
			if !replaced[x.Indicator] {
				keep = append(keep, x)
			}
		}
		return tx.SetTargets(year, append(keep, ts...))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// 师资: 专业课 over 专任 is refused on 专业课教师数, 双师型 over 专业课 on
// 双师型教师数; a second row for the school and year is refused on 学校.
func TestTeachersRefusedOnTheRightField(t *testing.T) {
	a := newTestApp(t, true)
	a.show("师资")
	if a.current().title != "师资与活动" || a.staff.current() != screen(a.teachers) {
		t.Fatalf("师资 opened %q", a.current().title)
	}
	s := a.teachers
	if len(s.tbl.all) == 0 {
		t.Fatal("the demo's 师资 rows are not listed")
	}
	row := s.tbl.all[0]
	s.tbl.openRow(0)
	f := s.form
	typeInto(f.entries["专任教师数"], "10")
	typeInto(f.entries["专业课教师数"], "12")
	typeInto(f.entries["双师型教师数"], "5")
	requireSaveRefused(t, f, "专业课教师数", "专业课教师数（12）不能大于专任教师数（10）")
	if strings.Contains(f.message("双师型教师数"), "不能大于") {
		t.Fatalf("双师型教师数 reads %q", f.message("双师型教师数"))
	}
	typeInto(f.entries["专业课教师数"], "8")
	typeInto(f.entries["双师型教师数"], "9")
	requireSaveRefused(t, f, "双师型教师数", "双师型教师数（9）不能大于专业课教师数（8）")
	typeInto(f.entries["双师型教师数"], "4")
	typeInto(f.entries["兼职教师数"], "")
	save(t, a, f)
	var rows []store.Teachers
	view(t, a, func(tx *store.Tx) (err error) { rows, err = tx.TeacherRows(a.year); return })
	for _, r := range rows {
		if r.ID == row.ID && (r.FullTime != 10 || r.Professional != 8 || r.Dual != 4 || r.PartTime != nil) {
			t.Fatalf("stored %+v", r)
		}
	}

	s.tbl.search.TypedShortcut(ctrl("N"))
	f = s.form
	f.codes["学校"].set(row.SchoolCode)
	typeInto(f.entries["专任教师数"], "1")
	requireSaveRefused(t, f, "学校", "已有师资记录")
	a.editing.close()
}

func TestAwardAndActivityAdded(t *testing.T) {
	a := newTestApp(t, true)
	m, _ := demoSchoolAndEnterprise(t, a)
	a.show("获奖")
	s := a.awards
	before := len(s.tbl.all)
	s.tbl.search.TypedShortcut(ctrl("N"))
	f := s.form
	f.codes["学校"].set(m.SchoolCode)
	typeInto(f.entries["项目名称"], "云南省职业院校技能大赛电子商务赛项")
	f.selects["类别"].SetSelected("技能大赛")
	f.selects["级别"].SetSelected(store.GradeProvince)
	f.selects["等次"].SetSelected("一等奖")
	f.selects["获奖对象"].SetSelected("学生")
	typeInto(f.entries["获奖者"], "李明、张芳")
	typeInto(f.entries["获奖日期"], itoa0(a.year)+"-13-01")
	requireSaveRefused(t, f, "获奖日期", "日期应写成")
	typeInto(f.entries["获奖日期"], itoa0(a.year)+"-05-20")
	test.Tap(f.save)
	if a.editing != nil || len(s.tbl.all) != before+1 {
		t.Fatalf("not saved (%d rows): %s", len(s.tbl.all), f.reason.Text)
	}
	var aw []store.Award
	view(t, a, func(tx *store.Tx) (err error) { aw, err = tx.Awards(a.year); return })
	found := false
	for _, x := range aw {
		if x.Project == "云南省职业院校技能大赛电子商务赛项" {
			found = x.Level == store.GradeProvince && x.Rank == "一等奖" && x.Winners == "李明、张芳"
		}
	}
	if !found {
		t.Fatalf("award not stored as typed: %+v", aw)
	}

	a.show("政校企活动")
	as := a.activities
	as.tbl.search.TypedShortcut(ctrl("N"))
	f = as.form
	f.selects["活动类型"].SetSelected(store.ActivityExchange)
	typeInto(f.entries["活动名称"], "第三季度政校企交流会（补）")
	typeInto(f.entries["日期"], itoa0(a.year)+"-08-20")
	typeInto(f.entries["参加企业数"], "x")
	requireSaveRefused(t, f, "参加企业数", "应为整数")
	typeInto(f.entries["参加企业数"], "12")
	save(t, a, f)
	var acts []store.Activity
	view(t, a, func(tx *store.Tx) (err error) { acts, err = tx.Activities(a.year); return })
	found = false
	for _, x := range acts {
		if x.Name == "第三季度政校企交流会（补）" {
			found = x.UnitCode == a.unit.Code && x.Enterprises != nil && *x.Enterprises == 12 && x.Schools == nil
		}
	}
	if !found {
		t.Fatalf("activity not stored as the unit's: %+v", acts)
	}
}

// 首页 shows each school's 双师型 share against the target, and the periods
// a required meeting still lacks; once the meeting is recorded the line goes.
func TestHomeStaffAndMissingPeriods(t *testing.T) {
	a := newTestApp(t, true)
	setTargets(t, a, a.year,
		store.Target{Year: a.year, Indicator: store.IndDualQualified, Value: 0.5},
		store.Target{Year: a.year, Indicator: store.IndActivities, Categories: []string{store.ActivityExchange}, Value: 4})
	a.changed()
	a.show("首页")
	h := a.home
	todo := strings.Join(h.todo, "\n")
	mustContain(t, todo, "第三季度尚无"+store.ActivityExchange)
	mustContain(t, todo, "双师型教师占比")
	text := textOf(h.box)
	for _, want := range []string{"师资、获奖与政校企活动", "第三季度 ✗", "教师企业实践", "获奖 "} {
		mustContain(t, text, want)
	}
	short := 0
	for _, s := range h.figs.Schools {
		if s.Teachers != nil {
			if met := s.Teachers.Met(0.5); met != nil && !*met {
				short++
				mustContain(t, todo, s.Name+" 双师型教师占比")
			}
		}
	}
	if short == 0 {
		t.Fatal("the demo has no school under half 双师型")
	}

	err := a.db.Update(t.Context(), func(tx *store.Tx) error {
		_, err := tx.PutActivity(&store.Activity{Type: store.ActivityExchange, Name: "第三季度交流会", Date: time.Date(a.year, 8, 1, 0, 0, 0, 0, time.UTC)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	a.changed()
	if strings.Contains(strings.Join(h.todo, "\n"), "尚无"+store.ActivityExchange) {
		t.Fatalf("todo still says %q", h.todo)
	}
}

func TestSettingsStaffTargets(t *testing.T) {
	a := newTestApp(t, true)
	setTargets(t, a, a.year) // nothing replaced: the demo's targets as they are
	a.show("设置")
	s := a.settings
	f := s.targetForm
	typeInto(s.dualTarget, "150")
	requireSaveRefused(t, f, "双师型教师占比", "0% 至 100%")
	typeInto(s.dualTarget, "45")
	typeInto(s.practiceTarget, "30")
	for len(s.actRows) > 0 { // the demo's three
		test.Tap(s.actRows[0].remove)
	}
	s.addActivityRow("", 0)
	r := s.actRows[len(s.actRows)-1]
	r.typ.SetSelected(store.ActivityExchange)
	requireSaveRefused(t, f, "政校企活动频次", "请选择活动类型和频次")
	r.freq.SetSelected("每季度")
	s.addCategoryRow(store.IndAwards, store.GradeNational, 1)
	if f.save.Disabled() {
		t.Fatalf("save disabled: %s", f.reason.Text)
	}
	test.Tap(f.save)
	var ts []store.Target
	view(t, a, func(tx *store.Tx) (err error) { ts, err = tx.Targets(a.year); return })
	got := map[string]float64{}
	for _, x := range ts {
		got[x.Indicator+"|"+x.Category()] = x.Value
	}
	want := map[string]float64{store.IndDualQualified + "|": 0.45, store.IndPractice + "|": 30,
		store.IndActivities + "|" + store.ActivityExchange: 4, store.IndAwards + "|" + store.GradeNational: 1}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("%s stored %v, want %v (all %v)", k, got[k], v, got)
		}
	}
	if _, ok := got[store.IndActivities+"|"+store.ActivityJoint]; ok {
		t.Fatalf("a removed activity target is still set: %v", got)
	}
	s.Load()
	if s.dualTarget.Text != "45" || len(s.actRows) != 1 || s.actRows[0].freq.Selected != "每季度" {
		t.Fatalf("shown again: %q, %d activity rows", s.dualTarget.Text, len(s.actRows))
	}
}

// At a county the targets the prefecture assigned read 州下达 on 设置 and 首页,
// with the assigned value beside the one the clerk changed.
func TestCountyShowsAssignedTargets(t *testing.T) {
	a := newTestApp(t, true)
	year := a.year
	err := a.db.Update(t.Context(), func(tx *store.Tx) error {
		return tx.AcceptAssigned(year, []store.Target{
			{Year: year, Indicator: store.IndProgression, Value: 0.7},
			{Year: year, Indicator: store.IndPractice, Value: 25}}, "楚雄州教育体育局")
	})
	if err != nil {
		t.Fatal(err)
	}
	setTargets(t, a, year, store.Target{Year: year, Indicator: store.IndProgression, Value: 0.65})
	a.show("设置")
	note := a.settings.assignedNote
	if !note.Visible() {
		t.Fatal("no note of the assigned targets")
	}
	mustContain(t, note.Text, "中职升学率 州下达 70%（本单位已改为 65%）")
	mustContain(t, note.Text, "教师企业实践人次 州下达 25")
	if strings.Contains(note.Text, "25（") {
		t.Fatalf("an unchanged target reads as changed: %q", note.Text)
	}
	a.show("首页")
	a.changed() // the targets were set behind the window's back
	mustContain(t, textOf(a.home.box), "中职升学率 州下达 70%（本单位已改为 65%）")
}
