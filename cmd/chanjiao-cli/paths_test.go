package main

// The database is only ever changed by one program at a time, and no output
// path can destroy it (issue 11, cases 5, 6 and 9): through the binary, on
// real databases; after every refusal the database and its WAL are
// byte-identical.

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/store"
)

// fileState is the database and its WAL, byte for byte.
func fileState(t *testing.T, db string) []byte {
	t.Helper()
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(db + "-wal") // absent after a clean close
	return append(append(data, "\x00WAL\x00"...), wal...)
}

// writers are the commands that change the database, as run in these tests.
func writers(t *testing.T, c *cli, db string) map[string][]string {
	year := demoYear()
	saved := filepath.Join(t.TempDir(), "saved.db")
	c.ok("--db", db, "backup", "--out", saved)
	book := writeBook(t, sheet{"培训", [][]any{
		{"承办学校标识码", "项目名称", "培训对象", "培训人次", "开始日期", "结束日期"},
		{"3653010002", "锁住时的培训", "企业职工", 30, year + "-03-01", year + "-03-05"},
	}})
	return map[string][]string{
		"import":        {"import", book},
		"restore":       {"restore", saved},
		"init":          {"init", "--unit", "532301", "--name", "楚雄市教育体育局"},
		"demo":          {"demo"},
		"lock":          {"lock", "--year", year},
		"unlock":        {"unlock", "--year", year, "--reason", "更正"},
		"bundle export": {"bundle", "export", "--year", year, "--out", t.TempDir()},
		"bundle import": {"bundle", "import", filepath.Join(t.TempDir(), "x.cjrh")},
		"report":        {"report", "--year", year, "--format", "pdf", "--out", filepath.Join(t.TempDir(), "r.pdf")},
		"backup":        {"backup", "--out", filepath.Join(t.TempDir(), "copy.db")},
		"targets --set": {"targets", "--year", year, "--set", "订单班数=30"},
	}
}

// TestWritingCommandsRefusedWhileTheWindowIsOpen: the window's lock (held
// here by the test process) refuses every command that writes, at once,
// and leaves the database alone; commands that only read still run.
func TestWritingCommandsRefusedWhileTheWindowIsOpen(t *testing.T) {
	t.Parallel()
	c := newCLI(t).withEnv("CHANJIAO_LOCK_WAIT=600") // the window is not waited for
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "demo")
	cmds := writers(t, c, db)
	release, err := store.LockInstance(db)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	before := fileState(t, db)
	for name, args := range cmds {
		r := c.expect(1, append([]string{"--db", db}, args...)...)
		if !strings.Contains(r.stderr, "程序已经打开，正在使用这个数据库；命令行不能同时修改它") {
			t.Errorf("%s while the window is open: stderr %q", name, r.stderr)
		}
		if !bytes.Equal(fileState(t, db), before) {
			t.Fatalf("%s changed the database while the window held it", name)
		}
	}
	if kept, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*")); len(kept) > 0 {
		t.Errorf("a refused restore saved the database aside: %v", kept)
	}
	c.ok("--db", db, "check", "--year", demoYear())
	c.ok("--db", db, "targets", "--year", demoYear())
	c.ok("--db", db, "verify")
	c.ok("--db", db, "export", "--year", demoYear(), "--out", filepath.Join(t.TempDir(), "data.xlsx"))
	c.ok("--db", db, "template", "--year", demoYear(), "--out", t.TempDir())
}

// TestRestoreCannotRunDuringAnImport: while an import holds the lock (held
// here explicitly, so no timing decides), a restore is refused and names
// the import; so is an import during a restore. Once it is released the
// restore runs.
func TestRestoreCannotRunDuringAnImport(t *testing.T) {
	t.Parallel()
	c := newCLI(t).withEnv("CHANJIAO_LOCK_WAIT=0")
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "demo")
	cmds := writers(t, c, db)

	importing, err := store.LockForCommand(db, "导入", 0)
	if err != nil {
		t.Fatal(err)
	}
	before := fileState(t, db)
	r := c.expect(1, append([]string{"--db", db}, cmds["restore"]...)...)
	if !strings.Contains(r.stderr, "另一个操作（导入）正在修改数据库") {
		t.Errorf("restore during an import: stderr %q", r.stderr)
	}
	if !bytes.Equal(fileState(t, db), before) {
		t.Fatal("a restore replaced the database during an import")
	}
	importing()

	restoring, err := store.LockForCommand(db, "从备份恢复", 0)
	if err != nil {
		t.Fatal(err)
	}
	r = c.expect(1, append([]string{"--db", db}, cmds["import"]...)...)
	if !strings.Contains(r.stderr, "另一个操作（从备份恢复）正在修改数据库") {
		t.Errorf("import during a restore: stderr %q", r.stderr)
	}
	if !bytes.Equal(fileState(t, db), before) {
		t.Fatal("an import changed the database during a restore")
	}
	restoring()

	c.ok(append([]string{"--db", db}, cmds["import"]...)...)
	c.ok(append([]string{"--db", db}, cmds["restore"]...)...)
	if n := countWhere(t, db, "trainings", "name = '锁住时的培训'"); n != 0 {
		t.Errorf("after the restore %d rows of the later import remain", n)
	}
}

