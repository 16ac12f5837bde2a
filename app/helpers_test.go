package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/storetest"
)

// newTestApp builds the window on a test app over a real database in a temp
// folder, with the demo county when demoData is set.
func newTestApp(t *testing.T, demoData bool) *App {
	t.Helper()
	fa := test.NewTempApp(t)
	db := storetest.Open(t, nil)
	if demoData {
		db = storetest.Demo(t)
	}
	a := newApp(fa, db, true)
	a.win.Resize(fyne.NewSize(1200, 760))
	return a
}

func view(t *testing.T, a *App, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := a.db.View(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// typeInto replaces a field's text the way a clerk does: select all, type.
func typeInto(e *entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func mustContain(t *testing.T, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Fatalf("got %q, want it to contain %q", got, want)
	}
}

func requireSaveRefused(t *testing.T, f *form, field, msg string) {
	t.Helper()
	mustContain(t, f.message(field), msg)
	if !f.save.Disabled() {
		t.Fatalf("save is enabled although %s reads %q", field, f.message(field))
	}
	mustContain(t, f.reason.Text, "不能保存")
}

// save presses the form's 保存 and requires the form to have closed, saved.
func save(t *testing.T, a *App, f *form) {
	t.Helper()
	test.Tap(f.save)
	if a.editing != nil {
		t.Fatalf("not saved: %s", f.reason.Text)
	}
}

// tapConfirm presses the confirmation's OK button and checks its text.
func tapConfirm(t *testing.T, a *App, wants ...string) {
	t.Helper()
	if a.confirm == nil {
		t.Fatal("no confirmation was asked")
	}
	for _, w := range wants {
		mustContain(t, a.confirm.text, w)
	}
	test.Tap(a.confirm.ok)
	if a.confirm != nil {
		t.Fatal("confirmation still open")
	}
}

var _ = widget.NewLabel
