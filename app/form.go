package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// form lays out labelled fields, each with a line under it for the Chinese
// message Validate() gives for that field, and keeps the save button
// disabled, with the reason beside it, while the record has errors. The
// message line keeps its room when empty, so a message that appears while
// the clerk types moves no field below it.
type form struct {
	a        *App
	grid     *fyne.Container
	rows     []*formRow
	byField  map[string]*formRow
	save     *widget.Button
	reason   *widget.Label
	validate func() store.Problems
	all      bool // show every message, not only those of touched fields
	problems store.Problems
	saving   bool
	edited   bool // the clerk changed a field: closing the window asks first
	first    fyne.Focusable

	// the inputs by field name, for shortcuts and tests
	entries    map[string]*entry
	selects    map[string]*widget.Select
	codes      map[string]*codeField
	lists      map[string]*enterpriseList
	checkLists map[string]*checkList
}

type formRow struct {
	field   string
	msg     *msgLine
	touched bool        // the clerk changed it
	left    bool        // the clerk left it (focus lost)
	blank   func() bool // the field holds nothing (nil: not known)
}

func newForm(a *App) *form {
	f := &form{a: a, byField: map[string]*formRow{}, entries: map[string]*entry{},
		selects: map[string]*widget.Select{}, codes: map[string]*codeField{}, lists: map[string]*enterpriseList{}}
	f.grid = container.New(layout.NewFormLayout())
	f.reason = widget.NewLabel("")
	f.reason.Wrapping = fyne.TextWrapWord
	f.reason.Importance = widget.DangerImportance
	return f
}

// add places a field; aliases are other Problem.Field names shown under it.
func (f *form) add(field string, obj fyne.CanvasObject, aliases ...string) *formRow {
	r := &formRow{field: field, msg: newMsgLine()}
	f.rows = append(f.rows, r)
	f.byField[field] = r
	for _, al := range aliases {
		f.byField[al] = r
	}
	if fo, ok := obj.(fyne.Focusable); ok && f.first == nil {
		f.first = fo
	}
	f.grid.Add(widget.NewLabel(field))
	f.grid.Add(container.New(steadyColumn{}, obj, r.msg))
	return r
}

// steadyColumn stacks its objects like a VBox but keeps the room of hidden
// ones too, so a line that appears later (a code's name) pushes nothing down.
type steadyColumn struct{}

func (steadyColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		size.Width = fyne.Max(size.Width, m.Width)
		size.Height += m.Height
		if i > 0 {
			size.Height += theme.Padding()
		}
	}
	return size
}

