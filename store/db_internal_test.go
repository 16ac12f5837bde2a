package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// A unit's share of each table is read school by school through the index
// that starts with school_id (withSchools): a table read so without one
// would be scanned whole once per school.
func TestUnitSharesAreReadThroughAnIndex(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), DBFileName), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(context.Background(), func(tx *Tx) error {
		for _, table := range []string{"secondments", "trainings", "majors", "classes", "agreements", "awards", "teachers"} {
			rows, err := tx.query("EXPLAIN QUERY PLAN SELECT count(*) FROM " + withSchools(table, "x", "5323") +
				" WHERE substr(s.unit_code, 1, 4) = '5323'")
			if err != nil {
				return err
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					rows.Close()
					return err
				}
				plan = append(plan, detail)
			}
			rows.Close()
			if !strings.Contains(strings.Join(plan, "\n"), "SEARCH x USING") {
				t.Errorf("%s: a unit's share is read by %q, not by an index on school_id", table, plan)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
