package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

// demoSchoolAndEnterprise gives a school with majors in the window's year and
// an enterprise of the demo county.
func demoSchoolAndEnterprise(t *testing.T, a *App) (store.Major, store.Enterprise) {
	t.Helper()
	var ms []store.Major
	var es []store.Enterprise
	view(t, a, func(tx *store.Tx) (err error) {
		if ms, err = tx.Majors(a.year); err != nil {
			return err
		}
		es, err = tx.Enterprises()
		return err
	})
	if len(ms) == 0 || len(es) == 0 {
		t.Fatalf("the demo has %d majors in %d and %d enterprises", len(ms), a.year, len(es))
	}
	return ms[0], es[0]
}

func TestAgreementsAddEditDelete(t *testing.T) {
	a := newTestApp(t, true)
	m, e := demoSchoolAndEnterprise(t, a)
	a.show("校企合作协议")
	if a.current().title != "合作与载体" || a.measures.current() != screen(a.agreements) {
		t.Fatalf("校企合作协议 opened %q", a.current().title)
	}
	s := a.agreements
	before := len(s.tbl.all)

	s.tbl.search.TypedShortcut(ctrl("N")) // Ctrl+N reaches the tab's form
	f := s.form
	if f == nil || a.editing == nil {
		t.Fatal("Ctrl+N opened no form")
	}
	f.codes["学校"].set("9999999999")
	requireSaveRefused(t, f, "学校", "没有学校标识码为 9999999999 的学校")
	f.codes["学校"].set(m.SchoolCode)
	f.codes["合作企业"].set(e.CreditCode)
	typeInto(f.entries["协议名称"], "共建新能源汽车实训基地合作协议")
	f.selects["协议类型"].SetSelected(store.AgreementFormal)
	typeInto(f.entries["签订日期"], "2024-13-01")
	requireSaveRefused(t, f, "签订日期", "日期应写成")
	typeInto(f.entries["签订日期"], itoa0(a.year-1)+"-09-01")
	typeInto(f.entries["到期日期"], itoa0(a.year-1)+"-08-31")
	requireSaveRefused(t, f, "到期日期", "不能早于签订日期")
	typeInto(f.entries["到期日期"], "")
	for _, c := range f.checkLists["合作内容"].checks {
		if c.Text == "共建实训基地" || c.Text == "订单培养" {
			test.Tap(c)
		}
	}
	save(t, a, f)
	find := func() (store.Agreement, bool) {
		var as []store.Agreement
		view(t, a, func(tx *store.Tx) (err error) { as, err = tx.Agreements(0); return })
		for _, x := range as {
			if x.Name == "共建新能源汽车实训基地合作协议" {
				return x, true
			}
		}
		return store.Agreement{}, false
	}
	got, ok := find()
	if !ok || got.SchoolCode != m.SchoolCode || got.CreditCode != e.CreditCode || !got.Expires.IsZero() ||
		len(got.Contents) != 2 || got.Contents[0] != "订单培养" || got.Contents[1] != "共建实训基地" {
		t.Fatalf("stored %+v", got)
	}
	// signed last year and open-ended: in force, so listed this year
	if len(s.tbl.all) != before+1 {
		t.Fatalf("rows %d, want %d", len(s.tbl.all), before+1)
	}

	test.Type(s.tbl.search, "新能源汽车实训")
	if len(s.tbl.view) != 1 {
		t.Fatalf("search shows %d", len(s.tbl.view))
	}
	s.tbl.openRow(0)
	f = s.form
	f.selects["协议类型"].SetSelected(store.AgreementIntent)
	typeInto(f.entries["到期日期"], itoa0(a.year+2)+"-08-31")
	f.entries["到期日期"].TypedShortcut(ctrl("S"))
	if got, _ = find(); got.Type != store.AgreementIntent || got.Expires.Year() != a.year+2 {
		t.Fatalf("edit stored %+v", got)
	}

	s.tbl.selectRow(0)
	test.Tap(s.delBtn)
	tapConfirm(t, a, "共建新能源汽车实训基地合作协议")
	if _, ok := find(); ok {
		t.Fatal("not deleted")
	}
}
