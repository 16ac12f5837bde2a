package reports_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"chanjiao/reports"
	"chanjiao/store"
	"chanjiao/store/storetest"
)

// testDate is the 报出日期 of every test build.
var testDate = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// openDB opens a new database on a real file under the test's temp dir,
// with the clock at 2026-03-01 (statistical year 2025).
func openDB(tb testing.TB) *store.DB { return storetest.Open(tb, nil) }

// openDemo is a database holding the demo county.
func openDemo(tb testing.TB) *store.DB { return storetest.Demo(tb) }

func build(tb testing.TB, db *store.DB, year int) *reports.Returns {
	tb.Helper()
	r, err := reports.Build(context.Background(), db, year, reports.Options{Date: testDate})
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	return r
}

func pdfBytes(tb testing.TB, r *reports.Returns) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := reports.WritePDF(&buf, r); err != nil {
		tb.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}

func xlsxBytes(tb testing.TB, r *reports.Returns) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := reports.WriteXLSX(&buf, r); err != nil {
		tb.Fatalf("WriteXLSX: %v", err)
	}
	return buf.Bytes()
}

// poppler runs a poppler-utils tool; the test fails (it does not skip)
// when the tool is missing.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("%s not found: the PDF tests need poppler-utils (apt-get install poppler-utils)", tool)
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// pdfText is the pdftotext -layout text of a PDF, one string per page.
func pdfText(t *testing.T, pdf []byte) []string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "returns.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", file, "-"), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// findRow finds the row of a part whose first or second cell shows label.
func findRow(t *testing.T, p *reports.Part, label string) reports.Row {
	t.Helper()
	for _, r := range p.Rows {
		for i := 0; i < 2 && i < len(r.Cells); i++ {
			if r.Cells[i].Display(false) == label {
				return r
			}
		}
	}
	t.Fatalf("%s: no row %q", p.Caption, label)
	return reports.Row{}
}

func hasRow(p *reports.Part, label string) bool {
	for _, r := range p.Rows {
		for i := 0; i < 2 && i < len(r.Cells); i++ {
			if r.Cells[i].Display(false) == label {
				return true
			}
		}
	}
	return false
}

// cell gives the cell of a row under a column header, as the PDF shows it.
func cell(t *testing.T, p *reports.Part, r reports.Row, header string) string {
	t.Helper()
	for i, c := range p.Columns {
		if c.Header == header {
			return r.Cells[i].Display(false)
		}
	}
	t.Fatalf("no column %q", header)
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// detailTable is the 明细 table of a table above county level.
func detailTable(t *testing.T, r *reports.Returns, no int) *reports.Table {
	t.Helper()
	return findTable(t, r.Details, no)
}

func table(t *testing.T, r *reports.Returns, no int) *reports.Table {
	t.Helper()
	return findTable(t, r.Tables, no)
}

func findTable(t *testing.T, tables []*reports.Table, no int) *reports.Table {
	t.Helper()
	for _, tb := range tables {
		if tb.No == no {
			return tb
		}
	}
	t.Fatalf("no table %d", no)
	return nil
}
