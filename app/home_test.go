package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
	"chanjiao/store/demo/province"
	"chanjiao/store/handoff"
	"chanjiao/store/storetest"
)

func TestHomeShortSchoolsFirst(t *testing.T) {
	a := newTestApp(t, true)
	h := a.home
	if h.figs == nil {
		t.Fatal("dashboard has no figures")
	}
	f, err := a.db.Indicators(context.Background(), a.year)
	if err != nil {
		t.Fatal(err)
	}
	short := f.SecondmentSchoolsAssessed - f.SecondmentSchoolsMet
	if short == 0 {
		t.Fatal("demo should have schools short of the target")
	}
	mustContain(t, strings.Join(h.todo, "\n"), itoa0(short)+" 所学校未达到互派互聘要求")
	// the first `short` schools listed are exactly the short ones
	shortNames := map[string]bool{}
	for _, s := range f.Schools {
		if s.Secondments.Met != nil && !*s.Secondments.Met {
			shortNames[s.Name] = true
		}
	}
	for i, n := range h.schoolOrder {
		if (i < short) != shortNames[n] {
			t.Fatalf("order %v: %q at %d", h.schoolOrder, n, i)
		}
	}
	if last := h.schoolOrder[len(h.schoolOrder)-1]; last != "楚雄市第一中学" {
		t.Fatalf("the 普通高中 (not assessed) should come last, got %q", last)
	}
}

func TestHomeYearChangeAndEmptyDatabase(t *testing.T) {
	a := newTestApp(t, false)
	if a.home.figs != nil || a.hasUnit {
		t.Fatal("empty database shows figures")
	}
	// set the unit in 设置 → the dashboard computes
	a.show("设置")
	s := a.settings
	s.region.set("532301")
	if s.name.Text != "楚雄市教育体育局" {
		t.Fatalf("name not suggested from the region: %q", s.name.Text)
	}
	s.saveUnit()
	if !a.hasUnit || a.win.Title() != "产教融合数据报送 — 楚雄市教育体育局" {
		t.Fatalf("title %q", a.win.Title())
	}
	a.show("首页")
	if a.home.figs == nil {
		t.Fatal("no figures after the unit was set")
	}
	a.setYear(2020)
	if a.home.figs.Year != 2020 {
		t.Fatalf("year %d", a.home.figs.Year)
	}
	mustContain(t, strings.Join(a.home.todo, ""), "还没有学校记录")
	var _ store.Unit
}

// TestHomeShortSchoolOpensItsRecords: on 首页 a school short of the
// 互派互聘 target is tapped through to 互派互聘 showing that school's
// records only.
func TestHomeShortSchoolOpensItsRecords(t *testing.T) {
	a := newTestApp(t, true)
	f := a.home.figs
	var short *store.SchoolFigures
	for i, s := range f.Schools {
		if s.Secondments.Met != nil && !*s.Secondments.Met && s.Secondments.Persons > 0 {
			short = &f.Schools[i]
			break
		}
	}
	if short == nil {
		t.Fatal("the demo has no school short of the target with records")
	}
	link := findShown(t, onWindow(a, false), short.Name)
	requireInView(t, a, link, "school on 首页")
	tap(link)
	if a.current().title != "互派互聘" {
		t.Fatalf("tapping %s (%T) opened %s", short.Name, link.obj, a.current().title)
	}
	rows := a.secondments.tbl.rows()
	if len(rows) < short.Secondments.Persons {
		t.Fatalf("%s has %d persons but %d rows are shown", short.Name, short.Secondments.Persons, len(rows))
	}
	for _, r := range rows {
		if r.SchoolCode != short.Code {
			t.Fatalf("a record of %s is shown for %s", r.SchoolCode, short.Code)
		}
	}
	if len(rows) == len(a.secondments.tbl.all) {
		t.Fatal("the records are not narrowed to the school")
	}
}

// prefectureWithTwoCounties is 昆明市 holding the data files of two of its
// counties for 2025.
func prefectureWithTwoCounties(t *testing.T) (*store.DB, []province.County) {
	t.Helper()
	counties, err := province.Files(context.Background(), storetest.Ref(t), t.TempDir(), 2025,
		province.Shape{Province: "53", Prefectures: 1, Counties: 2, Schools: 3, Enterprises: 4, Majors: 2, Stints: 12, Trainings: 2})
	if err != nil {
		t.Fatal(err)
	}
	db := openStore(t, store.Unit{Code: "530100", Name: "昆明市教育体育局", Level: store.LevelPrefecture})
	for _, c := range counties {
		if _, err := handoff.Receive(context.Background(), db, c.File, "", handoff.Options{Trust: true}); err != nil {
			t.Fatal(err)
		}
	}
	return db, counties
}

// Above county level, 首页 has a row per lower unit, not a bar per school:
// the counties that have not reported first, then those behind on a target;
// a row says which targets. (At a province these are its 16 prefectures, not
// 1,900 schools.)
func TestHomeAboveCountyListsUnits(t *testing.T) {
	db, counties := prefectureWithTwoCounties(t)
	a := windowOn(t, test.NewTempApp(t), db)
	a.setYear(2025)
	h := a.home
	roster := len(storetest.Ref(t).Regions("5301", 6))
	if len(h.unitOrder) != roster || len(h.schoolOrder) != 0 {
		t.Fatalf("首页 lists %d units and %d schools, want the %d counties of the roster and no school", len(h.unitOrder), len(h.schoolOrder), roster)
	}
	sent := map[string]bool{}
	for _, c := range counties {
		sent[c.Name+"教育体育局"] = true
	}
	for i, n := range h.unitOrder {
		if sent[n] != (i >= roster-len(counties)) {
			t.Fatalf("order %v: the counties that have not reported come first", h.unitOrder)
		}
	}
	text := textOf(h.box)
	for _, want := range []string{"未报送", "互派互聘 3/3 校达标", "合作协议覆盖率 0.0%", "未达标：中职升学率"} {
		mustContain(t, text, want)
	}
}
