package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"chanjiao/store"
)

// schoolStore adapts the store to Records[store.School].
type schoolStore struct{ db *store.DB }

func (s schoolStore) List(ctx context.Context, _ int) (out []store.School, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error { out, err = tx.Schools(); return err })
	return
}

func (s schoolStore) Put(ctx context.Context, r *store.School) (created bool, err error) {
	err = s.db.Update(ctx, func(tx *store.Tx) error { created, err = tx.PutSchool(r); return err })
	return
}

func (s schoolStore) Delete(ctx context.Context, id int64) error {
	return s.db.Update(ctx, func(tx *store.Tx) error { return tx.DeleteSchool(id) })
}

func (s schoolStore) Dependents(ctx context.Context, id int64) (text string, err error) {
	err = s.db.View(ctx, func(tx *store.Tx) error {
		m, c, t, err := tx.SchoolDependents(id)
		if err != nil {
			return err
		}
		ag, cl, ca, err := tx.SchoolMeasureDependents(id)
		text = countsText(m, "个专业（各年度）", c, "条互派互聘记录", t, "条培训记录", ag, "份校企合作协议", cl, "个订单班与学徒制班级")
		if ca > 0 {
			if text != "" {
				text += "；"
			}
			text += countsText(ca, "个产教融合载体") + "不再列该校为牵头或成员学校（载体本身保留）"
		}
		return err
	})
	return
}

var _ Records[store.School] = schoolStore{}

func newSchoolsScreen(a *App) *recordScreen[store.School] {
	s := &recordScreen[store.School]{a: a, kind: "学校", recs: schoolStore{a.db},
		lockNote: "学校可以修改，但有该年度记录的学校不能删除。",
		id:       func(r store.School) int64 { return r.ID },
		same:     func(x, y store.School) bool { return x.ID == y.ID || x.Code == y.Code },
		label:    func(r store.School) string { return r.Name + "（" + r.Code + "）" },
		blank: func() store.School {
			r := store.School{Ownership: "公办"}
			if a.unit.Level == store.LevelCounty {
				r.Region = a.unit.Code
			}
			return r
		},
	}
	s.fields = func(f *form, r store.School, isNew bool) func() (store.School, store.Problems) {
		code := f.text("学校标识码", r.Code, "10 位数字，如 3653010001")
		name := f.text("学校名称", r.Name, "")
		typ := f.choice("办学类型", store.SchoolTypes, r.Type, false)
		region := newCodeField(a, "所在区划", r.Region, "6 位区划代码",
			func() []choiceItem { return regionItems(a.db.Ref, 6) },
			func(c string) string { return regionFullName(a.db.Ref, c) })
		f.code("所在区划代码", region)
		own := f.choice("办学性质", store.Ownerships, r.Ownership, false)
		quality := f.choice("优质学校等级", store.QualityLevels, r.Quality, true)
		contact := f.text("联系人", r.Contact, "")
		phone := f.text("联系电话", r.Phone, "如 0878-3123456")
		closed := f.text("停办年份", itoa0(r.ClosedYear), "仍在办学则留空")
		return func() (store.School, store.Problems) {
			var ps store.Problems
			out := r
			out.Code, out.Name, out.Type = trim(code.Text), trim(name.Text), typ.Selected
			out.Region, out.Ownership, out.Quality = region.value(), own.Selected, selected(quality)
			out.Contact, out.Phone = trim(contact.Text), trim(phone.Text)
			out.ClosedYear = parseInt(&ps, "停办年份", closed.Text)
			for _, o := range a.look.schools {
				if o.Code == out.Code && o.ID != out.ID {
					ps = append(ps, store.Problem{Field: "学校标识码", Message: "已被“" + o.Name + "”使用"})
				}
			}
			return out, merge(ps, out.Validate(a.db.Ref))
		}
	}
	s.tools = []fyne.CanvasObject{
		a.action("下发填报模板…", theme.MailSendIcon(), a.showTemplates),
		a.action("收取填报表…", theme.FolderOpenIcon(), a.chooseCollectFolder),
	}
	s.build([]column[store.School]{
		{title: "学校标识码", width: 120, text: func(r store.School) string { return r.Code }},
		{title: "学校名称", width: 230, text: func(r store.School) string { return r.Name }},
		{title: "办学类型", width: 110, text: func(r store.School) string { return r.Type }},
		{title: "办学性质", width: 80, text: func(r store.School) string { return r.Ownership }},
		{title: "优质学校等级", width: 110, text: func(r store.School) string { return r.Quality }},
		{title: "所在区划", width: 110, text: func(r store.School) string { return regionName(a, r.Region) }},
		{title: "联系人", width: 80, text: func(r store.School) string { return r.Contact }},
		{title: "联系电话", width: 120, text: func(r store.School) string { return r.Phone }},
		{title: "停办年份", width: 80, text: func(r store.School) string { return itoa0(r.ClosedYear) },
			num: func(r store.School) float64 { return float64(r.ClosedYear) }},
	}, func(r store.School) string { return r.Region })
	return s
}

func regionName(a *App, code string) string {
	if r, ok := a.db.Ref.Region(code); ok {
		return r.Name
	}
	return code
}

func trim(s string) string { return strings.TrimSpace(s) }
