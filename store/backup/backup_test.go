package backup_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"chanjiao/store"
	"chanjiao/store/backup"
	"chanjiao/store/storetest"
)

var testUnit = store.Unit{Code: "532323", Name: "牟定县", Level: store.LevelCounty}

// openDB opens a fresh database with the unit set, closed when tb ends.
func openDB(tb testing.TB) *store.DB { return storetest.Open(tb, &testUnit) }

// TestAutoRetention starts the program every third day for 15 months with a
// fake clock: the last 10 copies stay, and the newest of each of the last
// 12 months.
func TestAutoRetention(t *testing.T) {
	db := openDB(t)
	start := time.Date(2024, 9, 1, 8, 30, 0, 0, time.Local)
	var now time.Time
	var made []string
	for day := 0; day < 460; day += 3 {
		now = start.AddDate(0, 0, day)
		db.Now = func() time.Time { return now }
		path, err := backup.Auto(db)
		if err != nil {
			t.Fatalf("day %d: %v", day, err)
		}
		made = append(made, filepath.Base(path))
	}
	// what the rule keeps, worked out here independently of Prune
	want := map[string]bool{}
	for _, n := range made[len(made)-10:] {
		want[n] = true
	}
	newestOfMonth := map[string]string{}
	for _, n := range made { // oldest first: the last one seen per month is its newest
		newestOfMonth[n[len("chanjiao-"):len("chanjiao-")+6]] = n
	}
	for m := 0; m < 12; m++ {
		if n, ok := newestOfMonth[now.AddDate(0, -m, 0).Format("200601")]; ok {
			want[n] = true
		}
	}
	var wantList []string
	for n := range want {
		wantList = append(wantList, n)
	}
	sort.Strings(wantList)
	entries, err := os.ReadDir(backup.Dir(db.Path))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, wantList) {
		t.Errorf("after %d starts up to %s the backups folder holds\n%v\nwant\n%v", len(made), now.Format("2006-01-02"), got, wantList)
	}
	if len(got) < 12 || len(got) > 22 {
		t.Errorf("%d backups kept, want between 12 and 22", len(got))
	}
}

// TestPruneKeepsTheLastTen: ten copies in one day are all kept, the
// eleventh oldest goes unless it is a month's newest.
func TestPruneKeepsTheLastTen(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2025, 6, 30, 18, 0, 0, 0, time.Local)
	var names []string
	for i := 0; i < 14; i++ {
		n := "chanjiao-" + now.Add(-time.Duration(i)*time.Minute).Format("20060102-150405") + ".db"
		names = append(names, n)
		os.WriteFile(filepath.Join(dir, n), nil, 0o600)
	}
	old := "chanjiao-" + now.AddDate(-2, 0, 0).Format("20060102-150405") + ".db" // beyond a year: goes
	os.WriteFile(filepath.Join(dir, old), nil, 0o600)
	other := "mine.db" // not an automatic backup: untouched
	os.WriteFile(filepath.Join(dir, other), nil, 0o600)
	if err := backup.Prune(dir, now); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		_, err := os.Stat(filepath.Join(dir, n))
		if kept := err == nil; kept != (i < 10) {
			t.Errorf("%s (newest-first #%d) kept = %v", n, i+1, kept)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, old)); err == nil {
		t.Errorf("a two-year-old backup was kept")
	}
	if _, err := os.Stat(filepath.Join(dir, other)); err != nil {
		t.Errorf("Prune removed a file that is not an automatic backup")
	}
}

// TestAutoRemovesStaleTempFiles: temporary files of copies cut short are
// removed once they are an hour old; a fresh one may be a copy in progress.
func TestAutoRemovesStaleTempFiles(t *testing.T) {
	db := openDB(t)
	dir := backup.Dir(db.Path)
	os.MkdirAll(dir, 0o700)
	stale := []string{
		filepath.Join(dir, ".chanjiao-20250101-080000.db.1735689600000000000.tmp"),
		filepath.Join(dir, ".chanjiao-20250101-080000.db.1735689600000000000.tmp-journal"),
		filepath.Join(dir, ".chanjiao-20250101-080000.db.123456.tmp"),
		filepath.Join(filepath.Dir(db.Path), "."+store.DBFileName+".98765.tmp"),
	}
	fresh := filepath.Join(dir, ".chanjiao-20250102-080000.db.777.tmp")
	mine := filepath.Join(filepath.Dir(db.Path), ".hidden-notes.tmp") // not ours
	old := time.Now().Add(-2 * time.Hour)
	for _, p := range append(stale, fresh, mine) {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		if p != fresh {
			os.Chtimes(p, old, old)
		}
	}
	if _, err := backup.Auto(db); err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("stale %s kept", filepath.Base(p))
		}
	}
	for _, p := range []string{fresh, mine} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(p), err)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	db := openDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if err := backup.Snapshot(db, good); err != nil {
		t.Fatal(err)
	}
	if err := backup.Check(good); err != nil {
		t.Fatalf("a fresh snapshot fails Check: %v", err)
	}
	data, _ := os.ReadFile(good)

	corrupt := filepath.Join(dir, "corrupt.db")
	bad := slices.Clone(data)
	for page := 0; page+4096 <= len(bad); page += 4096 { // scribble over the cells at the end of every page
		for i := page + 3500; i < page+4096; i++ {
			bad[i] ^= 0x5a
		}
	}
	os.WriteFile(corrupt, bad, 0o600)

	truncated := filepath.Join(dir, "truncated.db")
	os.WriteFile(truncated, data[:len(data)/2], 0o600)

	foreign := filepath.Join(dir, "foreign.db")
	conn, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	conn.Exec("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('not ours')")
	conn.Close()

	newer := filepath.Join(dir, "newer.db")
	os.WriteFile(newer, data, 0o600)
	conn, _ = sql.Open("sqlite", newer)
	conn.Exec("PRAGMA user_version = 99")
	conn.Close()

	text := filepath.Join(dir, "text.db")
	os.WriteFile(text, []byte("这不是数据库"), 0o600)

	for _, c := range []struct{ path, want string }{
		{corrupt, "损坏"},
		{truncated, "损坏"},
		{foreign, "不是本程序的数据库备份"},
		{newer, "较新版本"},
		{text, "不是有效的数据库文件"},
		{filepath.Join(dir, "missing.db"), "找不到备份文件"},
	} {
		err := backup.Check(c.path)
		if err == nil {
			t.Errorf("%s passes Check", filepath.Base(c.path))
			continue
		}
		if store.ErrorCode(err) != store.EInvalid || !strings.Contains(store.ErrorMessage(err), c.want) {
			t.Errorf("%s: %q, want %q", filepath.Base(c.path), store.ErrorMessage(err), c.want)
		}
	}
}

// TestSnapshotLeavesNoTemporaryFiles, and refuses a missing folder clearly.
func TestSnapshot(t *testing.T) {
	db := openDB(t)
	dir := t.TempDir()
	if err := backup.Snapshot(db, filepath.Join(dir, "copy.db")); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "copy.db" {
		t.Errorf("folder after Snapshot: %v", entries)
	}
	err := backup.Snapshot(db, filepath.Join(dir, "gone", "copy.db"))
	if err == nil || !strings.Contains(store.ErrorMessage(err), "目标文件夹不存在") {
		t.Errorf("Snapshot into a missing folder: %v", err)
	}
}
