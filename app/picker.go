package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/refdata"
)

// choiceItem is one entry of a picker: the code it puts in the field, the
// text shown, and the text the search looks at.
type choiceItem struct {
	Value, Text string
	search      string
}

func item(value, text string) choiceItem {
	return choiceItem{Value: value, Text: text, search: strings.ToLower(value + " " + text)}
}

// codeField is a code entry with a 选择… button that opens a searchable list
// (type 计算机 or 7102 and choose), and the name of the chosen code under it.
type codeField struct {
	a        *App
	title    string
	entry    *entry
	button   *widget.Button
	name     *widget.Label
	items    func() []choiceItem
	nameOf   func(code string) string
	onChange func(code string)
	obj      fyne.CanvasObject

	pl *pickList // the open list
}

func newCodeField(a *App, title, value, placeholder string, items func() []choiceItem, nameOf func(string) string) *codeField {
	c := &codeField{a: a, title: title, items: items, nameOf: nameOf}
	c.entry = newEntry(a, placeholder)
	c.entry.SetText(value)
	c.name = widget.NewLabel("")
	c.name.Truncation = fyne.TextTruncateEllipsis
	c.entry.OnChanged = func(s string) {
		c.showName()
		if c.onChange != nil {
			c.onChange(strings.TrimSpace(s))
		}
	}
	c.button = widget.NewButton("选择…", func() { c.open() })
	c.obj = container.NewVBox(container.NewBorder(nil, nil, nil, c.button, c.entry), c.name)
	c.showName()
	return c
}

func (c *codeField) value() string { return strings.TrimSpace(c.entry.Text) }

func (c *codeField) set(v string) { c.entry.SetText(v) }

func (c *codeField) showName() {
	v := c.value()
	n := ""
	if v != "" && c.nameOf != nil {
		n = c.nameOf(v)
	}
	if n == "" {
		c.name.Hide()
	} else {
		c.name.SetText("→ " + n)
		c.name.Show()
	}
}

// open shows the searchable list.
func (c *codeField) open() {
	c.pl = c.a.pickFrom(c.title, c.items(), func(v string) { c.entry.SetText(v) })
}

// pickList is an open searchable list in a dialog.
type pickList struct {
	dlg    *dialog.CustomDialog
	search *entry
	list   *widget.List
	all    []choiceItem
	shown  []choiceItem
	count  *widget.Label
	onPick func(string)
}

// pickFrom shows a searchable list; choosing an item (click, or Enter for the
// first match) calls onPick and closes it.
func (a *App) pickFrom(title string, all []choiceItem, onPick func(string)) *pickList {
	p := &pickList{all: all, onPick: onPick}
	p.search = newEntry(nil, searchHint(title))
	p.count = widget.NewLabel("")
	p.list = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.shown) {
				o.(*widget.Label).SetText(p.shown[i].Text)
			}
		})
	p.filter("")
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.shown) {
			p.choose(p.shown[i].Value)
		}
	}
	p.search.OnChanged = p.filter
	p.search.OnSubmitted = func(string) {
		if len(p.shown) > 0 {
			p.choose(p.shown[0].Value)
		}
	}
	p.search.onEsc = p.close
	empty := widget.NewLabel("")
	if len(all) == 0 {
		empty.SetText("没有可选的项目（可直接在输入框中填写代码）")
	} else {
		empty.Hide()
	}
	cancel := widget.NewButton("取消", p.close)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, p.count, p.search), empty)
	p.dlg = dialog.NewCustomWithoutButtons("选择"+title, container.NewBorder(top, container.NewHBox(layoutSpacer(), cancel), nil, nil, p.list), a.win)
	p.dlg.Resize(fyne.NewSize(640, 520))
	p.dlg.Show()
	a.win.Canvas().Focus(p.search)
	return p
}

// searchHint is the search box's placeholder, with an example of the kind
// of thing the list holds (a school's list once said 如 计算机 或 7102).
func searchHint(title string) string {
	for _, h := range []struct{ kind, hint string }{
		{"专业", "输入专业名称或专业代码的一部分，如 计算机 或 7102"},
		{"学校", "输入学校名称或学校标识码的一部分，如 职业 或 3653"},
		{"企业", "输入企业名称或统一社会信用代码的一部分，如 汽车 或 9153"},
		{"区划", "输入地名或区划代码的一部分，如 楚雄 或 5323"},
	} {
		if strings.Contains(title, h.kind) {
			return h.hint
		}
	}
	return "输入名称或代码的一部分"
}

