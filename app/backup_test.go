package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"chanjiao/store"
	"chanjiao/store/backup"
)

func TestBackupToFolder(t *testing.T) {
	a := newTestApp(t, true)
	a.show("设置")
	s := a.settings
	dir := t.TempDir() // the USB stick
	s.backupTo(dir)
	files, _ := filepath.Glob(filepath.Join(dir, "chanjiao-备份-*.db"))
	if len(files) != 1 {
		t.Fatalf("backups in the folder: %v", files)
	}
	if err := backup.Check(files[0]); err != nil {
		t.Fatalf("the backup does not pass the check: %v", err)
	}
	mustContain(t, s.safetyMsg.Text, "已备份到 "+files[0])
	if s.backupBtn.Disabled() {
		t.Fatal("备份到U盘 stays disabled after the copy")
	}

	// the stick was pulled: the folder is gone
	s.backupTo(filepath.Join(dir, "拔出"))
	mustContain(t, s.safetyMsg.Text, "备份未完成")
	mustContain(t, s.safetyMsg.Text, "目标文件夹不存在")
}

func TestRestoreBringsBackTheBackup(t *testing.T) {
	a := newTestApp(t, true)
	ctx := context.Background()
	a.show("设置")
	s := a.settings
	want, err := a.db.Indicators(ctx, a.year)
	if err != nil {
		t.Fatal(err)
	}
	var schools []store.School
	view(t, a, func(tx *store.Tx) (err error) { schools, err = tx.Schools(); return })

	dir := t.TempDir()
	s.backupTo(dir)
	files, _ := filepath.Glob(filepath.Join(dir, "chanjiao-备份-*.db"))
	if len(files) != 1 {
		t.Fatalf("backups: %v", files)
	}

	// a bad change after the backup: a school and everything of it deleted
	if err := a.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteSchool(schools[0].ID) }); err != nil {
		t.Fatal(err)
	}
	a.changed()
	if got, _ := a.db.Indicators(ctx, a.year); reflect.DeepEqual(got, want) {
		t.Fatal("deleting a school did not change the figures")
	}

	s.restoreFrom(files[0])
	tapConfirm(t, a, "备份时间", "楚雄市教育体育局", "before-restore", backup.Dir(a.db.Path))

	got, err := a.db.Indicators(ctx, a.year)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("figures after the restore differ from the backup's:\n got %+v\nwant %+v", got, want)
	}
	// the screens read the restored file
	a.show("学校")
	if len(a.schools.tbl.all) != len(schools) {
		t.Fatalf("学校 shows %d schools, the backup has %d", len(a.schools.tbl.all), len(schools))
	}
	a.show("首页")
	if a.home.figs == nil || !reflect.DeepEqual(*a.home.figs, *want) {
		t.Fatal("首页 does not show the restored figures")
	}
	// the replaced database is kept, and the message says where
	saved, _ := filepath.Glob(filepath.Join(backup.Dir(a.db.Path), "before-restore-*.db"))
	if len(saved) != 1 {
		t.Fatalf("replaced database kept as %v", saved)
	}
	mustContain(t, s.safetyMsg.Text, "恢复前的数据库已另存为："+saved[0])
	if err := backup.Check(saved[0]); err != nil {
		t.Fatal(err)
	}
	// and the restore is in the 操作记录
	var es []store.AuditEntry
	view(t, a, func(tx *store.Tx) (err error) { es, err = tx.Audit(store.AuditFilter{Limit: 1}); return })
	if len(es) != 1 || es[0].Action != "restore" {
		t.Fatalf("last audit entry %+v", es)
	}
	if r, err := a.db.Verify(); err != nil || r.Integrity != "ok" || r.BrokenAt != 0 {
		t.Fatalf("verify after restore: %+v %v", r, err)
	}
}

func TestRestoreRefusesABadFile(t *testing.T) {
	a := newTestApp(t, true)
	a.show("设置")
	s := a.settings
	bad := filepath.Join(t.TempDir(), "不是备份.db")
	if err := os.WriteFile(bad, []byte("这不是数据库"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.restoreFrom(bad)
	if a.confirm != nil {
		t.Fatal("a restore from a bad file was offered")
	}
	mustContain(t, s.safetyMsg.Text, "没有恢复")
	if _, err := a.db.Indicators(context.Background(), a.year); err != nil {
		t.Fatalf("database unusable after a refused restore: %v", err)
	}
}

func TestStartupBackupNotice(t *testing.T) {
	a := newTestApp(t, true)
	a.NoteStartupBackup("", store.Wrap(store.EInvalid, errors.New("disk full"), "无法写入备份 x.db（磁盘已满或位置只读？）"))
	s := a.settings
	mustContain(t, s.safetyMsg.Text, "启动时的自动备份未完成：无法写入备份")
	a.show("设置")
	mustContain(t, s.about.Text, "自动备份未完成")

	a.NoteStartupBackup("/data/backups/chanjiao-20250101-080000.db", nil)
	mustContain(t, s.safetyMsg.Text, "启动时已自动备份：/data/backups/chanjiao-20250101-080000.db")
}
