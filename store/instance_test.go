package store_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chanjiao/store"
)

func TestLockInstance(t *testing.T) {
	db := filepath.Join(t.TempDir(), store.DBFileName)

	t.Run("SecondLockRefused", func(t *testing.T) {
		release, err := store.LockInstance(db)
		if err != nil {
			t.Fatalf("first lock: %v", err)
		}
		_, err = store.LockInstance(db) // a second flock handle: refused even in one process
		if err == nil {
			t.Fatal("a second lock on the same database was granted")
		}
		if store.ErrorCode(err) != store.EConflict {
			t.Errorf("code = %s, want %s", store.ErrorCode(err), store.EConflict)
		}
		if msg := store.ErrorMessage(err); !strings.Contains(msg, "程序已经打开（同一数据库只能由一个窗口使用）") {
			t.Errorf("message = %q", msg)
		}
		release()
		release() // twice is harmless
		again, err := store.LockInstance(db)
		if err != nil {
			t.Fatalf("lock after release: %v", err)
		}
		again()
	})

	t.Run("OtherDatabaseIndependent", func(t *testing.T) {
		r1, err := store.LockInstance(db)
		if err != nil {
			t.Fatal(err)
		}
		defer r1()
		r2, err := store.LockInstance(filepath.Join(t.TempDir(), store.DBFileName))
		if err != nil {
			t.Fatalf("another database's lock: %v", err)
		}
		r2()
	})

	t.Run("MissingFolder", func(t *testing.T) {
		_, err := store.LockInstance(filepath.Join(t.TempDir(), "gone", store.DBFileName))
		if err == nil {
			t.Fatal("lock in a missing folder succeeded")
		}
		if store.ErrorCode(err) != store.EInvalid || !strings.Contains(store.ErrorMessage(err), "文件夹不存在") {
			t.Errorf("err = %v (%s)", err, store.ErrorCode(err))
		}
	})
}

// TestLockInstanceAcrossProcesses holds the lock in a child process: a second
// program is refused while the child lives, and a killed child leaves no
// stale lock behind.
func TestLockInstanceAcrossProcesses(t *testing.T) {
	db := filepath.Join(t.TempDir(), store.DBFileName)
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockInstanceChild$")
	cmd.Env = append(os.Environ(), "CHANJIAO_INSTANCE_CHILD="+db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "LOCKED") || strings.HasPrefix(sc.Text(), "ERROR") {
				ready <- sc.Text()
				return
			}
		}
		ready <- "child ended without locking"
	}()
	select {
	case line := <-ready:
		if line != "LOCKED" {
			t.Fatalf("child: %s", line)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("child did not lock within 30 s")
	}

	if _, err := store.LockInstance(db); store.ErrorCode(err) != store.EConflict {
		t.Errorf("lock while another process holds it: err = %v, want EConflict", err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	release, err := store.LockInstance(db)
	if err != nil {
		t.Fatalf("lock after the holder was killed: %v", err)
	}
	release()
}

// TestLockInstanceChild is the child of TestLockInstanceAcrossProcesses: it
// locks the database named in CHANJIAO_INSTANCE_CHILD and waits for stdin to close.
func TestLockInstanceChild(t *testing.T) {
	db := os.Getenv("CHANJIAO_INSTANCE_CHILD")
	if db == "" {
		t.Skip("child process of TestLockInstanceAcrossProcesses")
	}
	release, err := store.LockInstance(db)
	if err != nil {
		os.Stdout.WriteString("ERROR " + err.Error() + "\n")
		os.Exit(1)
	}
	defer release()
	os.Stdout.WriteString("LOCKED\n")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	done := make(chan struct{})
	go func() { bufio.NewReader(os.Stdin).ReadByte(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// TestLockForCommand: a command that writes is refused at once while the
// window holds the lock, told which operation runs while another command
// holds it, and gets the lock once that one is done.
func TestLockForCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), store.DBFileName)

	window, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	// a wait of an hour: returning at all shows the window is not waited for
	_, err = store.LockForCommand(db, "导入", time.Hour)
	if store.ErrorCode(err) != store.EConflict || !strings.Contains(store.ErrorMessage(err), "程序已经打开，正在使用这个数据库；命令行不能同时修改它") {
		t.Errorf("command while the window is open: %v", err)
	}
	window()

	importing, err := store.LockForCommand(db, "导入", 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.LockForCommand(db, "从备份恢复", 0)
	if store.ErrorCode(err) != store.EConflict || !strings.Contains(store.ErrorMessage(err), "另一个操作（导入）正在修改数据库") {
		t.Errorf("restore while an import runs: %v", err)
	}
	_, err = store.LockInstance(db)
	if !strings.Contains(store.ErrorMessage(err), "另一个操作（导入）正在修改数据库，请等它完成后再打开程序") {
		t.Errorf("window while an import runs: %v", err)
	}

	got := make(chan error, 1)
	go func() {
		release, err := store.LockForCommand(db, "从备份恢复", time.Hour)
		if err == nil {
			release()
		}
		got <- err
	}()
	importing() // the waiting command goes on once the import is done
	if err := <-got; err != nil {
		t.Errorf("waiting command after the import ended: %v", err)
	}

	// the window after a command: its shorter name replaces the longer one
	window, err = store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer window()
	if _, err := store.LockForCommand(db, "导入", time.Hour); !strings.Contains(store.ErrorMessage(err), "程序已经打开，正在使用这个数据库") {
		t.Errorf("command while the window is open again: %v", err)
	}
}

// TestOpenPathMessages: a database path that cannot be a database file is
// named for what it is, not taken for a full disk.
func TestOpenPathMessages(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "walfolder.db-wal"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{dir, "是一个文件夹，不是数据库文件"},
		{filepath.Join(file, store.DBFileName), "是文件，不是文件夹"},
		{filepath.Join(file, "sub", store.DBFileName), "其中有一段是文件，不是文件夹"},
		{filepath.Join(dir, "gone", store.DBFileName), "数据库所在文件夹不存在"},
		{filepath.Join(dir, "walfolder.db"), "数据库旁的 walfolder.db-wal 不是普通文件"},
	} {
		db, err := store.Open(tc.path, nil)
		if err == nil {
			db.Close()
			t.Errorf("Open(%s) succeeded", tc.path)
			continue
		}
		msg := store.ErrorMessage(err)
		if !strings.Contains(msg, tc.want) || strings.Contains(msg, "磁盘空间已满") {
			t.Errorf("Open(%s): %q, want %q", tc.path, msg, tc.want)
		}
	}
	_, err := store.LockInstance(filepath.Join(file, store.DBFileName))
	if msg := store.ErrorMessage(err); !strings.Contains(msg, "不是文件夹") {
		t.Errorf("lock under a file: %q", msg)
	}
}
