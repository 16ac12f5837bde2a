package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store/demo"
)

// TestExportDetailBox: a prefecture's returns page offers 同时生成明细表 (a
// county's does not); ticked, the export writes the 明细 PDF beside the
// returns and names it in the result.
func TestExportDetailBox(t *testing.T) {
	county := windowOn(t, test.NewTempApp(t), demoCounty(t))
	county.show("报表")
	if county.reports.detail.Visible() {
		t.Fatal("a county is offered 同时生成明细表")
	}

	db := prefectureStore(t)
	if err := demo.FillAnyUnit(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	a := windowOn(t, test.NewTempApp(t), db)
	a.show("报表")
	r := a.reports
	if !r.detail.Visible() {
		t.Fatal("a prefecture is not offered 同时生成明细表")
	}
	plain := t.TempDir()
	a.exportTo(plain, a.year, false)
	pressPrompt(t, a, "导出报表", "关闭")
	if r.lastExport.detail != "" {
		t.Fatalf("a 明细 PDF without the box: %+v", r.lastExport)
	}
	r.detail.SetChecked(true) // the clerk ticks the box
	dir := t.TempDir()
	a.exportTo(dir, a.year, false)
	name := "2025年度楚雄州教育体育局产教融合统计报表明细.pdf"
	pressPrompt(t, a, "导出报表", "关闭", "明细 PDF："+name)
	if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b[:4]) != "%PDF" {
		t.Fatalf("no 明细 PDF in the folder (%v)", err)
	}
}
