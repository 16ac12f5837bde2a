package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

type carrierStore struct{ db *store.DB }

// List gives every carrier held: a carrier spans years, each year counts it
// at the level it had then.
func (s carrierStore) List(ctx context.Context, _ int) (out []store.Carrier, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.Carriers(); return err })
	return
}

func (s carrierStore) Put(ctx context.Context, r *store.Carrier) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutCarrier(r); return err })
	return
}

func (s carrierStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteCarrier(id) })
}

func (s carrierStore) Dependents(context.Context, int64) (string, error) { return "", nil }

var _ Records[store.Carrier] = carrierStore{}

// carriersScreen is the carriers' page; members is the open form's member
// schools, for tests.
type carriersScreen struct {
	*recordScreen[store.Carrier]
	members *memberList
}

func newCarriersScreen(a *App) *carriersScreen {
	s := &carriersScreen{recordScreen: &recordScreen[store.Carrier]{a: a, kind: "产教融合载体", recs: carrierStore{a.db},
		id:    func(r store.Carrier) int64 { return r.ID },
		same:  func(x, y store.Carrier) bool { return x.ID == y.ID },
		label: func(r store.Carrier) string { return r.Name + "（" + r.Type + "）" },
		blank: func() store.Carrier { return store.Carrier{Level: store.GradeUnrecognized, Founded: a.year} },
	}}
	s.fields = func(f *form, r store.Carrier, isNew bool) func() (store.Carrier, store.Problems) {
		typ := f.choice("载体类型", store.CarrierTypes, r.Type, false)
		name := f.text("载体名称", r.Name, "如 楚雄市绿色食品加工县域产教联合体")
		level := f.choice("级别", store.CarrierGrades, r.Level, false)
		recognized := f.text("认定年份", itoa0(r.Recognized), "级别为未认定时留空")
		founded := f.text("成立年份", itoa0(r.Founded), "如 2024")
		revoked := f.text("撤销年份", itoa0(r.Revoked), "未撤销的留空；从该年起不再计入")
		lead := a.schoolField("牵头学校", r.LeadSchool, f)
		f.byField["牵头学校标识码"] = f.byField["牵头学校"]
		s.members = newMemberList(a, "成员学校", r.MemberSchools, a.schoolItems, a.look.schoolName, func() { f.touch("成员学校") })
		f.add("成员学校", s.members.obj)
		ents := newEnterpriseList(a, r.MemberEnterprises, func() { f.touch("成员企业") })
		f.add("成员企业", ents.obj)
		f.lists["成员企业"] = ents
		note := f.text("备注", r.Note, "可留空")
		return func() (store.Carrier, store.Problems) {
			var ps store.Problems
			out := r
			out.Type, out.Name, out.Level = typ.Selected, trim(name.Text), level.Selected
			out.Recognized = parseInt(&ps, "认定年份", recognized.Text)
			out.Founded = parseInt(&ps, "成立年份", founded.Text)
			out.Revoked = parseInt(&ps, "撤销年份", revoked.Text)
			out.LeadSchool = lead.value()
			out.MemberSchools = append([]string(nil), s.members.codes...)
			out.MemberEnterprises = append([]string(nil), ents.codes...)
			out.Note = trim(note.Text)
			if _, ok := a.look.schoolBy[out.LeadSchool]; out.LeadSchool != "" && !ok {
				ps = append(ps, store.Problem{Field: "牵头学校", Message: "没有学校标识码为 " + out.LeadSchool + " 的学校，请点“选择…”"})
			}
			unit := out.UnitCode
			if unit == "" {
				unit = a.unit.Code
			}
			for _, o := range s.tbl.all {
				if o.ID != out.ID && o.UnitCode == unit && o.Key() == out.Key() {
					ps = append(ps, store.Problem{Field: "载体名称", Message: "已有同名的" + out.Type + "，请编辑原记录"})
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	s.tools = []fyne.CanvasObject{label("载体跨年度计算：按所选年度的级别计入", widget.LowImportance)}
	s.build([]column[store.Carrier]{
		{title: "载体类型", width: 150, text: func(r store.Carrier) string { return r.Type }},
		// a carrier's name is often long: its column may take up to maxColumnWidth
		{title: "载体名称", width: 300, text: func(r store.Carrier) string { return r.Name }},
		{title: "级别", width: 70, text: func(r store.Carrier) string { return r.Level }},
		{title: "认定年份", width: 80, text: func(r store.Carrier) string { return itoa0(r.Recognized) }},
		{title: "成立年份", width: 80, text: func(r store.Carrier) string { return itoa0(r.Founded) }},
		{title: "撤销年份", width: 80, text: func(r store.Carrier) string { return itoa0(r.Revoked) }},
		{title: "本年度计入", width: 100, text: func(r store.Carrier) string { return countedText(r, a.year) }},
		{title: "牵头学校", width: 170, text: func(r store.Carrier) string {
			if r.LeadSchool == "" {
				return ""
			}
			return a.look.schoolName(r.LeadSchool)
		}},
		{title: "成员", width: 110, text: func(r store.Carrier) string {
			return countsText(len(r.MemberSchools), "校", len(r.MemberEnterprises), "企")
		}},
	}, func(r store.Carrier) string {
		return r.LeadSchool + " " + strings.Join(r.MemberSchools, " ") + " " + strings.Join(r.MemberEnterprises, " ") + " " + r.Note
	})
	return s
}

// countedText says how the carrier counts in year: at its level, as 未认定,
// or not at all.
func countedText(c store.Carrier, year int) string {
	level, counted := c.CountedAs(year)
	switch {
	case !counted:
		return "不计入"
	case c.NewIn(year):
		return fmt.Sprintf("%s（新增）", level)
	}
	return level
}
