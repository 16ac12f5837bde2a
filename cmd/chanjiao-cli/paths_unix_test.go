//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputIsNotAFifo: --out naming a named pipe (like `backup --out
// /dev/full`, which only root can make) is refused; the pipe stays a pipe.
func TestOutputIsNotAFifo(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "demo")
	fifo := filepath.Join(t.TempDir(), "stick")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	before := fileState(t, db)
	for _, args := range [][]string{
		{"backup", "--out", fifo},
		{"export", "--year", demoYear(), "--out", fifo},
		{"report", "--year", demoYear(), "--format", "pdf", "--out", fifo},
	} {
		r := c.expect(1, append([]string{"--db", db}, args...)...)
		if !strings.Contains(r.stderr, "它是一个管道，不是普通文件") {
			t.Errorf("%s --out fifo: stderr %q", args[0], r.stderr)
		}
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("%s replaced the fifo", args[0])
		}
		if !bytes.Equal(fileState(t, db), before) {
			t.Fatalf("%s changed the database", args[0])
		}
	}
}
