package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// relayout lays out every container and widget again, as the real window
// does before it paints: the test canvas leaves a grown message where it was.
func relayout(o fyne.CanvasObject) {
	switch v := o.(type) {
	case *fyne.Container:
		if v.Layout != nil {
			v.Layout.Layout(v.Objects, v.Size())
		}
		for _, c := range v.Objects {
			relayout(c)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		r.Layout(v.Size())
		for _, c := range r.Objects() {
			relayout(c)
		}
	}
}

// settle lays the window and its open dialog out again.
func settle(a *App) {
	relayout(a.win.Canvas().Content())
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		relayout(top)
	}
}

func positions(objs []fyne.CanvasObject) []fyne.Position {
	d := fyne.CurrentApp().Driver()
	out := make([]fyne.Position, len(objs))
	for i, o := range objs {
		out[i] = d.AbsolutePositionForObject(o)
	}
	return out
}

// capture saves a picture of the window into CHANJIAO_FORM_PNG (a folder),
// when set, to look at.
func capture(t *testing.T, a *App, name string) {
	t.Helper()
	if dir := os.Getenv("CHANJIAO_FORM_PNG"); dir != "" {
		settle(a)
		savePNG(t, a.win.Canvas().Capture(), filepath.Join(dir, name+".png"))
	}
}

// demoAt1024 is the demo county on a 1024×600 laptop screen.
func demoAt1024(t *testing.T) *App {
	a := newTestApp(t, true)
	a.win.Resize(fyne.NewSize(1024, 600))
	return a
}

func newMajorForm(t *testing.T, a *App) *form {
	t.Helper()
	a.show("专业")
	a.majors.newRecord()
	if a.editing == nil || a.majors.form == nil {
		t.Fatal("no major form opened")
	}
	return a.majors.form
}

// TestTypingMovesNoField: typing "20" into 开设年份 says the year is out of
// range under it, and no field below moves (the clerk's next click once
// landed on 停招 instead of 在校生数).
func TestTypingMovesNoField(t *testing.T) {
	a := demoAt1024(t)
	f := newMajorForm(t, a)
	settle(a)
	capture(t, a, "form-before")
	before := positions(f.grid.Objects)

	typeInto(f.entries["开设年份"], "20")
	mustContain(t, f.message("开设年份"), "2000 至 2100")
	typeInto(f.entries["在校生数"], "abc")
	mustContain(t, f.message("在校生数"), "整数")
	settle(a)
	capture(t, a, "form-typed")
	after := positions(f.grid.Objects)
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("form cell %d moved from %v to %v while typing", i, before[i], after[i])
		}
	}
}

// TestRequiredWaitsUntilLeft: a new form and a fresh 设置 show no 必须填写;
// emptying a field while typing still says nothing, leaving it does, and
// so does trying to save.
func TestRequiredWaitsUntilLeft(t *testing.T) {
	a := newTestApp(t, true)
	a.show("学校")
	a.schools.newRecord()
	f := a.schools.form
	for _, r := range f.rows {
		if r.msg.Text != "" {
			t.Fatalf("new form says %q under %s before anything was typed", r.msg.Text, r.field)
		}
	}
	if f.reason.Importance == widget.DangerImportance || !f.save.Disabled() {
		t.Fatalf("new form's save line reads %q in red, or save is enabled", f.reason.Text)
	}
	mustContain(t, f.reason.Text, "学校名称")
	name := f.entries["学校名称"]
	a.win.Canvas().Focus(name)
	typeInto(name, "楚")
	typeInto(name, "")
	if m := f.message("学校名称"); m != "" {
		t.Fatalf("while typing, 学校名称 says %q", m)
	}
	a.win.Canvas().Focus(f.entries["联系人"]) // Tab away
	mustContain(t, f.message("学校名称"), "必须填写")
	if m := f.message("联系人"); m != "" {
		t.Fatalf("联系人 was only entered, yet says %q", m)
	}
	a.editing.trySave()
	mustContain(t, f.message("学校标识码"), "必须填写")
	mustContain(t, f.reason.Text, "不能保存")

	fresh := newTestApp(t, false)
	fresh.show("设置")
	for _, g := range []*form{fresh.settings.unitForm, fresh.settings.targetForm} {
		if g.reason.Text != "" && g.reason.Importance == widget.DangerImportance {
			t.Fatalf("设置 opens saying %q in red", g.reason.Text)
		}
		for _, r := range g.rows {
			if r.msg.Text != "" {
				t.Fatalf("设置 opens saying %q under %s", r.msg.Text, r.field)
			}
		}
	}
	capture(t, fresh, "settings-fresh")
}