func (p *pickList) filter(q string) {
	terms := strings.Fields(strings.ToLower(q))
	p.shown = p.shown[:0]
	for _, it := range p.all {
		ok := true
		for _, t := range terms {
			if !strings.Contains(it.search, t) {
				ok = false
				break
			}
		}
		if ok {
			p.shown = append(p.shown, it)
		}
	}
	p.count.SetText(fmt.Sprintf("%d 项", len(p.shown)))
	p.list.UnselectAll()
	p.list.Refresh()
	p.list.ScrollToTop()
}

func (p *pickList) choose(v string) {
	p.close()
	p.onPick(v)
}

func (p *pickList) close() { p.dlg.Hide() }

// The lists the pickers offer.

func majorItems(ref *refdata.Reference, level string) []choiceItem {
	var out []choiceItem
	for _, m := range ref.Majors() {
		if level != "" && m.Level != level {
			continue
		}
		out = append(out, item(m.Code, fmt.Sprintf("%s  %s（%s · %s）", m.Code, m.Name, m.Level, m.Class)))
	}
	return out
}

func regionItems(ref *refdata.Reference, lengths ...int) []choiceItem {
	var out []choiceItem
	for _, n := range lengths {
		for _, r := range ref.Regions("", n) {
			code := store.NormalizeUnitCode(r.Code)
			out = append(out, item(code, code+"  "+regionFullName(ref, r.Code)))
		}
	}
	return out
}

// regionFullName gives 云南省 楚雄彝族自治州 楚雄市 for 532301.
func regionFullName(ref *refdata.Reference, code string) string {
	var parts []string
	r, ok := ref.Region(code)
	for ok {
		parts = append([]string{r.Name}, parts...)
		if r.Parent == "" {
			break
		}
		r, ok = ref.Region(r.Parent)
	}
	return strings.Join(parts, " ")
}

func (a *App) schoolItems() []choiceItem {
	var out []choiceItem
	for _, s := range a.look.schools {
		out = append(out, item(s.Code, s.Code+"  "+s.Name+"（"+s.Type+"）"))
	}
	return out
}

func (a *App) enterpriseItems() []choiceItem {
	var out []choiceItem
	for _, e := range a.look.enterprises {
		out = append(out, item(e.CreditCode, e.CreditCode+"  "+e.Name))
	}
	return out
}

// memberList is a chosen set of codes (a carrier's member schools), each
// shown by name with 移除, and 添加… to pick one more from a list.
type memberList struct {
	codes    []string
	items    func() []choiceItem
	nameOf   func(code string) string
	onChange func()
	box      *fyne.Container
	obj      fyne.CanvasObject
	addBtn   *widget.Button
	pl       *pickList // the open list, for tests
}

func newMemberList(a *App, title string, codes []string, items func() []choiceItem, nameOf func(string) string, onChange func()) *memberList {
	l := &memberList{codes: append([]string(nil), codes...), items: items, nameOf: nameOf, onChange: onChange}
	l.box = container.NewVBox()
	l.addBtn = widget.NewButtonWithIcon("添加"+title+"…", theme.ContentAddIcon(), func() {
		l.pl = a.pickFrom(title, l.items(), l.add)
	})
	l.obj = container.NewVBox(l.box, container.NewHBox(l.addBtn))
	l.render()
	return l
}

func (l *memberList) add(code string) {
	if slices.Contains(l.codes, code) {
		return
	}
	l.codes = append(l.codes, code)
	l.render()
	l.onChange()
}

func (l *memberList) remove(code string) {
	if i := slices.Index(l.codes, code); i >= 0 {
		l.codes = slices.Delete(l.codes, i, i+1)
	}
	l.render()
	l.onChange()
}

func (l *memberList) render() {
	l.box.RemoveAll()
	if len(l.codes) == 0 {
		l.box.Add(label("（无）", widget.LowImportance))
	}
	for _, c := range l.codes {
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { l.remove(c) })
		rm.Importance = widget.LowImportance
		name := widget.NewLabel(l.nameOf(c))
		name.Wrapping = fyne.TextWrapWord
		l.box.Add(container.NewBorder(nil, nil, nil, rm, name))
	}
	l.box.Refresh()
}
