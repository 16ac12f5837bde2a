// Package backup copies the database: an automatic copy at start, copies to
// a USB stick, and restoring one after checking it is sound.
package backup

import (
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// Dir is the folder of automatic backups, beside the database.
func Dir(dbPath string) string { return store.BackupDir(dbPath) }

// Snapshot writes a consistent copy of the open database to path (VACUUM
// INTO: a live, transactionally consistent copy), atomically.
func Snapshot(db *store.DB, path string) error {
	if err := store.CheckWriteTarget(path); err != nil { // before VACUUM writes beside it
		return err
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return store.Wrap(store.EInvalid, err, "目标文件夹不存在：%s（U盘是否已拔出？）", dir)
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".%s.%d.tmp", filepath.Base(path), time.Now().UnixNano()))
	if _, err := db.SQL().Exec("VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return store.Wrap(store.EInvalid, err, "无法写入备份 %s（磁盘已满或位置只读？）", filepath.Base(path))
	}
	err := atomic.WriteFile(path, copyFrom(tmp))
	os.Remove(tmp)
	return err
}

// copyFrom is an atomic.WriteFile writer that copies the file at path.
func copyFrom(path string) func(io.Writer) error {
	return func(w io.Writer) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	}
}

// FileName is the name of a copy made by hand (备份到U盘, or the command
// line's backup into a folder).
func FileName(now time.Time) string {
	return "chanjiao-备份-" + now.Format("20060102-150405") + ".db"
}

// IntoFolder writes a checked copy of the open database into dir (the USB
// stick) under FileName; it returns the path written.
func IntoFolder(db *store.DB, dir string) (string, error) {
	path := filepath.Join(dir, FileName(db.Now()))
	return path, Copy(db, path)
}

// Copy writes a copy of the open database to path and reads it back
// (Check), and records it in the 操作记录. It never writes over the database, a file beside it or in the
// folder of automatic copies, or a file of another kind (store.CheckOutput).
func Copy(db *store.DB, path string) error {
	if err := store.CheckOutput(db.Path, path, store.OutputBackup); err != nil {
		return err
	}
	if err := Snapshot(db, path); err != nil {
		return err
	}
	if err := Check(path); err != nil { // read back what landed on the stick
		return err
	}
	// recorded once made (so the copy itself does not hold this entry); the
	// automatic copies at start are not: they would bury the clerk's work
	return db.LogExport("backup", filepath.Base(path), "备份到 "+path)
}

// Auto makes the start-up copy in Dir(db.Path) and prunes old ones: the last
// 10 are kept, and the newest of each of the last 12 months. It also removes
// the temporary files of copies that were cut short (program killed, power
// lost), which would otherwise pile up, each as large as the database.
func Auto(db *store.DB) (string, error) {
	dir := Dir(db.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", store.Wrap(store.EInvalid, err, "无法创建备份文件夹 %s", dir)
	}
	removeStale(dir, ".*.tmp*")                                             // Snapshot's and atomic's temporary files, and SQLite's journal of one
	removeStale(filepath.Dir(db.Path), "."+filepath.Base(db.Path)+".*.tmp") // an interrupted Restore's
	now := db.Now()
	path := filepath.Join(dir, "chanjiao-"+now.Format("20060102-150405")+".db")
	if err := Snapshot(db, path); err != nil {
		return "", err
	}
	return path, Prune(dir, now)
}

// staleAfter is how old a temporary file must be before Auto deletes it: no
// copy in progress is that slow, so it was left by one that was cut short.
const staleAfter = time.Hour

// removeStale deletes the files in dir matching pattern that have not been
// written to for staleAfter. Failures are ignored: this is tidying.
func removeStale(dir, pattern string) {
	names, _ := filepath.Glob(filepath.Join(dir, pattern))
	for _, n := range names {
		if st, err := os.Lstat(n); err == nil && st.Mode().IsRegular() && time.Since(st.ModTime()) > staleAfter {
			os.Remove(n)
		}
	}
}

// Prune deletes automatic backups beyond the retention rule.
func Prune(dir string, now time.Time) error {
	names, err := filepath.Glob(filepath.Join(dir, "chanjiao-????????-??????.db"))
	if err != nil {
		return err
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names))) // newest first: names sort by time
	keep := map[string]bool{}
	months := map[string]bool{}
	oldest := now.AddDate(-1, 0, 0).Format("200601")
	for i, n := range names {
		month := strings.TrimPrefix(filepath.Base(n), "chanjiao-")[:6]
		if i < 10 {
			keep[n] = true
		}
		if !months[month] && month > oldest {
			months[month] = true
			keep[n] = true
		}
	}
	for _, n := range names {
		if !keep[n] {
			if err := os.Remove(n); err != nil {
				return err
			}
		}
	}
	return nil
}

// Check verifies that path is a sound database of this program: SQLite's
// integrity check passes, the application id is ours and its schema is not
// newer than this program's.
func Check(path string) error {
	name := filepath.Base(path)
	if _, err := os.Stat(path); err != nil {
		return store.Wrap(store.EInvalid, err, "找不到备份文件 %s", path)
	}
	conn, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	if err != nil {
		return store.Wrap(store.EInvalid, err, "无法打开 %s", name)
	}
	defer conn.Close()
	var check string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil {
		return store.Wrap(store.EInvalid, err, "%s 不是有效的数据库文件（可能已损坏）", name)
	}
	if check != "ok" {
		return store.Errorf(store.EInvalid, "%s 已损坏（完整性检查：%s），不能用于恢复", name, check)
	}
	var appID, version int
	conn.QueryRow("PRAGMA application_id").Scan(&appID)
	conn.QueryRow("PRAGMA user_version").Scan(&version)
	if appID != store.ApplicationID {
		return store.Errorf(store.EInvalid, "%s 不是本程序的数据库备份", name)
	}
	if version > store.SchemaVersion() {
		return store.Errorf(store.EInvalid, "%s 由较新版本的程序写入（数据结构版本 %d），请先升级程序", name, version)
	}
	return nil
}
