package app

import (
	"context"

	"chanjiao/store"
)

type awardStore struct{ db *store.DB }

func (s awardStore) List(ctx context.Context, year int) (out []store.Award, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.Awards(year); return err })
	return
}

func (s awardStore) Put(ctx context.Context, r *store.Award) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutAward(r); return err })
	return
}

func (s awardStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteAward(id) })
}

func (s awardStore) Dependents(context.Context, int64) (string, error) { return "", nil }

var _ Records[store.Award] = awardStore{}

// newAwardsScreen lists the awards won in the selected year (by 获奖日期).
func newAwardsScreen(a *App) *recordScreen[store.Award] {
	s := &recordScreen[store.Award]{a: a, kind: "获奖", recs: awardStore{a.db}, yearly: true,
		id:   func(r store.Award) int64 { return r.ID },
		same: func(x, y store.Award) bool { return x.ID == y.ID },
		label: func(r store.Award) string {
			return r.Project + "（" + r.Winners + "，" + store.FormatDate(r.Date) + "）"
		},
		blank: func() store.Award { return store.Award{} },
	}
	s.fields = func(f *form, r store.Award, isNew bool) func() (store.Award, store.Problems) {
		school := a.schoolField("学校", r.SchoolCode, f)
		project := f.text("项目名称", r.Project, "如 全国职业院校技能大赛汽车维修赛项")
		category := f.choice("类别", store.AwardCategories, r.Category, false)
		level := f.choice("级别", store.Grades, r.Level, false)
		rank := f.choice("等次", store.AwardRanks, r.Rank, false)
		winnerType := f.choice("获奖对象", store.AwardWinners, r.WinnerType, false)
		winners := f.text("获奖者", r.Winners, "姓名，多人用、分隔；或团队名称")
		date := f.text("获奖日期", store.FormatDate(r.Date), "如 2025-06-18；按此日期所在年度统计")
		return func() (store.Award, store.Problems) {
			var ps store.Problems
			out := r
			out.SchoolCode, out.Project = school.value(), trim(project.Text)
			out.Category, out.Level, out.Rank, out.WinnerType = category.Selected, level.Selected, rank.Selected, winnerType.Selected
			out.Winners = trim(winners.Text)
			out.Date = parseDate(&ps, "获奖日期", date.Text)
			a.checkKnown(&ps, out.SchoolCode, "", "")
			for _, o := range s.tbl.all {
				if o.ID != out.ID && o.Key() == out.Key() {
					ps = append(ps, store.Problem{Field: "获奖者", Message: "该学校已有同日同项目的这条获奖记录，请编辑原记录"})
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	s.build([]column[store.Award]{
		{title: "学校", width: 170, text: func(r store.Award) string { return a.look.schoolName(r.SchoolCode) }},
		{title: "项目名称", width: 240, text: func(r store.Award) string { return r.Project }},
		{title: "类别", width: 110, text: func(r store.Award) string { return r.Category }},
		{title: "级别", width: 70, text: func(r store.Award) string { return r.Level }},
		{title: "等次", width: 70, text: func(r store.Award) string { return r.Rank }},
		{title: "获奖对象", width: 70, text: func(r store.Award) string { return r.WinnerType }},
		{title: "获奖者", width: 140, text: func(r store.Award) string { return r.Winners }},
		{title: "获奖日期", width: 100, text: func(r store.Award) string { return store.FormatDate(r.Date) }},
	}, func(r store.Award) string { return r.SchoolCode })
	return s
}