func (steadyColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

// leftRow records that the clerk left a field: from now on it may say that
// it must be filled in.
func (f *form) leftRow(r *formRow) {
	r.left = true
	f.check()
}

// text adds a text field.
func (f *form) text(field, value, placeholder string, aliases ...string) *entry {
	e := newEntry(f.a, placeholder)
	e.SetText(value)
	r := f.add(field, e, aliases...)
	e.OnChanged = func(string) { f.changedRow(r) }
	e.onLeave = func() { f.leftRow(r) }
	r.blank = func() bool { return trim(e.Text) == "" }
	f.entries[field] = e
	return e
}

// code adds a code field with its picker.
func (f *form) code(field string, c *codeField, aliases ...string) *codeField {
	if box, ok := c.obj.(*fyne.Container); ok {
		box.Layout = steadyColumn{} // the code's name appears without moving the fields below
	}
	r := f.add(field, c.obj, aliases...)
	c.entry.onLeave = func() { f.leftRow(r) }
	r.blank = func() bool { return c.value() == "" }
	if f.first == nil {
		f.first = c.entry
	}
	prev := c.onChange
	c.onChange = func(v string) {
		if prev != nil {
			prev(v)
		}
		f.changedRow(r)
	}
	f.codes[field] = c
	return c
}

// choice adds a drop-down; optional ones get an empty first choice.
func (f *form) choice(field string, options []string, value string, optional bool) *widget.Select {
	opts := options
	if optional {
		opts = append([]string{noChoice}, options...)
	}
	s := widget.NewSelect(opts, nil)
	s.PlaceHolder = "请选择"
	if value != "" {
		s.SetSelected(value)
	} else if optional {
		s.SetSelected(noChoice)
	}
	r := f.add(field, s)
	s.OnChanged = func(string) { f.changedRow(r) }
	f.selects[field] = s
	return s
}

// noChoice is the empty entry of an optional drop-down.
const noChoice = "（无）"

func selected(s *widget.Select) string {
	if s.Selected == noChoice {
		return ""
	}
	return s.Selected
}

// touch marks a field as edited (pickers call it).
func (f *form) touch(field string) {
	if r := f.byField[field]; r != nil {
		r.touched = true
	}
	f.edited = true
	f.check()
}

// leave marks a field as left (fields built outside the form call it).
func (f *form) leave(field string) {
	if r := f.byField[field]; r != nil {
		f.leftRow(r)
	}
}

// changedRow records that the clerk changed a field and checks the record.
func (f *form) changedRow(r *formRow) {
	r.touched = true
	f.edited = true
	f.check()
}

// check validates the record as it stands and updates the messages and the
// save button.
func (f *form) check() {
	if f.validate == nil {
		return
	}
	f.problems = f.validate()
	msgs := map[*formRow][]string{}
	warn := map[*formRow]bool{}
	var errs, other []string
	var unfilled []string // fields that must be filled in, not yet said so under them
	for _, p := range f.problems {
		r := f.byField[p.Field]
		text := p.Message
		if p.Warning {
			text = "提示：" + text
		}
		if r == nil {
			if !p.Warning {
				other = append(other, p.Field+"："+p.Message)
			}
		} else if f.shows(r, p) {
			if !p.Warning && !containsStr(msgs[r], text) {
				msgs[r] = append([]string{text}, msgs[r]...)
			} else if !containsStr(msgs[r], text) {
				msgs[r] = append(msgs[r], text)
				warn[r] = warn[r] || len(msgs[r]) == 1
			}
		}
		if !p.Warning {
			errs = append(errs, p.Field+"："+p.Message)
			if p.Message == "必须填写" && r != nil && !f.shows(r, p) {
				unfilled = append(unfilled, p.Field)
			}
		}
	}
	for _, r := range f.rows {
		m := msgs[r]
		if len(m) > 0 && strings.HasPrefix(m[0], "提示：") {
			r.msg.Importance = widget.WarningImportance
		} else {
			r.msg.Importance = widget.DangerImportance
		}
		r.msg.SetText(strings.Join(m, "；"))
	}
	if f.save == nil {
		return
	}
	switch {
	case f.saving:
		f.save.Disable()
	case len(errs) > 0 && len(unfilled) == len(errs):
		// only fields the clerk has not reached yet: no red before that
		f.save.Disable()
		f.reason.Importance = widget.MediumImportance
		f.reason.SetText(fmt.Sprintf("填写 %s 后即可保存", strings.Join(unfilled, "、")))
	case len(errs) > 0:
		f.save.Disable()
		why := "不能保存：" + errs[0]
		if len(errs) > 1 {
			why += fmt.Sprintf("（共 %d 处需要改正）", len(errs))
		}
		f.reason.Importance = widget.DangerImportance
		f.reason.SetText(why)
	default:
		f.save.Enable()
		f.reason.SetText("")
	}
	_ = other
}

// shows tells whether a problem is said under its field yet: every problem
// once saving was tried or the field was left; while the clerk is typing,
// all but "must be filled in", which would only nag before the field is done.
func (f *form) shows(r *formRow, p store.Problem) bool {
	switch {
	case f.all || r.left:
		return true
	case !r.touched:
		return false
	}
	return p.Message != "必须填写" && (r.blank == nil || !r.blank())
}

// message returns the message shown under a field ("" when none).
func (f *form) message(field string) string {
	if r := f.byField[field]; r != nil {
		return r.msg.Text
	}
	return ""
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// parse problems: typed text that is not a number or a date.

func parseInt(ps *store.Problems, field, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		*ps = append(*ps, store.Problem{Field: field, Message: "应为整数（只填数字）"})
	}
	return v
}

// parseDate accepts 2025-03-01, 2025/3/1, 2025.3.1 and 20250301.
func parseDate(ps *store.Problems, field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	norm := strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "").Replace(s)
	for _, layout := range []string{"2006-01-02", "2006-1-2", "20060102"} {
		if t, err := time.Parse(layout, norm); err == nil {
			return t
		}
	}
	*ps = append(*ps, store.Problem{Field: field, Message: "日期应写成 2025-03-01 的样子"})
	return time.Time{}
}

// merge puts the parse problems first and drops Validate's problems for the
// same fields and its rules that compare with them (a field that is not a
// number is "必须填写" to Validate).
func merge(parse, valid store.Problems) store.Problems {
	bad := map[string]bool{}
	for _, p := range parse {
		bad[p.Field] = true
	}
	return append(append(store.Problems(nil), parse...), valid.Besides(func(f string) bool { return bad[f] })...)
}

// editor is an open record form in a dialog.
type editor struct {
	a       *App
	f       *form
	dlg     *dialog.CustomDialog
	onSave  func(done func(error))
	del     *widget.Button
	cancel  *widget.Button
	closed  bool
	layer   int // how many dialogs were open with it on top
	title   string
	onClose func()
	// afterSave runs once the next save has gone through (closing the
	// window after 保存); a failed save drops it.
	afterSave func()
}

