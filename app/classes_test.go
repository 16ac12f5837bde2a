package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

func TestClassesAddEditDelete(t *testing.T) {
	a := newTestApp(t, true)
	m, e := demoSchoolAndEnterprise(t, a)
	a.show("合作与载体")
	a.measures.selectTab("订单班与学徒制")
	s := a.classes
	a.measures.newRecord()
	f := s.form
	if f == nil {
		t.Fatal("no form")
	}
	f.codes["学校"].set(m.SchoolCode)
	typeInto(f.entries["班级名称"], "新能源汽车订单班")
	f.selects["培养类型"].SetSelected(store.ClassOrder)
	typeInto(f.entries["学生人数"], "0")
	requireSaveRefused(t, f, "学生人数", "不小于 1")
	typeInto(f.entries["学生人数"], "20")
	f.codes["专业"].entry.FocusLost() // the clerk passes it by
	requireSaveRefused(t, f, "专业", "必须填写（只有企业新型学徒制可以不填）")
	f.codes["专业"].set("999999")
	requireSaveRefused(t, f, "专业", "没有专业 999999")
	// the picker offers the school's majors of the year
	f.codes["专业"].open()
	items := f.codes["专业"].pl.all
	f.codes["专业"].pl.close()
	found := false
	for _, it := range items {
		found = found || it.Value == m.Code
	}
	if !found {
		t.Fatalf("the major picker offers %v, not %s", items, m.Code)
	}
	f.codes["专业"].set(m.Code)
	f.codes["合作企业"].set(e.CreditCode)
	typeInto(f.entries["学生人数"], itoa0(m.Enrolled+1))
	// more students than the major has: a warning, the class still saves
	mustContain(t, f.message("学生人数"), "提示：")
	mustContain(t, f.message("学生人数"), "多于专业在校生数")
	typeInto(f.entries["学生人数"], "1")
	save(t, a, f)
	find := func() (store.Class, bool) {
		var cs []store.Class
		view(t, a, func(tx *store.Tx) (err error) { cs, err = tx.Classes(a.year); return })
		for _, x := range cs {
			if x.Name == "新能源汽车订单班" {
				return x, true
			}
		}
		return store.Class{}, false
	}
	got, ok := find()
	if !ok || got.MajorCode != m.Code || got.CreditCode != e.CreditCode || got.Students != 1 || got.Year != a.year {
		t.Fatalf("stored %+v", got)
	}

	test.Type(s.tbl.search, "新能源汽车订单班")
	s.tbl.openRow(0)
	f = s.form
	f.selects["培养类型"].SetSelected(store.ClassEnterprise)
	f.codes["专业"].set("")
	typeInto(f.entries["学生人数"], "12")
	test.Tap(f.save)
	if got, _ = find(); got.Type != store.ClassEnterprise || got.MajorCode != "" || got.Students != 12 {
		t.Fatalf("edit stored %+v", got)
	}

	s.tbl.selectRow(0)
	test.Tap(s.delBtn)
	tapConfirm(t, a, "新能源汽车订单班")
	if _, ok := find(); ok {
		t.Fatal("not deleted")
	}
}
