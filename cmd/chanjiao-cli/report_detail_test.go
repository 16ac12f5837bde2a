package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `report --detail --format pdf` at a prefecture writes the 明细 PDF beside
// --out (报表.pdf → 报表明细.pdf) and records both; without --detail, or at a
// county (whose tables list the schools), there is no 明细 PDF.
func TestReportDetailPDF(t *testing.T) {
	c := newCLI(t).withRefData()
	dir := t.TempDir()
	county, zhou := filepath.Join(dir, "chuxiong.db"), filepath.Join(dir, "zhou.db")
	const year = "2025"
	c.ok("--db", county, "init", "--unit", "532301", "--name", "楚雄市教育体育局")
	c.ok("--db", county, "demo")
	c.ok("--db", zhou, "init", "--unit", "532300", "--name", "楚雄州教育体育局", "--level", "prefecture")
	c.ok("--db", county, "bundle", "export", "--year", year, "--out", dir)
	files, _ := filepath.Glob(filepath.Join(dir, "*.cjrh"))
	c.ok(append([]string{"--db", zhou, "bundle", "import", "--trust"}, files...)...)

	out := c.ok("--db", county, "report", "--year", year, "--format", "pdf", "--detail", "--out", filepath.Join(dir, "县.pdf")).stdout
	if !strings.Contains(out, "不另生成明细表") || exists(filepath.Join(dir, "县明细.pdf")) {
		t.Errorf("county with --detail: %s", out)
	}
	c.ok("--db", zhou, "report", "--year", year, "--format", "pdf", "--out", filepath.Join(dir, "州.pdf"))
	if exists(filepath.Join(dir, "州明细.pdf")) {
		t.Errorf("a 明细 PDF was written without --detail")
	}
	out = c.ok("--db", zhou, "report", "--year", year, "--format", "pdf", "--detail", "--out", filepath.Join(dir, "州报表.pdf")).stdout
	detail := filepath.Join(dir, "州报表明细.pdf")
	if b, err := os.ReadFile(detail); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) || !strings.Contains(out, detail) {
		t.Fatalf("no 明细 PDF at %s (%v): %s", detail, err, out)
	}
	if n := countWhere(t, zhou, "audit", "action = 'export' AND tbl = 'returns' AND instr(detail, '州报表明细.pdf') > 0"); n != 1 {
		t.Errorf("%d export entries name the 明细 PDF", n)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
