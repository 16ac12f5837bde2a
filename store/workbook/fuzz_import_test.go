package workbook_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

// FuzzImport runs arbitrary bytes through the whole of Import — read, check
// every cell, apply in one transaction — against a database with records:
// a file is imported or refused with readable issues, never a panic, and a
// refused file changes nothing.
func FuzzImport(f *testing.F) {
	db := openDB(f)
	ex := examplePath(f)
	if _, err := workbook.Import(context.Background(), db, ex); err != nil {
		f.Fatal(err)
	}
	for _, p := range []string{ex, richBook(f), badBook(f)} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("PK\x03\x04"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		before := auditCount(t, db)
		_, err := workbook.Import(context.Background(), db, path)
		if err == nil {
			return
		}
		var refused *workbook.RefusedError
		switch {
		case errors.As(err, &refused):
			for _, i := range refused.Issues {
				if i.Message == "" {
					t.Fatalf("issue without a message: %+v", i)
				}
			}
		case store.ErrorCode(err) != store.EInvalid:
			t.Fatalf("not a clerk's error: %v", err)
		}
		if auditCount(t, db) != before {
			t.Fatalf("a refused file changed the database: %v", err)
		}
	})
}

func auditCount(t *testing.T, db *store.DB) int {
	var n int
	if err := db.SQL().QueryRow("SELECT count(*) FROM audit").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
