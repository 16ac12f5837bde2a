package atomic_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// TestWriteFileRefusesFolderAndOpenDatabase: a folder is not replaced, and
// no writer replaces a database this process has open, or its WAL.
func TestWriteFileRefusesFolderAndOpenDatabase(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "报表.xlsx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	err := atomic.WriteFile(folder, write("新"))
	if err == nil || !strings.Contains(store.ErrorMessage(err), "它是一个文件夹，不是普通文件") {
		t.Errorf("writing over a folder: %v", err)
	}
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		t.Errorf("the folder was replaced: %v", err)
	}

	db, err := store.Open(filepath.Join(dir, store.DBFileName), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	before, _ := os.ReadFile(db.Path)
	for _, p := range []string{db.Path, db.Path + "-wal"} {
		if err := atomic.WriteFile(p, write("PK")); err == nil || !strings.Contains(store.ErrorMessage(err), "数据库") {
			t.Errorf("writing over %s: %v", filepath.Base(p), err)
		}
	}
	if after, _ := os.ReadFile(db.Path); string(after) != string(before) {
		t.Error("the database file changed")
	}
	noTemps(t, dir)
}
