package main

import (
	"path/filepath"
	"testing"
)

// A returns file written by `report` is recorded in the 操作记录 as an
// export, and the chain still verifies.
func TestReportRecorded(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "chuxiong.db")
	c.ok("--db", db, "init", "--unit", "532301", "--name", "楚雄市教育体育局")
	c.ok("--db", db, "demo")
	c.ok("--db", db, "report", "--year", demoYear(), "--format", "xlsx", "--out", filepath.Join(dir, "报表.xlsx"))
	if n := countWhere(t, db, "audit", "action = 'export' AND tbl = 'returns' AND instr(detail, '报表.xlsx') > 0"); n != 1 {
		t.Fatalf("%d export entries for the returns", n)
	}
	c.ok("--db", db, "verify")
}
