package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demo on a database set up as 牟定县 (no records yet) is refused: the
// demo is 楚雄市's data, and the refusal says to use a new database. The
// database is left as it was.
func TestDemoRefusesAnotherUnit(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "mouding.db")
	c.ok("--db", db, "init", "--unit", "532323", "--name", "牟定县教育体育局", "--level", "county")
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	r := c.expect(1, "--db", db, "demo")
	for _, want := range []string{"牟定县教育体育局（532323）", "楚雄市（532301）", "chanjiao-cli --db"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("refusal does not say %q:\n%s", want, r.stderr)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
		t.Error("a refused demo changed the database")
	}
	if n := countRows(t, db, "schools"); n != 0 {
		t.Errorf("%d schools after a refused demo", n)
	}
}
