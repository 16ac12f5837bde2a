package app

import (
	"context"
	"fmt"

	"chanjiao/store"
)

type activityStore struct{ db *store.DB }

func (s activityStore) List(ctx context.Context, year int) (out []store.Activity, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.Activities(year); return err })
	return
}

func (s activityStore) Put(ctx context.Context, r *store.Activity) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutActivity(r); return err })
	return
}

func (s activityStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteActivity(id) })
}

func (s activityStore) Dependents(context.Context, int64) (string, error) { return "", nil }

var _ Records[store.Activity] = activityStore{}

// newActivitiesScreen lists the year's 政校企活动. An activity belongs to the
// unit (like a carrier): a new one is this unit's.
func newActivitiesScreen(a *App) *recordScreen[store.Activity] {
	s := &recordScreen[store.Activity]{a: a, kind: "政校企活动", recs: activityStore{a.db}, yearly: true,
		id:    func(r store.Activity) int64 { return r.ID },
		same:  func(x, y store.Activity) bool { return x.ID == y.ID },
		label: func(r store.Activity) string { return r.Name + "（" + store.FormatDate(r.Date) + "）" },
		blank: func() store.Activity { return store.Activity{} },
	}
	s.fields = func(f *form, r store.Activity, isNew bool) func() (store.Activity, store.Problems) {
		typ := f.choice("活动类型", store.ActivityTypes, r.Type, false)
		name := f.text("活动名称", r.Name, "如 2025 年第三季度政校企交流会议")
		date := f.text("日期", store.FormatDate(r.Date), "如 2025-08-20；按此日期计入季度、月份")
		lead := f.text("牵头单位", r.Lead, "可留空")
		ents := f.text("参加企业数", optIntText(r.Enterprises), "可留空")
		schools := f.text("参加学校数", optIntText(r.Schools), "可留空")
		visited := f.text("走访企业数", optIntText(r.Visited), "走访企业时填写；可留空")
		note := f.text("备注", r.Note, "可留空")
		return func() (store.Activity, store.Problems) {
			var ps store.Problems
			out := r
			out.Type, out.Name = typ.Selected, trim(name.Text)
			out.Date = parseDate(&ps, "日期", date.Text)
			out.Lead, out.Note = trim(lead.Text), trim(note.Text)
			out.Enterprises = parseOptInt(&ps, "参加企业数", ents.Text)
			out.Schools = parseOptInt(&ps, "参加学校数", schools.Text)
			out.Visited = parseOptInt(&ps, "走访企业数", visited.Text)
			unit := out.UnitCode
			if unit == "" {
				unit = a.unit.Code
			}
			for _, o := range s.tbl.all {
				if o.ID != out.ID && o.UnitCode == unit && o.Key() == out.Key() {
					ps = append(ps, store.Problem{Field: "活动名称", Message: fmt.Sprintf("%s 已有同名的%s，请编辑原记录", store.FormatDate(out.Date), out.Type)})
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	s.build([]column[store.Activity]{
		{title: "日期", width: 100, text: func(r store.Activity) string { return store.FormatDate(r.Date) }},
		{title: "活动类型", width: 130, text: func(r store.Activity) string { return r.Type }},
		{title: "活动名称", width: 260, text: func(r store.Activity) string { return r.Name }},
		{title: "牵头单位", width: 150, text: func(r store.Activity) string { return r.Lead }},
		{title: "参加企业数", width: 90, text: func(r store.Activity) string { return optIntText(r.Enterprises) }},
		{title: "参加学校数", width: 90, text: func(r store.Activity) string { return optIntText(r.Schools) }},
		{title: "走访企业数", width: 90, text: func(r store.Activity) string { return optIntText(r.Visited) }},
	}, func(r store.Activity) string { return r.Lead + " " + r.Note })
	return s
}
