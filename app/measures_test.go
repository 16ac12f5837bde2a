package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

// putMeasures stores, for the window's year, one agreement, an 订单班 and a
// 现代学徒制 class of school m with enterprise e, and a carrier that m leads
// and e is a member of.
func putMeasures(t *testing.T, a *App, m store.Major, e store.Enterprise) {
	t.Helper()
	update(t, a, func(tx *store.Tx) error {
		ag := store.Agreement{SchoolCode: m.SchoolCode, CreditCode: e.CreditCode, Name: "测试合作协议", Type: store.AgreementFormal,
			Signed: time.Date(a.year, 1, 15, 0, 0, 0, 0, time.UTC)}
		if _, err := tx.PutAgreement(&ag); err != nil {
			return err
		}
		for _, c := range []store.Class{
			{SchoolCode: m.SchoolCode, Year: a.year, Name: "测试订单班", Type: store.ClassOrder, MajorCode: m.Code, CreditCode: e.CreditCode, Students: 1},
			{SchoolCode: m.SchoolCode, Year: a.year, Name: "测试学徒班", Type: store.ClassApprentice, MajorCode: m.Code, Students: 12},
		} {
			if _, err := tx.PutClass(&c); err != nil {
				return err
			}
		}
		ca := store.Carrier{Type: "县域产教联合体", Name: "测试县域产教联合体", Level: store.GradePrefecture, Recognized: a.year,
			Founded: a.year, LeadSchool: m.SchoolCode, MemberEnterprises: []string{e.CreditCode}}
		_, err := tx.PutCarrier(&ca)
		return err
	})
}

func update(t *testing.T, a *App, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := a.db.Update(t.Context(), fn); err != nil {
		t.Fatal(err)
	}
}

// 首页 shows the agreements' coverage, the classes by type and the carriers
// by type and level, each target met or not, and the unmet ones under 下一步.
func TestHomeShowsMeasures(t *testing.T) {
	a := newTestApp(t, true)
	m, e := demoSchoolAndEnterprise(t, a)
	putMeasures(t, a, m, e)
	update(t, a, func(tx *store.Tx) error { // the policy defaults and these
		ts := append(store.DefaultTargets(a.year), store.Target{Year: a.year, Indicator: store.IndAgreements, Value: 0.8},
			store.Target{Year: a.year, Indicator: store.IndOrderClasses, Value: 2},
			store.Target{Year: a.year, Indicator: store.IndApprentices, Value: 10},
			store.Target{Year: a.year, Indicator: store.IndCarriers, Categories: []string{store.CarrierCategory("县域产教联合体", store.GradeCounty)}, Value: 1})
		return tx.SetTargets(a.year, ts)
	})
	a.changed()
	f := a.home.figs
	if f == nil {
		t.Fatal("no figures")
	}
	text := textOf(a.home.box)
	for _, want := range []string{
		fmt.Sprintf("本年度有效 %d 份", f.Agreements.InForce),
		fmt.Sprintf("（%d / %d 所学校有有效的合作协议）", f.Agreements.SchoolsCovered, f.Agreements.SchoolsAssessed),
		"目标 80.0%",
		fmt.Sprintf("%d 个班 · %d 人", f.Classes[store.ClassApprentice].Classes, f.Classes[store.ClassApprentice].Students),
		"县域产教联合体", "州市级 1", "本年新增 1 个",
		"现代学徒制学生数", "✓ 达标",
		"产教融合载体数（县域产教联合体/县级及以上）",
	} {
		mustContain(t, text, want)
	}
	orders := f.Classes[store.ClassOrder].Classes + f.Classes[store.ClassNamed].Classes + f.Classes[store.ClassDirected].Classes
	if orders < 2 {
		mustContain(t, text, fmt.Sprintf("%d / 2 差 %d", orders, 2-orders))
		mustContain(t, strings.Join(a.home.todo, "\n"), fmt.Sprintf("订单班数 %d，低于目标 2", orders))
	}
	if f.Agreements.Met != nil && !*f.Agreements.Met {
		mustContain(t, strings.Join(a.home.todo, "\n"), "校企合作协议覆盖率")
	}
}

