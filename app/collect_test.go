package app

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/storetest"
	"chanjiao/store/workbook"
)

// fillTemplate fills this year's figures of every major row of a school's
// template as the school would (through excelize), with bad, when set, typed
// into the 在校生数 of the first major instead. It returns the cell of that
// 在校生数.
func fillTemplate(t *testing.T, path, bad string) (firstEnrolled string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(workbook.SheetMajors)
	if err != nil || len(rows) < 2 {
		t.Fatalf("专业 sheet of %s: %d rows, %v", filepath.Base(path), len(rows), err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i + 1
	}
	for r := 2; r <= len(rows); r++ {
		for h, v := range map[string]any{"在校生数": 100 + r, "毕业生数": 40 + r, "升学人数": 30} {
			if col[h] == 0 {
				t.Fatalf("专业 has no column %s", h)
			}
			cell, _ := excelize.CoordinatesToCellName(col[h], r)
			if r == 2 && h == "在校生数" {
				firstEnrolled = cell
				if bad != "" {
					v = bad
				}
			}
			if err := f.SetCellValue(workbook.SheetMajors, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return firstEnrolled
}

// schoolMajors are the majors of a school in year, by code.
func schoolMajors(t *testing.T, db *store.DB, year int, code string) map[string]store.Major {
	t.Helper()
	out := map[string]store.Major{}
	if err := db.View(context.Background(), func(tx *store.Tx) error {
		ms, err := tx.Majors(year)
		for _, m := range ms {
			if m.SchoolCode == code {
				out[m.Code] = m
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// findTable finds the first table in the dialog on top of the window.
func findTable(t *testing.T, a *App) *widget.Table {
	t.Helper()
	var walk func(o fyne.CanvasObject) *widget.Table
	walk = func(o fyne.CanvasObject) *widget.Table {
		switch x := o.(type) {
		case *widget.Table:
			return x
		case *fyne.Container:
			for _, c := range x.Objects {
				if tb := walk(c); tb != nil {
					return tb
				}
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				if tb := walk(c); tb != nil {
					return tb
				}
			}
		}
		return nil
	}
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog on the window")
	}
	tb := walk(top)
	if tb == nil {
		t.Fatal("the dialog has no table")
	}
	return tb
}

// tableRows reads a table's cells as its UpdateCell writes them.
func tableRows(tb *widget.Table) [][]string {
	rows, cols := tb.Length()
	out := make([][]string, rows)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			o := tb.CreateCell()
			tb.UpdateCell(widget.TableCellID{Row: r, Col: c}, o)
			out[r] = append(out[r], o.(*widget.Label).Text)
		}
	}
	return out
}

func TestCollectFolderImportsTheGoodRefusesAndAnnotatesTheBad(t *testing.T) {
	db := demoCounty(t)
	const good, bad = "3653010002", "3653010001"
	dir := filepath.Join(t.TempDir(), "收回的填报表")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	paths, err := workbook.Templates(context.Background(), db, 2025, []string{good, bad}, dir)
	if err != nil || len(paths) != 2 {
		t.Fatalf("Templates: %v %v", paths, err)
	}
	badPath, goodPath := paths[0], paths[1] // in code order
	if info, _ := workbook.ReadTemplateInfo(goodPath); info == nil || info.School != good {
		t.Fatalf("%s is not the template of %s", goodPath, good)
	}
	fillTemplate(t, goodPath, "")
	badCell := fillTemplate(t, badPath, "很多")
	// Excel's lock file and a note are not workbooks to collect
	os.WriteFile(filepath.Join(dir, "~$"+filepath.Base(goodPath)), []byte("lock"), 0o644)
	os.WriteFile(filepath.Join(dir, "说明.txt"), []byte("U盘"), 0o644)
	badBefore := schoolMajors(t, db, 2025, bad)
	goodName, badName := "", ""
	for _, s := range runningSchools(t, db, 2025) {
		switch s.Code {
		case good:
			goodName = s.Name
		case bad:
			badName = s.Name
		}
	}

	a := windowOn(t, test.NewTempApp(t), db)
	var opened []string
	a.opener = func(u *url.URL) error { opened = append(opened, u.Path); return nil }
	a.show("学校")
	if b := toolButton(t, a, "收取填报表…"); b.Disabled() {
		t.Fatal("收取填报表… is disabled")
	}
	a.collectFolder(dir)

	p := a.prompt
	if p == nil || p.title != "部分文件未导入" {
		t.Fatalf("no summary of a partial import: %+v", p)
	}
	annotated := filepath.Join(dir, strings.TrimSuffix(filepath.Base(badPath), ".xlsx")+"_错误标注.xlsx")
	// the summary table: one line per workbook, the lock file and the note left out
	got := tableRows(findTable(t, a))
	want := [][]string{
		// 警告: a demo enterprise's credit code fails its check digit, in both files
		{badName, filepath.Base(badPath), "0", "0", "1", "未导入：1 处错误\n标注副本：" + filepath.Base(annotated)},
		{goodName, filepath.Base(goodPath), "0", "", "1", "已导入"},
	}
	if len(got) != len(want) {
		t.Fatalf("summary has %d lines, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		for c := range want[i] {
			if c == 3 && i == 1 {
				continue // the 更新 of the good file is checked below
			}
			if got[i][c] != want[i][c] {
				t.Fatalf("summary line %d column %s = %q, want %q\n%v", i+1, summaryColumns[c], got[i][c], want[i][c], got)
			}
		}
	}
	goodMajors := schoolMajors(t, db, 2025, good)
	if got[1][3] != strconv.Itoa(len(goodMajors)) {
		t.Fatalf("the good file updated %s records, want its %d majors", got[1][3], len(goodMajors))
	}
	// what the dialog says (and 复制全部 copies): the table as text, then each file's details
	mustContain(t, p.text, "学校\t文件\t新增\t更新\t警告\t结果\n")
	mustContain(t, p.text, badName+"\t"+filepath.Base(badPath)+"\t0\t0\t1\t未导入：1 处错误，标注副本：")
	mustContain(t, p.text, "✓ "+filepath.Base(goodPath)+"：已导入")
	mustContain(t, p.text, "✗ "+filepath.Base(badPath)+"：有 1 处错误")
	mustContain(t, p.text, "“很多”不是整数")
	test.Tap(p.buttons["复制全部"])
	if c := a.fa.Clipboard().Content(); c != p.text {
		t.Fatalf("clipboard %q, want the whole summary", c)
	}
	pressPrompt(t, a, "部分文件未导入", "打开所在文件夹")
	if len(opened) != 1 || opened[0] != dir {
		t.Fatalf("打开所在文件夹 opened %v, want %s", opened, dir)
	}

	// the good school's figures are in, the bad school's untouched
	for code, m := range goodMajors {
		if m.Enrolled < 102 || m.Graduates < 42 || m.Progressed != 30 {
			t.Fatalf("major %s of %s after collecting: %+v", code, good, m)
		}
	}
	for code, m := range schoolMajors(t, db, 2025, bad) {
		if b := badBefore[code]; m.Enrolled != b.Enrolled || m.Graduates != b.Graduates || m.Progressed != b.Progressed {
			t.Fatalf("the refused file changed major %s: %+v, was %+v", code, m, badBefore[code])
		}
	}

	// the annotated copy sits beside the bad file, its comment on the bad cell
	f, err := excelize.OpenFile(annotated)
	if err != nil {
		t.Fatalf("no annotated copy beside the refused file: %v", err)
	}
	defer f.Close()
	comments, err := f.GetComments(workbook.SheetMajors)
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) != 1 || comments[0].Cell != badCell {
		t.Fatalf("annotated copy comments %+v, want one on %s", comments, badCell)
	}
	if _, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(filepath.Base(goodPath), ".xlsx")+"_错误标注.xlsx")); err == nil {
		t.Fatal("the imported file got an annotated copy")
	}
	if n := len(xlsxIn(t, dir)); n != 4 { // two templates, the lock file, the annotated copy
		t.Fatalf("%d .xlsx files in the folder after collecting, want 4", n)
	}
	if a.busy {
		t.Fatal("still busy after collecting")
	}
}

// Many files dropped on the window get the same summary table.
func TestDroppedWorkbooksGetOneSummary(t *testing.T) {
	db := openStore(t, store.Unit{Code: "532323", Name: "牟定县教育体育局", Level: store.LevelCounty})
	a := windowOn(t, test.NewTempApp(t), db)
	bad := filepath.Join(t.TempDir(), "坏的.xlsx")
	breakWorkbook(t, exampleWorkbook, bad, workbook.SheetMajors, "在校生数", "很多")
	a.dropped([]fyne.URI{storageURI(exampleWorkbook), storageURI(bad)})
	p := a.prompt
	if p == nil || p.title != "部分文件未导入" {
		t.Fatalf("no summary: %+v", p)
	}
	got := tableRows(findTable(t, a))
	// sorted by path, and where ../shared lies decides which comes first
	if len(got) == 2 && got[0][1] != "坏的.xlsx" {
		got[0], got[1] = got[1], got[0]
	}
	if len(got) != 2 || got[1][1] != "532323-example.xlsx" || got[1][5] != "已导入" || got[1][2] != "29" || // 28 records and the class its 订单班人数 makes
		got[0][1] != "坏的.xlsx" || got[0][5] != "未导入：1 处错误\n标注副本：坏的_错误标注.xlsx" {
		t.Fatalf("summary %v", got)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(bad), "坏的_错误标注.xlsx")); err != nil {
		t.Fatalf("no annotated copy: %v", err)
	}
}

// cliSummary runs the real chanjiao-cli import on dir (into a new database
// of the unit) and returns its summary table, one row of six cells per file.
func cliSummary(t *testing.T, u store.Unit, dir string) (rows [][]string, dbPath string) {
	t.Helper()
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "chanjiao-cli")
	build := exec.Command("go", "build", "-o", bin, "../cmd/chanjiao-cli")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building chanjiao-cli: %v\n%s", err, out)
	}
	dbPath = filepath.Join(tmp, "cli.db")
	run := func(args ...string) string {
		cmd := exec.Command(bin, append([]string{"--db", dbPath}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+tmp, "XDG_CONFIG_HOME="+tmp, "CHANJIAO_DB=")
		var out bytes.Buffer
		cmd.Stdout = &out
		cmd.Run() // exit 1 when a file is not imported
		return out.String()
	}
	run("init", "--unit", u.Code, "--name", u.Name, "--level", u.Level)
	out := run("import", dir)
	_, table, ok := strings.Cut(out, "导入汇总：")
	if !ok {
		t.Fatalf("no summary in the CLI's output:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(table), "\n")
	for _, l := range lines[2:] { // after the title and the header
		rows = append(rows, regexp.MustCompile(`\s{2,}`).Split(l, 6))
	}
	return rows, dbPath
}

// sameOutcome reduces a 结果 to what both renderings say: imported, or how
// many errors and which annotated copy (or that none could be made).
func sameOutcome(s string) string {
	if n := strings.Index(s, "处错误"); n >= 0 {
		out := s[:n+len("处错误")]
		if m := regexp.MustCompile(`标注副本：(\S+?\.xlsx)`).FindStringSubmatch(s); m != nil {
			out += " " + m[1]
		}
		if strings.Contains(s, "未能生成错误标注副本") {
			out += " 未能生成错误标注副本"
		}
		return out
	}
	return s
}

// The same folder imported in the window (收取填报表) and by `chanjiao-cli
// import`: both go through workbook.ImportBatch and agree file by file. The
// folder holds a good workbook, a refused one, a refused one without sheet
// views (its annotated copy once panicked and stopped the batch), an .xls
// and Excel's lock file.
func TestFolderImportSameInWindowAndCLI(t *testing.T) {
	u := store.Unit{Code: "532323", Name: "牟定县教育体育局", Level: store.LevelCounty}
	folder := func() string {
		dir := t.TempDir()
		breakWorkbook(t, exampleWorkbook, filepath.Join(dir, "1-坏的.xlsx"), workbook.SheetMajors, "在校生数", "很多")
		breakWorkbook(t, exampleWorkbook, filepath.Join(dir, "2-无视图.xlsx"), workbook.SheetMajors, "在校生数", "-1")
		storetest.WithoutSheetViews(t, filepath.Join(dir, "2-无视图.xlsx"))
		data, err := os.ReadFile(exampleWorkbook)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"3-好的.xlsx", "4-旧的.xls", "~$3-好的.xlsx"} {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}

	db := openStore(t, u)
	a := windowOn(t, test.NewTempApp(t), db)
	a.collectFolder(folder())
	if a.prompt == nil || a.prompt.title != "部分文件未导入" {
		t.Fatalf("no summary of a partial import: %+v", a.prompt)
	}
	window := tableRows(findTable(t, a))
	cli, cliDB := cliSummary(t, u, folder())

	if len(window) != 4 || len(cli) != 4 {
		t.Fatalf("window summary %q\nCLI summary %q\nwant 4 files each", window, cli)
	}
	for i := range window {
		w, c := window[i], cli[i]
		for col := 0; col < 5; col++ {
			if w[col] != c[col] && !(w[col] == "" && c[col] == "0") { // the window leaves the counts of a file it could not read empty

				t.Errorf("file %d %s: window %q, CLI %q", i+1, summaryColumns[col], w[col], c[col])
			}
		}
		if sameOutcome(w[5]) != sameOutcome(c[5]) {
			t.Errorf("file %d 结果: window %q, CLI %q", i+1, w[5], c[5])
		}
	}
	if want := "未导入：1 处错误 2-无视图_错误标注.xlsx"; sameOutcome(window[1][5]) != want {
		t.Errorf("the workbook without sheet views: %q, want %q", window[1][5], want)
	}
	if window[2][5] != "已导入" || !strings.Contains(window[3][5], "请另存为 .xlsx") {
		t.Errorf("after the refused files: %q", window[2:])
	}
	other, err := store.Open(cliDB, storetest.Ref(t))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if w, c := countSchools(t, db), countSchools(t, other); w != c || w == 0 {
		t.Errorf("schools after the import: window %d, CLI %d", w, c)
	}
}
