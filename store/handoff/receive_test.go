package handoff_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/handoff"
)

// The window and the command line read a data file and record a refusal
// through ReadFile, Receive and Refuse; these run them on a real database.

func refusals(t *testing.T, db *store.DB) []handoff.Refusal {
	t.Helper()
	rs, err := handoff.Refusals(db.Path)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestReadFileRefusesAFileTooLargeUnread(t *testing.T) {
	p := prefecture(t)
	path := filepath.Join(t.TempDir(), "大文件.cjrh")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// sparse: 4 GB that are never read (the old window read the whole file
	// and allowed 256 MB, the command line 32 MB)
	if err := f.Truncate(4 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := dbState(t, p)
	_, err = handoff.ReadFile(path, "")
	if msg := store.ErrorMessage(err); !strings.Contains(msg, "大文件.cjrh") || !strings.Contains(msg, "文件过大（上限 32 MB）") {
		t.Fatalf("err = %v", err)
	}
	if _, err := handoff.Receive(ctx, p, path, "", handoff.Options{Trust: true}); err == nil {
		t.Fatal("received a 4 GB file")
	}
	rs := refusals(t, p)
	if len(rs) != 1 || rs[0].File != "大文件.cjrh" || rs[0].Sender != "" || !strings.Contains(rs[0].Reason, "文件过大") {
		t.Fatalf("refusals %+v", rs)
	}
	if dbState(t, p) != before {
		t.Fatal("the refused file changed the database")
	}
}

func TestUnreadFileIsNotARefusal(t *testing.T) {
	p := prefecture(t)
	gone := filepath.Join(t.TempDir(), "拔出的U盘", "a.cjrh")
	_, err := handoff.Receive(ctx, p, gone, "", handoff.Options{Trust: true})
	if !errors.Is(err, handoff.ErrUnreadable) || !strings.Contains(store.ErrorMessage(err), "无法打开 a.cjrh") {
		t.Fatalf("err = %v", err)
	}
	if rs := refusals(t, p); len(rs) != 0 {
		t.Fatalf("a file that was never read is recorded as refused: %+v", rs)
	}
}

func TestWrongPassphraseIsASentinel(t *testing.T) {
	c, p := county(t), prefecture(t)
	path := writeFile(t, "a.cjrh", pack(t, c, handoff.PackOptions{Passphrase: "楚雄2025"}).Data)
	if _, err := handoff.ReadFile(path, ""); !errors.Is(err, handoff.ErrNeedPassphrase) {
		t.Fatalf("no passphrase: %v", err)
	}
	_, err := handoff.ReadFile(path, "错误口令")
	if !errors.Is(err, handoff.ErrWrongPassphrase) || !strings.HasPrefix(store.ErrorMessage(err), "a.cjrh：口令不正确") {
		t.Fatalf("wrong passphrase: %v", err)
	}
	// without a passphrase the file waits for one: not refused; a wrong one
	// on the command line is the end of that file: refused
	handoff.Receive(ctx, p, path, "", handoff.Options{Trust: true})
	handoff.Receive(ctx, p, path, "错误口令", handoff.Options{Trust: true})
	if rs := refusals(t, p); len(rs) != 1 || !strings.Contains(rs[0].Reason, "口令不正确") {
		t.Fatalf("refusals %+v", rs)
	}
	b, err := handoff.ReadFile(path, "楚雄2025")
	if err != nil || b.Manifest.Sender.Code != "532301" {
		t.Fatalf("right passphrase: %v", err)
	}
}

func TestRefusalNamesTheSenderAndSaysWhenItCannotBeKept(t *testing.T) {
	c := county(t)
	other := openDB(t, store.Unit{Code: "532500", Name: "红河州教育局", Level: store.LevelPrefecture})
	path := writeFile(t, "532301.cjrh", pack(t, c, handoff.PackOptions{}).Data)
	if _, err := handoff.Receive(ctx, other, path, "", handoff.Options{Trust: true}); err == nil {
		t.Fatal("a file from another prefecture's county was received")
	}
	rs := refusals(t, other)
	if len(rs) != 1 || rs[0].File != "532301.cjrh" || rs[0].Sender != "532301" || rs[0].Year != year || rs[0].Revision != 1 ||
		!strings.Contains(rs[0].Reason, "不是本单位") {
		t.Fatalf("refusals %+v", rs)
	}

	// the log cannot be written: the clerk is told both why the file was
	// refused and that the refusal was not kept
	log := filepath.Join(filepath.Dir(other.Path), "refused-files.jsonl")
	if err := os.Remove(log); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(log, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := handoff.Receive(ctx, other, path, "", handoff.Options{Trust: true})
	msg := store.ErrorMessage(err)
	if !strings.Contains(msg, "不是本单位") || !strings.Contains(msg, "拒收记录未能保存") || store.ErrorCode(err) != store.EInvalid {
		t.Fatalf("err = %v (message %q)", err, msg)
	}
}

func TestExportLocksTheYearWithTheFile(t *testing.T) {
	c := county(t)
	st, err := handoff.State(ctx, c, year)
	if err != nil || st != (handoff.ExportState{}) {
		t.Fatalf("state before any export %+v, %v", st, err)
	}
	p := pack(t, c, handoff.PackOptions{Lock: true})
	if !p.Locked {
		t.Fatal("the export did not say it locked the year")
	}
	if st, err := handoff.State(ctx, c, year); err != nil || st != (handoff.ExportState{Revision: 1, Locked: true}) {
		t.Fatalf("state after a locking export %+v, %v", st, err)
	}
	if again := pack(t, c, handoff.PackOptions{Lock: true}); again.Locked || again.Revision != 1 {
		t.Fatalf("a second export of a locked year: locked %v, revision %d", again.Locked, again.Revision)
	}
}
