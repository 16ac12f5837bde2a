package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

func TestSchoolsAddEditSearchDelete(t *testing.T) {
	a := newTestApp(t, true)
	a.show("学校")
	s := a.schools
	if n := len(s.tbl.view); n != 8 {
		t.Fatalf("demo schools shown: %d, want 8", n)
	}

	// add, with the keyboard: Ctrl+N opens the form
	s.tbl.search.TypedShortcut(ctrl(fyne.KeyN))
	if a.editing == nil || s.form == nil {
		t.Fatal("Ctrl+N opened no form")
	}
	f := s.form
	typeInto(f.entries["学校标识码"], "12345")
	requireSaveRefused(t, f, "学校标识码", "应为 10 位数字")
	typeInto(f.entries["学校标识码"], "3653010001") // taken by the demo's first school
	requireSaveRefused(t, f, "学校标识码", "已被“楚雄州职业教育中心”使用")
	typeInto(f.entries["学校标识码"], "3653019999")
	typeInto(f.entries["学校名称"], "楚雄市新城职业学校")
	f.selects["办学类型"].SetSelected("中等职业学校")
	// the region comes from the picker: search 楚雄市 and take the first match
	region := f.codes["所在区划代码"]
	region.set("")
	region.open()
	test.Type(region.pl.search, "楚雄市")
	if len(region.pl.shown) == 0 {
		t.Fatal("region picker found nothing for 楚雄市")
	}
	region.pl.search.OnSubmitted(region.pl.search.Text)
	if region.value() != "532301" {
		t.Fatalf("picked region %q, want 532301", region.value())
	}
	typeInto(f.entries["联系电话"], "0878-abc")
	requireSaveRefused(t, f, "联系电话", "只能包含数字")
	typeInto(f.entries["联系电话"], "0878-3100000")
	if f.save.Disabled() {
		t.Fatalf("save disabled: %s", f.reason.Text)
	}
	f.entries["联系电话"].TypedShortcut(ctrl(fyne.KeyS)) // Ctrl+S saves
	if a.editing != nil {
		t.Fatalf("form still open after save: %s", f.reason.Text)
	}
	var got store.School
	view(t, a, func(tx *store.Tx) (err error) { got, err = tx.SchoolByCode("3653019999"); return })
	if got.Name != "楚雄市新城职业学校" || got.Region != "532301" || got.Phone != "0878-3100000" {
		t.Fatalf("stored %+v", got)
	}
	if len(s.tbl.all) != 9 {
		t.Fatalf("table has %d rows after add", len(s.tbl.all))
	}

	// search filters as you type
	test.Type(s.tbl.search, "新城")
	if len(s.tbl.view) != 1 || s.tbl.cellText(0, 1) != "楚雄市新城职业学校" {
		t.Fatalf("search 新城 shows %d rows", len(s.tbl.view))
	}
	mustContain(t, s.tbl.count.Text, "找到 1 条（共 9 条）")

	// edit: select the row, 编辑, change the name
	s.tbl.selectRow(0)
	test.Tap(s.editBtn)
	f = s.form
	typeInto(f.entries["学校名称"], "")
	requireSaveRefused(t, f, "学校名称", "必须填写")
	typeInto(f.entries["学校名称"], "楚雄市新城职业技术学校")
	test.Tap(f.save)
	view(t, a, func(tx *store.Tx) (err error) { got, err = tx.SchoolByCode("3653019999"); return })
	if got.Name != "楚雄市新城职业技术学校" {
		t.Fatalf("edit not stored: %+v", got)
	}

	// Esc closes a form without saving
	s.tbl.onOpen(got)
	typeInto(s.form.entries["学校名称"], "不要保存")
	s.form.entries["学校名称"].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if a.editing != nil {
		t.Fatal("Esc did not close the form")
	}
	view(t, a, func(tx *store.Tx) (err error) { got, err = tx.SchoolByCode("3653019999"); return })
	if got.Name != "楚雄市新城职业技术学校" {
		t.Fatalf("Esc saved: %+v", got)
	}

	// delete a demo school: the question says what goes with it
	typeInto(s.tbl.search, "华兴")
	s.tbl.selectRow(0)
	test.Tap(s.delBtn)
	tapConfirm(t, a, "楚雄市华兴职业技术学校", "个专业", "条互派互聘记录", "不能恢复")
	view(t, a, func(tx *store.Tx) error {
		_, err := tx.SchoolByCode("3653010004")
		if store.ErrorCode(err) != store.ENotFound {
			t.Fatalf("school still there: %v", err)
		}
		return nil
	})
	if len(s.tbl.all) != 8 {
		t.Fatalf("table has %d rows after delete", len(s.tbl.all))
	}
}

func TestSchoolsDeleteCancelKeepsRecord(t *testing.T) {
	a := newTestApp(t, true)
	a.show("学校")
	s := a.schools
	s.tbl.selectRow(0)
	test.Tap(s.delBtn)
	if a.confirm == nil {
		t.Fatal("no confirmation")
	}
	test.Tap(a.confirm.cancel)
	if len(s.tbl.all) != 8 {
		t.Fatal("cancel deleted")
	}
}

func TestSchoolsSort(t *testing.T) {
	a := newTestApp(t, true)
	a.show("学校")
	tbl := a.schools.tbl
	tbl.sortBy(2) // 办学类型
	tbl.sortBy(0) // 学校标识码 ascending
	if tbl.cellText(0, 0) != "3453010001" {
		t.Fatalf("first by code: %s", tbl.cellText(0, 0))
	}
	tbl.sortBy(0) // descending
	if tbl.cellText(0, 0) != "4153010002" {
		t.Fatalf("first by code desc: %s", tbl.cellText(0, 0))
	}
}
