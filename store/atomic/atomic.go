// Package atomic writes files so that a crash, a full disk or a pulled USB
// stick never leaves a half-written file under the final name: the content
// goes to a temporary file in the target folder, is synced, then renamed.
package atomic

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"chanjiao/store"
)

// WriteFile writes path through write. On any failure the target is left as
// it was and the error says, in Chinese, what went wrong. It writes only
// regular files, and never over a database this process has open (see
// store.CheckWriteTarget): a rename would replace a device or the database.
func WriteFile(path string, write func(io.Writer) error) error {
	if err := store.CheckWriteTarget(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return store.Wrap(store.EInvalid, err, "目标文件夹不存在：%s（U盘是否已拔出？）", dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fileError(err, path)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		var se *store.Error
		if errors.As(err, &se) {
			return err
		}
		return fileError(err, path)
	}
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp makes 0600; returns are for others to read
		return fileError(err, path)
	}
	if err := tmp.Sync(); err != nil {
		return fileError(err, path)
	}
	if err := tmp.Close(); err != nil {
		return fileError(err, path)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fileError(err, path)
	}
	ok = true
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable where the system allows it.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func dirExists(dir string) bool { st, err := os.Stat(dir); return err == nil && st.IsDir() }

// fileError explains a file-system failure to a clerk.
func fileError(err error, path string) error {
	name := filepath.Base(path)
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.ENOSPC) || strings.Contains(msg, "no space") || strings.Contains(msg, "There is not enough space"):
		return store.Wrap(store.EInvalid, err, "磁盘（或U盘）空间不足，未能写入 %s", name)
	case errors.Is(err, syscall.EFBIG) || strings.Contains(msg, "file too large"):
		return store.Wrap(store.EInvalid, err, "文件超过了磁盘允许的大小（如 FAT32 格式的U盘单个文件不能超过 4 GB），或磁盘空间不足，未能写入 %s", name)
	case errors.Is(err, syscall.EROFS) || strings.Contains(msg, "read-only file system") || strings.Contains(msg, "write-protected"):
		return store.Wrap(store.EInvalid, err, "目标位置只读（U盘是否处于写保护状态？），未能写入 %s", name)
	case strings.Contains(msg, "being used by another process") || strings.Contains(msg, "sharing violation"):
		return store.Wrap(store.EInvalid, err, "文件 %s 正被其他程序（如 Excel、WPS）打开，请先关闭该文件再重试", name)
	case errors.Is(err, fs.ErrNotExist) && !dirExists(filepath.Dir(path)):
		return store.Wrap(store.EInvalid, err, "目标文件夹已不存在（U盘是否已拔出？），未能写入 %s", name)
	case errors.Is(err, fs.ErrPermission):
		return store.Wrap(store.EInvalid, err, "没有权限写入 %s（文件可能被其他程序打开，或文件夹只读）", name)
	}
	return store.Wrap(store.EInvalid, err, "未能写入 %s", name)
}
