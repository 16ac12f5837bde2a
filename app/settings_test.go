package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
	"chanjiao/store/backup"
)

func TestSettingsUnit(t *testing.T) {
	a := newTestApp(t, false)
	a.show("设置")
	s := a.settings
	f := s.unitForm
	s.level.SetSelected("州市级")
	// the region picker offers prefectures for a 州市级 unit
	s.region.open()
	test.Type(s.region.pl.search, "楚雄")
	if len(s.region.pl.shown) != 1 || s.region.pl.shown[0].Value != "532300" {
		t.Fatalf("prefecture picker shows %v", s.region.pl.shown)
	}
	s.region.pl.list.Select(0)
	s.level.SetSelected("县级")
	requireSaveRefused(t, f, "区划代码", "县级单位的区划代码不应以 00 结尾")
	s.region.set("532301")
	typeInto(s.name, "")
	s.name.FocusLost() // 必须填写 waits until the clerk leaves the field
	requireSaveRefused(t, f, "单位名称", "必须填写")
	typeInto(s.name, "楚雄市教育体育局")
	typeInto(s.head, "李明华")
	typeInto(s.stats, "张丽")
	typeInto(s.preparer, "王芳")
	typeInto(s.phone, "0878 312345６")
	requireSaveRefused(t, f, "联系电话", "只能包含数字")
	typeInto(s.phone, "0878-3123456")
	test.Tap(f.save)
	var u store.Unit
	view(t, a, func(tx *store.Tx) (err error) { u, err = tx.Unit(); return })
	if u.Code != "532301" || u.Level != store.LevelCounty || u.Head != "李明华" || u.StatsHead != "张丽" || u.Preparer != "王芳" || u.Phone != "0878-3123456" {
		t.Fatalf("stored %+v", u)
	}
	mustContain(t, s.unitMsg.Text, "已保存")
}

// The unit's name follows the finished code, digit by digit, and never
// overwrites what the clerk typed (issue 13, item 2).
func TestSettingsNameFollowsFinishedCode(t *testing.T) {
	a := newTestApp(t, false)
	a.show("设置")
	s := a.settings
	s.name.SetText("")
	s.region.set("")
	for i, digit := range []string{"5", "3", "2", "3", "2"} {
		test.Type(s.region.entry, digit)
		if s.name.Text != "" {
			t.Fatalf("after %d digits %q the name is %q, want it empty until the code is finished", i+1, s.region.value(), s.name.Text)
		}
	}
	test.Type(s.region.entry, "3")
	if s.name.Text != "牟定县教育体育局" {
		t.Fatalf("code 532323 suggests %q, want 牟定县教育体育局", s.name.Text)
	}
	// a suggestion follows the code while the clerk has not touched it
	typeInto(s.region.entry, "532301")
	if s.name.Text != "楚雄市教育体育局" {
		t.Fatalf("code 532301 suggests %q, want 楚雄市教育体育局", s.name.Text)
	}
	typeInto(s.name, "楚雄市教育局")
	typeInto(s.region.entry, "532323")
	if s.name.Text != "楚雄市教育局" {
		t.Fatalf("changing the code replaced the typed name with %q", s.name.Text)
	}
	// typing after a suggestion makes it the clerk's own
	s.name.SetText("")
	typeInto(s.region.entry, "532301")
	test.Type(s.name, "（本级）")
	edited := s.name.Text
	typeInto(s.region.entry, "532323")
	if s.name.Text != edited || !strings.Contains(edited, "（本级）") {
		t.Fatalf("changing the code replaced the edited name %q with %q", edited, s.name.Text)
	}
}

