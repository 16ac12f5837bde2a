package backup_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"chanjiao/store"
	"chanjiao/store/backup"
)

// FuzzCheck writes arbitrary bytes to a file and checks it as a backup:
// Check must refuse or accept, never panic; it must leave the file as it was
// (it only reads); and what it accepts must open as our database.
func FuzzCheck(f *testing.F) {
	db := openDB(f)
	good := filepath.Join(f.TempDir(), "good.db")
	if err := backup.Snapshot(db, good); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:4096]) // the first page alone
	f.Add(data[:100])  // the header alone
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "backup.db")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := backup.Check(path)
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Fatalf("Check changed the file (%d → %d bytes)", len(data), len(after))
		}
		if err != nil {
			if store.ErrorCode(err) != store.EInvalid || store.ErrorMessage(err) == "" {
				t.Fatalf("refusal without a clerk's message: %v", err)
			}
			return
		}
		db, err := store.Open(path, nil)
		if err != nil {
			t.Fatalf("Check accepted a file store.Open refuses: %v", err)
		}
		if _, err := db.Verify(); err != nil {
			t.Fatalf("Check accepted a file whose audit cannot be read: %v", err)
		}
		db.Close()
	})
}
