package main

// Backups, restore and verify through the binary: a backup taken before a
// bad import brings back exactly the earlier figures; restore refuses what
// is not a sound backup of ours and leaves the database alone; verify finds
// an audit entry edited or deleted behind the program's back.

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chanjiao/store/storetest"
)

// demoYear is the year the demo's figures are complete for.
func demoYear() string { return fmt.Sprint(time.Now().Year() - 1) }

func TestRestoreBringsBackTheEarlierCheck(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "county.db")
	year := demoYear()
	c.ok("--db", db, "demo")
	before := c.ok("--db", db, "check", "--year", year, "--json").stdout
	doc := decode(t, before)
	school := at(t, doc, "schools", 0, "code").(string)

	saved := filepath.Join(t.TempDir(), "before-import.db")
	c.ok("--db", db, "backup", "--out", saved)

	// a "bad" import: accepted, but with wrong figures that change the check
	bad := writeBook(t, sheet{"培训", [][]any{
		{"承办学校标识码", "项目名称", "培训对象", "培训人次", "开始日期", "结束日期"},
		{school, "误导入的培训", "企业职工", 9999, year + "-03-01", year + "-03-05"},
	}})
	c.ok("--db", db, "import", bad)
	changed := c.ok("--db", db, "check", "--year", year, "--json").stdout
	if changed == before {
		t.Fatal("the bad import did not change check --json; the test proves nothing")
	}

	r := c.ok("--db", db, "restore", saved)
	if !strings.Contains(r.stdout, "恢复前的数据库已保存为") {
		t.Errorf("restore does not say where the replaced database went:\n%s", r.stdout)
	}
	if after := c.ok("--db", db, "check", "--year", year, "--json").stdout; after != before {
		t.Errorf("check --json after restore differs from before the bad import:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	// the replaced database was kept, with the bad import in it
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "before-restore-*.db"))
	if len(kept) != 1 {
		t.Fatalf("kept copies of the replaced database: %v", kept)
	}
	if n := countWhere(t, kept[0], "trainings", "name = '误导入的培训'"); n != 1 {
		t.Errorf("the kept copy has %d rows of the bad import, want 1", n)
	}
	// the restore is in the audit trail, and the chain holds
	if n := countWhere(t, db, "audit", "action = 'restore'"); n != 1 {
		t.Errorf("%d restore entries in the audit, want 1", n)
	}
	c.ok("--db", db, "verify")
}

func TestRestoreRefusesBadFilesAndChangesNothing(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "county.db")
	c.ok("--db", db, "demo")
	good := filepath.Join(t.TempDir(), "good.db")
	c.ok("--db", db, "backup", "--out", good)
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	files := t.TempDir()

	corrupt := filepath.Join(files, "corrupt.db")
	bad := bytes.Clone(data)
	for page := 0; page+4096 <= len(bad); page += 4096 {
		for i := page + 3000; i < page+4096; i++ {
			bad[i] ^= 0x5a
		}
	}
	os.WriteFile(corrupt, bad, 0o600)

	truncated := filepath.Join(files, "truncated.db")
	os.WriteFile(truncated, data[:len(data)/3], 0o600)

	foreign := filepath.Join(files, "foreign.db")
	execSQL(t, foreign, "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('别的程序的数据库')")

	newer := filepath.Join(files, "newer.db")
	os.WriteFile(newer, data, 0o600)
	execSQL(t, newer, "PRAGMA user_version = 99")

	text := filepath.Join(files, "notes.txt")
	os.WriteFile(text, []byte("这不是数据库"), 0o600)

	year := demoYear()
	before := c.ok("--db", db, "check", "--year", year, "--json").stdout
	dbBytes := func() []byte {
		b, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	raw := dbBytes()
	for _, tc := range []struct{ file, want string }{
		{corrupt, "损坏"},
		{truncated, "损坏"},
		{foreign, "不是本程序的数据库备份"},
		{newer, "较新版本"},
		{text, "不是有效的数据库文件"},
		{filepath.Join(files, "missing.db"), "找不到备份文件"},
	} {
		r := c.expect(1, "--db", db, "restore", tc.file)
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("restore %s: stderr lacks %q:\n%s", filepath.Base(tc.file), tc.want, r.stderr)
		}
		if !bytes.Equal(dbBytes(), raw) {
			t.Fatalf("restore %s changed the database file", filepath.Base(tc.file))
		}
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "backups", "before-restore-*")); len(kept) > 0 {
		t.Errorf("a refused restore saved the database aside: %v", kept)
	}
	if after := c.ok("--db", db, "check", "--year", year, "--json").stdout; after != before {
		t.Errorf("refused restores changed check --json")
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	newDB := func() string {
		db := filepath.Join(t.TempDir(), "county.db")
		c.ok("--db", db, "demo")
		c.ok("--db", db, "lock", "--year", demoYear())
		c.ok("--db", db, "unlock", "--year", demoYear(), "--reason", "更正培训人次")
		return db
	}
	db := newDB()
	r := c.ok("--db", db, "verify")
	if !strings.Contains(r.stdout, "操作记录链完整") || !strings.Contains(r.stdout, "完整性检查：ok") {
		t.Errorf("verify on an untouched database:\n%s", r.stdout)
	}
	n := countWhere(t, db, "audit", "1")
	if n < 5 {
		t.Fatalf("only %d audit entries", n)
	}
	mid := n / 2

	for _, tc := range []struct {
		name, sql, want string
	}{
		{"edited", fmt.Sprintf("UPDATE audit SET after = replace(after, '1', '2') WHERE id = %d", mid), fmt.Sprintf("第 %d 条记录的内容被修改过", mid)},
		{"reasonEdited", "UPDATE audit SET detail = '无' WHERE action = 'unlock'", "条记录的内容被修改过"},
		{"deleted", fmt.Sprintf("DELETE FROM audit WHERE id = %d", mid), fmt.Sprintf("第 %d 至 %d 条记录缺失（被删除）", mid, mid)},
		{"rehashed", fmt.Sprintf("UPDATE audit SET detail = 'x', hash = 'forged' WHERE id = %d", mid), fmt.Sprintf("第 %d 条记录", mid)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := newDB()
			execSQL(t, db, tc.sql)
			r := c.expect(1, "--db", db, "verify")
			if !strings.Contains(r.stderr, "操作记录被篡改") || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("verify after %s: stderr lacks %q:\n%s", tc.name, tc.want, r.stderr)
			}
		})
	}
	// the first entry deleted: the second no longer links to nothing
	t.Run("firstDeleted", func(t *testing.T) {
		db := newDB()
		execSQL(t, db, "DELETE FROM audit WHERE id = 1")
		r := c.expect(1, "--db", db, "verify")
		if !strings.Contains(r.stderr, "第 2 条记录与前一条衔接不上") {
			t.Errorf("verify after the first entry was deleted:\n%s", r.stderr)
		}
	})
}

// execSQL runs SQL on a database file directly, behind the program's back.
func execSQL(t *testing.T, path, query string) {
	t.Helper()
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// countWhere counts a table's rows matching a condition, through a connection of its own.
func countWhere(t *testing.T, path, table, where string) int {
	return storetest.Count(t, path, table, where)
}
