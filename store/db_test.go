package store_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/store"
)

func migrationCount(tb testing.TB) int {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(names) == 0 {
		tb.Fatalf("no migrations found: %v", err)
	}
	return len(names)
}

// pragmas reads application_id and user_version straight from the file.
func pragmas(tb testing.TB, path string) (appID, version int) {
	tb.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	if err := raw.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		tb.Fatal(err)
	}
	if err := raw.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		tb.Fatal(err)
	}
	return appID, version
}

func TestOpenMigrates(t *testing.T) {
	db := MustOpen(t)
	var appID, version int
	if err := db.SQL().QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if appID != store.ApplicationID {
		t.Errorf("application_id = %#x, want %#x", appID, store.ApplicationID)
	}
	if want := migrationCount(t); version != want || store.SchemaVersion() != want {
		t.Errorf("user_version = %d, SchemaVersion() = %d, want %d (one per migration)", version, store.SchemaVersion(), want)
	}
	for _, table := range []string{"unit", "schools", "enterprises", "majors", "major_enterprises", "secondments", "trainings", "targets"} {
		var n int
		if err := db.SQL().QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s missing (%v)", table, err)
		}
	}
	var fk int
	if err := db.SQL().QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d (%v), want 1", fk, err)
	}
}

func TestOpenReopen(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	path := db.Path
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2 := mustOpenBare(t, path)
	mustView(t, db2, func(tx *store.Tx) error {
		u, err := tx.Unit()
		if err != nil {
			return err
		}
		if u != testUnit {
			t.Errorf("unit after reopen = %+v, want %+v", u, testUnit)
		}
		schools, err := tx.Schools()
		if err != nil {
			return err
		}
		if len(schools) != 3 {
			t.Errorf("%d schools after reopen, want 3", len(schools))
		}
		return nil
	})
	if err := db2.Close(); err != nil {
		t.Fatal(err)
	}
	appID, version := pragmas(t, path)
	if appID != store.ApplicationID || version != migrationCount(t) {
		t.Errorf("after reopen application_id %#x, user_version %d; want %#x, %d", appID, version, store.ApplicationID, migrationCount(t))
	}
	mustOpenBare(t, path) // a third time, still fine
}

func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db := mustOpenBare(t, path)
	db.Close()
	if appID, version := pragmas(t, path); appID != store.ApplicationID || version != migrationCount(t) {
		t.Errorf("empty file: application_id %#x, user_version %d", appID, version)
	}
}

func TestOpenRefusesNewerDatabase(t *testing.T) {
	db := MustOpen(t)
	path := db.Path
	newer := migrationCount(t) + 1
	if _, err := db.SQL().Exec(fmt.Sprintf("PRAGMA user_version = %d", newer)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db2, err := store.Open(path, mustRef(t))
	if err == nil {
		db2.Close()
		t.Fatal("a database with a newer user_version was opened")
	}
	wantCode(t, err, store.EInvalid)
	if msg := store.ErrorMessage(err); !strings.Contains(msg, "较新版本") {
		t.Errorf("message %q does not say 较新版本", msg)
	}
	if _, version := pragmas(t, path); version != newer {
		t.Errorf("user_version changed to %d by the refused open, want %d", version, newer)
	}
}

// foreignFiles are files that are not our database, each with a part of the
// message that refuses it ("" = any).
var foreignFiles = []struct {
	name    string
	prepare func(t *testing.T, path string)
	message string
}{
	{"NotSQLite", func(t *testing.T, path string) {
		text := strings.Repeat("学校标识码,学校名称\n3653003101,牟定县职业高级中学\n", 100)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}, ""},
	{"Zip", func(t *testing.T, path string) {
		data := append([]byte("PK\x03\x04\x14\x00\x06\x00"), make([]byte, 4096)...)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}, ""},
	{"OtherTablesApplicationIDZero", func(t *testing.T, path string) {
		rawExec(t, path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO customers (name) VALUES ('x')")
	}, "不是本程序"},
	{"OtherApplicationID", func(t *testing.T, path string) {
		rawExec(t, path, "PRAGMA application_id = 1234")
	}, "不是本程序"},
}

func TestOpenRefusesForeignFile(t *testing.T) {
	for _, tt := range foreignFiles {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "other.db")
			tt.prepare(t, path)
			db, err := store.Open(path, mustRef(t))
			if err == nil {
				db.Close()
				t.Fatal("a foreign file was opened")
			}
			wantCode(t, err, store.EInvalid)
			if !strings.Contains(store.ErrorMessage(err), tt.message) {
				t.Errorf("message %q does not contain %q", store.ErrorMessage(err), tt.message)
			}
			var tables int
			if tt.message != "" {
				if err := func() error {
					raw, err := sql.Open("sqlite", path)
					if err != nil {
						return err
					}
					defer raw.Close()
					return raw.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'schools'").Scan(&tables)
				}(); err != nil || tables != 0 {
					t.Errorf("our tables were created in the refused file (%d, %v)", tables, err)
				}
			}
		})
	}
}

// TestOpenLeavesForeignFileUnchanged: a file that Open refuses must be left
// exactly as it was. Fails while Open applies journal_mode(WAL) (in the DSN)
// before it checks application_id: the refused SQLite file is switched to WAL
// (header byte 18 goes from 1 to 2).
func TestOpenLeavesForeignFileUnchanged(t *testing.T) {
	for _, tt := range foreignFiles {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "other.db")
			tt.prepare(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			db, err := store.Open(path, mustRef(t))
			if err == nil {
				db.Close()
				t.Fatal("a foreign file was opened")
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := firstDiff(before, after); diff != "" {
				t.Errorf("the refused file was modified: %s", diff)
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("the refused file got a %s file beside it", suffix)
				}
			}
		})
	}
}

// firstDiff describes where two file contents first differ, "" when equal.
func firstDiff(a, b []byte) string {
	if len(a) != len(b) {
		return fmt.Sprintf("size %d → %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			return fmt.Sprintf("byte %d: %#02x → %#02x", i, a[i], b[i])
		}
	}
	return ""
}

func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestOpenMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-folder", store.DBFileName)
	db, err := store.Open(path, mustRef(t))
	if err == nil {
		db.Close()
		t.Fatal("opened a database in a folder that does not exist")
	}
	wantCode(t, err, store.EInvalid)
}
