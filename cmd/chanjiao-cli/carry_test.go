package main

import (
	"strings"
	"testing"
)

// carry starts 2026 from the example's 2025: its majors without their
// figures, so the new year's check counts no graduates yet.
func TestCarryStartsTheNextYear(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := exampleDB(t, c)
	before := countRows(t, db, "majors")
	r := c.ok("--db", db, "carry", "--year", "2026")
	if !strings.Contains(r.stdout, "已从 2025 年复制 2 个专业") {
		t.Errorf("carry said:\n%s", r.stdout)
	}
	if after := countRows(t, db, "majors"); after != 2*before {
		t.Errorf("majors: %d before, %d after; want the example's %d copied", before, after, before)
	}
	doc := decode(t, c.ok("--db", db, "check", "--year", "2026", "--json").stdout)
	eq(t, doc, 0.0, "progression", "graduates")

	// a second carry adds nothing: the year has those majors already
	r = c.ok("--db", db, "carry", "--year", "2026")
	if !strings.Contains(r.stdout, "复制 0 个专业") {
		t.Errorf("second carry said:\n%s", r.stdout)
	}
	c.expect(2, "--db", db, "carry")
}
