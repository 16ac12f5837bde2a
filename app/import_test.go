package app

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/storetest"
	"chanjiao/store/workbook"
)

var exampleWorkbook = filepath.Join(storetest.SharedDir(), "examples", "532323-example.xlsx")

func fixedNow() time.Time { return storetest.Now }

// openStore opens a real database in a temp folder with the clock fixed (the
// year reported is 2025) and the unit set.
func openStore(t *testing.T, u store.Unit) *store.DB { return storetest.Open(t, &u) }

func demoCounty(t *testing.T) *store.DB {
	t.Helper()
	db := openStore(t, store.Unit{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty})
	if err := demo.Fill(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

// windowOn builds the window over db on the fyne test app fa.
func windowOn(t *testing.T, fa fyne.App, db *store.DB) *App {
	t.Helper()
	a := newApp(fa, db, true)
	a.win.Resize(fyne.NewSize(1200, 760))
	return a
}

// pressPrompt checks the open dialog's title and text and presses a button.
func pressPrompt(t *testing.T, a *App, title, button string, wants ...string) *prompt {
	t.Helper()
	p := a.prompt
	if p == nil {
		t.Fatalf("no dialog open; wanted %q", title)
	}
	if p.title != title {
		t.Fatalf("dialog %q (%s), want %q", p.title, p.text, title)
	}
	for _, w := range wants {
		mustContain(t, p.text, w)
	}
	b := p.buttons[button]
	if b == nil {
		t.Fatalf("dialog %q has no button %q", title, button)
	}
	if b.Disabled() {
		t.Fatalf("button %q of %q is disabled", button, title)
	}
	test.Tap(b)
	return p
}

func countSchools(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.View(context.Background(), func(tx *store.Tx) error {
		s, err := tx.Schools()
		n = len(s)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportWorkbook(t *testing.T) {
	db := openStore(t, store.Unit{Code: "532323", Name: "牟定县教育体育局", Level: store.LevelCounty})
	a := windowOn(t, test.NewTempApp(t), db)
	if a.year != 2025 {
		t.Fatalf("year %d", a.year)
	}
	a.show("学校")

	// a bad copy first: one count that is not a number → nothing changes
	bad := filepath.Join(t.TempDir(), "坏的.xlsx")
	breakWorkbook(t, exampleWorkbook, bad, workbook.SheetMajors, "在校生数", "很多")
	a.OpenFiles([]string{bad})
	p := a.prompt
	if p == nil || p.title != "未导入" {
		t.Fatalf("no refusal shown: %+v", p)
	}
	mustContain(t, p.text, "✗ 坏的.xlsx：有 1 处错误，未导入任何数据")
	mustContain(t, p.text, "\n专业 2 在校生数: “很多”不是整数")
	test.Tap(p.buttons["复制全部"])
	if got := a.fa.Clipboard().Content(); got != p.text {
		t.Fatalf("clipboard %q, want the whole report", got)
	}
	issueLine := regexp.MustCompile(`^专业 \d+ \S+: .+`)
	for _, line := range strings.Split(p.text, "\n") {
		if strings.HasPrefix(line, "专业 ") && !issueLine.MatchString(line) {
			t.Fatalf("error line not as 工作表 行 列: 原因: %q", line)
		}
	}
	pressPrompt(t, a, "未导入", "关闭")
	if n := countSchools(t, db); n != 0 {
		t.Fatalf("a refused workbook added %d schools", n)
	}

	// the good one, dropped together with a file that is not a workbook
	a.dropped([]fyne.URI{storageURI(exampleWorkbook), storageURI("/tmp/notes.txt")})
	p = pressPrompt(t, a, "导入完成", "关闭", "✓ 532323-example.xlsx：已导入", "学校：新增 2", "互派互聘：新增 12")
	_ = p
	if n := countSchools(t, db); n != 2 {
		t.Fatalf("%d schools after import", n)
	}
	// the unknown file is named after the import's result
	if a.busy {
		t.Fatal("still busy after the import")
	}
	if len(a.schools.tbl.all) != 2 {
		t.Fatalf("学校 screen shows %d schools after import", len(a.schools.tbl.all))
	}
	// the same workbook again: nothing new
	a.importWorkbooks([]string{exampleWorkbook}, nil)
	pressPrompt(t, a, "导入完成", "关闭", "学校：新增 0，更新 0，未变 2")
}

// breakWorkbook copies a workbook with one cell of a sheet's first data row
// replaced.
func breakWorkbook(t *testing.T, from, to, sheet, header, value string) {
	t.Helper()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v == header {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				if err := f.SetCellValue(sheet, cell, value); err != nil {
					t.Fatal(err)
				}
				if err := f.SaveAs(to); err != nil {
					t.Fatal(err)
				}
				return
			}
		}
	}
	t.Fatalf("no column %s in %s", header, sheet)
}

func TestExportReturns(t *testing.T) {
	db := demoCounty(t)
	a := windowOn(t, test.NewTempApp(t), db)
	a.show("报表")
	r := a.reports
	if r.returns == nil || len(r.tabs.Items) != 1+len(r.returns.Tables) {
		t.Fatalf("preview has %d tabs", len(r.tabs.Items))
	}
	if got := r.tabs.Items[3].Text; got != "表3 校企互派互聘情况" {
		t.Fatalf("tab 3 is %q", got)
	}
	if r.receive.Visible() {
		t.Fatal("a county is offered 接收")
	}
	dir := t.TempDir()
	a.exportTo(dir, a.year, false)
	p := pressPrompt(t, a, "导出报表", "关闭", "2025年度楚雄市教育体育局产教融合统计报表.pdf", "2025年度楚雄市教育体育局产教融合统计报表.xlsx")
	if p.buttons["打开 PDF"] == nil || p.buttons["打开所在文件夹"] == nil {
		t.Fatal("no offer to open the files")
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "2025年度楚雄市教育体育局产教融合统计报表.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("not a PDF: %q", pdf[:8])
	}
	xlsx, err := os.ReadFile(filepath.Join(dir, "2025年度楚雄市教育体育局产教融合统计报表.xlsx"))
	if err != nil || !strings.HasPrefix(string(xlsx), "PK") {
		t.Fatalf("no workbook: %v", err)
	}
	if r.lastExport.pdf == "" || r.lastExport.xlsx == "" {
		t.Fatalf("export not recorded: %+v", r.lastExport)
	}

	// a folder that is gone (the USB stick was pulled): a clear message, no file
	a.exportTo(filepath.Join(dir, "不存在"), a.year, false)
	pressPrompt(t, a, "导出报表", "关闭", "导出未完成：目标文件夹不存在")

	// a document of another kind under the returns' name: asked first, and
	// replaced only after 替换
	other := t.TempDir()
	notes := filepath.Join(other, "2025年度楚雄市教育体育局产教融合统计报表.pdf")
	if err := os.WriteFile(notes, []byte("会议记录"), 0o644); err != nil {
		t.Fatal(err)
	}
	a.exportTo(other, a.year, false)
	if got, _ := os.ReadFile(notes); string(got) != "会议记录" {
		t.Fatal("replaced before the clerk was asked")
	}
	tapConfirm(t, a, "已存在", "替换")
	pressPrompt(t, a, "导出报表", "关闭", "2025年度楚雄市教育体育局产教融合统计报表.pdf")
	if got, _ := os.ReadFile(notes); !strings.HasPrefix(string(got), "%PDF") {
		t.Fatal("not replaced after 替换")
	}
}

// 取消 in the progress dialog cancels the work's context; the buttons that
// start long work are disabled while it runs and enabled after.
func TestLongWorkCancel(t *testing.T) {
	a := windowOn(t, test.NewTempApp(t), demoCounty(t))
	var sawDisabled bool
	var got error
	a.longTask("测试", func(ctx context.Context, p *progress) error {
		sawDisabled = a.reports.export.Disabled() && a.reports.pack.Disabled()
		test.Tap(p.cancel)
		if !p.cancel.Disabled() {
			t.Error("取消 can be pressed twice")
		}
		return ctx.Err()
	}, func(err error) { got = err })
	if !sawDisabled {
		t.Fatal("the export and 上报 buttons stay enabled during long work")
	}
	if got != context.Canceled {
		t.Fatalf("work ended with %v, want it cancelled", got)
	}
	if a.busy || a.reports.export.Disabled() {
		t.Fatal("still busy after the work ended")
	}
}
