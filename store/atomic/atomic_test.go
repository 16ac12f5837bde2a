package atomic_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// Injected write failures: the target keeps its old content, no temporary
// file stays behind, and the error is a clerk's message. (Disk full and a
// read-only mount are tested in store/crashtest under Linux.)

func write(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	if tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "报表.xlsx")
	if err := atomic.WriteFile(path, write("新")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "新" {
		t.Errorf("content %q", got)
	}
	noTemps(t, dir)
}

func TestWriteFileFailures(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) (path string, fn func(io.Writer) error)
		want  string
	}{
		{"WriterFails", func(t *testing.T, dir string) (string, func(io.Writer) error) {
			return filepath.Join(dir, "f.txt"), func(w io.Writer) error {
				io.WriteString(w, "half")
				return errors.New("injected")
			}
		}, "未能写入 f.txt"},
		{"WriterFailsWithClerkError", func(t *testing.T, dir string) (string, func(io.Writer) error) {
			return filepath.Join(dir, "f.txt"), func(io.Writer) error { return store.Errorf(store.EInvalid, "没有可导出的数据") }
		}, "没有可导出的数据"},
		{"FolderMissing", func(t *testing.T, dir string) (string, func(io.Writer) error) {
			return filepath.Join(dir, "gone", "f.txt"), write("x")
		}, "目标文件夹不存在"},
		{"FolderVanishesWhileWriting", func(t *testing.T, dir string) (string, func(io.Writer) error) { // the USB stick pulled
			sub := filepath.Join(dir, "stick")
			os.Mkdir(sub, 0o755)
			return filepath.Join(sub, "f.txt"), func(w io.Writer) error {
				io.WriteString(w, "half")
				return os.RemoveAll(sub)
			}
		}, "U盘是否已拔出"},
		{"TargetIsAFolder", func(t *testing.T, dir string) (string, func(io.Writer) error) {
			p := filepath.Join(dir, "f.txt")
			os.Mkdir(p, 0o755)
			os.WriteFile(filepath.Join(p, "inside"), []byte("keep"), 0o644)
			return p, write("x")
		}, "f.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path, fn := c.setup(t, dir)
			_, statErr := os.Stat(path)
			if errors.Is(statErr, os.ErrNotExist) && filepath.Dir(path) != dir {
				// no old content to keep
			} else if statErr != nil {
				os.WriteFile(path, []byte("旧"), 0o644)
			}
			before, _ := os.ReadFile(path)
			err := atomic.WriteFile(path, fn)
			if err == nil {
				t.Fatal("no error")
			}
			msg := store.ErrorMessage(err)
			if store.ErrorCode(err) != store.EInvalid || !strings.Contains(msg, c.want) || strings.Contains(msg, "程序内部错误") {
				t.Errorf("[%s] %q, want %q", store.ErrorCode(err), msg, c.want)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Errorf("target changed: %q → %q", before, after)
			}
			noTemps(t, dir)
			noTemps(t, filepath.Dir(path))
		})
	}
}

// TestWriteFileOnProc: a place where nothing can be created (/proc).
func TestWriteFileOnProc(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc is Linux's")
	}
	err := atomic.WriteFile("/proc/chanjiao-test.xlsx", write("x"))
	if err == nil {
		t.Fatal("wrote into /proc")
	}
	if msg := store.ErrorMessage(err); store.ErrorCode(err) != store.EInvalid || !strings.Contains(msg, "chanjiao-test.xlsx") {
		t.Errorf("[%s] %q", store.ErrorCode(err), msg)
	}
	t.Logf("/proc: %s (%v)", store.ErrorMessage(err), err)
}
