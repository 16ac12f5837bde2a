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
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// form lays out labelled fields, each with a line under it for the Chinese
// message Validate() gives for that field, and keeps the save button
// disabled, with the reason beside it, while the record has errors.
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
	entries map[string]*entry
	selects map[string]*widget.Select
	codes   map[string]*codeField
	lists   map[string]*enterpriseList
}

type formRow struct {
	field   string
	msg     *widget.Label
	touched bool
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
	r := &formRow{field: field, msg: widget.NewLabel("")}
	r.msg.Wrapping = fyne.TextWrapWord
	r.msg.Hide()
	f.rows = append(f.rows, r)
	f.byField[field] = r
	for _, al := range aliases {
		f.byField[al] = r
	}
	if fo, ok := obj.(fyne.Focusable); ok && f.first == nil {
		f.first = fo
	}
	f.grid.Add(widget.NewLabel(field))
	f.grid.Add(container.NewVBox(obj, r.msg))
	return r
}

// text adds a text field.
func (f *form) text(field, value, placeholder string, aliases ...string) *entry {
	e := newEntry(f.a, placeholder)
	e.SetText(value)
	r := f.add(field, e, aliases...)
	e.OnChanged = func(string) { f.changedRow(r) }
	f.entries[field] = e
	return e
}

// code adds a code field with its picker.
func (f *form) code(field string, c *codeField, aliases ...string) *codeField {
	r := f.add(field, c.obj, aliases...)
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
		} else if f.all || r.touched {
			if !p.Warning && !containsStr(msgs[r], text) {
				msgs[r] = append([]string{text}, msgs[r]...)
			} else if !containsStr(msgs[r], text) {
				msgs[r] = append(msgs[r], text)
				warn[r] = warn[r] || len(msgs[r]) == 1
			}
		}
		if !p.Warning {
			errs = append(errs, p.Field+"："+p.Message)
		}
	}
	for _, r := range f.rows {
		m := msgs[r]
		if len(m) == 0 {
			r.msg.Hide()
			continue
		}
		r.msg.SetText(strings.Join(m, "；"))
		if strings.HasPrefix(m[0], "提示：") {
			r.msg.Importance = widget.WarningImportance
		} else {
			r.msg.Importance = widget.DangerImportance
		}
		r.msg.Show()
		r.msg.Refresh()
	}
	if f.save == nil {
		return
	}
	switch {
	case f.saving:
		f.save.Disable()
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

// field returns the message shown under a field ("" when none).
func (f *form) message(field string) string {
	r := f.byField[field]
	if r == nil || !r.msg.Visible() {
		return ""
	}
	return r.msg.Text
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
	a.editing = ed
	f.check()
	ed.dlg.Show()
	if f.first != nil {
		a.win.Canvas().Focus(f.first)
	}
	return ed
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
