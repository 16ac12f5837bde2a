//go:build linux

package crashtest

// A full disk, simulated with a file-size limit: the child process sets
// RLIMIT_FSIZE and ignores SIGXFSZ, so a write past the limit fails with
// EFBIG, as on a full disk or a FAT32 stick's 4 GB. (CI runs as root, where a
// chmod proves nothing; the limit binds root too.) The child opens the
// database first and then sets the limit — SQLite sizes its shared-memory
// file while opening — except in the case that fills the disk before the
// start.

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"chanjiao/store"
	"chanjiao/store/atomic"
	"chanjiao/store/backup"
	"chanjiao/store/workbook"
)

func init() { children["fsize"] = fsizeChild }

// fsizeChild runs one action under a file-size limit and reports how it
// failed: "RESULT code<TAB>message<TAB>technical error", or "OK".
func fsizeChild(arg string) int {
	parts := strings.SplitN(arg, ",", 3)
	action, dir := parts[0], parts[1]
	limit, _ := strconv.ParseUint(parts[2], 10, 64)
	signal.Ignore(syscall.SIGXFSZ)
	setLimit := func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
			report("FAIL setrlimit: %v", err)
			os.Exit(3)
		}
	}
	dbPath := filepath.Join(dir, store.DBFileName)
	r, err := ref()
	if err != nil {
		report("FAIL %v", err)
		return 3
	}
	var db *store.DB
	if action == "open" {
		setLimit()
	} else if action != "restore" {
		if db, err = store.Open(dbPath, r); err != nil {
			report("FAIL open: %v", err)
			return 3
		}
		defer db.Close()
		setLimit()
	} else {
		setLimit()
	}
	ctx := context.Background()
	switch action {
	case "open":
		db, err = store.Open(dbPath, r)
		if err == nil {
			db.Close()
		}
	case "import", "import-large":
		_, err = workbook.Import(ctx, db, filepath.Join(dir, "book.xlsx"))
	case "edit":
		err = db.Update(ctx, func(tx *store.Tx) error {
			ss, err := tx.Schools()
			if err != nil {
				return err
			}
			s := ss[0]
			s.Contact = "张老师"
			_, err = tx.PutSchool(&s)
			return err
		})
	case "snapshot":
		err = backup.Snapshot(db, filepath.Join(dir, "out", "backup.db"))
	case "atomic":
		err = atomic.WriteFile(filepath.Join(dir, "out", "file.bin"), func(w io.Writer) error {
			_, err := w.Write(bytes.Repeat([]byte("年度数据"), 100_000))
			return err
		})
	case "restore":
		_, err = backup.Restore(dbPath, filepath.Join(dir, "good-backup.db"))
	}
	if err == nil {
		report("OK")
		return 0
	}
	report("RESULT %s\t%s\t%s", store.ErrorCode(err), strings.ReplaceAll(errorText(err), "\n", " "), strings.ReplaceAll(err.Error(), "\n", " "))
	return 0
}

// errorText is what the clerk sees, as the CLI and the window show it.
func errorText(err error) string {
	var refused *workbook.RefusedError
	if errors.As(err, &refused) {
		return refused.Error()
	}
	return store.ErrorMessage(err)
}

// fingerprint sums up what a clerk could see of the database, to compare
// before and after a failed action.
func fingerprint(t *testing.T, dbPath string) string {
	t.Helper()
	r, err := ref()
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(dbPath, r)
	if err != nil {
		t.Fatalf("reopening after the failed action: %v", err)
	}
	defer db.Close()
	v, err := db.Verify()
	if err != nil || v.Integrity != "ok" || v.BrokenAt != 0 {
		t.Fatalf("after the failed action: integrity %q, audit broken at %d (%s), err %v", v.Integrity, v.BrokenAt, v.BrokenWhy, err)
	}
	var b strings.Builder
	for _, q := range []string{
		"SELECT count(*), coalesce(sum(count), 0), coalesce(group_concat(name), '') FROM trainings",
		"SELECT count(*), group_concat(code || ':' || contact), max(id) FROM schools",
		"SELECT count(*), max(id), (SELECT hash FROM audit ORDER BY id DESC LIMIT 1) FROM audit",
	} {
		var a, c any
		var n int
		if err := db.SQL().QueryRow(q).Scan(&n, &a, &c); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		fmt.Fprintf(&b, "%d|%v|%v\n", n, a, c)
	}
	return b.String()
}

