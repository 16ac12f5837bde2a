package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

type teacherStore struct{ db *store.DB }

func (s teacherStore) List(ctx context.Context, year int) (out []store.Teachers, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.TeacherRows(year); return err })
	return
}

func (s teacherStore) Put(ctx context.Context, r *store.Teachers) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutTeachers(r); return err })
	return
}

func (s teacherStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteTeachers(id) })
}

func (s teacherStore) Dependents(context.Context, int64) (string, error) { return "", nil }

var _ Records[store.Teachers] = teacherStore{}

// newTeachersScreen lists each school's 师资 of the selected year: one row
// per school, with its 双师型 share.
func newTeachersScreen(a *App) *recordScreen[store.Teachers] {
	s := &recordScreen[store.Teachers]{a: a, kind: "师资", recs: teacherStore{a.db}, yearly: true,
		id:   func(r store.Teachers) int64 { return r.ID },
		same: func(x, y store.Teachers) bool { return x.ID == y.ID },
		label: func(r store.Teachers) string {
			return fmt.Sprintf("%s %d 年", a.look.schoolName(r.SchoolCode), r.Year)
		},
		blank: func() store.Teachers { return store.Teachers{Year: a.year} },
	}
	s.fields = func(f *form, r store.Teachers, isNew bool) func() (store.Teachers, store.Problems) {
		if r.Year == 0 {
			r.Year = a.year
		}
		f.add("统计年度", widget.NewLabel(fmt.Sprintf("%d 年", r.Year)))
		school := a.schoolField("学校", r.SchoolCode, f)
		fullTime := f.text("专任教师数", itoa0(r.FullTime), "人")
		professional := f.text("专业课教师数", itoa0(r.Professional), "人；不能多于专任教师数")
		dual := f.text("双师型教师数", itoa0(r.Dual), "人；不能多于专业课教师数")
		partTime := f.text("兼职教师数", optIntText(r.PartTime), "人；可留空")
		return func() (store.Teachers, store.Problems) {
			var ps store.Problems
			out := r
			out.SchoolCode = school.value()
			out.FullTime = parseInt(&ps, "专任教师数", fullTime.Text)
			out.Professional = parseInt(&ps, "专业课教师数", professional.Text)
			out.Dual = parseInt(&ps, "双师型教师数", dual.Text)
			out.PartTime = parseOptInt(&ps, "兼职教师数", partTime.Text)
			a.checkKnown(&ps, out.SchoolCode, "", "")
			for _, o := range s.tbl.all {
				if o.ID != out.ID && o.Key() == out.Key() {
					ps = append(ps, store.Problem{Field: "学校", Message: fmt.Sprintf("该学校 %d 年度已有师资记录，请编辑原记录", out.Year)})
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	count := func(title string, v func(store.Teachers) int) column[store.Teachers] {
		return column[store.Teachers]{title: title, width: 100, text: func(r store.Teachers) string { return fmt.Sprint(v(r)) },
			num: func(r store.Teachers) float64 { return float64(v(r)) }}
	}
	s.build([]column[store.Teachers]{
		{title: "学校", width: 220, text: func(r store.Teachers) string { return a.look.schoolName(r.SchoolCode) }},
		count("专任教师数", func(r store.Teachers) int { return r.FullTime }),
		count("专业课教师数", func(r store.Teachers) int { return r.Professional }),
		count("双师型教师数", func(r store.Teachers) int { return r.Dual }),
		{title: "双师型占比", width: 100, text: func(r store.Teachers) string { return dualShare(r.Dual, r.Professional) }},
		{title: "兼职教师数", width: 100, text: func(r store.Teachers) string { return optIntText(r.PartTime) }},
	}, func(r store.Teachers) string { return r.SchoolCode })
	return s
}

// dualShare is 双师型 over 专业课 as a percentage ("—" without 专业课教师).
func dualShare(dual, professional int) string {
	if professional == 0 {
		return "—"
	}
	v := float64(dual) / float64(professional)
	return store.FormatRate(&v)
}
