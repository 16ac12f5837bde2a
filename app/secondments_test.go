package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

func TestSecondmentsAddEditSearchDelete(t *testing.T) {
	a := newTestApp(t, true)
	a.show("互派互聘")
	s := a.secondments
	before := len(s.tbl.all)
	if before == 0 {
		t.Fatal("no demo stints")
	}
	ent := a.look.enterprises[0]

	test.Tap(s.addBtn)
	f := s.form
	// the school through its picker: type part of the name, choose
	sc := f.codes["学校"]
	sc.open()
	test.Type(sc.pl.search, "技师")
	if len(sc.pl.shown) != 1 {
		t.Fatalf("school picker shows %d for 技师", len(sc.pl.shown))
	}
	sc.pl.list.Select(0)
	if sc.value() != "3853010001" {
		t.Fatalf("school %q", sc.value())
	}
	ep := f.codes["合作企业"]
	ep.open()
	test.Type(ep.pl.search, ent.Name)
	ep.pl.list.Select(0)
	if ep.value() != ent.CreditCode {
		t.Fatalf("enterprise %q", ep.value())
	}
	typeInto(f.entries["姓名"], "赵测试")
	typeInto(f.entries["身份证号"], "110105194912310021")
	requireSaveRefused(t, f, "身份证号", "校验位不符")
	typeInto(f.entries["身份证号"], "11010519491231002")
	requireSaveRefused(t, f, "身份证号", "应为 18 位")
	typeInto(f.entries["身份证号"], "11010519491231002x")
	f.selects["方向"].SetSelected(store.DirEnterpriseToSchool)
	f.selects["岗位类型"].SetSelected("兼职教师")
	typeInto(f.entries["开始日期"], "2025-13-01")
	requireSaveRefused(t, f, "开始日期", "日期应写成")
	typeInto(f.entries["开始日期"], time.Now().AddDate(-1, 0, 0).Format("2006/1/2"))
	typeInto(f.entries["结束日期"], "2000-01-01")
	requireSaveRefused(t, f, "结束日期", "不能早于开始日期")
	typeInto(f.entries["结束日期"], "")
	save(t, a, f)
	if len(s.tbl.all) != before+1 {
		t.Fatalf("rows %d", len(s.tbl.all))
	}
	find := func() (store.Secondment, bool) {
		var ss []store.Secondment
		view(t, a, func(tx *store.Tx) (err error) { ss, err = tx.Secondments(0); return })
		for _, x := range ss {
			if x.Name == "赵测试" || x.Name == "赵测试二" {
				return x, true
			}
		}
		return store.Secondment{}, false
	}
	got, ok := find()
	if !ok || got.IDNumber != "11010519491231002X" || got.SchoolCode != "3853010001" || !got.End.IsZero() {
		t.Fatalf("stored %+v", got)
	}

	test.Type(s.tbl.search, "赵测试")
	if len(s.tbl.view) != 1 {
		t.Fatalf("search shows %d", len(s.tbl.view))
	}
	if s.tbl.cellText(0, 4) != "110105********002X" || s.tbl.cellText(0, 8) != "进行中" {
		t.Fatalf("row shows %q %q", s.tbl.cellText(0, 4), s.tbl.cellText(0, 8))
	}
	s.tbl.openRow(0)
	typeInto(s.form.entries["姓名"], "赵测试二")
	test.Tap(s.form.save)
	if got, _ = find(); got.Name != "赵测试二" {
		t.Fatalf("edit stored %+v", got)
	}

	s.tbl.selectRow(0)
	test.Tap(s.delBtn)
	tapConfirm(t, a, "赵测试二")
	if _, ok := find(); ok {
		t.Fatal("not deleted")
	}
}

func TestSecondmentsDashboardFollows(t *testing.T) {
	a := newTestApp(t, true)
	short := a.home.figs.SecondmentSchoolsAssessed - a.home.figs.SecondmentSchoolsMet
	a.show("互派互聘")
	s := a.secondments
	// bring the school 1 person short (楚雄职业技术学院, 9 of 10) up to target
	test.Tap(s.addBtn)
	f := s.form
	f.codes["学校"].set("4153010002")
	f.codes["合作企业"].set(a.look.enterprises[1].CreditCode)
	typeInto(f.entries["姓名"], "钱补录")
	f.selects["岗位类型"].SetSelected("挂职")
	typeInto(f.entries["开始日期"], store.FormatDate(time.Date(a.year, 3, 1, 0, 0, 0, 0, time.UTC)))
	save(t, a, f)
	a.show("首页")
	if got := a.home.figs.SecondmentSchoolsAssessed - a.home.figs.SecondmentSchoolsMet; got != short-1 {
		t.Fatalf("short schools %d, want %d", got, short-1)
	}
}
