package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

type agreementStore struct{ db *store.DB }

func (s agreementStore) List(ctx context.Context, year int) (out []store.Agreement, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.Agreements(year); return err })
	return
}

func (s agreementStore) Put(ctx context.Context, r *store.Agreement) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutAgreement(r); return err })
	return
}

func (s agreementStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteAgreement(id) })
}

func (s agreementStore) Dependents(context.Context, int64) (string, error) { return "", nil }

var _ Records[store.Agreement] = agreementStore{}

// newAgreementsScreen lists the agreements in force in the selected year
// (one signed years ago and still running is listed every year).
func newAgreementsScreen(a *App) *recordScreen[store.Agreement] {
	s := &recordScreen[store.Agreement]{a: a, kind: "校企合作协议", recs: agreementStore{a.db}, yearly: true,
		id:   func(r store.Agreement) int64 { return r.ID },
		same: func(x, y store.Agreement) bool { return x.ID == y.ID },
		label: func(r store.Agreement) string {
			return r.Name + "（" + a.look.schoolName(r.SchoolCode) + "，" + store.FormatDate(r.Signed) + "）"
		},
		blank: func() store.Agreement { return store.Agreement{Type: store.AgreementFormal} },
	}
	s.fields = func(f *form, r store.Agreement, isNew bool) func() (store.Agreement, store.Problems) {
		school := a.schoolField("学校", r.SchoolCode, f)
		ent := a.enterpriseField("合作企业", r.CreditCode, f, "统一社会信用代码")
		name := f.text("协议名称", r.Name, "如 共建汽修实训基地合作协议")
		typ := f.choice("协议类型", store.AgreementTypes, r.Type, false)
		signed := f.text("签订日期", store.FormatDate(r.Signed), "如 2025-03-01")
		expires := f.text("到期日期", store.FormatDate(r.Expires), "留空表示长期有效")
		contents := f.checks("合作内容", store.CooperationContents, r.Contents, 4)
		return func() (store.Agreement, store.Problems) {
			var ps store.Problems
			out := r
			out.SchoolCode, out.CreditCode = school.value(), strings.ToUpper(ent.value())
			out.Name, out.Type = trim(name.Text), typ.Selected
			out.Signed = parseDate(&ps, "签订日期", signed.Text)
			out.Expires = parseDate(&ps, "到期日期", expires.Text)
			out.Contents = contents.selected()
			a.checkKnown(&ps, out.SchoolCode, out.CreditCode, "合作企业")
			for _, o := range s.tbl.all {
				if o.ID != out.ID && o.Key() == out.Key() {
					ps = append(ps, store.Problem{Field: "协议名称", Message: "该学校与该企业同一天已签订同名协议，请编辑原记录"})
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	s.tools = []fyne.CanvasObject{label("列出本年度有效的协议", widget.LowImportance)}
	s.build([]column[store.Agreement]{
		{title: "学校", width: 170, text: func(r store.Agreement) string { return a.look.schoolName(r.SchoolCode) }},
		{title: "合作企业", width: 190, text: func(r store.Agreement) string { return a.look.entName(r.CreditCode) }},
		{title: "协议名称", width: 220, text: func(r store.Agreement) string { return r.Name }},
		{title: "协议类型", width: 90, text: func(r store.Agreement) string { return r.Type }},
		{title: "签订日期", width: 100, text: func(r store.Agreement) string { return store.FormatDate(r.Signed) }},
		{title: "到期日期", width: 100, text: func(r store.Agreement) string {
			if r.Expires.IsZero() {
				return "长期"
			}
			return store.FormatDate(r.Expires)
		}},
		{title: "合作内容", width: 200, text: func(r store.Agreement) string { return strings.Join(r.Contents, "、") }},
	}, func(r store.Agreement) string { return r.SchoolCode + " " + r.CreditCode })
	return s
}