// TestEnterSavesForm: Enter, and the keypad's Enter, in a single-line field
// save the form as 保存 does.
func TestEnterSavesForm(t *testing.T) {
	a := newTestApp(t, true)
	a.show("学校")
	for i, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
		a.schools.newRecord()
		f := a.schools.form
		code := []string{"3653019991", "3653019992"}[i]
		typeInto(f.entries["学校标识码"], code)
		typeInto(f.entries["学校名称"], "楚雄市第"+code[9:]+"职业学校")
		f.selects["办学类型"].SetSelected(store.SchoolTypes[0])
		f.codes["所在区划代码"].set("532301")
		if f.save.Disabled() {
			t.Fatalf("save disabled: %s", f.reason.Text)
		}
		f.entries["联系人"].TypedKey(&fyne.KeyEvent{Name: key})
		if a.editing != nil {
			t.Fatalf("%s in 联系人 did not save: %s", key, f.reason.Text)
		}
		view(t, a, func(tx *store.Tx) error { _, err := tx.SchoolByCode(code); return err })
	}
	// Enter over the region picker is not meant for the form below it
	a.schools.newRecord()
	a.schools.form.codes["所在区划代码"].open()
	a.win.Canvas().Unfocus()
	typeKey(a, fyne.KeyReturn)
	if m := a.schools.form.message("学校名称"); m != "" {
		t.Fatalf("Enter over the picker tried to save the form: %q", m)
	}
	a.editing.close()

	// Enter with no field focused saves too, and refuses like 保存
	a.schools.newRecord()
	a.win.Canvas().Unfocus()
	typeKey(a, fyne.KeyReturn)
	if a.editing == nil {
		t.Fatal("Enter saved an empty school")
	}
	mustContain(t, a.schools.form.message("学校名称"), "必须填写")
}

// TestEnterConfirms: Enter presses the question's confirm button.
func TestEnterConfirms(t *testing.T) {
	a := newTestApp(t, false)
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
		done := false
		a.ask("删除", "确定删除？", "删除", func() { done = true })
		typeKey(a, key)
		if !done || a.confirm != nil {
			t.Fatalf("%s did not confirm", key)
		}
	}
	// a dialog with one main button: Enter presses it
	p := a.newPrompt("导入", "")
	pressed := false
	p.closeButton("取消", widget.MediumImportance, nil)
	p.closeButton("导入", widget.HighImportance, func() { pressed = true })
	p.show(widget.NewLabel(""), fyne.NewSize(300, 200))
	typeKey(a, fyne.KeyReturn)
	if !pressed || a.prompt != nil {
		t.Fatal("Enter did not press the dialog's main button")
	}
	// a message: Enter and Esc close it (知道了)
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
		a.showMessage("已保存", "好了")
		if top := a.win.Canvas().Overlays().Top(); top == nil {
			t.Fatal("no message shown")
		}
		typeKey(a, key)
		if a.notice != nil || a.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("%s left the message open", key)
		}
	}
}

// scrollOf is the innermost scroll container around obj.
func scrollOf(t *testing.T, obj fyne.CanvasObject) *container.Scroll {
	t.Helper()
	around := scrollsAround(obj)
	if len(around) == 0 {
		t.Fatal("no scroll container around the field")
	}
	return around[len(around)-1]
}

// wheelOver turns the mouse wheel down over obj and reports how far its
// scroll container moved.
func wheelOver(t *testing.T, a *App, obj fyne.CanvasObject) float32 {
	t.Helper()
	s := scrollOf(t, obj)
	start := s.Offset.Y
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj).Add(fyne.NewPos(5, 5))
	test.Scroll(a.win.Canvas(), at, 0, -60)
	return s.Offset.Y - start
}

