package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

// requireLocked checks a record page shows the lock and refuses changes.
func requireLocked[T any](t *testing.T, a *App, s *recordScreen[T]) {
	t.Helper()
	if !s.lockBanner.Visible() {
		t.Fatalf("%s: no banner for the locked year", s.kind)
	}
	mustContain(t, s.lockBanner.Text, "已报出并锁定")
	mustContain(t, s.lockBanner.Text, "设置 → 年度锁定")
	s.tbl.selectRow(0)
	if !s.addBtn.Disabled() || !s.editBtn.Disabled() || !s.delBtn.Disabled() {
		t.Fatalf("%s: 新增/编辑/删除 enabled in a locked year", s.kind)
	}
	s.tbl.openRow(0) // double-click
	a.shortcut(fyne.KeyN)
	if a.editing != nil {
		t.Fatalf("%s: a form opened in a locked year", s.kind)
	}
}

func TestLockedYearPagesAreReadOnly(t *testing.T) {
	a := newTestApp(t, true)
	a.show("设置")
	test.Tap(a.settings.lockBtn)
	tapConfirm(t, a, "锁定后")

	a.show("互派互聘")
	requireLocked(t, a, a.secondments)
	a.show("专业")
	requireLocked(t, a, a.majors)
	a.show("培训")
	requireLocked(t, a, a.trainings)

	a.show("学校") // schools stay editable; the banner says what is refused
	sc := a.schools
	mustContain(t, sc.lockBanner.Text, "不能删除")
	sc.tbl.selectRow(0)
	if sc.addBtn.Disabled() || sc.editBtn.Disabled() {
		t.Fatal("schools cannot be edited in a locked year")
	}

	a.show("设置") // unlock: the pages are editable again
	test.Tap(a.settings.unlockBtn)
	u := a.settings.unlock
	typeInto(u.reason, "更正结束日期")
	test.Tap(u.ok)
	a.show("互派互聘")
	sec := a.secondments
	sec.tbl.selectRow(0)
	if sec.lockBanner.Visible() || sec.addBtn.Disabled() || sec.editBtn.Disabled() || sec.delBtn.Disabled() {
		t.Fatal("the page stayed locked after unlocking")
	}
}

func TestLockFollowsTheYear(t *testing.T) {
	a := newTestApp(t, true)
	year := a.year
	if err := a.db.Update(context.Background(), func(tx *store.Tx) error { return tx.Lock(year) }); err != nil {
		t.Fatal(err)
	}
	a.show("互派互聘")
	requireLocked(t, a, a.secondments)
	a.setYear(year - 1)
	if a.secondments.lockBanner.Visible() || a.secondments.addBtn.Disabled() {
		t.Fatal("another year's page shows the lock")
	}
	a.setYear(year)
	requireLocked(t, a, a.secondments)
}
