package app

import (
	"net/url"

	"fyne.io/fyne/v2/storage"

	"chanjiao/store"
)

// exported is where the last export wrote the returns (reports.ExportAll).
type exported struct {
	pdf, xlsx string
}

// openPath asks the system to open a file or folder (the PDF viewer, Excel,
// the file manager).
func (a *App) openPath(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = a.opener(u)
	}
	if err != nil {
		a.showError(store.Wrap(store.EInvalid, err, "无法打开 %s，请在文件管理器中打开它", path))
	}
}
