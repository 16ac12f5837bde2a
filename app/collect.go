package app

// 收取: the schools' filled-in workbooks back, many at once (a folder, or
// files dropped on the window). Each file is imported on its own by
// importWorkbooks (import.go); a refused one gets an annotated copy beside
// it. This file holds the folder choice and the summary table: one line per
// file with 学校, 文件, 新增, 更新, 警告, 结果.

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

// summaryTable shows the summary rows: the 结果 of an imported file green,
// of a refused one red.
func summaryTable(rows []summaryRow) *widget.Table {
	t := textTable(func() (int, int) { return len(rows), len(summaryColumns) },
		func(col int) string { return summaryColumns[col] },
		func(row, col int, l *widget.Label) {
			r := rows[row]
			if col == 5 {
				l.Importance = widget.DangerImportance
				if r.ok {
					l.Importance = widget.SuccessImportance
				}
			}
			l.SetText(r.cells[col])
		})
	for i, w := range []float32{170, 320, 48, 48, 48, 460} {
		t.SetColumnWidth(i, w)
	}
	// a refused file's 结果 names its annotated copy on a second line
	twoLines := widget.NewLabel("国\n国").MinSize().Height
	for i, r := range rows {
		if strings.Contains(r.cells[5], "\n") {
			t.SetRowHeight(i, twoLines)
		}
	}
	return t
}

// chooseCollectFolder is 收取填报表…: every workbook in a folder (the USB
// stick the schools' returns were copied to), imported file by file.
func (a *App) chooseCollectFolder() {
	a.chooseFolder("收取填报表：选择存放各校填报表的文件夹（导入其中全部 .xlsx 文件）", a.collectFolder)
}

// collectFolder imports every workbook in dir (see workbook.BatchFiles).
func (a *App) collectFolder(dir string) {
	if len(workbook.BatchFiles([]string{dir})) == 0 {
		a.showMessage("收取填报表", "文件夹 "+dir+" 中没有工作簿（.xlsx）文件。")
		return
	}
	a.importWorkbooks([]string{dir}, nil)
}

// errorCount is the number of errors (not warnings) of a refused file.
func errorCount(ref *workbook.RefusedError) (errs, warns int) {
	for _, is := range ref.Issues {
		if is.Warning {
			warns++
		} else {
			errs++
		}
	}
	return
}

// summaryColumns are the columns of the summary table.
var summaryColumns = []string{"学校", "文件", "新增", "更新", "警告", "结果"}

// summaryRow is one line of the summary table; ok says the file was imported.
type summaryRow struct {
	cells [6]string
	ok    bool
}

// importSummary is one row per file: 学校, 文件, 新增, 更新, 警告, 结果.
func importSummary(res *workbook.BatchResult) []summaryRow {
	var rows []summaryRow
	for _, o := range res.Files {
		r := summaryRow{cells: [6]string{o.School, filepath.Base(o.Path), "", "", "", ""}}
		switch ref := o.Refused(); {
		case o.Err == nil:
			r.ok = true
			r.cells[2], r.cells[3], r.cells[4] = fmt.Sprint(sumCounts(o.Result.Added)), fmt.Sprint(sumCounts(o.Result.Updated)), fmt.Sprint(len(o.Result.Warnings))
			r.cells[5] = "已导入"
		case o.Canceled():
			r.cells[5] = "已取消，未导入"
		case ref != nil:
			errs, warns := errorCount(ref)
			r.cells[2], r.cells[3], r.cells[4] = "0", "0", fmt.Sprint(warns)
			r.cells[5] = fmt.Sprintf("未导入：%d 处错误", errs)
			if o.Annotated != "" {
				r.cells[5] += "\n标注副本：" + filepath.Base(o.Annotated)
			} else if o.AnnotateErr != nil {
				r.cells[5] += "\n未能生成错误标注副本"
			}
		default:
			r.cells[5] = "未导入：" + store.ErrorMessage(o.Err)
		}
		rows = append(rows, r)
	}
	for _, p := range res.Skipped {
		rows = append(rows, summaryRow{cells: [6]string{"—", filepath.Base(p), "", "", "", "已取消，未导入"}})
	}
	return rows
}

func sumCounts(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// summaryText is the summary as tab-separated lines (it pastes into Excel).
func summaryText(rows []summaryRow) string {
	lines := []string{strings.Join(summaryColumns, "\t")}
	for _, r := range rows {
		cells := r.cells
		cells[5] = strings.ReplaceAll(cells[5], "\n", "，")
		lines = append(lines, strings.Join(cells[:], "\t"))
	}
	return strings.Join(lines, "\n")
}
