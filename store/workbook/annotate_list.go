package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"chanjiao/store/atomic"
)

// sheetXML is how large the worksheets of an xlsx file are once inflated, as
// its zip directory says (the file passed the import's archive checks).
func sheetXML(data []byte) uint64 {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0
	}
	var n uint64
	for _, f := range zr.File {
		if strings.HasPrefix(strings.ToLower(f.Name), "xl/worksheets/") {
			n += f.UncompressedSize64
		}
	}
	return n
}

// listIssues writes dst as a workbook holding only the 错误清单, for a file
// too large (or too wrong) to be marked cell by cell.
func listIssues(dst string, issues []Issue) error {
	f := excelize.NewFile()
	defer f.Close()
	a := &annotator{f: f, others: true} // the list stays where it is: it is the only sheet
	guide := "本文件较大或错误很多，未在原表中逐格标注。请按下表的工作表、行、列在原文件中逐项修改，" +
		"全部改好后保存（仍为 .xlsx 格式），交回教育局。"
	listed := issues
	if len(issues) > maxListedIssues {
		listed = sortIssues(append([]Issue(nil), issues...))[:maxListedIssues]
		guide = fmt.Sprintf("下表只列出前 %d 条（共 %d 条）。", maxListedIssues, len(issues)) + guide
	}
	if err := a.list(listed, make([]string, len(listed)), guide); err != nil {
		return err
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return err
	}
	return atomic.WriteFile(dst, func(w io.Writer) error { return f.Write(w) })
}

// list writes the 错误清单 sheet, first in the workbook, and opens the file
// on it. guide is the note above the table: how to use it.
func (a *annotator) list(issues []Issue, located []string, guide string) error {
	f := a.f
	n := SheetErrorList
	if _, err := f.NewSheet(n); err != nil {
		return err
	}
	errs, warns := 0, 0
	for _, is := range issues {
		if is.Warning {
			warns++
		} else {
			errs++
		}
	}
	border := thinBorder
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "C00000"}, Alignment: &excelize.Alignment{Vertical: "center"}})
	note, _ := f.NewStyle(&excelize.Style{Alignment: wrap})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Color: []string{"D9D9D9"}, Pattern: 1}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	plain, _ := f.NewStyle(&excelize.Style{Border: border, Alignment: wrap})
	errKind, _ := f.NewStyle(&excelize.Style{Border: border, Alignment: wrap, Font: &excelize.Font{Bold: true, Color: "C00000"},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"FF9B9B"}, Pattern: 1}})
	warnKind, _ := f.NewStyle(&excelize.Style{Border: border, Alignment: wrap, Font: &excelize.Font{Color: "7F6000"},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"FFE699"}, Pattern: 1}})
	link, _ := f.NewStyle(&excelize.Style{Border: border, Alignment: wrap, Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	for col, w := range map[string]float64{"A": 6, "B": 7, "C": 11, "D": 6, "E": 16, "F": 14, "G": 70} {
		if err := f.SetColWidth(n, col, col, w); err != nil {
			return err
		}
	}
	noteHeight := lineHeight(guide, 110)
	summary := fmt.Sprintf("本文件有 %d 处错误，未导入任何数据", errs)
	if errs == 0 {
		summary = "本文件没有错误"
	}
	if warns > 0 {
		summary += fmt.Sprintf("；另有 %d 条警告（不影响导入，请核实）", warns)
	}
	for i, line := range []struct {
		text   string
		style  int
		height float64
	}{
		{summary + "。", title, 26},
		{guide, note, noteHeight},
	} {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.MergeCell(n, cell, fmt.Sprintf("G%d", i+1)); err != nil {
			return err
		}
		if err := f.SetCellStr(n, cell, line.text); err != nil {
			return err
		}
		if err := f.SetCellStyle(n, cell, cell, line.style); err != nil {
			return err
		}
		if err := f.SetRowHeight(n, i+1, line.height); err != nil {
			return err
		}
	}
	const top = 4
	for i, h := range []string{"序号", "类别", "工作表", "行", "列", "位置", "原因"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, top)
		if err := f.SetCellStr(n, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(n, cell, cell, head); err != nil {
			return err
		}
	}
	order := make([]int, len(issues))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { // errors first, as import sorts them
		return !issues[order[x]].Warning && issues[order[y]].Warning
	})
	for k, i := range order {
		is := issues[i]
		r := top + 1 + k
		kind, kindStyle := "错误", errKind
		if is.Warning {
			kind, kindStyle = "警告", warnKind
		}
		rowText := ""
		if is.Row > 0 {
			rowText = strconv.Itoa(is.Row)
		}
		pos := ""
		if located[i] != "" {
			pos = strings.ReplaceAll(strings.TrimPrefix(located[i], "'"), "'!", "!")
		}
		vals := []string{strconv.Itoa(k + 1), kind, is.Sheet, rowText, is.Column, pos, is.Message}
		for c, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			var err error
			if c == 3 && rowText != "" || c == 0 {
				nv, _ := strconv.Atoi(v)
				err = f.SetCellInt(n, cell, int64(nv))
			} else if v != "" {
				err = f.SetCellStr(n, cell, v)
			}
			if err != nil {
				return err
			}
			style := plain
			switch {
			case c == 1:
				style = kindStyle
			case c == 5 && pos != "":
				style = link
			}
			if err := f.SetCellStyle(n, cell, cell, style); err != nil {
				return err
			}
		}
		if located[i] != "" && k < maxLinks {
			cell, _ := excelize.CoordinatesToCellName(6, r)
			tip := "跳到 " + pos
			if err := f.SetCellHyperLink(n, cell, located[i], "Location", excelize.HyperlinkOpts{Tooltip: &tip}); err != nil {
				return err
			}
		}
		if err := f.SetRowHeight(n, r, lineHeight(is.Message, 70)); err != nil {
			return err
		}
	}
	if err := f.SetPanes(n, &excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: fmt.Sprintf("A%d", top+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// MoveSheet dereferences every sheet as a worksheet: with a chart sheet
	// the list stays last, still the sheet the file opens on
	if first := f.GetSheetList()[0]; first != n && !a.others {
		if err := f.MoveSheet(n, first); err != nil {
			return err
		}
	}
	idx, err := f.GetSheetIndex(n)
	if err != nil {
		return err
	}
	f.SetActiveSheet(idx)
	return fitToWidth(f, n, true)
}
