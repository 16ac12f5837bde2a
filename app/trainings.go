package app

import (
	"context"
	"fmt"
	"strings"

	"chanjiao/store"
)

type trainingStore struct{ db *store.DB }

func (s trainingStore) List(ctx context.Context, year int) (out []store.Training, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.Trainings(year); return err })
	return
}

func (s trainingStore) Put(ctx context.Context, r *store.Training) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutTraining(r); return err })
	return
}

func (s trainingStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteTraining(id) })
}

func (s trainingStore) Dependents(context.Context, int64) (string, error) { return "", nil }

var _ Records[store.Training] = trainingStore{}

func newTrainingsScreen(a *App) *recordScreen[store.Training] {
	s := &recordScreen[store.Training]{a: a, kind: "培训", recs: trainingStore{a.db}, yearly: true,
		id:   func(r store.Training) int64 { return r.ID },
		same: func(x, y store.Training) bool { return x.ID == y.ID },
		label: func(r store.Training) string {
			return r.Name + "（" + a.look.schoolName(r.SchoolCode) + "，" + store.FormatDate(r.Start) + "）"
		},
		blank: func() store.Training { return store.Training{} },
	}
	s.fields = func(f *form, r store.Training, isNew bool) func() (store.Training, store.Problems) {
		school := a.schoolField("承办学校", r.SchoolCode, f)
		name := f.text("项目名称", r.Name, "")
		cat := f.choice("培训对象", store.TrainingGroups, r.Category, false)
		count := f.text("培训人次", itoa0(r.Count), "")
		hours := f.text("学时", itoa0(r.Hours), "可留空")
		start := f.text("开始日期", store.FormatDate(r.Start), "如 2025-03-01")
		end := f.text("结束日期", store.FormatDate(r.End), "可留空；按结束日期所在年度统计")
		ent := a.enterpriseField("合作企业", r.CreditCode, f)
		return func() (store.Training, store.Problems) {
			var ps store.Problems
			out := r
			out.SchoolCode, out.Name, out.Category = school.value(), trim(name.Text), cat.Selected
			out.Count = parseInt(&ps, "培训人次", count.Text)
			out.Hours = parseInt(&ps, "学时", hours.Text)
			out.Start = parseDate(&ps, "开始日期", start.Text)
			out.End = parseDate(&ps, "结束日期", end.Text)
			out.CreditCode = strings.ToUpper(ent.value())
			a.checkKnown(&ps, out.SchoolCode, out.CreditCode, "合作企业")
			for _, o := range s.tbl.all {
				if o.ID != out.ID && o.SchoolCode == out.SchoolCode && o.Name == out.Name && o.Category == out.Category && o.Start.Equal(out.Start) && !out.Start.IsZero() {
					ps = append(ps, store.Problem{Field: "开始日期", Message: "该学校已有同一天开始的同名、同培训对象的培训，请编辑原记录"})
				}
			}
			for i := range ps {
				if ps[i].Field == "学校" {
					ps[i].Field = "承办学校"
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	s.build([]column[store.Training]{
		{title: "承办学校", width: 180, text: func(r store.Training) string { return a.look.schoolName(r.SchoolCode) }},
		{title: "项目名称", width: 220, text: func(r store.Training) string { return r.Name }},
		{title: "培训对象", width: 90, text: func(r store.Training) string { return r.Category }},
		{title: "培训人次", width: 80, text: func(r store.Training) string { return fmt.Sprint(r.Count) },
			num: func(r store.Training) float64 { return float64(r.Count) }},
		{title: "学时", width: 60, text: func(r store.Training) string { return itoa0(r.Hours) },
			num: func(r store.Training) float64 { return float64(r.Hours) }},
		{title: "开始日期", width: 100, text: func(r store.Training) string { return store.FormatDate(r.Start) }},
		{title: "结束日期", width: 100, text: func(r store.Training) string { return store.FormatDate(r.End) }},
		{title: "合作企业", width: 200, text: func(r store.Training) string {
			if r.CreditCode == "" {
				return ""
			}
			return a.look.entName(r.CreditCode)
		}},
	}, func(r store.Training) string { return r.SchoolCode + " " + r.CreditCode })
	return s
}
