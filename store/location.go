package store

import (
	"os"
	"path/filepath"
)

// PortableMarker is the file that, beside the executable, makes the program
// keep its database there (a copy run from a USB stick).
const PortableMarker = "chanjiao.portable"

// DBFileName is the database's file name in its folder.
const DBFileName = "chanjiao.db"

// Locate finds the database the same way for the window and the CLI: the
// --db flag if given, else $CHANJIAO_DB, else beside the executable when the
// portable marker sits there, else the per-user folder (%AppData%\chanjiao on
// Windows, ~/.config/chanjiao on Linux). The folder is created when missing.
func Locate(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if env := os.Getenv("CHANJIAO_DB"); env != "" {
		return env, nil
	}
	if exe, err := os.Executable(); err == nil {
		dir := filepath.Dir(exe)
		if _, err := os.Stat(filepath.Join(dir, PortableMarker)); err == nil {
			return filepath.Join(dir, DBFileName), nil
		}
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", Wrap(EInternal, err, "找不到当前用户的数据文件夹")
	}
	dir := filepath.Join(base, "chanjiao")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", Wrap(EInvalid, err, "无法创建数据文件夹 %s", dir)
	}
	return filepath.Join(dir, DBFileName), nil
}
