package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// escape closes what is on top: a question, the open form, else clears the search.
func (a *App) escape() {
	switch {
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
		}
	})
}