func runFsizeChild(t *testing.T, action, dir string, limit int) (code, msg, technical string) {
	t.Helper()
	out, err := childCmd("fsize", fmt.Sprintf("%s,%s,%d", action, dir, limit)).CombinedOutput()
	if err != nil {
		t.Fatalf("child %s: %v\n%s", action, err, out)
	}
	line := strings.TrimSpace(string(out))
	if line == "OK" {
		t.Fatalf("%s under a %d-byte file-size limit succeeded", action, limit)
	}
	rest, ok := strings.CutPrefix(line, "RESULT ")
	if !ok {
		t.Fatalf("child %s: %s", action, out)
	}
	f := strings.SplitN(rest, "\t", 3)
	return f[0], f[1], f[2]
}

func TestDiskFull(t *testing.T) {
	cases := []struct {
		action string
		limit  int
		rows   int    // trainings in the workbook to import
		want   string // in the clerk's message
	}{
		{"open", 4 << 10, 0, "磁盘空间已满"},
		{"edit", 4 << 10, 0, "磁盘空间已满"},
		{"import", 64 << 10, 500, "磁盘空间已满"},         // fails at the commit
		{"import-large", 256 << 10, 6000, "磁盘空间已满"}, // fails while SQLite spills the transaction early
		{"snapshot", 64 << 10, 0, "磁盘已满"},
		{"atomic", 64 << 10, 0, "磁盘空间不足"},
		{"restore", 64 << 10, 0, "磁盘已满"},
	}
	for _, c := range cases {
		t.Run(c.action, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			dbPath := newDB(t, dir)
			out := filepath.Join(dir, "out")
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			if c.rows > 0 {
				if err := writeBook(filepath.Join(dir, "book.xlsx"), trainingsSheet("满盘", c.rows)); err != nil {
					t.Fatal(err)
				}
			}
			old := []byte("上一次的文件")
			if err := os.WriteFile(filepath.Join(out, "file.bin"), old, 0o644); err != nil {
				t.Fatal(err)
			}
			if c.action == "restore" {
				// a sound backup with more in it than the database now has
				other := newDB(t, t.TempDir())
				r, _ := ref()
				db, err := store.Open(other, r)
				if err != nil {
					t.Fatal(err)
				}
				book := filepath.Join(dir, "more.xlsx")
				if err := writeBook(book, trainingsSheet("备份中", 300)); err != nil {
					t.Fatal(err)
				}
				if _, err := workbook.Import(context.Background(), db, book); err != nil {
					t.Fatal(err)
				}
				if err := backup.Snapshot(db, filepath.Join(dir, "good-backup.db")); err != nil {
					t.Fatal(err)
				}
				db.Close()
			}
			before := fingerprint(t, dbPath)

			code, msg, technical := runFsizeChild(t, c.action, dir, c.limit)
			t.Logf("%s under a %d KB limit: [%s] %s (%s)", c.action, c.limit>>10, code, msg, technical)
			if code != store.EInvalid || !strings.Contains(msg, c.want) || strings.Contains(msg, "程序内部错误") {
				t.Errorf("message = [%s] %q, want an %s message with %q", code, msg, store.EInvalid, c.want)
			}
			if after := fingerprint(t, dbPath); after != before {
				t.Errorf("the database changed:\nbefore %s\nafter  %s", before, after)
			}
			if _, err := os.Stat(filepath.Join(out, "backup.db")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a backup cut short is under its final name (%v)", err)
			}
			if got, _ := os.ReadFile(filepath.Join(out, "file.bin")); !bytes.Equal(got, old) {
				t.Errorf("the earlier file was replaced by %d bytes", len(got))
			}
			for _, d := range []string{out, backup.Dir(dbPath)} {
				if tmps, _ := filepath.Glob(filepath.Join(d, ".*")); len(tmps) > 0 {
					t.Errorf("temporary files left: %v", tmps)
				}
			}
			if c.action == "restore" { // a stale WAL must not have been removed under a live database
				conn, err := sql.Open("sqlite", dbPath+"?mode=ro")
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				var n int
				if err := conn.QueryRow("SELECT count(*) FROM trainings WHERE name LIKE '备份中%'").Scan(&n); err != nil || n != 0 {
					t.Errorf("restored rows in the database after a failed restore: %d (%v)", n, err)
				}
			}
		})
	}
}