func TestSettingsTargets(t *testing.T) {
	a := newTestApp(t, true)
	a.show("设置")
	s := a.settings
	f := s.targetForm
	if s.secTarget.Text != "10" || s.progTarget.Text != "60" {
		t.Fatalf("defaults shown: %q %q", s.secTarget.Text, s.progTarget.Text)
	}
	typeInto(s.progTarget, "160")
	requireSaveRefused(t, f, "中职升学率", "0% 至 100%")
	typeInto(s.progTarget, "65")
	typeInto(s.secTarget, "12")
	// a training target over two 培训对象
	s.addTrainRow(nil, 0)
	row := s.trainRows[len(s.trainRows)-1]
	row.value.FocusLost() // the clerk leaves the new row's field empty
	requireSaveRefused(t, f, "职业技能培训人次", "请填写目标人次")
	typeInto(row.value, "5000")
	requireSaveRefused(t, f, "职业技能培训人次", "至少选择一类培训对象")
	row.cats.SetSelected([]string{"企业职工", "农村劳动力"}) // the demo has 企业职工 in another target
	requireSaveRefused(t, f, "职业技能培训人次", "同时出现在两个目标中")
	test.Tap(row.remove)
	for _, r := range s.trainRows {
		if len(r.cats.Selected) == 1 && r.cats.Selected[0] == "农村劳动力" {
			typeInto(r.value, "6000")
		}
	}
	if f.save.Disabled() {
		t.Fatalf("save disabled: %s", f.reason.Text)
	}
	test.Tap(f.save)
	var ts []store.Target
	view(t, a, func(tx *store.Tx) (err error) { ts, err = tx.Targets(a.year); return })
	byInd := map[string]store.Target{}
	for _, x := range ts {
		if x.Indicator == store.IndTraining && len(x.Categories) == 1 && x.Categories[0] == "农村劳动力" {
			byInd["training2"] = x
		} else {
			byInd[x.Indicator] = x
		}
	}
	if byInd[store.IndSecondment].Value != 12 || byInd[store.IndProgression].Value != 0.65 || byInd["training2"].Value != 6000 {
		t.Fatalf("stored %+v", ts)
	}
	// the dashboard now judges against 12 persons
	a.show("首页")
	mustContain(t, a.home.todo[0], "每校至少 12 人")
}

func TestSettingsCarryForward(t *testing.T) {
	a := newTestApp(t, true)
	a.setYear(a.year + 1)
	a.show("设置")
	test.Tap(a.settings.carry)
	tapConfirm(t, a, "不含在校生")
	var ms []store.Major
	view(t, a, func(tx *store.Tx) (err error) { ms, err = tx.Majors(a.year); return })
	if len(ms) == 0 {
		t.Fatal("no majors carried forward")
	}
	for _, m := range ms {
		if m.Enrolled != 0 || m.Graduates != 0 {
			t.Fatalf("figures carried: %+v", m)
		}
	}
	a.show("专业")
	if len(a.majors.tbl.all) != len(ms) {
		t.Fatalf("majors screen shows %d of %d", len(a.majors.tbl.all), len(ms))
	}
}

func TestLockRefusesASave(t *testing.T) {
	a := newTestApp(t, true)
	// a form opened before the year is locked (a locked year's pages open
	// none) is refused when saved
	a.show("互派互聘")
	sec := a.secondments
	sec.tbl.selectRow(0)
	test.Tap(sec.editBtn)
	f := sec.form
	typeInto(f.entries["姓名"], "锁定测试")

	a.show("设置")
	s := a.settings
	mustContain(t, s.lockState.Text, "未锁定")
	if !s.unlockBtn.Disabled() {
		t.Fatal("解锁 offered for an unlocked year")
	}
	test.Tap(s.lockBtn)
	tapConfirm(t, a, "锁定后")
	mustContain(t, s.lockState.Text, "已报出并锁定")
	if !s.lockBtn.Disabled() || s.unlockBtn.Disabled() {
		t.Fatal("buttons do not follow the lock")
	}

	test.Tap(f.save)
	if a.editing == nil {
		t.Fatal("the form closed: the save went through a locked year")
	}
	mustContain(t, f.reason.Text, "未保存：")
	mustContain(t, f.reason.Text, "年度已报出并锁定，不能修改")
	a.editing.close()
	view(t, a, func(tx *store.Tx) error {
		ss, err := tx.Secondments(a.year)
		for _, x := range ss {
			if x.Name == "锁定测试" {
				t.Fatal("a locked year's stint was changed")
			}
		}
		return err
	})
}

