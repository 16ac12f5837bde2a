package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"chanjiao/app/lang"
)

// The file and folder dialogs. Each says in its title and its button what
// happens (a backup once asked "打开 文件夹" with 打开 for a save), and its
// sidebar is in Chinese.

// openFile shows the open dialog for files with one of exts, starting in
// start when there is one; the chosen file's folder goes to remember.
func (a *App) openFile(title string, exts []string, start fyne.ListableURI, remember func(dir string), then func(path string)) {
	if a.refuseWhileBusy() {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		remember(filepath.Dir(path))
		a.guard(func() { then(path) })()
	}, a.win)
	var all []string
	for _, e := range exts {
		all = append(all, e, strings.ToUpper(e))
	}
	d.SetFilter(storage.NewExtensionFileFilter(all))
	d.SetView(dialog.ListView) // long Chinese file names stay readable
	a.showFileDialog(d, title, "打开", start)
}

// chooseFolder asks for a folder, starting in the last folder: one to read
// from, or where a later 生成 button writes.
func (a *App) chooseFolder(title string, then func(dir string)) {
	a.folderDialog(title, "选择此文件夹", a.lastFolder(), a.rememberFolder, then)
}

// chooseSaveFolder asks for the folder to write into at once (a USB
// stick); its button says 保存到此处.
func (a *App) chooseSaveFolder(title string, then func(dir string)) {
	a.folderDialog(title, "保存到此处", a.lastFolder(), a.rememberFolder, then)
}

// folderDialog shows the folder dialog, starting in start when there is
// one; the chosen folder goes to remember, then to then.
func (a *App) folderDialog(title, confirm string, start fyne.ListableURI, remember, then func(dir string)) {
	if a.refuseWhileBusy() {
		return
	}
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if l == nil {
			return
		}
		dir := l.Path()
		remember(dir)
		a.guard(func() { then(dir) })()
	}, a.win)
	a.showFileDialog(d, title, confirm, start)
}

func (a *App) showFileDialog(d *dialog.FileDialog, title, confirm string, start fyne.ListableURI) {
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	d.SetDismissText("取消")
	if start != nil {
		d.SetLocation(start)
	}
	d.Resize(dialogSize(a, 900, 600))
	d.Show()
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		translatePlaces(top)
	}
}

// translatePlaces puts the sidebar of the file dialog shown in o into
// Chinese: Fyne shows "Home", "Computer", "Desktop"… as they are, so each
// row's label is renamed after Fyne fills it.
func translatePlaces(o fyne.CanvasObject) {
	places := sidebar(o)
	if places == nil {
		return
	}
	fill := places.UpdateItem
	places.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		fill(id, item)
		if row, ok := item.(*fyne.Container); ok {
			for _, o := range row.Objects {
				if l, ok := o.(*widget.Label); ok {
					l.SetText(lang.Place(l.Text))
				}
			}
		}
	}
	places.Refresh()
}

// sidebar finds the list of places: the left side of the dialog's split.
func sidebar(o fyne.CanvasObject) *widget.List {
	switch x := o.(type) {
	case *widget.PopUp:
		return sidebar(x.Content)
	case *container.Split:
		if l, ok := x.Leading.(*widget.List); ok {
			return l
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if l := sidebar(c); l != nil {
				return l
			}
		}
	}
	return nil
}
