package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// Each picker's search box gives an example of what its list holds: the
// school picker once suggested 计算机 (a major).
func TestPickerHintsFitTheirLists(t *testing.T) {
	a := newTestApp(t, true)
	a.show("专业")
	test.Tap(a.majors.addBtn)
	f := a.majors.form
	for field, want := range map[string]string{"学校": "学校标识码", "专业代码": "7102"} {
		c := f.codes[field]
		c.open()
		hint := c.pl.search.PlaceHolder
		mustContain(t, hint, want)
		if field == "学校" && strings.Contains(hint, "计算机") {
			t.Errorf("school picker's hint %q gives a major as its example", hint)
		}
		c.pl.close()
	}
	for _, c := range []struct{ page, field, want string }{
		{"互派互聘", "合作企业", "统一社会信用代码"},
		{"学校", "所在区划代码", "区划代码"},
	} {
		a := newTestApp(t, true)
		a.show(c.page)
		forms := map[string]func() *form{
			"互派互聘": func() *form { test.Tap(a.secondments.addBtn); return a.secondments.form },
			"学校":   func() *form { test.Tap(a.schools.addBtn); return a.schools.form },
		}
		p := forms[c.page]().codes[c.field]
		p.open()
		mustContain(t, p.pl.search.PlaceHolder, c.want)
	}
}

// The 专业名称 follows the code from the catalogue only while it is empty
// or still the catalogue's name of the code before; what the clerk typed
// stays.
func TestMajorNameKeepsClerksTyping(t *testing.T) {
	a := newTestApp(t, true)
	a.show("专业")
	test.Tap(a.majors.addBtn)
	f := a.majors.form
	f.codes["学校"].set("3653010004")
	code, name := f.codes["专业代码"], f.entries["专业名称"]
	catalogue := func(c string) string {
		m, ok := a.db.Ref.Major(c)
		if !ok {
			t.Fatalf("%s not in the catalogue", c)
		}
		return m.Name
	}
	code.set("710201")
	if name.Text != catalogue("710201") {
		t.Fatalf("empty name not filled: %q", name.Text)
	}
	code.set("710204")
	if name.Text != catalogue("710204") {
		t.Fatalf("catalogue name of the code before did not follow: %q", name.Text)
	}
	typeInto(name, "数字媒体（影视后期方向）")
	code.set("71020")
	code.set("710201")
	if name.Text != "数字媒体（影视后期方向）" {
		t.Fatalf("the clerk's name was overwritten by %q", name.Text)
	}
}

// In the 互派互聘 list at 1366×768, a four-character name and twenty-character
// school and enterprise names show uncut.
func TestSecondmentNamesNotCut(t *testing.T) {
	a := newTestApp(t, true)
	const (
		person  = "欧阳建华"
		school  = "云南省楚雄彝族自治州牟定县职业高级中学"
		company = "云南楚雄滇中新能源汽车销售服务有限公司"
	)
	err := a.db.Update(context.Background(), func(tx *store.Tx) error {
		ss, err := tx.Schools()
		if err != nil {
			return err
		}
		es, err := tx.Enterprises()
		if err != nil {
			return err
		}
		sc, ent := ss[0], es[0]
		sc.Name, ent.Name = school, company
		if _, err := tx.PutSchool(&sc); err != nil {
			return err
		}
		if _, err := tx.PutEnterprise(&ent); err != nil {
			return err
		}
		_, err = tx.PutSecondment(&store.Secondment{SchoolCode: sc.Code, CreditCode: ent.CreditCode, Name: person, Gender: "男",
			Direction: store.DirSchoolToEnterprise, Post: "实践锻炼",
			Start: time.Date(a.year, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(a.year, 6, 30, 0, 0, 0, 0, time.UTC)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	a.win.Resize(fyne.NewSize(1366, 768))
	a.show("互派互聘")
	a.changed()
	s := a.secondments
	s.tbl.search.SetText(person)
	if len(s.tbl.view) != 1 {
		t.Fatalf("search for %s shows %d rows", person, len(s.tbl.view))
	}
	s.tbl.selectRow(0) // a selected row is bold: the widest it gets
	found := map[string]bool{}
	eachObject(a.win.Content(), func(o fyne.CanvasObject) {
		c, ok := o.(*cell)
		if !ok || (c.Text != person && c.Text != school && c.Text != company) {
			return
		}
		found[c.Text] = true
		need := widget.NewLabelWithStyle(c.Text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width
		if c.Size().Width < need {
			t.Errorf("%q is cut: its cell is %.0f wide, the text needs %.0f", c.Text, c.Size().Width, need)
		}
		if right := a.fa.Driver().AbsolutePositionForObject(c).X + c.Size().Width; right > 1366 {
			t.Errorf("%q ends at x=%.0f, beyond a 1366-pixel window", c.Text, right)
		}
	})
	for _, want := range []string{person, school, company} {
		if !found[want] {
			t.Errorf("%q is not shown in the list at 1366×768", want)
		}
	}
}

// eachObject calls fn for o and everything drawn inside it, table cells
// included (test.LaidOutObjects does not reach them).
func eachObject(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			eachObject(c, fn)
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			eachObject(c, fn)
		}
	}
}
