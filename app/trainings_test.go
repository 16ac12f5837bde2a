package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

func TestTrainingsAddEditSearchDelete(t *testing.T) {
	a := newTestApp(t, true)
	a.show("培训")
	s := a.trainings
	before := len(s.tbl.all)

	s.tbl.search.TypedShortcut(ctrl("N"))
	f := s.form
	f.codes["承办学校"].set("9999999999")
	requireSaveRefused(t, f, "承办学校", "没有学校标识码为 9999999999 的学校")
	f.codes["承办学校"].set("3653010001")
	typeInto(f.entries["项目名称"], "农村电商技能提升班")
	f.selects["培训对象"].SetSelected("农村劳动力")
	typeInto(f.entries["培训人次"], "0")
	requireSaveRefused(t, f, "培训人次", "不小于 1")
	typeInto(f.entries["培训人次"], "45")
	typeInto(f.entries["开始日期"], itoa0(a.year)+"-04-01")
	typeInto(f.entries["结束日期"], itoa0(a.year)+"年4月20日")
	f.codes["合作企业"].set("914403001922038217")
	requireSaveRefused(t, f, "合作企业", "没有该统一社会信用代码的企业")
	f.codes["合作企业"].set("")
	save(t, a, f)
	if len(s.tbl.all) != before+1 {
		t.Fatalf("rows %d", len(s.tbl.all))
	}
	find := func() (store.Training, bool) {
		var ts []store.Training
		view(t, a, func(tx *store.Tx) (err error) { ts, err = tx.Trainings(a.year); return })
		for _, x := range ts {
			if x.Name == "农村电商技能提升班" {
				return x, true
			}
		}
		return store.Training{}, false
	}
	got, ok := find()
	if !ok || got.Count != 45 || store.FormatDate(got.End) != itoa0(a.year)+"-04-20" {
		t.Fatalf("stored %+v", got)
	}

	test.Type(s.tbl.search, "农村电商")
	if len(s.tbl.view) != 1 {
		t.Fatalf("search shows %d", len(s.tbl.view))
	}
	s.tbl.openRow(0)
	typeInto(s.form.entries["培训人次"], "60")
	s.form.entries["培训人次"].TypedShortcut(ctrl("S"))
	if got, _ = find(); got.Count != 60 {
		t.Fatalf("edit stored %+v", got)
	}

	s.tbl.selectRow(0)
	test.Tap(s.delBtn)
	tapConfirm(t, a, "农村电商技能提升班")
	if _, ok := find(); ok {
		t.Fatal("not deleted")
	}
	if len(s.tbl.all) != before {
		t.Fatalf("rows %d", len(s.tbl.all))
	}
}