// TestOutputCannotReplaceTheDatabase: --out naming the database, a file
// beside it or a link to it is refused by every command that writes a
// file, and nothing is written there.
func TestOutputCannotReplaceTheDatabase(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "county.db")
	c.ok("--db", db, "demo")
	link := filepath.Join(t.TempDir(), "link.xlsx")
	if err := os.Symlink(db, link); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	year := demoYear()
	before := fileState(t, db)
	for _, out := range []string{db, db + "-wal", db + "-shm", db + ".lock", link} {
		_, lockExisted := os.Stat(db + ".lock")
		for _, args := range [][]string{
			{"export", "--year", year, "--out", out},
			{"report", "--year", year, "--format", "pdf", "--out", out},
			{"report", "--year", year, "--format", "xlsx", "--out", out},
			{"template", "--year", year, "--school", "3653010002", "--out", out},
			{"bundle", "export", "--year", year, "--out", out},
			{"backup", "--out", out},
		} {
			r := c.expect(1, append([]string{"--db", db}, args...)...)
			if !strings.Contains(r.stderr, "不能写入") || !strings.Contains(r.stderr, "数据库") {
				t.Errorf("%s --out %s: stderr %q", args[0], filepath.Base(out), r.stderr)
			}
			if !bytes.Equal(fileState(t, db), before) {
				t.Fatalf("%s --out %s changed the database", args[0], filepath.Base(out))
			}
			for _, s := range []string{"-wal", "-shm"} {
				if _, err := os.Stat(db + s); err == nil {
					t.Fatalf("%s --out %s left %s behind", args[0], filepath.Base(out), filepath.Base(db+s))
				}
			}
			if _, err := os.Stat(db + ".lock"); (err == nil) != (lockExisted == nil) {
				t.Fatalf("%s --out %s changed whether %s exists", args[0], filepath.Base(out), filepath.Base(db+".lock"))
			}
		}
	}
	c.ok("--db", db, "verify")
}

// TestBundleFolderNameLandsOnTheDatabase: a data file written into a folder
// is named by the program; when that name is the database's, the file is
// refused and the database stays a database.
func TestBundleFolderNameLandsOnTheDatabase(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "532301_楚雄市教育体育局_"+demoYear()+"_第1版.cjrh")
	c.ok("--db", db, "demo")
	r := c.expect(1, "--db", db, "bundle", "export", "--year", demoYear(), "--out", dir)
	if !strings.Contains(r.stderr, "这是本程序的数据库文件") {
		t.Errorf("stderr %q", r.stderr)
	}
	if head, _ := os.ReadFile(db); !bytes.HasPrefix(head, []byte("SQLite format 3\x00")) {
		t.Fatal("the database was replaced by the data file")
	}
	c.ok("--db", db, "verify")
}

// TestOutputReplacesOnlyItsOwnKind: an existing file of another kind (a
// PDF, another database) is not replaced; one of the same kind is.
func TestOutputReplacesOnlyItsOwnKind(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "demo")
	year := demoYear()
	dir := t.TempDir()
	pdf := filepath.Join(dir, "上报.pdf")
	c.ok("--db", db, "report", "--year", year, "--format", "pdf", "--out", pdf)
	xlsx := filepath.Join(dir, "数据.xlsx")
	c.ok("--db", db, "export", "--year", year, "--out", xlsx)
	c.ok("--db", db, "export", "--year", year, "--out", xlsx) // a workbook over a workbook
	backupFile := filepath.Join(dir, "备份.db")
	c.ok("--db", db, "backup", "--out", backupFile)
	c.ok("--db", db, "backup", "--out", backupFile) // a backup over a backup

	for _, tc := range []struct {
		args []string
		file string
		want string
	}{
		{[]string{"export", "--year", year, "--out", pdf}, pdf, "已存在，而且是PDF 文件，不是Excel 工作簿"},
		{[]string{"report", "--year", year, "--format", "pdf", "--out", xlsx}, xlsx, "已存在，而且是Excel 工作簿，不是PDF 文件"},
		{[]string{"bundle", "export", "--year", year, "--out", pdf}, pdf, "已存在"},
		{[]string{"export", "--year", year, "--out", backupFile}, backupFile, "这是一个数据库文件"},
		{[]string{"backup", "--out", xlsx}, xlsx, "不是数据库备份"},
	} {
		was, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		before := fileState(t, db)
		r := c.expect(1, append([]string{"--db", db}, tc.args...)...)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: stderr %q, want %q", strings.Join(tc.args, " "), r.stderr, tc.want)
		}
		if now, _ := os.ReadFile(tc.file); !bytes.Equal(now, was) {
			t.Errorf("%s replaced %s", strings.Join(tc.args, " "), filepath.Base(tc.file))
		}
		if !bytes.Equal(fileState(t, db), before) {
			t.Fatalf("%s changed the database", strings.Join(tc.args, " "))
		}
	}
}

// TestDatabasePathIsAFolder: --db naming a folder is called a folder, not a
// full disk, and nothing is created in it.
func TestDatabasePathIsAFolder(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	dir := t.TempDir()
	for _, args := range [][]string{{"check", "--year", demoYear()}, {"verify"}} {
		r := c.expect(1, append([]string{"--db", dir}, args...)...)
		if !strings.Contains(r.stderr, "是一个文件夹，不是数据库文件") || strings.Contains(r.stderr, "磁盘空间已满") {
			t.Errorf("%s with a folder as the database: stderr %q", args[0], r.stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files were made in the folder: %v", entries)
	}
}
