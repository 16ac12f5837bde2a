package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// ErrNotLogged is in the chain of Restore's error when the database was
// restored but the restore could not be written to its 操作记录.
var ErrNotLogged = errors.New("restored, but not logged")

// Restore replaces the database at dbPath with the backup at from, after
// checking the backup and saving the current database into Dir(dbPath), and
// records the restore in the restored database's 操作记录. The database must
// not be open. It returns where the replaced database went ("" when there
// was none).
func Restore(dbPath, from string) (string, error) {
	if err := Check(from); err != nil {
		return "", err
	}
	saved, err := saveCurrent(dbPath)
	if err != nil {
		return "", err
	}
	// the current database was closed cleanly, so its WAL is checkpointed:
	// a stale WAL must not be replayed onto the restored file
	os.Remove(dbPath + "-wal")
	os.Remove(dbPath + "-shm")
	if err := atomic.WriteFile(dbPath, copyFrom(from)); err != nil {
		return "", err
	}
	return saved, logRestore(dbPath, from, saved)
}

// saveCurrent keeps the database about to be replaced in Dir(dbPath).
func saveCurrent(dbPath string) (string, error) {
	if _, err := os.Stat(dbPath); err != nil {
		return "", nil
	}
	cur, err := store.Open(dbPath, nil)
	if err != nil {
		return "", err
	}
	defer cur.Close()
	dir := Dir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", store.Wrap(store.EInvalid, err, "无法创建备份文件夹 %s", dir)
	}
	saved := filepath.Join(dir, "before-restore-"+time.Now().Format("20060102-150405")+".db")
	return saved, Snapshot(cur, saved)
}

// logRestore opens the restored database (which brings an older backup's
// schema up to date) and records the restore.
func logRestore(dbPath, from, saved string) error {
	db, err := store.Open(dbPath, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	detail := "从备份 " + from + " 恢复"
	if saved != "" {
		detail += "；恢复前的数据库另存为 " + saved
	}
	err = db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Log(store.ActRestore, "", filepath.Base(from), "", "", detail)
	})
	if err != nil {
		return &store.Error{Code: store.EInternal, Err: errors.Join(ErrNotLogged, err),
			Message: "已从备份恢复，但未能记入操作记录：" + store.ErrorMessage(err)}
	}
	return nil
}

// Info is what a backup holds, for the clerk to confirm a restore.
type Info struct {
	FileTime   time.Time
	LastChange time.Time // the newest 操作记录 entry in the backup; zero if none
	Unit       string    // the unit's name; "" if none was set
	Schools    int
}

// Describe checks the backup at path (Check) and reads what it holds
// through a temporary copy, so the backup itself is never opened for
// writing.
func Describe(path string) (Info, error) {
	var info Info
	if err := Check(path); err != nil {
		return info, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return info, store.Wrap(store.EInvalid, err, "找不到备份文件 %s", path)
	}
	info.FileTime = st.ModTime()
	tmpDir, err := os.MkdirTemp("", "chanjiao-restore-")
	if err != nil {
		return info, store.Wrap(store.EInternal, err, "无法读取备份 %s", filepath.Base(path))
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, "backup.db")
	if err := atomic.WriteFile(tmp, copyFrom(path)); err != nil {
		return info, store.Wrap(store.EInvalid, err, "无法读取备份 %s", filepath.Base(path))
	}
	b, err := store.Open(tmp, nil)
	if err != nil {
		return info, err
	}
	defer b.Close()
	err = b.View(context.Background(), func(tx *store.Tx) error {
		if u, err := tx.Unit(); err == nil {
			info.Unit = u.Name
		}
		ss, err := tx.Schools()
		if err != nil {
			return err
		}
		info.Schools = len(ss)
		es, err := tx.Audit(store.AuditFilter{Limit: 1})
		if err == nil && len(es) > 0 {
			info.LastChange = es[0].At
		}
		return err
	})
	return info, err
}
