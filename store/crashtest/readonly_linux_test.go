//go:build linux

package crashtest

// Read-only media (a write-protected USB stick): the child process gets a
// private mount namespace (CLONE_NEWNS) in which the test's folder is
// bind-mounted read-only, so even root cannot write there. Where the system
// does not allow a mount namespace the test is skipped; the injected write
// errors of store/atomic's tests still run.

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"chanjiao/store"
	"chanjiao/store/atomic"
	"chanjiao/store/backup"
)

func init() { children["readonly"] = readonlyChild }

// readonlyChild makes dir read-only in its own mount namespace and tries to
// write there in every way the program does. One line per attempt:
// "name<TAB>code<TAB>message", or "name<TAB>OK".
func readonlyChild(arg string) int {
	dir, writable, _ := strings.Cut(arg, ",")
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		report("SKIP making / private: %v", err)
		return 0
	}
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		report("SKIP bind mount: %v", err)
		return 0
	}
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		report("SKIP read-only remount: %v", err)
		return 0
	}
	if err := os.WriteFile(filepath.Join(dir, "probe"), nil, 0o644); !errors.Is(err, syscall.EROFS) {
		report("FAIL the folder is not read-only: %v", err)
		return 3
	}
	r, err := ref()
	if err != nil {
		report("FAIL %v", err)
		return 3
	}
	dbPath := filepath.Join(dir, store.DBFileName)
	result := func(name string, err error) {
		if err == nil {
			report("%s\tOK", name)
			return
		}
		report("%s\t%s\t%s\t%s", name, store.ErrorCode(err), store.ErrorMessage(err), strings.ReplaceAll(err.Error(), "\n", " "))
	}

	_, err = store.LockInstance(dbPath)
	result("lock", err)

	db, err := store.Open(dbPath, r)
	if err == nil { // SQLite may open a database it cannot write: then the first change must fail clearly
		err = db.Update(context.Background(), func(tx *store.Tx) error {
			ss, err := tx.Schools()
			if err != nil {
				return err
			}
			s := ss[0]
			s.Contact = "张老师"
			_, err = tx.PutSchool(&s)
			return err
		})
		db.Close()
	}
	result("open+edit", err)

	err = atomic.WriteFile(filepath.Join(dir, "out", "file.bin"), func(w io.Writer) error {
		_, err := io.WriteString(w, "新内容")
		return err
	})
	result("atomic", err)

	other, err := store.Open(filepath.Join(writable, store.DBFileName), r)
	if err != nil {
		report("FAIL %v", err)
		return 3
	}
	result("snapshot", backup.Snapshot(other, filepath.Join(dir, "out", "backup.db")))
	other.Close()

	_, err = backup.Restore(dbPath, filepath.Join(writable, "good-backup.db"))
	result("restore", err)
	return 0
}

func TestReadOnlyMedia(t *testing.T) {
	dir := t.TempDir()
	dbPath := newDB(t, dir)
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "out", "file.bin"), []byte("旧内容"), 0o644); err != nil {
		t.Fatal(err)
	}
	writable := t.TempDir()
	other := newDB(t, writable)
	r, _ := ref()
	db, err := store.Open(other, r)
	if err != nil {
		t.Fatal(err)
	}
	if err := backup.Snapshot(db, filepath.Join(writable, "good-backup.db")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := fingerprint(t, dbPath)

	cmd := childCmd("readonly", dir+","+writable)
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNS}
	out, err := cmd.CombinedOutput()
	if errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EINVAL) {
		t.Skipf("no private mount namespace here (%v): read-only media covered by store/atomic's injected errors only", err)
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if s, ok := strings.CutPrefix(strings.TrimSpace(string(out)), "SKIP "); ok {
		t.Skipf("cannot mount read-only here (%s)", s)
	}
	want := map[string]string{"lock": "只读", "open+edit": "只读", "atomic": "只读", "snapshot": "只读", "restore": "只读"}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\t")
		if f[0] == "FAIL" || strings.HasPrefix(f[0], "FAIL") {
			t.Fatalf("child: %s", line)
		}
		w, ok := want[f[0]]
		if !ok {
			t.Errorf("unexpected line %q", line)
			continue
		}
		delete(want, f[0])
		if len(f) < 3 {
			t.Errorf("%s on a read-only folder succeeded", f[0])
			continue
		}
		t.Logf("%s on a read-only mount: [%s] %s (%s)", f[0], f[1], f[2], f[3])
		if f[1] != store.EInvalid || !strings.Contains(f[2], w) || strings.Contains(f[2], "程序内部错误") {
			t.Errorf("%s: message [%s] %q, want an %s message saying %q", f[0], f[1], f[2], store.EInvalid, w)
		}
	}
	for name := range want {
		t.Errorf("no result for %s", name)
	}
	if after := fingerprint(t, dbPath); after != before {
		t.Errorf("the database changed:\nbefore %s\nafter  %s", before, after)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "out", "file.bin")); string(got) != "旧内容" {
		t.Errorf("file.bin = %q", got)
	}
}
