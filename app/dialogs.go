package app

import (
	"log"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// showError shows the clerk's message of err; the log gets the whole chain.
func (a *App) showError(err error) {
	log.Printf("error: %v", err)
	a.showMessage("操作未完成", store.ErrorMessage(err))
}

func (a *App) showMessage(title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "知道了", l, a.win)
	d.Resize(fyne.NewSize(460, 200))
	a.notice = d
	d.SetOnClosed(func() {
		if a.notice == d {
			a.notice = nil
		}
	})
	d.Show()
}

// confirmDialog asks yes or no; its buttons are kept so tests can press them.
type confirmDialog struct {
	dlg        *dialog.CustomDialog
	text       string
	ok, cancel *widget.Button
}

func (a *App) ask(title, text, okText string, onOK func()) *confirmDialog {
	c := &confirmDialog{text: text}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	c.cancel = widget.NewButton("取消", func() { c.dlg.Hide(); a.confirm = nil })
	c.ok = widget.NewButton(okText, func() { c.dlg.Hide(); a.confirm = nil; a.guard(onOK)() })
	c.ok.Importance = widget.DangerImportance
	c.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewHBox(layoutSpacer(), c.cancel, c.ok), nil, nil, l), a.win)
	c.dlg.Resize(fyne.NewSize(480, 220))
	a.confirm = c
	c.dlg.Show()
	return c
}

// prompt is a dialog of an import, export or hand-off step. Its text,
// buttons and fields are kept so tests can read and press them.
type prompt struct {
	a       *App
	dlg     *dialog.CustomDialog
	title   string
	text    string // what the dialog says, all of it
	order   []*widget.Button
	buttons map[string]*widget.Button
	fields  map[string]*widget.Entry
	checks  map[string]*widget.Check
	selects map[string]*widget.Select
	onEsc   func()
	setDir  func(string) // the folder of a dialog that saves, for tests
}

func (a *App) newPrompt(title, text string) *prompt {
	return &prompt{a: a, title: title, text: text, buttons: map[string]*widget.Button{},
		fields: map[string]*widget.Entry{}, checks: map[string]*widget.Check{}}
}

// button adds a button to the dialog's row; fn runs guarded.
func (p *prompt) button(text string, imp widget.Importance, fn func()) *widget.Button {
	b := widget.NewButton(text, p.a.guard(fn))
	b.Importance = imp
	p.buttons[text] = b
	p.order = append(p.order, b)
	return b
}

// closeButton adds a button that closes the dialog and then runs fn.
func (p *prompt) closeButton(text string, imp widget.Importance, fn func()) *widget.Button {
	return p.button(text, imp, func() {
		p.close()
		if fn != nil {
			fn()
		}
	})
}

func (p *prompt) show(body fyne.CanvasObject, size fyne.Size) {
	row := container.NewHBox(layoutSpacer())
	for _, b := range p.order {
		row.Add(b)
	}
	p.dlg = dialog.NewCustomWithoutButtons(p.title, container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), row), nil, nil, body), p.a.win)
	p.dlg.Resize(size)
	p.a.prompt = p
	p.dlg.Show()
}

func (p *prompt) close() {
	if p.dlg != nil {
		p.dlg.Hide()
	}
	if p.a.prompt == p {
		p.a.prompt = nil
	}
}

// textBox shows long text the clerk can select and copy, scrolling.
func textBox(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	l.Importance = imp
	return l
}

// copyText puts text on the clipboard.
func (a *App) copyText(text string) {
	a.fa.Clipboard().SetContent(text)
}
