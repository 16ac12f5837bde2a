package backup_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chanjiao/store"
	"chanjiao/store/backup"
	"chanjiao/store/storetest"
)

// demoDB is the demo county in a database under tb.TempDir().
func demoDB(tb testing.TB) *store.DB { return storetest.Demo(tb) }

// The window's 备份到U盘 and 从备份恢复 and the command line's backup and
// restore run these; the tests run them without either.

func TestFileName(t *testing.T) {
	if got := backup.FileName(time.Date(2026, 3, 1, 9, 5, 7, 0, time.Local)); got != "chanjiao-备份-20260301-090507.db" {
		t.Fatalf("FileName = %s", got)
	}
}

func TestIntoFolderDescribeRestore(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	db.Now = func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local) }
	stick := t.TempDir()
	path, err := backup.IntoFolder(db, stick)
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(stick, backup.FileName(db.Now())) {
		t.Fatalf("copy written as %s", path)
	}
	copyBytes, _ := os.ReadFile(path)

	info, err := backup.Describe(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Unit != "楚雄市教育体育局" || info.Schools == 0 || info.LastChange.IsZero() || info.FileTime.IsZero() {
		t.Fatalf("Describe = %+v", info)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, copyBytes) {
		t.Fatal("Describe changed the backup")
	}

	// a change after the copy, then the restore
	if err := db.Update(ctx, func(tx *store.Tx) error {
		return tx.SetUnit(store.Unit{Code: "532301", Name: "改过的名称", Level: store.LevelCounty})
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	saved, err := backup.Restore(db.Path, path)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(saved) != backup.Dir(db.Path) || !strings.HasPrefix(filepath.Base(saved), "before-restore-") {
		t.Fatalf("replaced database kept as %q", saved)
	}
	if kept, err := backup.Describe(saved); err != nil || kept.Unit != "改过的名称" {
		t.Fatalf("the kept database: %+v, %v", kept, err)
	}
	restored, err := store.Open(db.Path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	var unit store.Unit
	var last []store.AuditEntry
	if err := restored.View(ctx, func(tx *store.Tx) (err error) {
		if unit, err = tx.Unit(); err != nil {
			return err
		}
		last, err = tx.Audit(store.AuditFilter{Limit: 1})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if unit.Name != "楚雄市教育体育局" {
		t.Fatalf("unit after the restore: %q", unit.Name)
	}
	if len(last) != 1 || last[0].Action != store.ActRestore || last[0].Key != filepath.Base(path) || !strings.Contains(last[0].Detail, saved) {
		t.Fatalf("last audit entry %+v", last)
	}
	if r, err := restored.Verify(); err != nil || r.Integrity != "ok" || r.BrokenAt != 0 {
		t.Fatalf("verify after the restore: %+v, %v", r, err)
	}
}

func TestCopyRefusesAndDescribeChecks(t *testing.T) {
	db := openDB(t)
	// never over the database itself
	if err := backup.Copy(db, db.Path); err == nil {
		t.Fatal("a copy over the database itself was written")
	}
	// a pulled stick: the folder is gone
	_, err := backup.IntoFolder(db, filepath.Join(t.TempDir(), "拔出"))
	if !strings.Contains(store.ErrorMessage(err), "目标文件夹不存在") {
		t.Fatalf("missing folder: %v", err)
	}
	text := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(text, []byte("这不是数据库"), 0o600)
	if _, err := backup.Describe(text); err == nil || store.ErrorCode(err) != store.EInvalid {
		t.Fatalf("Describe of a text file: %v", err)
	}
	if _, err := backup.Restore(db.Path, text); err == nil || errors.Is(err, backup.ErrNotLogged) {
		t.Fatalf("Restore of a text file: %v", err)
	}
}
