package app

import (
	"context"
	"strings"

	"chanjiao/store"
)

type enterpriseStore struct{ db *store.DB }

func (s enterpriseStore) List(ctx context.Context, _ int) (out []store.Enterprise, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.Enterprises(); return err })
	return
}

func (s enterpriseStore) Put(ctx context.Context, r *store.Enterprise) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutEnterprise(r); return err })
	return
}

func (s enterpriseStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteEnterprise(id) })
}

func (s enterpriseStore) Dependents(ctx context.Context, id int64) (text string, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error {
		m, c, t, err := tx.EnterpriseDependents(id)
		if err != nil {
			return err
		}
		ag, cl, ca, err := tx.EnterpriseMeasureDependents(id)
		text = countsText(c, "条互派互聘记录", ag, "份校企合作协议")
		if more := countsText(m, "个专业", t, "条培训记录", cl, "个订单班与学徒制班级", ca, "个产教融合载体"); more != "" {
			if text != "" {
				text += "；"
			}
			text += more + "将不再关联该企业（记录本身保留）"
		}
		return err
	})
	return
}

var _ Records[store.Enterprise] = enterpriseStore{}

// industryChoices are the GB/T 4754 门类 as the drop-down shows them.
func industryText(v string) string {
	for _, s := range store.IndustrySections {
		if v == s[:1] || v == s[2:] || v == s {
			return s
		}
	}
	return v
}

func newEnterprisesScreen(a *App) *recordScreen[store.Enterprise] {
	s := &recordScreen[store.Enterprise]{a: a, kind: "合作企业", recs: enterpriseStore{a.db},
		id:    func(r store.Enterprise) int64 { return r.ID },
		same:  func(x, y store.Enterprise) bool { return x.ID == y.ID || x.CreditCode == y.CreditCode },
		label: func(r store.Enterprise) string { return r.Name + "（" + r.CreditCode + "）" },
		blank: func() store.Enterprise {
			r := store.Enterprise{}
			if a.unit.Level == store.LevelCounty {
				r.Region = a.unit.Code
			}
			return r
		},
	}
	s.fields = func(f *form, r store.Enterprise, isNew bool) func() (store.Enterprise, store.Problems) {
		code := f.text("统一社会信用代码", r.CreditCode, "18 位，如 91532301MA6K1234XX")
		name := f.text("企业名称", r.Name, "")
		ind := f.choice("所属行业", store.IndustrySections, industryText(r.Industry), true)
		grade := f.choice("产教融合型企业等级", store.QualityLevels, r.Grade, true)
		region := newCodeField(a, "所在区划", r.Region, "6 位区划代码，可留空",
			func() []choiceItem { return regionItems(a.db.Ref, 6) },
			func(c string) string { return regionFullName(a.db.Ref, c) })
		f.code("所在区划代码", region)
		contact := f.text("联系人", r.Contact, "")
		phone := f.text("联系电话", r.Phone, "")
		return func() (store.Enterprise, store.Problems) {
			out := r
			out.CreditCode = strings.ToUpper(trim(code.Text))
			out.Name, out.Grade = trim(name.Text), selected(grade)
			out.Industry = ""
			if v := selected(ind); v != "" {
				out.Industry = v[:1]
			}
			out.Region, out.Contact, out.Phone = region.value(), trim(contact.Text), trim(phone.Text)
			var ps store.Problems
			for _, o := range a.look.enterprises {
				if o.CreditCode == out.CreditCode && o.ID != out.ID {
					ps = append(ps, store.Problem{Field: "统一社会信用代码", Message: "已被“" + o.Name + "”使用"})
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	s.build([]column[store.Enterprise]{
		{title: "统一社会信用代码", width: 180, text: func(r store.Enterprise) string { return r.CreditCode }},
		{title: "企业名称", width: 250, text: func(r store.Enterprise) string { return r.Name }},
		{title: "所属行业", width: 170, text: func(r store.Enterprise) string { return industryText(r.Industry) }},
		{title: "产教融合型企业", width: 120, text: func(r store.Enterprise) string { return r.Grade }},
		{title: "所在区划", width: 100, text: func(r store.Enterprise) string { return regionName(a, r.Region) }},
		{title: "联系人", width: 80, text: func(r store.Enterprise) string { return r.Contact }},
		{title: "联系电话", width: 120, text: func(r store.Enterprise) string { return r.Phone }},
	}, nil)
	return s
}
