package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

type majorStore struct{ db *store.DB }

func (s majorStore) List(ctx context.Context, year int) (out []store.Major, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.Majors(year); return err })
	return
}

func (s majorStore) Put(ctx context.Context, r *store.Major) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutMajor(r); return err })
	return
}

func (s majorStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteMajor(id) })
}

func (s majorStore) Dependents(context.Context, int64) (string, error) {
	return "该专业本年度的在校生、毕业生等数字和合作企业关联", nil
}

var _ Records[store.Major] = majorStore{}

func newMajorsScreen(a *App) *recordScreen[store.Major] {
	s := &recordScreen[store.Major]{a: a, kind: "专业", recs: majorStore{a.db}, yearly: true,
		id:    func(r store.Major) int64 { return r.ID },
		same:  func(x, y store.Major) bool { return x.ID == y.ID },
		label: func(r store.Major) string { return a.look.schoolName(r.SchoolCode) + " " + r.Code + " " + r.Name },
		blank: func() store.Major { return store.Major{Year: a.year, Status: store.StatusEnrolling} },
	}
	s.fields = func(f *form, r store.Major, isNew bool) func() (store.Major, store.Problems) {
		if r.Year == 0 {
			r.Year = a.year
		}
		f.add("统计年度", widget.NewLabel(fmt.Sprintf("%d 年", r.Year)))
		school := newCodeField(a, "学校", r.SchoolCode, "学校标识码",
			a.schoolItems, func(c string) string {
				if sc, ok := a.look.schoolBy[c]; ok {
					return sc.Name + "（" + sc.Type + "）"
				}
				return "（未找到该学校）"
			})
		f.code("学校", school, "学校标识码")
		code := newCodeField(a, "专业（2021 年职业教育专业目录）", r.Code, "6 位专业代码",
			func() []choiceItem {
				return majorItems(a.db.Ref, store.CatalogueLevel(a.look.schoolBy[school.value()].Type))
			},
			func(c string) string {
				if m, ok := a.db.Ref.Major(c); ok {
					return m.Name + "（" + m.Level + " · " + m.Category + "）"
				}
				return ""
			})
		var name *entry
		// The name follows the code only while it is empty or still the
		// catalogue's name of the code before: never over the clerk's typing.
		auto := ""
		if m, ok := a.db.Ref.Major(r.Code); ok {
			auto = m.Name
		}
		code.onChange = func(c string) {
			m, ok := a.db.Ref.Major(c)
			if !ok || name == nil {
				return
			}
			if t := trim(name.Text); t == "" || t == auto {
				name.SetText(m.Name)
			}
			auto = m.Name
		}
		f.code("专业代码", code)
		name = f.text("专业名称", r.Name, "选择专业代码后自动填写")
		opened := f.text("开设年份", itoa0(r.OpenedYear), "如 2015，可留空")
		status := f.choice("状态", store.MajorStatuses, r.Status, false)
		enrolled := f.text("在校生数", fmt.Sprint(r.Enrolled), "")
		grads := f.text("毕业生数", fmt.Sprint(r.Graduates), "")
		prog := f.text("升学人数", fmt.Sprint(r.Progressed), "")
		through := f.choice("贯通培养", store.ThroughTypes, r.Through, true)
		quality := f.choice("优质专业等级", store.QualityLevels, r.Quality, true)
		ents := newEnterpriseList(a, r.Enterprises, func() { f.touch("合作企业") })
		f.add("合作企业", ents.obj)
		f.lists["合作企业"] = ents
		return func() (store.Major, store.Problems) {
			var ps store.Problems
			out := r
			out.SchoolCode = school.value()
			out.SchoolType = a.look.schoolBy[out.SchoolCode].Type
			out.Code = strings.ToUpper(code.value())
			out.Name = trim(name.Text)
			out.OpenedYear = parseInt(&ps, "开设年份", opened.Text)
			out.Status = status.Selected
			out.Enrolled = parseInt(&ps, "在校生数", enrolled.Text)
			out.Graduates = parseInt(&ps, "毕业生数", grads.Text)
			out.Progressed = parseInt(&ps, "升学人数", prog.Text)
			out.Through, out.Quality = selected(through), selected(quality)
			out.Enterprises = append([]string(nil), ents.codes...)
			if out.SchoolCode != "" {
				if _, ok := a.look.schoolBy[out.SchoolCode]; !ok {
					ps = append(ps, store.Problem{Field: "学校", Message: "没有学校标识码为 " + out.SchoolCode + " 的学校，请点“选择…”"})
				}
			}
			if len(out.Code) >= 6 {
				for _, o := range s.tbl.all {
					if o.ID != out.ID && o.Year == out.Year && o.SchoolCode == out.SchoolCode && o.Code[:6] == out.Code[:6] {
						ps = append(ps, store.Problem{Field: "专业代码", Message: fmt.Sprintf("该学校 %d 年已有这个专业（%s），请编辑原记录", out.Year, o.Name)})
					}
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	num := func(get func(store.Major) int) func(store.Major) float64 {
		return func(r store.Major) float64 { return float64(get(r)) }
	}
	s.build([]column[store.Major]{
		{title: "学校", width: 190, text: func(r store.Major) string { return a.look.schoolName(r.SchoolCode) }},
		{title: "专业代码", width: 90, text: func(r store.Major) string { return r.Code }},
		{title: "专业名称", width: 170, text: func(r store.Major) string { return r.Name }},
		{title: "状态", width: 60, text: func(r store.Major) string { return r.Status }},
		{title: "在校生", width: 70, text: func(r store.Major) string { return fmt.Sprint(r.Enrolled) }, num: num(func(r store.Major) int { return r.Enrolled })},
		{title: "毕业生", width: 70, text: func(r store.Major) string { return fmt.Sprint(r.Graduates) }, num: num(func(r store.Major) int { return r.Graduates })},
		{title: "升学", width: 60, text: func(r store.Major) string { return fmt.Sprint(r.Progressed) }, num: num(func(r store.Major) int { return r.Progressed })},
		{title: "贯通培养", width: 90, text: func(r store.Major) string { return r.Through }},
		{title: "优质专业", width: 80, text: func(r store.Major) string { return r.Quality }},
		{title: "合作企业", width: 70, text: func(r store.Major) string { return itoa0(len(r.Enterprises)) }, num: num(func(r store.Major) int { return len(r.Enterprises) })},
	}, func(r store.Major) string {
		var names []string
		for _, c := range r.Enterprises {
			names = append(names, a.look.entName(c))
		}
		return r.SchoolCode + " " + strings.Join(names, " ")
	})
	return s
}

// enterpriseList is the chosen partner enterprises of a major (or the
// member enterprises of a carrier), with 添加合作企业… and 移除.
type enterpriseList = memberList

func newEnterpriseList(a *App, codes []string, onChange func()) *enterpriseList {
	return newMemberList(a, "合作企业", codes, a.enterpriseItems, a.look.entName, onChange)
}
