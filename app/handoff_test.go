package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/handoff"
)

func storageURI(path string) fyne.URI { return storage.NewFileURI(path) }

func prefectureStore(t *testing.T) *store.DB {
	return openStore(t, store.Unit{Code: "532300", Name: "楚雄州教育体育局", Level: store.LevelPrefecture})
}

// packThroughDialog is 上报 as a clerk does it: the dialog, a folder, an
// optional passphrase twice, 生成数据包; it returns the result's text.
func packThroughDialog(t *testing.T, a *App, dir, passphrase string, lock bool, wants ...string) string {
	t.Helper()
	a.showPack()
	p := a.prompt
	if p == nil || p.title != "上报 2025 年度数据" {
		t.Fatalf("no 上报 dialog: %+v", p)
	}
	for _, w := range wants {
		mustContain(t, p.text, w)
	}
	if !p.checks["锁定"].Checked && !p.checks["锁定"].Disabled() {
		t.Fatal("报出后锁定 is not on by default")
	}
	p.setDir(dir)
	if passphrase != "" {
		test.Type(p.fields["口令"], passphrase)
		test.Type(p.fields["再次输入口令"], passphrase+"x")
		if !p.buttons["生成数据包"].Disabled() {
			t.Fatal("two different passphrases are accepted")
		}
		p.fields["再次输入口令"].SetText(passphrase)
	}
	p.checks["锁定"].SetChecked(lock)
	pressPrompt(t, a, p.title, "生成数据包")
	res := a.prompt
	if res == nil || res.title != "上报" {
		t.Fatalf("no result of 上报: %+v", res)
	}
	text := res.text
	test.Tap(res.buttons["关闭"])
	return text
}

func lockedYears(t *testing.T, db *store.DB) []int {
	t.Helper()
	var ys []int
	view(t, &App{db: db}, func(tx *store.Tx) (err error) { ys, err = tx.LockedYears(); return err })
	return ys
}

func receipts(t *testing.T, db *store.DB) []store.Receipt {
	t.Helper()
	var rs []store.Receipt
	view(t, &App{db: db}, func(tx *store.Tx) (err error) { rs, err = tx.Receipts(2025); return err })
	return rs
}

