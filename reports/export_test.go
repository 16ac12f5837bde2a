package reports_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/reports"
	"chanjiao/store"
)

// TestExportAtomic writes both files through atomic.WriteFile: the result
// is what WritePDF/WriteXLSX give, no temporary file is left behind, and a
// missing folder (a pulled USB stick) gives the clerk a message.
func TestExportAtomic(t *testing.T) {
	r := build(t, openDemo(t), 2025)
	dir := t.TempDir()
	pdf, xlsx := filepath.Join(dir, "2025年度报表.pdf"), filepath.Join(dir, "2025年度报表.xlsx")
	if err := reports.ExportPDF(pdf, r); err != nil {
		t.Fatal(err)
	}
	if err := reports.ExportXLSX(xlsx, r); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string][]byte{pdf: pdfBytes(t, r), xlsx: xlsxBytes(t, r)} {
		got, err := os.ReadFile(file)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from the rendered bytes (%v)", file, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries, want the 2 files", len(entries))
	}
	err := reports.ExportPDF(filepath.Join(dir, "gone", "r.pdf"), r)
	if err == nil || !strings.Contains(store.ErrorMessage(err), "目标文件夹不存在") {
		t.Errorf("missing folder: %v", err)
	}
}
