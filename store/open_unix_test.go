//go:build unix

package store_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"chanjiao/store"
)

// TestOpenFifo: a named pipe as the database is refused as not a file
// (SQLite would wait on it for a writer that never comes).
func TestOpenFifo(t *testing.T) {
	path := filepath.Join(t.TempDir(), store.DBFileName)
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	db, err := store.Open(path, nil)
	if err == nil {
		db.Close()
		t.Fatal("a fifo opened as the database")
	}
	if msg := store.ErrorMessage(err); !strings.Contains(msg, "不是普通文件") {
		t.Errorf("Open(fifo): %q", msg)
	}
}
