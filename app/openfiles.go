package app

import (
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
)

// Files from the command line and dropped on the window.

// OpenFiles opens files given on the command line (double-clicking a data
// file in Explorer) or handed over by another start of the program:
// workbooks (.xlsx) are imported, data files (.cjrh) received. It may be
// called before ShowAndRun (the files open once the window shows) and from
// any goroutine.
func (a *App) OpenFiles(paths []string) {
	if len(paths) == 0 {
		return
	}
	if a.sync {
		a.openFiles(paths)
		return
	}
	a.mu.Lock()
	if !a.started {
		a.pending = append(a.pending, paths...)
		a.mu.Unlock()
		return
	}
	a.mu.Unlock()
	fyne.Do(func() { a.guard(func() { a.openFiles(paths) })() })
}

func (a *App) dropped(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	a.openFiles(paths)
}

// openFiles sorts files by kind: workbooks are imported first, then data
// files received; anything else is named as not understood.
func (a *App) openFiles(paths []string) {
	var books, bundles, other []string
	for _, p := range paths {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".xlsx":
			books = append(books, p)
		case ".cjrh":
			bundles = append(bundles, p)
		default:
			other = append(other, filepath.Base(p))
		}
	}
	sort.Strings(books)
	sort.Strings(bundles)
	if len(books)+len(bundles) > 0 {
		a.rememberFolder(filepath.Dir(append(books, bundles...)[0]))
	}
	if a.busy && len(books)+len(bundles) > 0 {
		a.showMessage("请稍候", "上一项操作还没有完成，请完成后再打开这些文件。")
		return
	}
	tell := func() {
		if len(other) > 0 {
			a.showMessage("无法打开", "只能打开工作簿（.xlsx）和数据包（.cjrh）。以下文件未打开：\n"+strings.Join(other, "\n"))
		}
	}
	receive := func() {
		if len(bundles) > 0 {
			a.receiveFiles(bundles, tell)
			return
		}
		tell()
	}
	if len(books) > 0 {
		a.importWorkbooks(books, receive)
		return
	}
	receive()
}