// 设置 sets the new indicators' targets for the year, refuses a bad one on
// its row, and keeps the targets it does not show (优质学校数 set elsewhere).
func TestSettingsMeasureTargets(t *testing.T) {
	a := newTestApp(t, true)
	update(t, a, func(tx *store.Tx) error { // the policy defaults and a 优质学校数
		return tx.SetTargets(a.year, append(store.DefaultTargets(a.year), store.Target{Year: a.year, Indicator: store.IndQualitySchool, Categories: []string{store.GradeProvince}, Value: 1}))
	})
	a.show("设置")
	s := a.settings
	f := s.targetForm
	typeInto(s.agrTarget, "120")
	requireSaveRefused(t, f, "校企合作协议覆盖率", "0% 至 100%")
	typeInto(s.agrTarget, "80")
	typeInto(s.orderTarget, "5")
	typeInto(s.apprTarget, "三百")
	requireSaveRefused(t, f, "现代学徒制学生数", "应为整数")
	typeInto(s.apprTarget, "300")
	s.addCategoryRow(store.IndCarriers, "", 0)
	row := s.catRows[len(s.catRows)-1]
	typeInto(row.value, "5")
	requireSaveRefused(t, f, "产教融合载体数", "请选择分类")
	row.parts[0].SetSelected("县域产教联合体")
	row.parts[1].SetSelected(store.GradePrefecture)
	s.addCategoryRow(store.IndIntegrated, store.GradeProvince, 2)
	s.addCategoryRow(store.IndIntegrated, store.GradeProvince, 3)
	s.catRows[len(s.catRows)-1].value.FocusLost()
	requireSaveRefused(t, f, "产教融合型企业数", "只能设一个目标")
	s.catRows[len(s.catRows)-1].parts[0].SetSelected(store.GradeNational)
	if f.save.Disabled() {
		t.Fatalf("save disabled: %s", f.reason.Text)
	}
	test.Tap(f.save)
	mustContain(t, s.targetMsg.Text, "已保存")
	var ts []store.Target
	view(t, a, func(tx *store.Tx) (err error) { ts, err = tx.Targets(a.year); return })
	got := map[string]float64{}
	for _, x := range ts {
		got[x.Indicator+"/"+x.Category()] = x.Value
	}
	for k, v := range map[string]float64{"agreement_coverage/": 0.8, "order_classes/": 5, "apprentices/": 300,
		"carriers/县域产教联合体/州市级": 5, "integrated_enterprises/省级": 2, "integrated_enterprises/国家级": 3, "quality_schools/省级": 1} {
		if got[k] != v {
			t.Fatalf("%s = %v, want %v; stored %+v", k, got[k], v, ts)
		}
	}
	a.changed() // read back: the rows come again
	if len(s.catRows) != 3 || s.agrTarget.Text != "80" || s.catRows[0].parts[0].Selected != "县域产教联合体" {
		t.Fatalf("shown again: %d rows, %q", len(s.catRows), s.agrTarget.Text)
	}
}

// Deleting a school or an enterprise says which agreements, classes and
// carriers go with it.
func TestDeleteSaysMeasuresGoToo(t *testing.T) {
	a := newTestApp(t, true)
	m, e := demoSchoolAndEnterprise(t, a)
	var sch store.School
	var entID int64
	var ag0, cl0, ca0, eag0, ecl0, eca0 int
	view(t, a, func(tx *store.Tx) (err error) {
		ss, err := tx.Schools()
		if err != nil {
			return err
		}
		for _, x := range ss {
			if x.Code == m.SchoolCode {
				sch = x
			}
		}
		if ag0, cl0, ca0, err = tx.SchoolMeasureDependents(sch.ID); err != nil {
			return err
		}
		entID = e.ID
		eag0, ecl0, eca0, err = tx.EnterpriseMeasureDependents(entID)
		return err
	})
	putMeasures(t, a, m, e)

	a.show("合作企业")
	a.enterprises.tbl.search.SetText(e.CreditCode)
	a.enterprises.tbl.selectRow(0)
	test.Tap(a.enterprises.delBtn)
	mustContain(t, a.confirm.text, fmt.Sprintf("%d 份校企合作协议", eag0+1))
	mustContain(t, a.confirm.text, fmt.Sprintf("%d 个订单班与学徒制班级", ecl0+1))
	mustContain(t, a.confirm.text, fmt.Sprintf("%d 个产教融合载体将不再关联该企业", eca0+1))
	a.confirm.dlg.Hide()
	a.confirm = nil

	a.show("学校")
	a.schools.tbl.search.SetText(m.SchoolCode)
	a.schools.tbl.selectRow(0)
	test.Tap(a.schools.delBtn)
	tapConfirm(t, a, fmt.Sprintf("%d 份校企合作协议", ag0+1), fmt.Sprintf("%d 个订单班与学徒制班级", cl0+2),
		fmt.Sprintf("%d 个产教融合载体不再列该校为牵头或成员学校", ca0+1))
	view(t, a, func(tx *store.Tx) error {
		ag, cl, _, err := tx.SchoolMeasureDependents(sch.ID)
		if ag != 0 || cl != 0 {
			t.Errorf("after delete: %d agreements, %d classes", ag, cl)
		}
		return err
	})
}

// 合作与载体 is one entry of the navigation on a 1024×600 screen, and each
// of its tabs' forms shows 保存 and 取消 there.
func TestMeasuresFitSmallScreen(t *testing.T) {
	a := newTestApp(t, true)
	a.win.Resize(smallScreen)
	entry := findShown(t, onWindow(a, false), "合作与载体")
	requireInView(t, a, entry, "navigation entry")
	tap(entry)
	if a.current().title != "合作与载体" {
		t.Fatalf("opened %q", a.current().title)
	}
	if m := a.win.Content().MinSize(); m.Width > smallScreen.Width || m.Height > smallScreen.Height {
		t.Fatalf("the window needs %v, more than %v", m, smallScreen)
	}
	for _, title := range []string{"校企合作协议", "订单班与学徒制", "产教融合载体"} {
		tab := findShown(t, onWindow(a, false), title)
		requireInView(t, a, tab, "tab")
		tap(tab)
		a.measures.newRecord()
		if a.editing == nil {
			t.Fatalf("%s: no form opened", title)
		}
		all := onWindow(a, true)
		for _, b := range []string{"保存", "取消"} {
			requireInView(t, a, findShown(t, all, b), title+" form button")
		}
		a.editing.close()
	}
}
