package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

const prefFolder = "lastFolder"

// lastFolder is the folder the clerk last opened or saved in, if it still
// exists (a USB stick may be gone).
func (a *App) lastFolder() fyne.ListableURI {
	dir := a.fa.Preferences().String(prefFolder)
	if dir == "" {
		return nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

func (a *App) rememberFolder(dir string) {
	if dir != "" {
		a.fa.Preferences().SetString(prefFolder, dir)
	}
}

// chooseFiles shows the open dialog for files with one of exts, starting in
// the last folder, and hands the chosen path on.
func (a *App) chooseFile(title string, exts []string, then func(path string)) {
	if a.busy {
		a.showMessage("请稍候", "上一项操作还没有完成，请完成后再试。")
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
		a.rememberFolder(filepath.Dir(path))
		a.guard(func() { then(path) })()
	}, a.win)
	var all []string
	for _, e := range exts {
		all = append(all, e, strings.ToUpper(e))
	}
	d.SetFilter(storage.NewExtensionFileFilter(all))
	d.SetTitleText(title)
	d.SetView(dialog.ListView) // long Chinese file names stay readable
	d.SetConfirmText("打开")
	d.SetDismissText("取消")
	if l := a.lastFolder(); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// chooseFolder shows the folder dialog, starting in the last folder.
func (a *App) chooseFolder(title string, then func(dir string)) {
	if a.busy {
		a.showMessage("请稍候", "上一项操作还没有完成，请完成后再试。")
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
		a.rememberFolder(dir)
		a.guard(func() { then(dir) })()
	}, a.win)
	d.SetTitleText(title)
	d.SetConfirmText("选择")
	d.SetDismissText("取消")
	if l := a.lastFolder(); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// chooseWorkbook is 导入工作簿…: a file dialog for .xlsx.
func (a *App) chooseWorkbook() {
	a.chooseFile("导入工作簿（.xlsx）", []string{".xlsx"}, func(path string) { a.importWorkbooks([]string{path}, nil) })
}

// importOutcome is what happened to one workbook.
type importOutcome struct {
	file string
	res  *workbook.Result
	err  error
}

// importWorkbooks imports each file on its own (each in its own
// transaction) off the UI goroutine, then shows what happened to each. next,
// if set, runs after the result is shown (more dropped files to open).
func (a *App) importWorkbooks(paths []string, next func()) {
	var outs []importOutcome
	a.longTask("导入工作簿", func(ctx context.Context, p *progress) error {
		for i, path := range paths {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			p.set(fmt.Sprintf("正在导入（%d/%d）：%s", i+1, len(paths), filepath.Base(path)), float64(i)/float64(len(paths)))
			res, err := workbook.Import(ctx, a.db, path)
			if err != nil && ctx.Err() != nil {
				err = ctx.Err()
			}
			outs = append(outs, importOutcome{file: path, res: res, err: err})
			if err != nil && !errors.Is(err, context.Canceled) {
				a.logErr(err)
			}
		}
		p.set("完成", 1)
		return nil
	}, func(error) {
		added := false
		for _, o := range outs {
			if o.err == nil {
				added = true
			}
		}
		if added {
			a.loadUnit() // a workbook may carry the unit
			a.changed()
		}
		var skipped []string
		for _, path := range paths[len(outs):] {
			skipped = append(skipped, filepath.Base(path))
		}
		a.showImportResult(outs, skipped, next)
	})
}

// importReport is the result as text: per file a heading, then every error
// and warning as `工作表 行 列: 原因`, one a line.
func importReport(outs []importOutcome, skipped []string) (text string, failed int) {
	var b strings.Builder
	for i, o := range outs {
		if i > 0 {
			b.WriteString("\n")
		}
		name := filepath.Base(o.file)
		var ref *workbook.RefusedError
		switch {
		case o.err == nil:
			fmt.Fprintf(&b, "✓ %s：已导入\n%s\n", name, o.res.Summary())
			writeIssues(&b, "提示（已导入，请核实）：", o.res.Warnings, true)
		case errors.Is(o.err, context.Canceled):
			failed++
			fmt.Fprintf(&b, "✗ %s：已取消，未导入任何数据\n", name)
		case errors.As(o.err, &ref):
			failed++
			n := 0
			for _, is := range ref.Issues {
				if !is.Warning {
					n++
				}
			}
			fmt.Fprintf(&b, "✗ %s：有 %d 处错误，未导入任何数据。请在工作簿中改正后重新导入。\n", name, n)
			writeIssues(&b, "错误：", ref.Issues, false)
			writeIssues(&b, "提示：", ref.Issues, true)
		default:
			failed++
			fmt.Fprintf(&b, "✗ %s：未导入任何数据\n%s\n", name, store.ErrorMessage(o.err))
		}
	}
	if len(skipped) > 0 {
		fmt.Fprintf(&b, "\n已取消，未导入：%s\n", strings.Join(skipped, "、"))
		failed += len(skipped)
	}
	return strings.TrimRight(b.String(), "\n"), failed
}

func writeIssues(b *strings.Builder, heading string, issues []workbook.Issue, warnings bool) {
	first := true
	for _, is := range issues {
		if is.Warning != warnings {
			continue
		}
		if first {
			b.WriteString(heading + "\n")
			first = false
		}
		b.WriteString(is.String() + "\n")
	}
}

func (a *App) showImportResult(outs []importOutcome, skipped []string, next func()) {
	text, failed := importReport(outs, skipped)
	title := "导入完成"
	imp := widget.MediumImportance
	switch {
	case failed == len(outs)+len(skipped):
		title, imp = "未导入", widget.DangerImportance
	case failed > 0:
		title = "部分文件未导入"
	}
	p := a.newPrompt(title, text)
	total := len(outs) + len(skipped)
	head := label(fmt.Sprintf("%d个文件已导入，%d个未导入。未导入的文件没有改动任何数据；下面列出每处错误的工作表、行、列和原因，可选择复制，或按“复制全部”。", total-failed, failed), imp)
	if total == 1 && failed == 1 {
		head.SetText("没有导入任何数据。下面列出每处错误的工作表、行、列和原因，请在工作簿中改正后重新导入；可选择复制，或按“复制全部”。")
	}
	if failed == 0 {
		head = label("导入完成。如有提示，请核实后在相应记录中修改或填写说明。", widget.SuccessImportance)
	}
	head.Wrapping = fyne.TextWrapWord
	copyBtn := p.button("复制全部", widget.MediumImportance, func() { a.copyText(text) })
	copyBtn.Icon = theme.ContentCopyIcon()
	p.closeButton("关闭", widget.HighImportance, next)
	p.onEsc = func() { p.close(); runNext(next) }
	body := container.NewBorder(head, nil, nil, nil, container.NewVScroll(textBox(text, widget.MediumImportance)))
	p.show(body, fyne.NewSize(760, 520))
}

func runNext(next func()) {
	if next != nil {
		next()
	}
}
