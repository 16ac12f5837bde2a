package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

// windowOpen says whether the main window is still open.
func windowOpen(a *App) bool {
	for _, w := range a.fa.Driver().AllWindows() {
		if w == a.win {
			return true
		}
	}
	return false
}

// editFirstStint opens the first 互派互聘 record and, when name is not "",
// types it as the person's name.
func editFirstStint(t *testing.T, a *App, name string) *form {
	t.Helper()
	a.show("互派互聘")
	a.secondments.tbl.selectRow(0)
	test.Tap(a.secondments.editBtn)
	if a.editing == nil {
		t.Fatal("the form did not open")
	}
	f := a.secondments.form
	if name != "" {
		typeInto(f.entries["姓名"], name)
	}
	return f
}

func closePrompt(t *testing.T, a *App) *prompt {
	t.Helper()
	if a.prompt == nil {
		t.Fatal("closing with unsaved changes asked nothing")
	}
	if !windowOpen(a) {
		t.Fatal("the window closed before the clerk answered")
	}
	mustContain(t, a.prompt.text, "尚未保存")
	return a.prompt
}

func TestCloseWithUnsavedFormAsks(t *testing.T) {
	a := newTestApp(t, true)
	editFirstStint(t, a, "半填")
	a.requestClose()
	test.Tap(closePrompt(t, a).buttons["取消"])
	if !windowOpen(a) || a.editing == nil {
		t.Fatal("取消 did not keep the window and the form")
	}
	a.requestClose()
	test.Tap(closePrompt(t, a).buttons["不保存"])
	if windowOpen(a) {
		t.Fatal("不保存 did not close the window")
	}
	if hasStint(t, a, "半填") {
		t.Fatal("不保存 saved the record")
	}
}

// hasStint says whether the year has a stint of the named person.
func hasStint(t *testing.T, a *App, name string) (found bool) {
	t.Helper()
	view(t, a, func(tx *store.Tx) error {
		ss, err := tx.Secondments(a.year)
		for _, x := range ss {
			found = found || x.Name == name
		}
		return err
	})
	return found
}

func TestCloseSavesThenCloses(t *testing.T) {
	a := newTestApp(t, true)
	editFirstStint(t, a, "关窗前保存")
	a.requestClose()
	test.Tap(closePrompt(t, a).buttons["保存"])
	if windowOpen(a) {
		t.Fatal("保存 did not close the window after saving")
	}
	if !hasStint(t, a, "关窗前保存") {
		t.Fatal("保存 did not save the record")
	}
}

func TestCloseRefusedWhenTheFormCannotBeSaved(t *testing.T) {
	a := newTestApp(t, true)
	f := editFirstStint(t, a, "x")
	typeInto(f.entries["姓名"], "") // 姓名 is required
	a.requestClose()
	test.Tap(closePrompt(t, a).buttons["保存"])
	if !windowOpen(a) || a.editing == nil {
		t.Fatal("a record that cannot be saved was dropped by closing")
	}
	mustContain(t, f.reason.Text, "不能保存")
}

func TestCloseWithoutChangesClosesAtOnce(t *testing.T) {
	a := newTestApp(t, true)
	editFirstStint(t, a, "")
	a.requestClose()
	if a.prompt != nil || windowOpen(a) {
		t.Fatal("an untouched form kept the window open")
	}
}

func TestCloseWaitsForRunningWork(t *testing.T) {
	a := newTestApp(t, true)
	a.setBusy(true)
	a.requestClose()
	if !windowOpen(a) {
		t.Fatal("the window closed while work was running")
	}
	a.setBusy(false)
	a.requestClose()
	if windowOpen(a) {
		t.Fatal("the window did not close once the work was done")
	}
}
