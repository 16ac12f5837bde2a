package reports_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"chanjiao/reports"
	"chanjiao/store"
)

// TestRenderGivesTheDataFilesReturns: what the window and the command line
// pack into a data file is the returns rendered once, as the writers give it.
func TestRenderGivesTheDataFilesReturns(t *testing.T) {
	db := openDemo(t)
	files, err := reports.Render(context.Background(), db, 2025, reports.Options{Date: testDate})
	if err != nil {
		t.Fatal(err)
	}
	r := build(t, db, 2025)
	if len(files) != 2 || !bytes.Equal(files["returns.pdf"], pdfBytes(t, r)) || !bytes.Equal(files["returns.xlsx"], xlsxBytes(t, r)) {
		t.Fatalf("rendered files %d, or their bytes differ from WritePDF/WriteXLSX", len(files))
	}
}

// TestExportAllWritesBothFiles: the window's 导出 PDF 和 Excel writes both
// files under the title, never over the database.
func TestExportAllWritesBothFiles(t *testing.T) {
	db := openDemo(t)
	r := build(t, db, 2025)
	dir := t.TempDir()
	var steps []string
	out, err := reports.ExportAll(context.Background(), db, r, dir, false, func(s string, _ float64) { steps = append(steps, s) })
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, r.Title)
	if out != (reports.Exported{PDF: base + ".pdf", XLSX: base + ".xlsx"}) || len(steps) != 3 {
		t.Fatalf("exported %+v after steps %q", out, steps)
	}
	for file, want := range map[string][]byte{out.PDF: pdfBytes(t, r), out.XLSX: xlsxBytes(t, r)} {
		if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from the rendered bytes (%v)", file, err)
		}
	}

	// the PDF's name is taken by a folder: refused before either file is
	// written
	other := t.TempDir()
	if err := os.Mkdir(filepath.Join(other, r.Title+".pdf"), 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := reports.ExportAll(context.Background(), db, r, other, false, nil); err == nil || out != (reports.Exported{}) {
		t.Fatalf("export over a folder: %+v, %v", out, err)
	}
	if _, err := os.Stat(filepath.Join(other, r.Title+".xlsx")); !os.IsNotExist(err) {
		t.Fatalf("the Excel file was written beside a refused PDF (%v)", err)
	}
	renamed := *r
	renamed.Title = "另一份"
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	out, err = reports.ExportAll(cancelled, db, &renamed, dir, false, nil)
	if err == nil || out.PDF == "" || out.XLSX != "" {
		t.Fatalf("a cancelled export: %+v, %v", out, err)
	}
}

// TestExportAllReplacesAnotherKindOnlyWhenAsked: a file of another kind under
// the returns' name is kept unless the clerk said to replace it.
func TestExportAllReplacesAnotherKindOnlyWhenAsked(t *testing.T) {
	db := openDemo(t)
	r := build(t, db, 2025)
	dir := t.TempDir()
	notes := filepath.Join(dir, r.FileName()+".pdf")
	if err := os.WriteFile(notes, []byte("会议记录：不要丢"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := reports.ExportAll(context.Background(), db, r, dir, false, nil)
	if !errors.Is(err, store.ErrReplacesOtherFile) {
		t.Fatalf("export over a text file: %v, want ErrReplacesOtherFile", err)
	}
	if got, _ := os.ReadFile(notes); string(got) != "会议记录：不要丢" {
		t.Fatal("the text file was replaced without asking")
	}
	if _, err := reports.ExportAll(context.Background(), db, r, dir, true, nil); err != nil {
		t.Fatalf("export after the clerk agreed: %v", err)
	}
	if got, _ := os.ReadFile(notes); !bytes.HasPrefix(got, []byte("%PDF")) {
		t.Fatal("not replaced by the PDF after the clerk agreed")
	}
}
