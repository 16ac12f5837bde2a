package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// escape closes what is on top: a question, the open form, else clears the search.
func (a *App) escape() {
	switch {
	case a.notice != nil:
		a.notice.Hide()
	case a.prompt != nil:
		if a.prompt.onEsc != nil {
			a.prompt.onEsc()
		}
	case a.confirm != nil:
		a.confirm.dlg.Hide()
		a.confirm = nil
	case a.editing != nil:
		a.editing.close()
	default:
		if rp, ok := a.current().screen.(interface{ clearSearch() }); ok {
			rp.clearSearch()
		}
	}
}

// shortcut handles Ctrl+N, Ctrl+S and Ctrl+F; it reports whether it used the key.
func (a *App) shortcut(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyS:
		if a.editing != nil {
			a.editing.trySave()
			return true
		}
		if s, ok := a.current().screen.(interface{ save() }); ok {
			s.save()
			return true
		}
	case fyne.KeyN:
		if a.editing == nil {
			if rp, ok := a.current().screen.(recordPage); ok {
				rp.newRecord()
				return true
			}
		}
	case fyne.KeyF:
		if a.editing == nil {
			if rp, ok := a.current().screen.(recordPage); ok {
				rp.focusSearch()
				return true
			}
		}
	}
	return false
}

// a11yShortcuts registers the keyboard shortcuts for when no text field has
// the focus (the fields forward them themselves), and F1 for the guide.
func (a *App) a11yShortcuts() {
	c := a.win.Canvas()
	for _, k := range []fyne.KeyName{fyne.KeyN, fyne.KeyS, fyne.KeyF} {
		k := k
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { a.guard(func() { a.shortcut(k) })() })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		switch e.Name {
		case fyne.KeyEscape:
			a.guard(a.escape)()
		case fyne.KeyF1:
			a.guard(func() { a.showHelp() })()
		case fyne.KeyReturn, fyne.KeyEnter:
			a.guard(a.enter)()
		}
	})
	a.watchFocus()
}

// enter is Enter with no field focused: it confirms what is on top (the
// dialog's one default button, the question's OK) or saves the open form
// when nothing covers it.
func (a *App) enter() {
	switch {
	case a.notice != nil:
		a.notice.Hide()
	case a.prompt != nil:
		if b := a.prompt.defaultButton(); b != nil {
			b.OnTapped()
		}
	case a.confirm != nil:
		a.confirm.ok.OnTapped()
	case a.editing != nil && a.editing.onTop():
		a.editing.trySave()
	}
}

// defaultButton is the dialog's one enabled main (highlighted) button, if
// it has exactly one.
func (p *prompt) defaultButton() *widget.Button {
	var found *widget.Button
	for _, b := range p.order {
		if b.Importance != widget.HighImportance || b.Disabled() {
			continue
		}
		if found != nil {
			return nil
		}
		found = b
	}
	return found
}

// revealFocused scrolls the scroll containers around the focused widget so
// that it shows: Tab may land on a button scrolled out of view.
func (a *App) revealFocused() {
	obj, ok := a.win.Canvas().Focused().(fyne.CanvasObject)
	if !ok || obj == nil {
		return
	}
	for _, s := range scrollsAround(obj) {
		reveal(s, obj)
	}
}

// watchFocus reveals each newly focused widget. Fyne tells a widget, not
// the window, that it got the focus (and Tab reaches no handler of ours),
// so the window looks a few times a second; tests call revealFocused.
func (a *App) watchFocus() {
	if a.sync {
		return
	}
	go func() {
		var last fyne.Focusable
		for range time.Tick(150 * time.Millisecond) {
			fyne.Do(func() {
				if now := a.win.Canvas().Focused(); now != last {
					last = now
					a.revealFocused()
				}
			})
		}
	}()
}
