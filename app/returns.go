package app

import (
	"net/url"

	"fyne.io/fyne/v2/storage"

	"chanjiao/reports"
	"chanjiao/store"
)

// exported is where the last export wrote the returns (reports.ExportAll).
type exported struct {
	pdf, xlsx string
	detail    string // the 明细 PDF, when 同时生成明细表 was ticked
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

// exportOptions are the clerk's choices for an export of the returns: the
// 明细 PDF as well when 同时生成明细表 is ticked (above county level).
func (a *App) exportOptions() reports.Options {
	return reports.Options{Detail: a.receives() && a.reports != nil && a.reports.detail.Checked}
}
