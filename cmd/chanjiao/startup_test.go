package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"chanjiao/store"
)

func TestOpenMessage(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		path string
		err  error
		want string
	}{
		{"MissingFolder", filepath.Join(dir, "拔出的U盘", "chanjiao.db"), fmt.Errorf("stat: %w", os.ErrNotExist), "文件夹不存在"},
		{"ReadOnlyMedia", filepath.Join(dir, "chanjiao.db"), store.Wrap(store.EInternal, fmt.Errorf("open: %w", syscall.EROFS), "无法打开数据库"), "不能写入"},
		{"DiskFull", filepath.Join(dir, "chanjiao.db"), fmt.Errorf("write: %w", syscall.ENOSPC), "磁盘空间已满"},
		{"NewerVersion", filepath.Join(dir, "chanjiao.db"), store.Errorf(store.EInvalid, "数据库由较新版本的程序写入"), "较新版本"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msg := openMessage(c.path, c.err)
			if !strings.Contains(msg, c.want) || !strings.Contains(msg, "数据没有任何改动") {
				t.Fatalf("message %q, want %q and that nothing changed", msg, c.want)
			}
		})
	}
}

func TestWrapText(t *testing.T) {
	got := wrapText("程序已经打开（同一数据库只能由一个窗口使用）。\nshort", 20)
	lines := strings.Split(got, "\n")
	if len(lines) != 4 || lines[3] != "short" {
		t.Fatalf("wrapped as %q", lines)
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 10 && l != "short" {
			t.Fatalf("line %q has %d Chinese characters, more than 20 columns", l, n)
		}
	}
	if wrapText("C:\\Users\\clerk\\AppData\\Roaming\\chanjiao\\chanjiao.db", 64) != "C:\\Users\\clerk\\AppData\\Roaming\\chanjiao\\chanjiao.db" {
		t.Fatal("a short path was broken")
	}
}

func TestHasDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if hasDisplay() != isWindowsOrMac() {
		t.Fatal("a display without DISPLAY or WAYLAND_DISPLAY")
	}
	t.Setenv("DISPLAY", ":5")
	if !hasDisplay() {
		t.Fatal("DISPLAY set but no display")
	}
}
