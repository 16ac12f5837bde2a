package store

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// OutputKind is the kind of file a command or a save writes.
type OutputKind int

const (
	OutputXLSX     OutputKind = iota + 1 // a workbook or the returns as Excel
	OutputPDF                            // the returns as PDF
	OutputDataFile                       // a data file for the level above (.cjrh)
	OutputBackup                         // a copy of the database
)

var kindNames = map[OutputKind]string{
	OutputXLSX: "Excel 工作簿", OutputPDF: "PDF 文件", OutputDataFile: "数据包", OutputBackup: "数据库备份",
}

// ErrReplacesOtherFile marks CheckOutput's refusal to replace an existing
// file of another kind: the command line refuses, the window asks first.
var ErrReplacesOtherFile = errors.New("the output would replace a file of another kind")

// sidecars are the files SQLite and this program keep beside the database.
var sidecars = []string{"-wal", "-shm", "-journal", ".lock"}

// BackupDir is the folder of automatic backups, beside the database.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// CheckOutput refuses to write out (a kind of file) where writing would
// destroy something: the database at dbPath or a file SQLite keeps beside
// it, a file in the folder of automatic backups, another program's
// database, something that is not a regular file (a folder, a device).
// Replacing an existing file of another kind is refused with an error that
// wraps ErrReplacesOtherFile, so the window can ask instead. A path that
// does not exist yet passes; the writer reports a missing folder.
func CheckOutput(dbPath, out string, kind OutputKind) error {
	if err := checkNotDatabase(dbPath, out); err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return nil
	}
	if err := checkRegular(out, st); err != nil {
		return err
	}
	if sameOrInside(BackupDir(dbPath), filepath.Dir(out)) {
		return Errorf(EInvalid, "不能写入 %s：这是自动备份文件夹中的备份，覆盖后就无法用它恢复。请另选位置", out)
	}
	for _, s := range sidecars { // a database that was opened keeps files beside it
		if _, err := os.Stat(out + s); err == nil {
			return Errorf(EInvalid, "不能写入 %s：这是一个数据库文件（旁边有它的附属文件 %s），覆盖会毁掉其中的数据。请另选文件名", out, filepath.Base(out+s))
		}
	}
	if st.Size() == 0 {
		return nil
	}
	got := sniff(out)
	switch {
	case got == kind:
		return nil
	case got == OutputBackup:
		return Errorf(EInvalid, "不能写入 %s：这是一个数据库文件，覆盖会毁掉其中的数据。请另选文件名", out)
	}
	what := "不是" + kindNames[kind]
	if name, ok := kindNames[got]; ok {
		what = "是" + name + "，不是" + kindNames[kind]
	}
	return &Error{Code: EInvalid, Err: ErrReplacesOtherFile,
		Message: "文件 " + out + " 已存在，而且" + what + "。为免覆盖有用的文件，没有写入。请另选文件名，或先删除该文件"}
}

// checkNotDatabase refuses the database itself and the files beside it, by
// clean absolute path and, for those that exist, as the same file (a link).
func checkNotDatabase(dbPath, out string) error {
	outAbs := absPath(out)
	outSt, outErr := os.Stat(out)
	for i, suffix := range append([]string{""}, sidecars...) {
		p := dbPath + suffix
		same := samePath(outAbs, absPath(p))
		if !same && outErr == nil {
			if st, err := os.Stat(p); err == nil {
				same = os.SameFile(st, outSt)
			}
		}
		if !same {
			continue
		}
		if i == 0 {
			return Errorf(EInvalid, "不能写入 %s：这是本程序的数据库文件，写入会毁掉全部数据。请另选文件名或位置", out)
		}
		return Errorf(EInvalid, "不能写入 %s：这是数据库 %s 的附属文件，写入会损坏数据库。请另选文件名或位置", out, dbPath)
	}
	return nil
}

// checkRegular refuses what exists at path and is not a regular file:
// replacing a device or a folder is never what the clerk meant.
func checkRegular(path string, st fs.FileInfo) error {
	var what string
	switch m := st.Mode(); {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "一个文件夹"
	case m&fs.ModeDevice != 0:
		what = "一个设备"
	case m&fs.ModeNamedPipe != 0:
		what = "一个管道"
	case m&fs.ModeSocket != 0:
		what = "一个套接字"
	default:
		what = "一个特殊文件"
	}
	return Errorf(EInvalid, "不能写入 %s：它是%s，不是普通文件。请另选一个文件名", path, what)
}

// CheckWriteTarget is the last check of every file this program writes
// (atomic.WriteFile): path must not be something other than a regular
// file, nor a database this process has open or a file beside one.
func CheckWriteTarget(path string) error {
	if st, err := os.Stat(path); err == nil {
		if err := checkRegular(path, st); err != nil {
			return err
		}
	}
	for _, db := range openPaths() {
		if err := checkNotDatabase(db, path); err != nil {
			return err
		}
	}
	return nil
}

// sniff tells the kind of an existing file from its first bytes (0 when
// unknown): a data file is a zip or an age-encrypted zip, a workbook is a
// zip with [Content_Types].xml.
func sniff(path string) OutputKind {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	head := make([]byte, 32)
	n, _ := f.Read(head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return OutputBackup
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return OutputPDF
	case bytes.HasPrefix(head, []byte("age-encryption.org/")):
		return OutputDataFile
	case !bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return 0
	}
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return 0
	}
	for _, e := range zr.File {
		if e.Name == "[Content_Types].xml" {
			return OutputXLSX
		}
	}
	return OutputDataFile
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return filepath.Clean(p)
}

// samePath compares clean absolute paths; Windows and macOS ignore case.
func samePath(a, b string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// sameOrInside reports whether dir is folder or a folder inside it.
func sameOrInside(folder, dir string) bool {
	f, d := absPath(folder), absPath(dir)
	for {
		if samePath(f, d) {
			return true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return false
		}
		d = parent
	}
}

// The databases this process has open, so no writer replaces one.
var (
	openMu  sync.Mutex
	openDBs = map[string]int{}
)

func registerOpen(path string) {
	openMu.Lock()
	defer openMu.Unlock()
	openDBs[absPath(path)]++
}

func unregisterOpen(path string) {
	openMu.Lock()
	defer openMu.Unlock()
	p := absPath(path)
	if openDBs[p]--; openDBs[p] <= 0 {
		delete(openDBs, p)
	}
}

func openPaths() []string {
	openMu.Lock()
	defer openMu.Unlock()
	paths := make([]string, 0, len(openDBs))
	for p := range openDBs {
		paths = append(paths, p)
	}
	return paths
}
