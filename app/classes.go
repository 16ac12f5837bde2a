package app

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// classStore lists a year's classes and, read in the same transaction, the
// year's majors: the form's major picker offers the chosen school's.
type classStore struct {
	db     *store.DB
	mu     sync.Mutex
	majors map[string][]store.Major // by school code
}

func (s *classStore) List(ctx context.Context, year int) (out []store.Class, err error) {
	var ms []store.Major
	err = s.db.View(ctx, func(tx *store.Tx) error {
		if ms, err = tx.Majors(year); err != nil {
			return err
		}
		out, err = tx.Classes(year)
		return err
	})
	by := map[string][]store.Major{}
	for _, m := range ms {
		by[m.SchoolCode] = append(by[m.SchoolCode], m)
	}
	s.mu.Lock()
	s.majors = by
	s.mu.Unlock()
	return
}

// schoolMajors gives the school's majors of the listed year.
func (s *classStore) schoolMajors(school string) []store.Major {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.majors[school]
}

func (s *classStore) major(school, code string) (store.Major, bool) {
	for _, m := range s.schoolMajors(school) {
		if m.Code == code {
			return m, true
		}
	}
	return store.Major{}, false
}

func (s *classStore) Put(ctx context.Context, r *store.Class) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutClass(r); return err })
	return
}

func (s *classStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteClass(id) })
}

func (s *classStore) Dependents(context.Context, int64) (string, error) { return "", nil }

var _ Records[store.Class] = &classStore{}

func newClassesScreen(a *App) *recordScreen[store.Class] {
	cs := &classStore{db: a.db}
	s := &recordScreen[store.Class]{a: a, kind: "订单班与学徒制", recs: cs, yearly: true,
		id:    func(r store.Class) int64 { return r.ID },
		same:  func(x, y store.Class) bool { return x.ID == y.ID },
		label: func(r store.Class) string { return r.Name + "（" + a.look.schoolName(r.SchoolCode) + "）" },
		blank: func() store.Class { return store.Class{Year: a.year, Type: store.ClassOrder} },
	}
	majorName := func(r store.Class) string {
		if m, ok := cs.major(r.SchoolCode, r.MajorCode); ok {
			return m.Name
		}
		return r.MajorCode
	}
	s.fields = func(f *form, r store.Class, isNew bool) func() (store.Class, store.Problems) {
		if r.Year == 0 {
			r.Year = a.year
		}
		f.add("统计年度", widget.NewLabel(fmt.Sprintf("%d 年", r.Year)))
		school := a.schoolField("学校", r.SchoolCode, f)
		name := f.text("班级名称", r.Name, "如 比亚迪新能源汽车订单班")
		typ := f.choice("培养类型", store.ClassTypes, r.Type, false)
		major := newCodeField(a, "专业", r.MajorCode, "6 位专业代码；企业新型学徒制可留空",
			func() []choiceItem {
				var out []choiceItem
				for _, m := range cs.schoolMajors(school.value()) {
					out = append(out, item(m.Code, m.Code+"  "+m.Name))
				}
				return out
			},
			func(c string) string {
				if m, ok := cs.major(school.value(), store.CatalogueCode(a.db.Ref, c)); ok {
					return m.Name
				}
				return "（该学校本年度没有这个专业）"
			})
		f.code("专业", major, "专业代码")
		onSchool := school.onChange
		school.onChange = func(v string) { onSchool(v); major.showName() } // the major's name is the school's
		ent := a.enterpriseField("合作企业", r.CreditCode, f, "统一社会信用代码")
		students := f.text("学生人数", itoa0(r.Students), "")
		return func() (store.Class, store.Problems) {
			var ps store.Problems
			out := r
			out.SchoolCode, out.Name, out.Type = school.value(), trim(name.Text), typ.Selected
			out.MajorCode = store.CatalogueCode(a.db.Ref, strings.ToUpper(major.value()))
			out.CreditCode = strings.ToUpper(ent.value())
			out.Students = parseInt(&ps, "学生人数", students.Text)
			a.checkKnown(&ps, out.SchoolCode, out.CreditCode, "合作企业")
			if _, known := a.look.schoolBy[out.SchoolCode]; known && out.MajorCode != "" {
				if _, ok := cs.major(out.SchoolCode, out.MajorCode); !ok {
					ps = append(ps, out.MajorNotRun())
				}
			}
			for _, o := range s.tbl.all {
				if o.ID != out.ID && o.Key() == out.Key() {
					ps = append(ps, store.Problem{Field: "班级名称", Message: fmt.Sprintf("该学校 %d 年度已有名为“%s”的班级，请编辑原记录", out.Year, out.Name)})
				}
			}
			ps = append(ps, overEnrolled(out, s.tbl.all, cs)...)
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	s.build([]column[store.Class]{
		{title: "学校", width: 170, text: func(r store.Class) string { return a.look.schoolName(r.SchoolCode) }},
		{title: "班级名称", width: 200, text: func(r store.Class) string { return r.Name }},
		{title: "培养类型", width: 110, text: func(r store.Class) string { return r.Type }},
		{title: "专业", width: 150, text: majorName},
		{title: "合作企业", width: 190, text: func(r store.Class) string {
			if r.CreditCode == "" {
				return ""
			}
			return a.look.entName(r.CreditCode)
		}},
		{title: "学生人数", width: 80, text: func(r store.Class) string { return fmt.Sprint(r.Students) },
			num: func(r store.Class) float64 { return float64(r.Students) }},
	}, func(r store.Class) string { return r.SchoolCode + " " + r.MajorCode + " " + r.CreditCode })
	return s
}

// overEnrolled warns (without refusing) when the class and the major's other
// classes of the year (企业新型学徒制 aside) have more students than the
// major's 在校生数.
func overEnrolled(c store.Class, all []store.Class, cs *classStore) store.Problems {
	m, ok := cs.major(c.SchoolCode, c.MajorCode)
	if !ok || c.Type == store.ClassEnterprise {
		return nil
	}
	sum := c.Students
	for _, o := range all {
		if o.ID != c.ID && o.SchoolCode == c.SchoolCode && o.MajorCode == c.MajorCode && o.Type != store.ClassEnterprise {
			sum += o.Students
		}
	}
	if sum <= m.Enrolled {
		return nil
	}
	return store.Problems{{Field: "学生人数", Message: store.ClassesOverEnrolled(sum, m.Enrolled), Warning: true}}
}
