package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

func TestEnterprisesAddEditSearchDelete(t *testing.T) {
	a := newTestApp(t, true)
	a.show("合作企业")
	s := a.enterprises
	before := len(s.tbl.all)
	if before == 0 {
		t.Fatal("no demo enterprises")
	}

	test.Tap(s.addBtn)
	f := s.form
	typeInto(f.entries["统一社会信用代码"], "91440300192203821")
	requireSaveRefused(t, f, "统一社会信用代码", "应为 18 位")
	typeInto(f.entries["统一社会信用代码"], "914403001922038217") // check digit fails: a warning only
	typeInto(f.entries["企业名称"], "福州测试科技有限公司")
	mustContain(t, f.message("统一社会信用代码"), "提示：校验位不符")
	if f.save.Disabled() {
		t.Fatalf("a warning must not stop the save: %s", f.reason.Text)
	}
	f.selects["所属行业"].SetSelected("I 信息传输、软件和信息技术服务业")
	save(t, a, f)
	var got store.Enterprise
	find := func(code string) (store.Enterprise, bool) {
		var es []store.Enterprise
		view(t, a, func(tx *store.Tx) (err error) { es, err = tx.Enterprises(); return })
		for _, e := range es {
			if e.CreditCode == code {
				return e, true
			}
		}
		return store.Enterprise{}, false
	}
	got, ok := find("914403001922038217")
	if !ok || got.Industry != "I" || got.Name != "福州测试科技有限公司" {
		t.Fatalf("stored %+v %v", got, ok)
	}

	test.Type(s.tbl.search, "福州测试")
	if len(s.tbl.view) != 1 {
		t.Fatalf("search shows %d", len(s.tbl.view))
	}
	s.tbl.openRow(0) // double click
	typeInto(s.form.entries["联系人"], "林工")
	typeInto(s.form.entries["联系电话"], "电话")
	requireSaveRefused(t, s.form, "联系电话", "只能包含数字")
	typeInto(s.form.entries["联系电话"], "0591-1234567")
	test.Tap(s.form.save)
	got, _ = find("914403001922038217")
	if got.Contact != "林工" || got.Phone != "0591-1234567" {
		t.Fatalf("edit not stored: %+v", got)
	}

	// delete from inside the form; an enterprise with stints says so
	typeInto(s.tbl.search, "")
	var stints []store.Secondment
	view(t, a, func(tx *store.Tx) (err error) { stints, err = tx.Secondments(0); return })
	busy := stints[0].CreditCode
	for i, e := range s.tbl.all {
		if e.CreditCode == busy {
			s.tbl.onOpen(s.tbl.all[i])
			break
		}
	}
	test.Tap(a.editing.del)
	tapConfirm(t, a, "条互派互聘记录")
	if a.editing != nil {
		t.Fatal("form still open after delete")
	}
	if _, ok := find(busy); ok {
		t.Fatal("enterprise not deleted")
	}
	if len(s.tbl.all) != before {
		t.Fatalf("rows %d, want %d", len(s.tbl.all), before)
	}
}
