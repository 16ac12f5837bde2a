//go:build unix

package atomic_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// TestWriteFileRefusesFifo: a named pipe (like a device node, which only
// root can make) stays what it is; the rename would have replaced it.
func TestWriteFileRefusesFifo(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "backup.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	err := atomic.WriteFile(fifo, write("SQLite format 3"))
	if err == nil || !strings.Contains(store.ErrorMessage(err), "它是一个管道，不是普通文件") {
		t.Errorf("writing over a fifo: %v", err)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the fifo was replaced: %v", err)
	}
	noTemps(t, dir)
}