// TestWheelOverFieldScrolls: the wheel over a text field or a drop-down in
// 设置 and in a form dialog scrolls the page around it.
func TestWheelOverFieldScrolls(t *testing.T) {
	a := demoAt1024(t)
	a.show("设置")
	settle(a)
	s := a.settings
	if d := wheelOver(t, a, s.name); d <= 0 {
		t.Fatalf("wheel over 单位名称 moved 设置 by %v", d)
	}
	if d := wheelOver(t, a, s.level); d <= 0 {
		t.Fatalf("wheel over 级别 moved 设置 by %v", d)
	}
	if d := wheelOver(t, a, s.region.entry); d <= 0 {
		t.Fatalf("wheel over 区划代码 moved 设置 by %v", d)
	}

	f := newMajorForm(t, a)
	settle(a)
	if d := wheelOver(t, a, f.entries["专业名称"]); d <= 0 {
		t.Fatalf("wheel over 专业名称 moved the form by %v", d)
	}
}

// tabTo moves the focus with Tab until it reaches target.
func tabTo(t *testing.T, a *App, target fyne.Focusable) {
	t.Helper()
	c := a.win.Canvas()
	for i := 0; i < 200 && c.Focused() != target; i++ {
		c.FocusNext()
		a.revealFocused()
	}
	if c.Focused() != target {
		t.Fatal("Tab never reached the widget")
	}
}

// requireShown fails unless obj lies wholly inside the visible part of
// its scroll container.
func requireShown(t *testing.T, obj fyne.CanvasObject, what string) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	s := scrollOf(t, obj)
	top := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(s).Y
	if top < 0 || top+obj.Size().Height > s.Size().Height {
		t.Fatalf("%s is at %v in a view %v high: out of sight", what, top, s.Size().Height)
	}
}

// TestTabRevealsWidget: Tab onto a button or a field scrolled out of view
// scrolls it into view, in 设置 and in a form.
func TestTabRevealsWidget(t *testing.T) {
	a := demoAt1024(t)
	a.show("设置")
	settle(a)
	s := a.settings
	tabTo(t, a, s.backupBtn)
	requireShown(t, s.backupBtn, "备份到U盘")
	capture(t, a, "settings-tab")
	tabTo(t, a, s.name) // Tab wraps round to the top again
	requireShown(t, s.name, "单位名称")

	a.win.Resize(fyne.NewSize(1024, 480))
	f := newMajorForm(t, a)
	settle(a)
	tabTo(t, a, f.entries["升学人数"])
	requireShown(t, f.entries["升学人数"], "升学人数")
	capture(t, a, "form-tab")
}

// TestEnterInMultiLineFieldIsANewLine: a multi-line field keeps Enter for
// a new line; only single-line fields save.
func TestEnterInMultiLineFieldIsANewLine(t *testing.T) {
	a := newTestApp(t, false)
	f := newForm(a)
	note := f.text("备注", "", "")
	note.MultiLine = true
	name := f.text("姓名", "", "")
	saved := 0
	f.submitSaves(func() { saved++ })
	note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if saved != 0 {
		t.Fatal("Enter in a multi-line field saved the form")
	}
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if saved != 1 {
		t.Fatal("keypad Enter in a single-line field did not save")
	}
}

// TestLongMessageFitsItsLine: a message a little too long for its line is
// set smaller and read whole; a far longer one ends in "…"; neither wraps.
func TestLongMessageFitsItsLine(t *testing.T) {
	test.NewTempApp(t)
	m := newMsgLine()
	h := m.MinSize().Height
	long := "提示：不在 2021 年职业教育专业目录中（技工学校按技工院校专业目录，请核实）"
	width := fyne.MeasureText(long, theme.TextSize(), fyne.TextStyle{}).Width * 0.95
	m.Resize(fyne.NewSize(width, h))
	m.SetText(long)
	if m.text.Text != long || m.text.TextSize >= theme.TextSize() {
		t.Fatalf("shown %q at %v, want it whole in a smaller type", m.text.Text, m.text.TextSize)
	}
	m.SetText(long + long)
	if r := []rune(m.text.Text); r[len(r)-1] != '…' || m.MinSize().Height != h {
		t.Fatalf("shown %q, %v high; want it cut with … on one line", m.text.Text, m.MinSize().Height)
	}
}
