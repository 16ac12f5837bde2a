package store_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"chanjiao/store"
)

// writeZip writes a zip holding the named empty entries.
func writeZip(t *testing.T, path string, names ...string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		if _, err := zw.Create(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckOutputRefusesTheDatabase: the database, every file beside it,
// and a link to it are refused for every kind of output, existing or not.
func TestCheckOutputRefusesTheDatabase(t *testing.T) {
	db := MustOpen(t)
	path := db.Path
	link := filepath.Join(t.TempDir(), "link.xlsx")
	hard := filepath.Join(t.TempDir(), "hard.pdf")
	if err := os.Symlink(path, link); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	if err := os.Link(path, hard); err != nil {
		t.Skipf("no hard links: %v", err)
	}
	rel, err := filepath.Rel(mustGetwd(t), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{path, path + "-wal", path + "-shm", path + "-journal", path + ".lock",
		filepath.Join(filepath.Dir(path), ".", store.DBFileName), rel, link, hard} {
		for _, kind := range []store.OutputKind{store.OutputXLSX, store.OutputPDF, store.OutputDataFile, store.OutputBackup} {
			err := store.CheckOutput(path, out, kind)
			if err == nil {
				t.Errorf("CheckOutput(%s, kind %d) allowed writing over the database", out, kind)
				continue
			}
			if msg := store.ErrorMessage(err); !strings.Contains(msg, "数据库") || errors.Is(err, store.ErrReplacesOtherFile) {
				t.Errorf("CheckOutput(%s): %q (a question, or not about the database)", out, msg)
			}
		}
	}
}

func mustGetwd(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// TestCheckOutputKinds: an existing file is replaced only by its own kind;
// another kind is a question for the window, a database or a backup is
// refused outright, a folder is never a file.
func TestCheckOutputKinds(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), store.DBFileName)
	dir := t.TempDir()
	file := func(name string, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	xlsx := filepath.Join(dir, "book.xlsx")
	writeZip(t, xlsx, "[Content_Types].xml", "xl/workbook.xml")
	cjrh := filepath.Join(dir, "data.cjrh")
	writeZip(t, cjrh, "manifest.json")
	pdf := file("returns.pdf", "%PDF-1.4\n%%EOF\n")
	aged := file("sealed.cjrh", "age-encryption.org/v1\n-> scrypt x 18\n")
	sqlite := file("other.db", "SQLite format 3\x00rest of a page")
	live := file("portable.db", "SQLite format 3\x00rest of a page")
	file("portable.db.lock", "")
	text := file("notes.txt", "会议纪要")
	empty := file("empty.xlsx", "")
	backups := store.BackupDir(dbPath)
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	auto := filepath.Join(backups, "chanjiao-20250101-080000.db")
	if err := os.WriteFile(auto, []byte("SQLite format 3\x00"), 0o600); err != nil {
		t.Fatal(err)
	}

	const ok, ask, refuse = "ok", "ask", "refuse"
	for _, tc := range []struct {
		out  string
		kind store.OutputKind
		want string
	}{
		{filepath.Join(dir, "new.xlsx"), store.OutputXLSX, ok},
		{empty, store.OutputPDF, ok},
		{xlsx, store.OutputXLSX, ok},
		{pdf, store.OutputPDF, ok},
		{cjrh, store.OutputDataFile, ok},
		{aged, store.OutputDataFile, ok},
		{sqlite, store.OutputBackup, ok},
		{filepath.Join(backups, "new.db"), store.OutputBackup, ok},
		{pdf, store.OutputXLSX, ask},
		{xlsx, store.OutputPDF, ask},
		{cjrh, store.OutputXLSX, ask},
		{text, store.OutputXLSX, ask},
		{xlsx, store.OutputDataFile, ask},
		{xlsx, store.OutputBackup, ask},
		{sqlite, store.OutputXLSX, refuse},
		{sqlite, store.OutputDataFile, refuse},
		{live, store.OutputBackup, refuse},
		{auto, store.OutputBackup, refuse},
		{dir, store.OutputXLSX, refuse},
	} {
		err := store.CheckOutput(dbPath, tc.out, tc.kind)
		got := ok
		switch {
		case errors.Is(err, store.ErrReplacesOtherFile):
			got = ask
		case err != nil:
			got = refuse
		}
		if got != tc.want {
			t.Errorf("CheckOutput(%s, kind %d) = %s (%v), want %s", filepath.Base(tc.out), tc.kind, got, err, tc.want)
		}
		if err != nil && !strings.Contains(store.ErrorMessage(err), tc.out) {
			t.Errorf("the message does not name %s: %s", tc.out, store.ErrorMessage(err))
		}
	}
}

// TestCheckOutputDevice: a device node is not a file to replace.
func TestCheckOutputDevice(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no device nodes")
	}
	err := store.CheckOutput(filepath.Join(t.TempDir(), store.DBFileName), os.DevNull, store.OutputBackup)
	if err == nil || !strings.Contains(store.ErrorMessage(err), "它是一个设备，不是普通文件") {
		t.Errorf("CheckOutput(%s) = %v", os.DevNull, err)
	}
	if err := store.CheckWriteTarget(os.DevNull); err == nil {
		t.Errorf("CheckWriteTarget(%s) allowed a device", os.DevNull)
	}
}

// TestCheckWriteTargetOpenDatabases: no writer replaces a database this
// process has open (a folder whose computed file name lands on it); once
// closed, a restore may.
func TestCheckWriteTargetOpenDatabases(t *testing.T) {
	path := filepath.Join(t.TempDir(), store.DBFileName)
	db, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + ".lock"} {
		if err := store.CheckWriteTarget(p); err == nil {
			t.Errorf("CheckWriteTarget(%s) allowed while the database is open", filepath.Base(p))
		}
	}
	other, err := store.Open(filepath.Join(t.TempDir(), store.DBFileName), nil)
	if err != nil {
		t.Fatal(err)
	}
	other.Close()
	db.Close()
	db.Close() // twice is harmless
	if err := store.CheckWriteTarget(path); err != nil {
		t.Errorf("CheckWriteTarget after Close: %v", err)
	}
}
