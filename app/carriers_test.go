package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

const longCarrierName = "楚雄彝族自治州绿色食品加工与现代农业装备行业产教融合共同体（楚雄市牵头）"

func TestCarriersAddEditDelete(t *testing.T) {
	a := newTestApp(t, true)
	m, e := demoSchoolAndEnterprise(t, a)
	a.show("产教融合载体")
	s := a.carriers
	s.tbl.search.TypedShortcut(ctrl("N"))
	f := s.form
	if f == nil {
		t.Fatal("no form")
	}
	f.selects["载体类型"].SetSelected("行业产教融合共同体")
	typeInto(f.entries["载体名称"], longCarrierName)
	f.selects["级别"].SetSelected(store.GradePrefecture)
	f.entries["认定年份"].FocusLost() // the clerk passes it by
	requireSaveRefused(t, f, "认定年份", "级别为州市级时必须填写")
	typeInto(f.entries["认定年份"], itoa0(a.year))
	typeInto(f.entries["成立年份"], "二〇二三")
	requireSaveRefused(t, f, "成立年份", "应为整数")
	typeInto(f.entries["成立年份"], itoa0(a.year+1))
	requireSaveRefused(t, f, "认定年份", "不能早于成立年份")
	typeInto(f.entries["成立年份"], itoa0(a.year-1))
	f.codes["牵头学校"].set("9999999999")
	requireSaveRefused(t, f, "牵头学校", "没有学校标识码为 9999999999 的学校")
	f.codes["牵头学校"].set(m.SchoolCode)
	s.members.add(m.SchoolCode)
	f.lists["成员企业"].add(e.CreditCode)
	save(t, a, f)
	find := func() (store.Carrier, bool) {
		var cs []store.Carrier
		view(t, a, func(tx *store.Tx) (err error) { cs, err = tx.Carriers(); return })
		for _, x := range cs {
			if x.Name == longCarrierName {
				return x, true
			}
		}
		return store.Carrier{}, false
	}
	got, ok := find()
	if !ok || got.UnitCode != a.unit.Code || got.LeadSchool != m.SchoolCode || len(got.MemberSchools) != 1 ||
		len(got.MemberEnterprises) != 1 || got.MemberEnterprises[0] != e.CreditCode || got.Founded != a.year-1 {
		t.Fatalf("stored %+v", got)
	}
	test.Type(s.tbl.search, "绿色食品加工")
	if len(s.tbl.view) != 1 || countedText(got, a.year) != store.GradePrefecture {
		t.Fatalf("listed %d, counted %q", len(s.tbl.view), countedText(got, a.year))
	}

	s.tbl.openRow(0)
	f = s.form
	typeInto(f.entries["撤销年份"], itoa0(a.year))
	s.members.remove(m.SchoolCode)
	f.entries["撤销年份"].TypedShortcut(ctrl("S"))
	if got, _ = find(); got.Revoked != a.year || len(got.MemberSchools) != 0 || countedText(got, a.year) != "不计入" {
		t.Fatalf("edit stored %+v", got)
	}

	s.tbl.selectRow(0)
	test.Tap(s.delBtn)
	tapConfirm(t, a, longCarrierName)
	if _, ok := find(); ok {
		t.Fatal("not deleted")
	}
}