func TestUnlockNeedsAReason(t *testing.T) {
	a := newTestApp(t, true)
	if err := a.db.Update(context.Background(), func(tx *store.Tx) error { return tx.Lock(a.year) }); err != nil {
		t.Fatal(err)
	}
	a.show("设置")
	s := a.settings
	mustContain(t, s.lockState.Text, "已报出并锁定")
	test.Tap(s.unlockBtn)
	u := s.unlock
	if u == nil {
		t.Fatal("no reason was asked")
	}
	if !u.ok.Disabled() {
		t.Fatal("解锁 enabled without a reason")
	}
	test.Tap(u.ok)
	typeInto(u.reason, "   ")
	if !u.ok.Disabled() {
		t.Fatal("解锁 enabled for a blank reason")
	}
	s.unlockWith(a.year, u) // the store refuses it as well
	mustContain(t, u.msg.Text, "解锁必须填写原因")
	view(t, a, func(tx *store.Tx) error {
		ys, err := tx.LockedYears()
		if len(ys) != 1 {
			t.Fatal("unlocked without a reason")
		}
		return err
	})

	typeInto(u.reason, "更正 3 条结束日期")
	test.Tap(u.ok)
	if s.unlock != nil {
		t.Fatalf("unlock dialog still open: %s", u.msg.Text)
	}
	mustContain(t, s.lockState.Text, "未锁定")
	var es []store.AuditEntry
	view(t, a, func(tx *store.Tx) (err error) {
		es, err = tx.Audit(store.AuditFilter{Action: store.ActUnlock})
		return
	})
	if len(es) != 1 || es[0].Detail != "更正 3 条结束日期" {
		t.Fatalf("unlock logged as %+v", es)
	}
}

func TestAboutAndOpenScreen(t *testing.T) {
	a := newTestApp(t, true)
	a.show("设置")
	text := a.settings.about.Text
	mustContain(t, text, "版本："+store.Version)
	mustContain(t, text, "自动备份位置："+backup.Dir(a.db.Path))
	mustContain(t, text, "参考数据：2021 年职业教育专业目录")
	if a.OpenScreen("不存在") {
		t.Fatal("an unknown screen was opened")
	}
	if !a.OpenScreen("学校") || a.current().title != "学校" {
		t.Fatal("OpenScreen(学校)")
	}
	if !a.OpenScreen("操作记录") || a.settings.audit == nil || len(a.settings.audit.entries) == 0 {
		t.Fatal("OpenScreen(操作记录)")
	}
}

// The key fingerprint can be found again in 设置 (本单位 and 关于), read and
// copied (issue 13, item 8).
func TestSettingsShowsKeyFingerprint(t *testing.T) {
	a := newTestApp(t, true)
	a.show("设置")
	s := a.settings
	var want string
	if err := a.db.Update(context.Background(), func(tx *store.Tx) error {
		id, err := tx.Identity()
		want = id.Fingerprint()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) != 39 {
		t.Fatalf("fingerprint %q", want)
	}
	if len(s.fingerprints) != 2 {
		t.Fatalf("%d fingerprint rows, want one in 本单位 and one in 关于", len(s.fingerprints))
	}
	for i, l := range s.fingerprints {
		if l.Text != want || !l.Selectable {
			t.Fatalf("row %d shows %q (selectable %v), want %q", i, l.Text, l.Selectable, want)
		}
		a.fa.Clipboard().SetContent("")
		test.Tap(s.copyFingerprint[i])
		if got := a.fa.Clipboard().Content(); got != want {
			t.Fatalf("复制 put %q on the clipboard, want %q", got, want)
		}
	}
}