// openEditor shows the form in a dialog with 保存 (Ctrl+S), 取消 (Esc) and,
// for an existing record, 删除.
func (a *App) openEditor(title string, f *form, onSave func(done func(error)), onDelete func()) *editor {
	ed := &editor{a: a, f: f, onSave: onSave, title: title}
	f.save = widget.NewButton("保存 (Ctrl+S)", func() { ed.trySave() })
	f.save.Importance = widget.HighImportance
	ed.cancel = widget.NewButton("取消 (Esc)", func() { ed.close() })
	buttons := container.NewHBox()
	if onDelete != nil {
		ed.del = widget.NewButton("删除", a.guard(onDelete))
		ed.del.Importance = widget.DangerImportance
		buttons.Add(ed.del)
	}
	buttons.Add(layout.NewSpacer())
	buttons.Add(ed.cancel)
	buttons.Add(f.save)
	bottom := container.NewVBox(widget.NewSeparator(), f.reason, buttons)
	scroll := container.NewVScroll(container.NewPadded(f.grid))
	ed.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, bottom, nil, nil, scroll), a.win)
	size := a.win.Canvas().Size()
	w, h := float32(720), size.Height-60
	if h > 720 {
		h = 720
	}
	if h < 400 {
		h = 400
	}
	ed.dlg.Resize(fyne.NewSize(w, h))
	f.submitSaves(ed.trySave)
	a.editing = ed
	f.check()
	ed.dlg.Show()
	ed.layer = len(a.win.Canvas().Overlays().List())
	if f.first != nil {
		a.win.Canvas().Focus(f.first)
	}
	return ed
}

// submitSaves makes Enter in a single-line field save the form, as Ctrl+S
// does; a multi-line field keeps Enter for a new line.
func (f *form) submitSaves(save func()) {
	entries := make([]*entry, 0, len(f.entries)+len(f.codes))
	for _, e := range f.entries {
		entries = append(entries, e)
	}
	for _, c := range f.codes {
		entries = append(entries, c.entry)
	}
	for _, e := range entries {
		if !e.MultiLine && e.OnSubmitted == nil {
			e.OnSubmitted = func(string) { save() }
		}
	}
}

func (ed *editor) trySave() {
	f := ed.f
	f.all = true
	f.check()
	if f.saving || f.save.Disabled() {
		return
	}
	f.saving = true
	f.save.Disable()
	f.reason.Importance = widget.MediumImportance
	f.reason.SetText("正在保存…")
	ed.onSave(func(err error) {
		f.saving = false
		if err != nil {
			ed.afterSave = nil
			ed.a.logErr(err)
			f.check()
			f.reason.Importance = widget.DangerImportance
			f.reason.SetText("未保存：" + store.ErrorMessage(err))
			return
		}
		ed.close()
		if then := ed.afterSave; then != nil {
			ed.afterSave = nil
			then()
		}
	})
}

// onTop tells whether no other dialog (a picker, a message) covers the form.
func (ed *editor) onTop() bool {
	return len(ed.a.win.Canvas().Overlays().List()) == ed.layer
}

func (ed *editor) close() {
	if ed.closed {
		return
	}
	ed.closed = true
	ed.dlg.Hide()
	if ed.a.editing == ed {
		ed.a.editing = nil
	}
	if ed.onClose != nil {
		ed.onClose()
	}
}

// checkList is a field of check boxes, several of which may be ticked (an
// agreement's 合作内容), laid out in columns so eight fit a form's width.
type checkList struct {
	checks []*widget.Check
}

func (c *checkList) selected() []string {
	var out []string
	for _, ch := range c.checks {
		if ch.Checked {
			out = append(out, ch.Text)
		}
	}
	return out
}

// checks adds a field of check boxes, those in value ticked.
func (f *form) checks(field string, options, value []string, columns int) *checkList {
	c := &checkList{}
	grid := container.NewGridWithColumns(columns)
	var r *formRow
	for _, o := range options {
		ch := widget.NewCheck(o, func(bool) {
			if r != nil {
				f.changedRow(r)
			}
		})
		ch.Checked = containsStr(value, o)
		c.checks = append(c.checks, ch)
		grid.Add(ch)
	}
	r = f.add(field, grid)
	if f.checkLists == nil {
		f.checkLists = map[string]*checkList{}
	}
	f.checkLists[field] = c
	return c
}

// parseOptInt reads a number that may be left blank (nil).
func parseOptInt(ps *store.Problems, field, s string) *int {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	v := parseInt(ps, field, s)
	return &v
}

// optIntText writes a number that may be missing ("" for nil).
func optIntText(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}
