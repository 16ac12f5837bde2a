// Package storetest gives tests the real things they run on: a database on
// a file under the test's temp folder with the reference data of
// ../shared/data, the demo county, the shared example workbook, and
// workbooks written from rows. Only tests import it.
package storetest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/refdata"
)

// Now is the clock of every database Open makes: early 2026, so the year
// being reported is 2025.
var Now = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// Ref loads the reference data from ../shared/data, failing the test
// without it.
func Ref(tb testing.TB) *refdata.Reference {
	tb.Helper()
	ref, err := refdata.ForTests()
	if err != nil {
		tb.Fatalf("reference data: %v", err)
	}
	return ref
}

// Open opens a new database file under tb.TempDir() with the reference data
// and the clock at Now, and sets unit when it is given. It is closed when
// the test ends.
func Open(tb testing.TB, unit *store.Unit) *store.DB {
	tb.Helper()
	db, err := store.Open(filepath.Join(tb.TempDir(), store.DBFileName), Ref(tb))
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return Now }
	if unit != nil {
		if err := db.Update(context.Background(), func(tx *store.Tx) error { return tx.SetUnit(*unit) }); err != nil {
			tb.Fatalf("SetUnit: %v", err)
		}
	}
	return db
}

// Demo opens a new database holding the demo county (楚雄市).
func Demo(tb testing.TB) *store.DB {
	tb.Helper()
	db := Open(tb, nil)
	if err := demo.Fill(context.Background(), db); err != nil {
		tb.Fatalf("demo: %v", err)
	}
	return db
}

// SharedDir is ../shared beside the module: the specs, reference data and
// examples that tests read.
func SharedDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return filepath.Join("..", "shared")
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return filepath.Join("..", "shared")
		}
		dir = parent
	}
}

// Shared is the path of a file in SharedDir, failing the test when it is
// missing.
func Shared(tb testing.TB, elem ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{SharedDir()}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("shared file: %v", err)
	}
	return p
}

// Example is the canonical example workbook of ../shared/examples.
func Example(tb testing.TB) string {
	tb.Helper()
	return Shared(tb, "examples", "532323-example.xlsx")
}

// Sheet is one sheet of a workbook to write: its name and rows of cells.
type Sheet struct {
	Name string
	Rows [][]any
}

// WriteBook writes the sheets as an .xlsx file at path: strings as text
// cells (so codes keep their leading zeros), numbers as number cells,
// time.Time as dates; nil leaves a cell empty.
func WriteBook(path string, sheets ...Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		for ri, r := range s.Rows {
			for ci, v := range r {
				if v == nil {
					continue
				}
				ref, err := excelize.CoordinatesToCellName(ci+1, ri+1)
				if err != nil {
					return err
				}
				if str, ok := v.(string); ok {
					err = f.SetCellStr(s.Name, ref, str)
				} else {
					err = f.SetCellValue(s.Name, ref, v)
				}
				if err != nil {
					return err
				}
			}
		}
	}
	return f.SaveAs(path)
}

// Count counts the rows of table in the database file at path that match
// where ("" for all), through a connection of its own rather than a store's:
// what a test checks is what is on disk.
func Count(tb testing.TB, path, table, where string) int {
	tb.Helper()
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	q := "SELECT count(*) FROM " + table
	if where != "" {
		q += " WHERE " + where
	}
	var n int
	if err := conn.QueryRow(q).Scan(&n); err != nil {
		tb.Fatalf("counting %s in %s: %v", table, path, err)
	}
	return n
}
