package store

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gofrs/flock"
)

// windowHolder is what the window writes into the lock file; a command writes
// commandHolder followed by the name of its operation.
const (
	windowHolder  = "window"
	commandHolder = "command:"
)

// LockInstance makes sure only one program at a time works on the database
// at dbPath: it holds an exclusive lock on dbPath+".lock" until release is
// called. The system drops the lock when the process ends however it ends
// (closed, killed, power cut), so a stale lock never blocks the next start.
// The lock file itself stays; removing it would race with a second start.
//
// A second caller gets an EConflict Error saying the program is already open.
func LockInstance(dbPath string) (release func(), err error) {
	return lockAs(dbPath, windowHolder, 0)
}

// LockForCommand takes the same lock for a command-line operation that
// changes the database; op names it for the clerk (如“导入”). While another
// command holds the lock it waits up to wait for it to finish; while the
// window holds it, it refuses at once, since a window does not close by itself.
func LockForCommand(dbPath, op string, wait time.Duration) (release func(), err error) {
	return lockAs(dbPath, commandHolder+op, wait)
}

func lockAs(dbPath, holder string, wait time.Duration) (func(), error) {
	l := flock.New(dbPath + ".lock")
	deadline := time.Now().Add(wait)
	for {
		ok, err := l.TryLock()
		if err != nil {
			return nil, instanceError(err, dbPath)
		}
		if ok {
			break
		}
		other := lockHolder(dbPath)
		if other == windowHolder || !time.Now().Before(deadline) {
			l.Close()
			return nil, busyError(dbPath, holder, other, wait)
		}
		time.Sleep(100 * time.Millisecond)
	}
	writeHolder(dbPath, holder)
	var once sync.Once
	return func() { once.Do(func() { l.Close() }) }, nil
}

// The holder is written after the first byte of the lock file, up to a
// newline (a longer earlier holder may follow): on Windows the lock covers
// that byte, and no other handle may read or write it. Both are best
// effort: the holder only chooses the message and whether to wait.
func writeHolder(dbPath, holder string) {
	f, err := os.OpenFile(dbPath+".lock", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	defer f.Close()
	f.WriteAt([]byte(holder+"\n"), 1)
}

func lockHolder(dbPath string) string {
	f, err := os.Open(dbPath + ".lock")
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 200)
	n, _ := f.ReadAt(buf, 1)
	holder, _, _ := bytes.Cut(buf[:n], []byte("\n"))
	return string(holder)
}

// busyError says who holds the lock, as far as the lock file tells.
func busyError(dbPath, want, holder string, waited time.Duration) error {
	op, byCommand := strings.CutPrefix(holder, commandHolder)
	switch {
	case byCommand && want == windowHolder:
		return Errorf(EConflict, "另一个操作（%s）正在修改数据库，请等它完成后再打开程序。数据库：%s", op, dbPath)
	case byCommand:
		return Errorf(EConflict, "另一个操作（%s）正在修改数据库（已等待 %d 秒），请等它完成后再试。数据库：%s", op, int(waited.Seconds()), dbPath)
	case holder == windowHolder && want != windowHolder:
		return Errorf(EConflict, "程序已经打开，正在使用这个数据库；命令行不能同时修改它。请在窗口中操作，或关闭窗口后再试。数据库：%s", dbPath)
	}
	return Errorf(EConflict, "程序已经打开（同一数据库只能由一个窗口使用）。请切换到已打开的窗口；若找不到，请稍候再试。数据库：%s", dbPath)
}

// instanceError explains why the lock file could not be made.
func instanceError(err error, dbPath string) error {
	dir := filepath.Dir(dbPath)
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return Wrap(EInvalid, err, "数据库所在位置 %s 不是文件夹（路径中有一段是文件），无法打开数据库 %s", dir, dbPath)
	case errors.Is(err, fs.ErrNotExist):
		return Wrap(EInvalid, err, "数据库所在文件夹不存在：%s（U盘是否已拔出？）", dir)
	case errors.Is(err, syscall.EROFS):
		return Wrap(EInvalid, err, "数据库所在位置只读（如写保护的U盘）：%s。请把数据库复制到可写的位置后再打开", dir)
	case errors.Is(err, syscall.ENOSPC):
		return Wrap(EInvalid, err, "磁盘空间已满，无法打开数据库 %s。请清理磁盘后重试", dbPath)
	case errors.Is(err, fs.ErrPermission):
		return Wrap(EInvalid, err, "没有权限在 %s 中写入文件，无法打开数据库", dir)
	}
	return Wrap(EInternal, err, "无法打开数据库 %s（不能建立锁文件）", dbPath)
}
