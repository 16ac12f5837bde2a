package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// requestClose is the window's close intercept. Running work is not cut
// short: the clerk is told to wait (or press 取消 in its progress dialog) and
// the window stays. A form with unsaved changes asks 保存 / 不保存 / 取消.
func (a *App) requestClose() {
	if a.busy {
		a.showMessage("请稍候", "还有操作正在进行（如导入、导出、上报）。请等它完成，或在它的进度窗口中点“取消”，然后再关闭窗口。")
		return
	}
	ed := a.editing
	if ed == nil || ed.closed || !ed.f.edited {
		a.win.Close()
		return
	}
	p := a.newPrompt("关闭窗口", "“"+ed.title+"”中有尚未保存的修改。关闭窗口前要保存吗？")
	p.closeButton("取消", widget.MediumImportance, nil)
	p.closeButton("不保存", widget.DangerImportance, a.win.Close)
	p.closeButton("保存", widget.HighImportance, func() { a.saveThenClose(ed) })
	p.show(textBox(p.text, widget.MediumImportance), fyne.NewSize(460, 200))
}

// saveThenClose saves the open form and closes the window once the save went
// through; a record the form refuses keeps the window open, saying why.
func (a *App) saveThenClose(ed *editor) {
	ed.afterSave = a.win.Close
	ed.trySave()
	if !ed.f.saving && !ed.closed { // refused before saving: the form says why
		ed.afterSave = nil
		a.showMessage("没有保存，窗口未关闭", ed.f.reason.Text+"\n\n请改正后保存，或关闭窗口时选“不保存”。")
	}
}
