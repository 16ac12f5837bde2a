package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/demo/province"
	"chanjiao/store/handoff"
	"chanjiao/store/workbook"
)

func assignedTo(t *testing.T, a *App, code string) map[string]float64 {
	t.Helper()
	var ts []store.Target
	view(t, a, func(tx *store.Tx) (err error) { ts, err = tx.AssignedTargets(code, a.year); return })
	out := map[string]float64{}
	for _, x := range ts {
		out[x.Indicator+"|"+x.Category()] = x.Value
	}
	return out
}

// col finds the grid's column of an indicator.
func col(t *testing.T, s *tasksScreen, ind string) int {
	t.Helper()
	for i, c := range s.cols {
		if c.ind == ind {
			return i
		}
	}
	t.Fatalf("no column for %s among %+v", ind, s.cols)
	return -1
}

// 任务下达 at a prefecture: a row per county of the roster, a column per
// indicator the prefecture has a target on; the counts' sum shows against
// its own target; a row with a bad cell is refused naming the unit and the
// indicator and changes nothing; each row saves on its own.
func TestTasksAssignPerUnit(t *testing.T) {
	fa := test.NewTempApp(t)
	a := windowOn(t, fa, prefectureStore(t))
	year := a.year
	setTargets(t, a, year,
		store.Target{Year: year, Indicator: store.IndPractice, Value: 100},
		store.Target{Year: year, Indicator: store.IndTraining, Categories: []string{"农村劳动力", "企业职工"}, Value: 9000})
	a.show("任务下达")
	if a.current().title != "任务下达" || !a.navBtns[a.selected].Visible() {
		t.Fatal("任务下达 is not open at a prefecture")
	}
	s := a.tasks
	roster := handoff.Roster(a.db, a.unit)
	if len(s.rows) != len(roster) || len(roster) < 2 {
		t.Fatalf("%d rows for a roster of %d", len(s.rows), len(roster))
	}
	practice, prog, train := col(t, s, store.IndPractice), col(t, s, store.IndProgression), col(t, s, store.IndTraining)
	if got := s.cols[train].name(); got != "职业技能培训人次（企业职工、农村劳动力）" {
		t.Fatalf("training column %q", got)
	}
	r0, r1 := s.rows[0], s.rows[1]
	test.Type(r0.cells[practice], "60")
	test.Type(r1.cells[practice], "30")
	if got := s.sums[practice]; got.Text != "90 / 100" || got.Importance != widget.DangerImportance {
		t.Fatalf("practice sum %q (%v)", got.Text, got.Importance)
	}
	mustContain(t, s.sums[prog].Text, "本单位 60%")
	test.Type(r0.cells[prog], "六十")
	test.Tap(r0.save)
	mustContain(t, s.msg.Text, r0.unit.Name)
	mustContain(t, s.msg.Text, "中职升学率应为百分数")
	if got := assignedTo(t, a, r0.unit.Code); len(got) != 0 {
		t.Fatalf("a refused row stored %v", got)
	}
	typeInto(r0.cells[prog], "65")
	test.Type(r0.cells[train], "5000")
	test.Tap(r0.save)
	mustContain(t, r0.msg.Text, "已保存")
	want := map[string]float64{store.IndPractice + "|": 60, store.IndProgression + "|": 0.65, store.IndTraining + "|企业职工、农村劳动力": 5000}
	if got := assignedTo(t, a, r0.unit.Code); !mapsEqual(got, want) {
		t.Fatalf("stored %v, want %v", got, want)
	}
	if got := assignedTo(t, a, r1.unit.Code); len(got) != 0 {
		t.Fatalf("the other row was saved with it: %v", got)
	}
	test.Type(r1.cells[practice], "5") // 305
	s.saveAll()
	if got := assignedTo(t, a, r1.unit.Code); got[store.IndPractice+"|"] != 305 || len(got) != 1 {
		t.Fatalf("全部保存 stored %v", got)
	}
	mustContain(t, s.msg.Text, "已保存 1 个单位")

	s.Load() // read again: the grid shows what was assigned
	if s.rows[0].cells[prog].Text != "65%" || s.rows[1].cells[practice].Text != "305" || s.rows[2].cells[practice].Text != "" {
		t.Fatalf("read again: %q %q %q", s.rows[0].cells[prog].Text, s.rows[1].cells[practice].Text, s.rows[2].cells[practice].Text)
	}
	// 导出任务清单: a workbook per unit assigned, which the county takes in
	// as targets assigned by the level above
	out := t.TempDir()
	s.exportTo(out)
	files, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
	if len(files) != 2 || filepath.Base(files[0]) != r0.unit.Code+"_"+r0.unit.Name+"_2025_任务清单.xlsx" {
		t.Fatalf("wrote %v", files)
	}
	county := openStore(t, store.Unit{Code: r0.unit.Code, Name: r0.unit.Name + "教育体育局", Level: store.LevelCounty})
	if _, err := workbook.Import(context.Background(), county, files[0]); err != nil {
		t.Fatal(err)
	}
	var ts []store.Target
	if err := county.View(context.Background(), func(tx *store.Tx) (err error) { ts, err = tx.Targets(year); return }); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, x := range ts {
		if x.Assigned != nil {
			got[x.Indicator+"|"+x.Category()] = *x.Assigned
		}
	}
	if !mapsEqual(got, want) {
		t.Fatalf("the county took in %v, want %v", got, want)
	}
}

