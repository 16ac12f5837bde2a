package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// chooseFile shows the open dialog for files with one of exts, starting in
// the last folder, and hands the chosen path on.
func (a *App) chooseFile(title string, exts []string, then func(path string)) {
	a.openFile(title, exts, a.lastFolder(), a.rememberFolder, then)
}

// chooseWorkbook is 导入工作簿…: a file dialog for .xlsx.
func (a *App) chooseWorkbook() {
	a.chooseFile("导入工作簿（.xlsx）", []string{".xlsx"}, func(path string) { a.importWorkbooks([]string{path}, nil) })
}

// importWorkbooks imports the files (and folders) off the UI goroutine
// through workbook.ImportBatch, as the CLI's import does: each file on its
// own, in its own transaction; a file refused for its contents gets an
// annotated copy beside it (the bad cells red, with the reason as a comment)
// to send back to the school. Then it shows what happened to each. next, if
// set, runs after the result is shown (more dropped files to open).
func (a *App) importWorkbooks(paths []string, next func()) {
	var res *workbook.BatchResult
	a.longTask("导入工作簿", func(ctx context.Context, p *progress) error {
		res = workbook.ImportBatch(ctx, a.db, paths, workbook.BatchOptions{Progress: func(s workbook.BatchStep) {
			frac := float64(s.Index) / float64(s.Total)
			switch {
			case s.Done != nil:
				if err := s.Done.Err; err != nil && !s.Done.Canceled() {
					a.logErr(err)
				}
				if s.Done.AnnotateErr != nil {
					a.logErr(s.Done.AnnotateErr)
				}
			case s.Annotating:
				p.set(fmt.Sprintf("正在标注错误（%d/%d）：%s", s.Index+1, s.Total, filepath.Base(s.Path)), frac)
			default:
				p.set(fmt.Sprintf("正在导入（%d/%d）：%s", s.Index+1, s.Total, filepath.Base(s.Path)), frac)
			}
		}})
		p.set("完成", 1)
		return nil
	}, func(error) {
		if res == nil {
			return
		}
		if res.Imported() > 0 {
			a.loadUnit() // a workbook may carry the unit
			a.changed()
		}
		a.showImportResult(res, next)
	})
}

// importReport is the result as text: per file a heading, then every error
// and warning as `工作表 行 列: 原因`, one a line.
func importReport(res *workbook.BatchResult) string {
	var b strings.Builder
	for i, o := range res.Files {
		if i > 0 {
			b.WriteString("\n")
		}
		name := filepath.Base(o.Path)
		switch ref := o.Refused(); {
		case o.Err == nil:
			fmt.Fprintf(&b, "✓ %s：已导入\n%s\n", name, o.Result.Summary())
			writeIssues(&b, "提示（已导入，请核实）：", o.Result.Warnings, true)
		case o.Canceled():
			fmt.Fprintf(&b, "✗ %s：已取消，未导入任何数据\n", name)
		case ref != nil:
			n, _ := errorCount(ref)
			fmt.Fprintf(&b, "✗ %s：有 %d 处错误，未导入任何数据。请在工作簿中改正后重新导入。\n", name, n)
			if o.Annotated != "" {
				fmt.Fprintf(&b, "已在同一文件夹生成错误标注副本：%s（错误的单元格标红并附批注，可发回学校改正）\n", filepath.Base(o.Annotated))
			} else if o.AnnotateErr != nil {
				b.WriteString(store.ErrorMessage(o.AnnotateErr) + "\n")
			}
			writeIssues(&b, "错误：", ref.Issues, false)
			writeIssues(&b, "提示：", ref.Issues, true)
		default:
			fmt.Fprintf(&b, "✗ %s：未导入任何数据\n%s\n", name, store.ErrorMessage(o.Err))
		}
	}
	if len(res.Skipped) > 0 {
		var names []string
		for _, p := range res.Skipped {
			names = append(names, filepath.Base(p))
		}
		fmt.Fprintf(&b, "\n已取消，未导入：%s\n", strings.Join(names, "、"))
	}
	return strings.TrimRight(b.String(), "\n")
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

func (a *App) showImportResult(res *workbook.BatchResult, next func()) {
	text, failed := importReport(res), res.Failed()
	total := len(res.Files) + len(res.Skipped)
	title := "导入完成"
	imp := widget.MediumImportance
	switch {
	case failed == total:
		title, imp = "未导入", widget.DangerImportance
	case failed > 0:
		title = "部分文件未导入"
	}
	annotated := res.Annotated()
	// many files: the summary table first; what the dialog says (and
	// 复制全部 copies) is the table as text, then the details
	var rows []summaryRow
	all := text
	if total > 1 {
		rows = importSummary(res)
		all = summaryText(rows) + "\n\n" + text
	}
	p := a.newPrompt(title, all)
	head := label(fmt.Sprintf("%d个文件已导入，%d个未导入。未导入的文件没有改动任何数据；下面列出每处错误的工作表、行、列和原因，可选择复制，或按“复制全部”。", total-failed, failed), imp)
	if total == 1 && failed == 1 {
		head.SetText("没有导入任何数据。下面列出每处错误的工作表、行、列和原因，请在工作簿中改正后重新导入；可选择复制，或按“复制全部”。")
	}
	if failed == 0 {
		head = label("导入完成。如有提示，请核实后在相应记录中修改或填写说明。", widget.SuccessImportance)
	}
	switch {
	case len(annotated) == 1 && total == 1:
		head.SetText(head.Text + "\n已在原文件旁生成错误标注副本“" + filepath.Base(annotated[0]) + "”：错误的单元格标红并附批注，可发回学校改正后交回。")
	case len(annotated) > 0:
		head.SetText(head.Text + fmt.Sprintf("\n已为%d个未导入的文件在原文件旁生成错误标注副本（文件名以“_错误标注”结尾）：错误的单元格标红并附批注，可发回学校改正后交回。", len(annotated)))
	}
	head.Wrapping = fyne.TextWrapWord
	copyBtn := p.button("复制全部", widget.MediumImportance, func() { a.copyText(all) })
	copyBtn.Icon = theme.ContentCopyIcon()
	if len(annotated) > 0 {
		dir := filepath.Dir(annotated[0])
		b := p.button("打开所在文件夹", widget.MediumImportance, func() { a.openPath(dir) })
		b.Icon = theme.FolderOpenIcon()
	}
	p.closeButton("关闭", widget.HighImportance, next)
	p.onEsc = func() { p.close(); runNext(next) }
	details := container.NewVScroll(textBox(text, widget.MediumImportance))
	if rows == nil {
		p.show(container.NewBorder(head, nil, nil, nil, details), fyne.NewSize(760, 520))
		return
	}
	split := container.NewVSplit(summaryTable(rows), details)
	split.Offset = 0.5
	p.show(container.NewBorder(head, nil, nil, nil, split), fyne.NewSize(1140, 700))
}

func runNext(next func()) {
	if next != nil {
		next()
	}
}
