package app

import (
	"context"
	"strings"
	"time"

	"chanjiao/store"
)

type secondmentStore struct{ db *store.DB }

// List gives the rows the list shows, without the fields only data files
// carry: Whole reads a row's record before it is edited.
func (s secondmentStore) List(ctx context.Context, year int) (out []store.Secondment, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.ListedSecondments(year); return err })
	return
}

func (s secondmentStore) Whole(ctx context.Context, r store.Secondment) (out store.Secondment, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.SecondmentByID(r.ID); return err })
	return
}

func (s secondmentStore) Put(ctx context.Context, r *store.Secondment) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutSecondment(r); return err })
	return
}

func (s secondmentStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteSecondment(id) })
}

func (s secondmentStore) Dependents(context.Context, int64) (string, error) { return "", nil }

var _ partialRecords[store.Secondment] = secondmentStore{}

func (a *App) schoolField(field, value string, f *form) *codeField {
	c := newCodeField(a, "学校", value, "学校标识码",
		a.schoolItems, func(c string) string {
			if sc, ok := a.look.schoolBy[c]; ok {
				return sc.Name
			}
			return "（未找到该学校）"
		})
	return f.code(field, c, "学校标识码", "承办学校标识码")
}

func (a *App) enterpriseField(field, value string, f *form, aliases ...string) *codeField {
	c := newCodeField(a, "合作企业", value, "统一社会信用代码",
		a.enterpriseItems, func(c string) string {
			if e, ok := a.look.entBy[c]; ok {
				return e.Name
			}
			return "（未找到该企业）"
		})
	return f.code(field, c, aliases...)
}

// checkKnown adds a problem when a picked code names no stored record.
func (a *App) checkKnown(ps *store.Problems, school, ent, entField string) {
	if school != "" {
		if _, ok := a.look.schoolBy[school]; !ok {
			*ps = append(*ps, store.Problem{Field: "学校", Message: "没有学校标识码为 " + school + " 的学校，请点“选择…”"})
		}
	}
	if ent != "" {
		if _, ok := a.look.entBy[ent]; !ok {
			*ps = append(*ps, store.Problem{Field: entField, Message: "没有该统一社会信用代码的企业，请先在“合作企业”中添加"})
		}
	}
}

func newSecondmentsScreen(a *App) *recordScreen[store.Secondment] {
	s := &recordScreen[store.Secondment]{a: a, kind: "互派互聘记录", recs: secondmentStore{a.db}, yearly: true,
		id:   func(r store.Secondment) int64 { return r.ID },
		same: func(x, y store.Secondment) bool { return x.ID == y.ID },
		label: func(r store.Secondment) string {
			return r.Name + "，" + a.look.schoolName(r.SchoolCode) + "—" + a.look.entName(r.CreditCode) + "，" + store.FormatDate(r.Start) + " 起"
		},
		blank: func() store.Secondment { return store.Secondment{Direction: store.DirSchoolToEnterprise} },
	}
	s.fields = func(f *form, r store.Secondment, isNew bool) func() (store.Secondment, store.Problems) {
		school := a.schoolField("学校", r.SchoolCode, f)
		ent := a.enterpriseField("合作企业", r.CreditCode, f, "统一社会信用代码")
		name := f.text("姓名", r.Name, "")
		gender := f.choice("性别", store.Genders, r.Gender, true)
		idno := f.text("身份证号", r.IDNumber, "18 位，可留空")
		dir := f.choice("方向", store.Directions, r.Direction, false)
		post := f.choice("岗位类型", store.PostTypes, r.Post, false)
		start := f.text("开始日期", store.FormatDate(r.Start), "如 2025-03-01")
		end := f.text("结束日期", store.FormatDate(r.End), "仍在进行则留空")
		note := f.text("备注", r.Note, "")
		return func() (store.Secondment, store.Problems) {
			var ps store.Problems
			out := r
			out.SchoolCode, out.CreditCode = school.value(), strings.ToUpper(ent.value())
			out.Name, out.Gender = trim(name.Text), selected(gender)
			out.IDNumber = strings.ToUpper(trim(idno.Text))
			out.Direction, out.Post = dir.Selected, post.Selected
			out.Start = parseDate(&ps, "开始日期", start.Text)
			out.End = parseDate(&ps, "结束日期", end.Text)
			out.Note = trim(note.Text)
			a.checkKnown(&ps, out.SchoolCode, out.CreditCode, "合作企业")
			for _, o := range s.tbl.all {
				if o.ID != out.ID && o.SchoolCode == out.SchoolCode && o.CreditCode == out.CreditCode && o.Name == out.Name && o.Start.Equal(out.Start) && !out.Start.IsZero() {
					ps = append(ps, store.Problem{Field: "开始日期", Message: "已有 " + out.Name + " 自这一天起在该企业的记录，请编辑原记录"})
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	dates := dateTexts{}
	s.build([]column[store.Secondment]{
		{title: "学校", width: 180, text: func(r store.Secondment) string { return a.look.schoolName(r.SchoolCode) }},
		{title: "企业", width: 210, text: func(r store.Secondment) string { return a.look.entName(r.CreditCode) }},
		{title: "姓名", width: 70, text: func(r store.Secondment) string { return r.Name }},
		{title: "性别", width: 50, text: func(r store.Secondment) string { return r.Gender }},
		{title: "身份证号", width: 170, text: func(r store.Secondment) string { return r.ShownID() }},
		{title: "方向", width: 110, text: func(r store.Secondment) string { return r.Direction }},
		{title: "岗位类型", width: 90, text: func(r store.Secondment) string { return r.Post }},
		{title: "开始日期", width: 100, text: func(r store.Secondment) string { return dates.text(r.Start) }},
		{title: "结束日期", width: 100, text: func(r store.Secondment) string {
			if r.End.IsZero() {
				return "进行中"
			}
			return dates.text(r.End)
		}},
	}, func(r store.Secondment) string { return r.SchoolCode + " " + r.CreditCode + " " + r.Note })
	return s
}

// dateTexts remembers each day's text: a list draws, fits and searches a
// province's 160,000 stints' dates, which fall on a few hundred days.
type dateTexts map[time.Time]string

func (d dateTexts) text(t time.Time) string {
	s, ok := d[t]
	if !ok {
		s = store.FormatDate(t)
		d[t] = s
	}
	return s
}
