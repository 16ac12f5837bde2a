package store

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/gofrs/flock"
)

// LockInstance makes sure only one program at a time works on the database
// at dbPath: it holds an exclusive lock on dbPath+".lock" until release is
// called. The system drops the lock when the process ends however it ends
// (closed, killed, power cut), so a stale lock never blocks the next start.
// The lock file itself stays; removing it would race with a second start.
//
// A second caller gets an EConflict Error saying the program is already open.
func LockInstance(dbPath string) (release func(), err error) {
	l := flock.New(dbPath + ".lock")
	ok, err := l.TryLock()
	if err != nil {
		return nil, instanceError(err, dbPath)
	}
	if !ok {
		l.Close()
		return nil, Errorf(EConflict, "程序已经打开（同一数据库只能由一个窗口使用）。请切换到已打开的窗口；若找不到，请稍候再试。数据库：%s", dbPath)
	}
	var once sync.Once
	return func() { once.Do(func() { l.Close() }) }, nil
}

// instanceError explains why the lock file could not be made.
func instanceError(err error, dbPath string) error {
	dir := filepath.Dir(dbPath)
	switch {
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
