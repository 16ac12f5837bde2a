package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

func TestMajorsCataloguePicker(t *testing.T) {
	a := newTestApp(t, true)
	a.show("专业")
	s := a.majors
	test.Tap(s.addBtn)
	f := s.form
	f.codes["学校"].set("3653010004") // 中等职业学校: only 中职 majors offered
	code := f.codes["专业代码"]
	code.open()
	test.Type(code.pl.search, "计算机")
	if len(code.pl.shown) == 0 {
		t.Fatal("计算机 finds nothing")
	}
	for _, it := range code.pl.shown {
		if !strings.Contains(it.Text, "计算机") || !strings.Contains(it.Text, "中职") {
			t.Fatalf("计算机 search shows %q", it.Text)
		}
	}
	code.pl.search.SetText("")
	test.Type(code.pl.search, "7102")
	if len(code.pl.shown) == 0 {
		t.Fatal("7102 finds nothing")
	}
	for _, it := range code.pl.shown {
		if !strings.Contains(it.Value, "7102") {
			t.Fatalf("7102 search shows %q", it.Text)
		}
	}
	code.pl.list.Select(0)
	if code.value() != code.pl.shown[0].Value {
		t.Fatalf("picked %q", code.value())
	}
	m, _ := a.db.Ref.Major(code.value())
	if f.entries["专业名称"].Text != m.Name {
		t.Fatalf("name %q, want %q filled from the catalogue", f.entries["专业名称"].Text, m.Name)
	}
}

func TestMajorsAddEditSearchDelete(t *testing.T) {
	a := newTestApp(t, true)
	a.show("专业")
	s := a.majors
	before := len(s.tbl.all)

	test.Tap(s.addBtn)
	f := s.form
	f.codes["学校"].set("3653010004")
	f.codes["专业代码"].set("510201") // a 高职 major at a 中职 school
	requireSaveRefused(t, f, "专业代码", "与学校的办学类型")
	f.codes["专业代码"].set("999999")
	requireSaveRefused(t, f, "专业代码", "不在 2021 年职业教育专业目录中")
	f.codes["专业代码"].set("700209") // the school already runs it this year
	requireSaveRefused(t, f, "专业代码", "已有这个专业")
	f.codes["专业代码"].set("730701")
	if f.entries["专业名称"].Text != "电子商务" {
		t.Fatalf("name %q", f.entries["专业名称"].Text)
	}
	typeInto(f.entries["在校生数"], "120")
	typeInto(f.entries["毕业生数"], "40")
	typeInto(f.entries["升学人数"], "50")
	requireSaveRefused(t, f, "升学人数", "不能大于毕业生数")
	typeInto(f.entries["升学人数"], "2十")
	requireSaveRefused(t, f, "升学人数", "应为整数")
	typeInto(f.entries["升学人数"], "25")
	f.selects["贯通培养"].SetSelected("3+2")
	ents := a.look.enterprises
	save(t, a, s.form) // enterprises are optional
	if len(s.tbl.all) != before+1 {
		t.Fatalf("rows %d", len(s.tbl.all))
	}
	stored := func() store.Major {
		var ms []store.Major
		view(t, a, func(tx *store.Tx) (err error) { ms, err = tx.Majors(a.year); return })
		for _, m := range ms {
			if m.SchoolCode == "3653010004" && m.Code == "730701" {
				return m
			}
		}
		t.Fatal("major not stored")
		return store.Major{}
	}
	if m := stored(); m.Enrolled != 120 || m.Progressed != 25 || m.Through != "3+2" || m.Year != a.year {
		t.Fatalf("stored %+v", m)
	}

	test.Type(s.tbl.search, "华兴 电子商务")
	if len(s.tbl.view) != 1 {
		t.Fatalf("search shows %d", len(s.tbl.view))
	}
	s.tbl.selectRow(0)
	test.Tap(s.editBtn)
	f = s.form
	list := f.lists["合作企业"] // add a partner enterprise through its picker
	test.Tap(list.addBtn)
	test.Type(list.pl.search, ents[0].Name)
	list.pl.list.Select(0)
	typeInto(f.entries["升学人数"], "9999")
	requireSaveRefused(t, f, "升学人数", "不能大于毕业生数")
	typeInto(f.entries["升学人数"], "3")
	test.Tap(f.save)
	if m := stored(); m.Progressed != 3 || len(m.Enterprises) != 1 || m.Enterprises[0] != ents[0].CreditCode {
		t.Fatalf("edit stored %+v", m)
	}

	s.tbl.selectRow(0)
	test.Tap(s.delBtn)
	tapConfirm(t, a, "电子商务", "不能恢复")
	if len(s.tbl.all) != before {
		t.Fatalf("rows %d after delete", len(s.tbl.all))
	}
}