// A county packs its year through the 上报 dialog; the prefecture receives
// the file through the dialogs (fingerprint, diff, apply) and its 首页 shows
// 报送情况 with one unit sent. A tampered copy is refused with its reason;
// an encrypted copy asks for the passphrase.
func TestHandoffCountyToPrefecture(t *testing.T) {
	fa := test.NewTempApp(t)
	cdb := demoCounty(t)
	county := windowOn(t, fa, cdb)
	usb := t.TempDir()

	text := packThroughDialog(t, county, usb, "", true, "本年度尚未生成过数据包，这次将是第 1 版")
	mustContain(t, text, "已生成 2025 年度数据包：第 1 版")
	mustContain(t, text, "2025 年度数据已锁定")
	pk := county.lastPack
	mustContain(t, text, "本机密钥指纹："+pk.fingerprint)
	if filepath.Dir(pk.path) != usb || !strings.HasSuffix(pk.path, "_2025_第1版.cjrh") {
		t.Fatalf("file %s", pk.path)
	}
	if ys := lockedYears(t, cdb); len(ys) != 1 || ys[0] != 2025 {
		t.Fatalf("locked years %v", ys)
	}
	// packing again shows the number before: unchanged records keep it
	text = packThroughDialog(t, county, usb, "", false, "上次生成的是第 1 版")
	mustContain(t, text, "第 1 版（数据没有改动，版本号不变）")

	pdb := prefectureStore(t)
	pref := windowOn(t, fa, pdb)
	if !pref.receives() || !pref.reports.receive.Visible() {
		t.Fatal("a prefecture is not offered 接收")
	}
	pref.show("首页")
	if st := pref.home.status; st == nil || st.SentCount() != 0 || len(st.Missing()) == 0 {
		t.Fatalf("报送情况 before: %+v", st)
	}

	// the tampered copy first: refused with its reason, database unchanged
	data, err := os.ReadFile(pk.path)
	if err != nil {
		t.Fatal(err)
	}
	bad := append([]byte(nil), data...)
	bad[len(bad)/2] ^= 0x40
	badPath := filepath.Join(t.TempDir(), "532301_改过的.cjrh")
	if err := os.WriteFile(badPath, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	_, openErr := handoff.Open(bad, "532301_改过的.cjrh", "")
	if openErr == nil {
		t.Fatal("the tampered file opens")
	}
	reason := store.ErrorMessage(openErr)
	pref.OpenFiles([]string{badPath})
	pressPrompt(t, pref, "接收结果", "关闭", "✗ 532301_改过的.cjrh：拒收", "原因："+strings.TrimPrefix(reason, "532301_改过的.cjrh："), "拒收1个")
	if rs := receipts(t, pdb); len(rs) != 0 {
		t.Fatalf("a refused file was stored: %+v", rs)
	}
	refusals, err := handoff.Refusals(pdb.Path)
	if err != nil || len(refusals) != 1 || refusals[0].Reason != reason {
		t.Fatalf("refusal not recorded: %+v %v", refusals, err)
	}

	// cancelling the fingerprint question is not a refusal
	pref.OpenFiles([]string{pk.path})
	pressPrompt(t, pref, "核对密钥指纹", "取消")
	pressPrompt(t, pref, "接收结果", "关闭", "已取消，未接收", "未处理1个")
	if refusals, _ := handoff.Refusals(pdb.Path); len(refusals) != 1 {
		t.Fatalf("a cancel was recorded as a refusal: %+v", refusals)
	}

	// the real file: fingerprint, diff, apply
	pref.OpenFiles([]string{pk.path})
	pressPrompt(t, pref, "核对密钥指纹", "已电话核对，指纹一致", "请电话核对对方的密钥指纹", pk.fingerprint, "首次收到 楚雄市教育体育局")
	p := pressPrompt(t, pref, "接收数据包：核对变化", "接收", "首次接收", "学校：新增", "学校数：0 →")
	_ = p
	pressPrompt(t, pref, "接收结果", "关闭", "✓ "+filepath.Base(pk.path)+"：已接收", "接收1个")
	rs := receipts(t, pdb)
	if len(rs) != 1 || rs[0].Sender != "532301" || rs[0].Revision != 1 {
		t.Fatalf("receipts %+v", rs)
	}
	if pref.busy {
		t.Fatal("still busy after receiving")
	}
	pref.show("首页")
	st := pref.home.status
	if st == nil || st.SentCount() != 1 {
		t.Fatalf("报送情况 after: %+v", st)
	}
	card := findCard(pref.home.box, "报送情况")
	if card == nil || !strings.Contains(card.Title, "已报送 1 / ") {
		t.Fatalf("no 报送情况 card with 1 sent on 首页: %+v", card)
	}
	for _, u := range st.Units {
		if u.Code == "532301" && (!u.Sent || u.Revision != 1 || u.Signature != "valid") {
			t.Fatalf("楚雄市 %+v", u)
		}
	}
	for _, m := range st.Missing() {
		if strings.Contains(m, "532301") {
			t.Fatalf("楚雄市 still listed for 催报: %v", st.Missing())
		}
	}
	mustContain(t, uncollected(st), "尚未报送的单位")

	// an encrypted copy of the same year: a wrong passphrase asks again, the
	// right one opens it, and the same records are no change
	text = packThroughDialog(t, county, usb, "口令2025", false)
	mustContain(t, text, "数据包已用口令加密")
	pref.OpenFiles([]string{county.lastPack.path})
	p = pref.prompt
	if p == nil || p.title != "输入口令" {
		t.Fatalf("no passphrase asked: %+v", p)
	}
	test.Type(p.fields["口令"], "不对")
	pressPrompt(t, pref, "输入口令", "打开")
	p = pref.prompt
	if p == nil || p.title != "输入口令" {
		t.Fatalf("a wrong passphrase is not asked again: %+v", p)
	}
	mustContain(t, p.text, "口令不正确")
	test.Type(p.fields["口令"], "口令2025")
	pressPrompt(t, pref, "输入口令", "打开")
	pressPrompt(t, pref, "接收结果", "关闭", "已经接收过，内容相同")
	if rs := receipts(t, pdb); len(rs) != 1 {
		t.Fatalf("receipts %+v", rs)
	}
}

// The window reads a data file as the command line does (handoff.ReadFile):
// one far too large is refused unread and recorded, as the command line
// records it; one gone from the stick is not a refusal.
func TestReceiveReadsAsTheCommandLine(t *testing.T) {
	pdb := prefectureStore(t)
	pref := windowOn(t, test.NewTempApp(t), pdb)
	big := filepath.Join(t.TempDir(), "532301_大.cjrh")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil { // sparse: never read
		t.Fatal(err)
	}
	f.Close()
	gone := filepath.Join(t.TempDir(), "532302_拔出.cjrh")
	pref.OpenFiles([]string{big, gone})
	pressPrompt(t, pref, "接收结果", "关闭", "✗ 532301_大.cjrh：拒收", "文件过大（上限 32 MB）",
		"– 532302_拔出.cjrh：无法打开 532302_拔出.cjrh（U盘是否已拔出？）", "拒收1个，未处理1个")
	rs, err := handoff.Refusals(pdb.Path)
	if err != nil || len(rs) != 1 || rs[0].File != "532301_大.cjrh" {
		t.Fatalf("refusals %+v, %v", rs, err)
	}
}

// A county may not receive, and a file dropped there is refused politely.
func TestCountyDoesNotReceive(t *testing.T) {
	a := windowOn(t, test.NewTempApp(t), demoCounty(t))
	a.OpenFiles([]string{"/tmp/x.cjrh"})
	if a.prompt != nil || a.busy {
		t.Fatal("a county started receiving")
	}
}

// Another key for a sender already pinned: a stronger warning, and 接受新密钥
// only after the clerk says she checked by phone.
func TestChangedKeyWarning(t *testing.T) {
	fa := test.NewTempApp(t)
	first := windowOn(t, fa, demoCounty(t))
	usb := t.TempDir()
	packThroughDialog(t, first, usb, "", false)

	// the same county on a reinstalled computer: another key, and changed records
	second := windowOn(t, fa, demoCounty(t))
	dir2 := t.TempDir()
	packThroughDialog(t, second, dir2, "", false)
	err := second.db.Update(context.Background(), func(tx *store.Tx) error {
		ts, err := tx.Trainings(2025)
		if err != nil {
			return err
		}
		return tx.DeleteTraining(ts[0].ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	text := packThroughDialog(t, second, dir2, "", false, "上次生成的是第 1 版")
	mustContain(t, text, "第 2 版（上次为第 1 版）")

	pref := windowOn(t, fa, prefectureStore(t))
	pref.OpenFiles([]string{first.lastPack.path})
	pressPrompt(t, pref, "核对密钥指纹", "已电话核对，指纹一致")
	pressPrompt(t, pref, "接收数据包：核对变化", "接收")
	pressPrompt(t, pref, "接收结果", "关闭", "已接收")

	pref.OpenFiles([]string{second.lastPack.path})
	p := pref.prompt
	if p == nil || p.title != "密钥已变更" {
		t.Fatalf("no warning for a changed key: %+v", p)
	}
	mustContain(t, p.text, "警告")
	mustContain(t, p.text, second.lastPack.fingerprint)
	if !p.buttons["接受新密钥"].Disabled() {
		t.Fatal("the new key can be accepted without saying it was checked")
	}
	p.checks["已核实"].SetChecked(true)
	pressPrompt(t, pref, "密钥已变更", "接受新密钥")
	pressPrompt(t, pref, "接收数据包：核对变化", "接收", "替换已收到的第 1 版", "培训：新增 0，修改 0，删除 1")
	pressPrompt(t, pref, "接收结果", "关闭", "已接收")
	if rs := receipts(t, pref.db); len(rs) != 1 || rs[0].Revision != 2 {
		t.Fatalf("receipts %+v", rs)
	}

	// an older revision an hour later: refused with both numbers
	pref.db.Now = func() time.Time { return fixedNow().Add(time.Hour) }
	pref.OpenFiles([]string{first.lastPack.path, second.lastPack.path})
	p = pref.prompt
	if p == nil || p.title != "接收结果" {
		t.Fatalf("%+v", p)
	}
	mustContain(t, p.text, "版本较旧：这是第 1 版，本单位已收到")
	mustContain(t, p.text, "已经接收过，内容相同")
	test.Tap(p.buttons["关闭"])
	pref.show("首页")
	for _, u := range pref.home.status.Units {
		if u.Code == "532301" {
			if !u.Sent || u.Revision != 2 || !strings.Contains(u.LastRefusal, "版本较旧") {
				t.Fatalf("报送情况 of 楚雄市 after a refused older file: %+v", u)
			}
		}
	}
}

// findCard finds a card on a page by a part of its title.
func findCard(o fyne.CanvasObject, title string) *widget.Card {
	switch x := o.(type) {
	case *widget.Card:
		if strings.Contains(x.Title, title) {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if card := findCard(c, title); card != nil {
				return card
			}
		}
	}
	return nil
}