func mapsEqual(a, b map[string]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// A county has no 任务下达 in its navigation.
func TestTasksHiddenAtCounty(t *testing.T) {
	a := newTestApp(t, true)
	for i, p := range a.pages {
		if p.title == "任务下达" && a.navBtns[i].Visible() {
			t.Fatal("任务下达 shows at a county")
		}
	}
}

// Above county level 首页 has the 考核 grid: a row per lower unit, the ones
// meeting most first, a unit assigned targets that has not sent marked 未报送.
func TestHomeAssessmentGrid(t *testing.T) {
	db, counties := prefectureWithTwoCounties(t)
	var silent store.UnitRef
	for _, r := range handoff.Roster(db, store.Unit{Code: "530100", Level: store.LevelPrefecture}) {
		if !slices.ContainsFunc(counties, func(c province.County) bool { return c.Code == r.Code }) {
			silent = r
			break
		}
	}
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		if err := tx.AssignTargets(counties[0].Code, 2025, []store.Target{{Year: 2025, Indicator: store.IndProgression, Value: 0}}); err != nil {
			return err
		}
		if err := tx.AssignTargets(counties[1].Code, 2025, []store.Target{{Year: 2025, Indicator: store.IndProgression, Value: 1}}); err != nil {
			return err
		}
		return tx.AssignTargets(silent.Code, 2025, []store.Target{{Year: 2025, Indicator: store.IndProgression, Value: 0.5}})
	})
	if err != nil {
		t.Fatal(err)
	}
	a := windowOn(t, test.NewTempApp(t), db)
	a.setYear(2025)
	h := a.home
	if len(h.gridOrder) < 3 {
		t.Fatalf("the grid lists %v", h.gridOrder)
	}
	met := map[string]int{}
	sent := map[string]bool{}
	for _, u := range h.figs.Units {
		sent[u.Unit.Name] = u.Sent == nil || *u.Sent
		for _, as := range u.Assessment {
			if as.Met != nil && *as.Met {
				met[u.Unit.Name]++
			}
		}
	}
	for i := 1; i < len(h.gridOrder); i++ {
		p, n := h.gridOrder[i-1], h.gridOrder[i]
		if sent[n] && (!sent[p] || met[p] < met[n]) {
			t.Fatalf("order %v (met %v, sent %v): a unit meeting more, or sent, comes after", h.gridOrder, met, sent)
		}
	}
	if last := h.gridOrder[len(h.gridOrder)-1]; sent[last] {
		t.Fatalf("the unit that has not sent is not last: %v", h.gridOrder)
	}
	text := textOf(h.box)
	for _, want := range []string{"考核：各单位主要指标完成情况", "未报送 · 目标 50.0%", "/ 100.0%（自定 60.0%）", "/ 0.0%（自定 60.0%） ✓", "3 / 3 校达标（每校 10 人） ✓"} {
		mustContain(t, text, want)
	}
	if !strings.Contains(text, "达标") {
		t.Fatal("no 达标 column")
	}
}

