package app

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

// runningSchools are the demo county's schools still running in year.
func runningSchools(t *testing.T, db *store.DB, year int) []store.School {
	t.Helper()
	var all []store.School
	if err := db.View(context.Background(), func(tx *store.Tx) (err error) { all, err = tx.Schools(); return err }); err != nil {
		t.Fatal(err)
	}
	return runningIn(all, year)
}

// xlsxIn lists the .xlsx files of dir by name.
func xlsxIn(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".xlsx") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// toolButton is the button of the 学校 toolbar that reads text.
func toolButton(t *testing.T, a *App, text string) *widget.Button {
	t.Helper()
	for _, o := range a.schools.tools {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("the 学校 toolbar has no button %q", text)
	return nil
}

func checkedCodes(p *prompt) []string {
	var out []string
	for code, c := range p.checks {
		if c.Checked {
			out = append(out, code)
		}
	}
	sort.Strings(out)
	return out
}

func TestTemplatesDialogWritesOneWorkbookPerCheckedSchool(t *testing.T) {
	db := demoCounty(t)
	a := windowOn(t, test.NewTempApp(t), db)
	var opened []string
	a.opener = func(u *url.URL) error { opened = append(opened, u.Path); return nil }
	a.show("学校")
	schools := runningSchools(t, db, 2025)
	if len(schools) < 3 {
		t.Fatalf("the demo county has %d schools running in 2025", len(schools))
	}

	test.Tap(toolButton(t, a, "下发填报模板…"))
	p := a.prompt
	if p == nil || p.title != "下发填报模板" {
		t.Fatalf("no template dialog: %+v", p)
	}
	if got := p.selects["年度"].Selected; got != "2025 年" {
		t.Fatalf("year preset to %q, want the selected year 2025", got)
	}
	// every running school is listed, all checked
	if len(p.checks) != len(schools) {
		t.Fatalf("%d schools listed, want %d", len(p.checks), len(schools))
	}
	for _, s := range schools {
		c := p.checks[s.Code]
		if c == nil || !c.Checked || !strings.Contains(c.Text, s.Name) {
			t.Fatalf("school %s (%s) not listed checked: %+v", s.Name, s.Code, c)
		}
	}
	gen := p.buttons["生成填报表"]
	if !gen.Disabled() {
		t.Fatal("生成填报表 is enabled before a folder is chosen")
	}
	dir := filepath.Join(t.TempDir(), "U盘")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p.setDir(dir)
	if gen.Disabled() {
		t.Fatal("生成填报表 stays disabled with schools and a folder chosen")
	}
	test.Tap(p.buttons["全不选"])
	if n := len(checkedCodes(p)); n != 0 || !gen.Disabled() {
		t.Fatalf("全不选 leaves %d checked, 生成填报表 disabled=%v", n, gen.Disabled())
	}
	test.Tap(p.buttons["全选"])
	if n := len(checkedCodes(p)); n != len(schools) {
		t.Fatalf("全选 checks %d of %d", n, len(schools))
	}
	// leave one school out; another year and back keeps the choice
	left := schools[1]
	p.checks[left.Code].SetChecked(false)
	p.selects["年度"].SetSelected("2024 年")
	p.selects["年度"].SetSelected("2025 年")
	if c := p.checks[left.Code]; c == nil || c.Checked {
		t.Fatalf("changing the year forgot that %s was left out", left.Name)
	}
	want := len(schools) - 1
	if n := len(checkedCodes(p)); n != want {
		t.Fatalf("%d checked, want %d", n, want)
	}

	test.Tap(gen)
	r := pressPrompt(t, a, "下发填报模板", "打开文件夹", "已生成 "+strconv.Itoa(want)+" 份 2025 年度填报表", dir)
	if len(opened) != 1 || opened[0] != dir {
		t.Fatalf("打开文件夹 opened %v, want %s", opened, dir)
	}
	if a.busy {
		t.Fatal("still busy after writing the templates")
	}

	files := xlsxIn(t, dir)
	if len(files) != want {
		t.Fatalf("%d files written, want %d: %v", len(files), want, files)
	}
	for _, s := range schools {
		name := workbook.TemplateFileName(s.Name, 2025)
		path := filepath.Join(dir, name)
		if s.Code == left.Code {
			if _, err := os.Stat(path); err == nil {
				t.Fatalf("a template was written for %s, which was left out", s.Name)
			}
			continue
		}
		mustContain(t, r.text, name)
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("excelize cannot open %s: %v", name, err)
		}
		rows, err := f.GetRows(workbook.SheetSchools)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || len(rows[1]) < 2 || rows[1][0] != s.Code || rows[1][1] != s.Name {
			t.Fatalf("学校 sheet of %s holds %v, want only %s %s", name, rows, s.Code, s.Name)
		}
		info, err := workbook.ReadTemplateInfo(path)
		if err != nil || info == nil || info.School != s.Code || info.Year != 2025 {
			t.Fatalf("%s records %+v (%v), want the template of %s for 2025", name, info, err, s.Code)
		}
	}

	// again into the same folder: it asks before replacing the files there
	test.Tap(toolButton(t, a, "下发填报模板…"))
	a.prompt.setDir(dir)
	test.Tap(a.prompt.buttons["生成填报表"])
	if a.prompt != nil {
		t.Fatal("the dialog stays open")
	}
	tapConfirm(t, a, workbook.TemplateFileName(schools[0].Name, 2025))
	pressPrompt(t, a, "下发填报模板", "关闭", "已生成 "+strconv.Itoa(len(schools))+" 份")
	if n := len(xlsxIn(t, dir)); n != len(schools) {
		t.Fatalf("%d files after the second round, want %d", n, len(schools))
	}
}
