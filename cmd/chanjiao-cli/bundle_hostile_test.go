package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A data file that cannot be written (a missing folder, a path under a
// file) leaves the database byte-identical: no revision, no audit entry. The
// next export that succeeds is revision 1 (issue 11, case 8).
func TestBundleExportFailureChangesNothing(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "chuxiong.db")
	c.ok("--db", db, "init", "--unit", "532301", "--name", "楚雄市教育体育局")
	c.ok("--db", db, "demo")
	c.ok("--db", db, "backup", "--out", filepath.Join(dir, "checkpoint.bak")) // settles the WAL into the file
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{filepath.Join(dir, "拔出的U盘", "x.cjrh"), filepath.Join(notDir, "x.cjrh")} {
		before := dbFiles(t, db)
		r := c.expect(1, "--db", db, "bundle", "export", "--year", demoYear(), "--out", out)
		if !strings.Contains(r.stderr, "文件夹") {
			t.Errorf("export to %s: %s", out, r)
		}
		if !bytes.Equal(dbFiles(t, db), before) {
			t.Fatalf("a failed export to %s changed the database", out)
		}
	}
	// the backup above is an export too (a copy on a USB stick); only data files count here
	if n := countWhere(t, db, "audit", "action = 'export' AND tbl = 'bundle'"); n != 0 {
		t.Fatalf("%d export entries in the audit after failed exports", n)
	}
	usb := t.TempDir()
	if out := c.ok("--db", db, "bundle", "export", "--year", demoYear(), "--out", usb).stdout; !strings.Contains(out, "第 1 版") {
		t.Fatalf("export after the failures: %s", out)
	}
	c.ok("--db", db, "verify")
}

// dbFiles is the database file and its WAL, concatenated.
func dbFiles(t *testing.T, db string) []byte {
	t.Helper()
	var out []byte
	for _, p := range []string{db, db + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		out = append(out, b...)
	}
	return out
}