// On a 1024×600 laptop 师资与活动 and, at a prefecture, 任务下达 have their
// navigation entries in view, and their pages ask for no more room than
// the window has.
func TestStaffAndTasksFitSmallScreen(t *testing.T) {
	fa := test.NewTempApp(t)
	county := windowOn(t, fa, demoCounty(t))
	pref := windowOn(t, fa, prefectureStore(t))
	for _, c := range []struct {
		a     *App
		title string
		page  func() fyne.CanvasObject
	}{
		{county, "师资与活动", func() fyne.CanvasObject { return county.staff.tabs }},
		{pref, "师资与活动", func() fyne.CanvasObject { return pref.staff.tabs }},
		{pref, "任务下达", func() fyne.CanvasObject { return pref.tasks.content }},
	} {
		c.a.win.Resize(smallScreen)
		entry := findShown(t, onWindow(c.a, false), c.title)
		requireInView(t, c.a, entry, "navigation entry")
		tap(entry)
		if got := c.a.current().title; got != c.title {
			t.Fatalf("tapping %q opened %q", c.title, got)
		}
		page, room := c.page(), c.a.pageBox.Size()
		if m := page.MinSize(); m.Height > room.Height || m.Width > room.Width {
			t.Fatalf("%s needs %v, more than the %v it has", c.title, m, room)
		}
	}
}

// 从目标工作簿填入: a 目标 workbook with rows for two counties fills their
// rows of the grid (the import stores them as assigned).
func TestTasksFilledFromWorkbook(t *testing.T) {
	a := windowOn(t, test.NewTempApp(t), prefectureStore(t))
	year := a.year
	a.show("任务下达")
	x := excelize.NewFile()
	if err := x.SetSheetName("Sheet1", "目标"); err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{
		{"区划代码", "统计年度", "指标", "分类", "目标值"},
		{"532301", year, "教师企业实践人次", nil, 40},
		{"532323", year, "中职升学率", nil, "66%"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("目标", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "各县目标.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	a.importWorkbooks([]string{path}, nil)
	pressPrompt(t, a, "导入完成", "关闭")
	s := a.tasks
	cells := map[string]string{}
	for _, r := range s.rows {
		for i, c := range s.cols {
			if r.cells[i].Text != "" {
				cells[r.unit.Code+" "+c.ind] = r.cells[i].Text
			}
		}
	}
	want := map[string]string{"532301 " + store.IndPractice: "40", "532323 " + store.IndProgression: "66%"}
	if len(cells) != len(want) || cells["532301 "+store.IndPractice] != "40" || cells["532323 "+store.IndProgression] != "66%" {
		t.Fatalf("the grid shows %v, want %v", cells, want)
	}
}

// 导出任务清单 before anything was assigned says so and writes nothing.
func TestTasksExportWithNothingAssigned(t *testing.T) {
	a := windowOn(t, test.NewTempApp(t), prefectureStore(t))
	a.show("任务下达")
	dir := t.TempDir()
	a.tasks.exportTo(dir)
	if a.notice == nil {
		t.Fatal("no message")
	}
	mustContain(t, textOf(a.win.Canvas().Overlays().Top()), "尚未向任何下级单位下达目标")
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 0 {
		t.Fatalf("wrote %v", files)
	}
}
