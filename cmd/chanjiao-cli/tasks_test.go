package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Issue 17's whole loop through the CLI: a prefecture assigns targets to two
// counties from a 目标 workbook and writes their 任务清单; each county takes
// in its own (and refuses the other's), one lowers an assigned target, both
// send their year; the prefecture's units[].assessment and 表12 give each
// county's done, target and met, checked against the counties' own figures.
func TestTaskListLoop(t *testing.T) {
	c := newCLI(t).withRefData()
	dir := t.TempDir()
	usb, tasks := filepath.Join(dir, "usb"), filepath.Join(dir, "任务清单")
	for _, d := range []string{usb, tasks} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	chuxiong, mouding, zhou := filepath.Join(dir, "chuxiong.db"), filepath.Join(dir, "mouding.db"), filepath.Join(dir, "zhou.db")
	const year = "2025"
	c.ok("--db", chuxiong, "init", "--unit", "532301", "--name", "楚雄市教育体育局")
	c.ok("--db", chuxiong, "demo")
	c.ok("--db", mouding, "init", "--unit", "532323", "--name", "牟定县")
	c.ok("--db", mouding, "import", examplePath(t))
	c.ok("--db", zhou, "init", "--unit", "532300", "--name", "楚雄州教育体育局", "--level", "prefecture")

	header := []any{"区划代码", "统计年度", "指标", "分类", "目标值"}
	book := writeBook(t, sheet{"目标", [][]any{header,
		{"532301", 2025, "每校互派互聘人数", nil, 12},
		{"532301", 2025, "职业技能培训人次", "在校学生", 3500},
		{"532323", 2025, "每校互派互聘人数", nil, 8},
		{"532323", 2025, "中职升学率", nil, "50%"},
	}})
	c.ok("--db", zhou, "import", book)
	out := c.ok("--db", zhou, "tasks", "export", "--year", year, "--out", tasks).stdout
	files, _ := filepath.Glob(filepath.Join(tasks, "*_任务清单.xlsx"))
	if len(files) != 2 || !strings.Contains(out, "532301_") || !strings.Contains(files[1], "532323_牟定县_2025_任务清单.xlsx") {
		t.Fatalf("task lists: %v\n%s", files, out)
	}
	own := map[string]string{"532301": files[0], "532323": files[1]}

	r := c.expect(1, "--db", mouding, "import", own["532301"])
	if !strings.Contains(r.stderr, "532301") {
		t.Errorf("a county took another county's 任务清单: %s", r)
	}
	c.ok("--db", chuxiong, "import", own["532301"])
	c.ok("--db", mouding, "import", own["532323"])
	c.ok("--db", chuxiong, "targets", "--year", year, "--set", "每校互派互聘人数=10") // lowers what was assigned
	for _, db := range []string{chuxiong, mouding} {
		c.ok("--db", db, "bundle", "export", "--year", year, "--out", usb)
	}
	sent, _ := filepath.Glob(filepath.Join(usb, "*.cjrh"))
	c.ok(append([]string{"--db", zhou, "bundle", "import", "--trust"}, sent...)...)

	// what each county's own figures say it did
	county := map[string]map[string]any{}
	for code, db := range map[string]string{"532301": chuxiong, "532323": mouding} {
		county[code] = decode(t, c.ok("--db", db, "check", "--year", year, "--json").stdout)
	}
	schoolsAtLeast := func(doc map[string]any, n float64) (met, of float64) {
		for _, s := range doc["schools"].([]any) {
			s := s.(map[string]any)
			if s["assessed"] == true {
				of++
				if at(t, s, "secondments", "persons").(float64) >= n {
					met++
				}
			}
		}
		return met, of
	}
	pref := decode(t, c.ok("--db", zhou, "check", "--year", year, "--json").stdout)
	assessment := map[string]map[string]map[string]any{} // unit → indicator[/category] → entry
	for _, u := range pref["units"].([]any) {
		u := u.(map[string]any)
		code := at(t, u, "unit", "code").(string)
		assessment[code] = map[string]map[string]any{}
		for _, a := range u["assessment"].([]any) {
			a := a.(map[string]any)
			key := a["indicator"].(string)
			if cat, ok := a["category"].(string); ok {
				key += "/" + cat
			}
			assessment[code][key] = a
		}
	}
	met, of := schoolsAtLeast(county["532301"], 12)
	want := map[string]map[string]string{
		"532301": {
			"secondment": fmt.Sprintf("done=%v target=12 met=%v own=10", met, met == of),
			"training/在校学生": fmt.Sprintf("done=%v target=3500 met=%v own=<nil>", at(t, county["532301"], "training", "在校学生", "count"),
				at(t, county["532301"], "training", "在校学生", "count").(float64) >= 3500),
		},
	}
	met8, of8 := schoolsAtLeast(county["532323"], 8)
	rate := at(t, county["532323"], "progression", "rate").(float64)
	want["532323"] = map[string]string{
		"secondment":  fmt.Sprintf("done=%v target=8 met=%v own=<nil>", met8, met8 == of8),
		"progression": fmt.Sprintf("done=%v target=0.5 met=%v own=<nil>", rate, rate >= 0.5),
	}
	for code, entries := range want {
		for key, w := range entries {
			a := assessment[code][key]
			if a == nil {
				t.Errorf("%s has no assessment of %s: %v", code, key, assessment[code])
				continue
			}
			if got := fmt.Sprintf("done=%v target=%v met=%v own=%v", a["done"], a["target"], a["met"], a["own_target"]); got != w {
				t.Errorf("%s %s: %s, want %s", code, key, got, w)
			}
		}
	}

	// 表12 gives the same: the assigned 12 with the county's own 10 beside,
	// and each county's indicators met
	xlsx := filepath.Join(dir, "州.xlsx")
	c.ok("--db", zhou, "report", "--year", year, "--format", "xlsx", "--out", xlsx)
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("表12 各县市主要指标完成情况")
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string][]string{} // unit name → its rows' cells, in every part of the grid
	for _, r := range rows {
		if len(r) > 1 {
			cells[r[1]] = append(cells[r[1]], r...)
		}
	}
	metText := func(code string) string {
		met, n := 0, 0
		for _, a := range assessment[code] {
			n++
			if a["met"] == true {
				met++
			}
		}
		return fmt.Sprintf("%d/%d", met, n)
	}
	for name, w := range map[string][]string{
		"楚雄市": {metText("532301"), fmt.Sprint(met), "12（自定10）"},
		"牟定县": {metText("532323"), fmt.Sprint(met8), "8"},
	} {
		row := strings.Join(cells[name], "|")
		for _, x := range w {
			if !strings.Contains("|"+row+"|", "|"+x+"|") {
				t.Errorf("表12's row of %s lacks %q: %s", name, x, row)
			}
		}
	}
}
