package workbook

// Annotated copies: a refused workbook goes back to the school with every
// problem marked where it is, so the school fixes it in place and returns it.
//
// A marked cell gets a comment giving the reason and a red fill (yellow for a
// warning). The fill is a conditional format that holds while the cell still
// has the value that was refused, so it goes away as the school corrects the
// cell. A 错误清单 sheet, first in the workbook, lists every problem with a
// link to its cell. Import ignores both the comments and the extra sheet, so
// the corrected copy imports like the original. Annotating an annotated copy
// again first removes the earlier marks (our comments, our conditional
// formats, the old 错误清单).

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// annotationAuthor is the author of the comments Annotate writes; earlier
// annotations are recognised by it.
const annotationAuthor = "数据审核"

// Markers inside the conditional formats, by which earlier marks are found.
const (
	markError   = `ISTEXT("错误标注")`
	markWarning = `ISTEXT("警告标注")`
)

// annotatedSuffix ends the name of an annotated copy.
const annotatedSuffix = "_错误标注"

// AnnotatedPath is where the annotated copy of src goes: {原文件名}_错误标注.xlsx
// beside src, or in dir when dir is not "". The copy of a copy keeps the
// copy's name (and is overwritten: it is the file being annotated), so a file
// sent back twice does not grow a second suffix. Any other file already there
// is never overwritten — it may be a copy the school has corrected — and the
// name gets a number instead: {原文件名}_错误标注(2).xlsx.
func AnnotatedPath(src, dir string) string {
	base := filepath.Base(src)
	stem := annotatedRE.ReplaceAllString(strings.TrimSuffix(base, filepath.Ext(base)), "")
	if dir == "" {
		dir = filepath.Dir(src)
	}
	srcInfo, srcErr := os.Stat(src)
	for n := 1; ; n++ {
		name := stem + annotatedSuffix
		if n > 1 {
			name += fmt.Sprintf("(%d)", n)
		}
		p := filepath.Join(dir, name+".xlsx")
		st, err := os.Stat(p)
		if err != nil || srcErr == nil && os.SameFile(st, srcInfo) {
			return p
		}
	}
}

var annotatedRE = regexp.MustCompile(annotatedSuffix + `(\(\d+\))?$`)

// mark is one annotated cell.
type mark struct {
	sheet    string // the sheet's name in the file
	col, row int
	errors   []string
	warnings []string
	always   bool // a row or sheet problem: the fill stays until the next import
}

func (m *mark) cell() string { c, _ := excelize.CoordinatesToCellName(m.col, m.row); return c }

// maxComments is how many marked cells get a comment; every marked cell is
// coloured and every issue is in the 错误清单. excelize's AddComment rescans
// the sheet's comments on every call, so without a cap 20,000 comments took
// minutes, and no school reads past the first thousand anyway.
const maxComments = 1000

// maxLinks is how many rows of the 错误清单 link to their cell (the 位置
// column names the cell on every row): SetCellHyperLink too rescans the
// sheet's links on every call.
const maxLinks = 5000

// Beyond these no marked copy is made: excelize holds every marked sheet
// whole (some 650 bytes a cell), so marking a workbook near the import limits
// took over a gigabyte. Such a file gets a workbook holding only the 错误清单,
// which names the sheet, row and column of each problem, at most
// maxListedIssues of them.
const (
	maxMarkedSheetXML = 8 << 20 // uncompressed worksheet XML, all sheets together
	maxMarkedIssues   = 20000
	maxListedIssues   = 20000
)

// Annotate writes dst: a copy of the workbook src with every issue marked.
// Issues of a whole row are marked on the row's column A, issues of a whole
// sheet (such as a missing header) on its header row; issues of the whole
// file only in the 错误清单. Chart sheets and other sheets that are not
// worksheets are left as they are.
func Annotate(src, dst string, issues []Issue) (err error) {
	defer func() {
		// excelize may panic on a layout it does not expect: that is this
		// copy's failure, never the caller's
		if p := recover(); p != nil {
			err = store.Errorf(store.EInvalid, "%s 的结构本程序无法处理（%v）", filepath.Base(src), p)
		}
	}()
	data, err := os.ReadFile(src)
	if err != nil {
		return store.Wrap(store.EInvalid, err, "无法读取文件 %s", filepath.Base(src))
	}
	if len(issues) > maxMarkedIssues || sheetXML(data) > maxMarkedSheetXML {
		return listIssues(dst, issues)
	}
	f, err := openBook(data, filepath.Base(src))
	if err != nil {
		return err
	}
	defer f.Close()
	a := &annotator{f: f, present: map[string]string{}, headers: map[string]map[string]int{}, comments: map[string]map[string]string{}}
	if err := a.worksheets(filepath.Base(src)); err != nil {
		return err
	}
	if err := a.clean(); err != nil {
		return err
	}
	marks, located := a.locate(issues)
	for i, m := range marks {
		if err := a.mark(m, i < maxComments); err != nil {
			return store.Wrap(store.EInvalid, err, "无法在 %s!%s 标注错误", m.sheet, m.cell())
		}
	}
	guide := "请逐项修改：出错的单元格标为红色（警告为黄色），鼠标指向可看到原因；点击“位置”一列可跳到该单元格。" +
		"单元格改动后红色自动消失。全部改好后保存（仍为 .xlsx 格式），交回教育局。本工作表不影响导入，不必删除。"
	if len(marks) > maxComments {
		guide = fmt.Sprintf("出错的单元格都标为红色（警告为黄色），其中前 %d 个附有批注；全部原因见下表。", maxComments) + guide
	}
	if err := a.list(issues, located, guide); err != nil {
		return err
	}
	return atomic.WriteFile(dst, func(w io.Writer) error { return f.Write(w) })
}

type annotator struct {
	f          *excelize.File
	sheets     []string                     // the worksheets, in order
	others     bool                         // the file has sheets that are not worksheets
	present    map[string]string            // trimmed name → name in the file, of the worksheets
	headers    map[string]map[string]int    // sheet → header → column number
	comments   map[string]map[string]string // sheet → cell → the text of the school's own comment
	errStyle   int
	warnStyle  int
	styledOnce bool
}

// worksheets finds the worksheets, and gives each the sheet view that the
// format makes optional: excelize's MoveSheet dereferences it unchecked.
func (a *annotator) worksheets(file string) error {
	for _, n := range a.f.GetSheetList() {
		_, err := a.f.GetSheetView(n, -1) // adds the view when missing
		switch {
		case err == nil:
			a.sheets = append(a.sheets, n)
			a.present[trim(n)] = n
		case strings.Contains(err.Error(), "is not a worksheet"): // excelize has no error type for it
			a.others = true
		default:
			return store.Wrap(store.EInvalid, err, "%s 的工作表“%s”无法读取（文件可能已损坏）", file, n)
		}
	}
	return nil
}

// clean removes the marks of an earlier annotation, and keeps the school's
// own comments to be shown under ours.
func (a *annotator) clean() error {
	f := a.f
	for _, n := range a.sheets {
		if trim(n) == SheetErrorList {
			if err := f.DeleteSheet(n); err != nil {
				return err
			}
			delete(a.present, trim(n))
		}
	}
	for _, n := range f.GetSheetList() {
		if _, ok := a.present[trim(n)]; !ok {
			continue
		}
		cs, err := f.GetComments(n)
		if err != nil {
			return err
		}
		own := map[string]string{}
		for _, c := range cs {
			if c.Author == annotationAuthor {
				if err := f.DeleteComment(n, c.Cell); err != nil {
					return err
				}
				continue
			}
			text := c.Text
			for _, r := range c.Paragraph {
				text += r.Text
			}
			own[c.Cell] = text
		}
		a.comments[n] = own
		cfs, err := f.GetConditionalFormats(n)
		if err != nil {
			return err
		}
		for ref, rules := range cfs {
			for _, r := range rules {
				if strings.Contains(r.Criteria, markError) || strings.Contains(r.Criteria, markWarning) {
					if err := f.UnsetConditionalFormat(n, ref); err != nil {
						return err
					}
					break
				}
			}
		}
	}
	return nil
}

// header finds a column by its header text in row 1 of the sheet.
func (a *annotator) header(sheetName, header string) (int, bool) {
	hs, ok := a.headers[sheetName]
	if !ok {
		hs = map[string]int{}
		if rows, err := a.f.Rows(sheetName); err == nil {
			if rows.Next() {
				if cols, err := rows.Columns(); err == nil {
					for i, h := range cols {
						if h = trim(h); h != "" {
							if _, dup := hs[h]; !dup {
								hs[h] = i + 1
							}
						}
					}
				}
			}
			rows.Close()
		}
		a.headers[sheetName] = hs
	}
	c, ok := hs[header]
	return c, ok
}

// locate puts the issues on cells. located[i] is the cell of issues[i] as
// "'sheet'!A1", or "" when the issue is of the whole file.
func (a *annotator) locate(issues []Issue) ([]*mark, []string) {
	byCell := map[string]*mark{}
	var marks []*mark
	located := make([]string, len(issues))
	for i, is := range issues {
		real, ok := a.present[is.Sheet]
		if is.Sheet == "" || !ok {
			continue
		}
		col, row, always := 1, is.Row, true
		if c, ok := a.header(real, is.Column); ok && is.Column != "" {
			col, always = c, is.Row == 0
		}
		if row == 0 {
			row = 1
		}
		m := &mark{sheet: real, col: col, row: row, always: always}
		key := real + "!" + m.cell()
		if old, ok := byCell[key]; ok {
			m = old
			m.always = m.always || always
		} else {
			byCell[key] = m
			marks = append(marks, m)
		}
		if is.Warning {
			m.warnings = append(m.warnings, is.Message)
		} else {
			m.errors = append(m.errors, is.Message)
		}
		located[i] = "'" + real + "'!" + m.cell()
	}
	return marks, located
}

func (a *annotator) styles() error {
	if a.styledOnce {
		return nil
	}
	var err error
	if a.errStyle, err = a.f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: "9C0006", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"FF9B9B"}, Pattern: 1}}); err != nil {
		return err
	}
	if a.warnStyle, err = a.f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: "7F6000"},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"FFE699"}, Pattern: 1}}); err != nil {
		return err
	}
	a.styledOnce = true
	return nil
}

// mark puts the fill on one cell, and the comment when withComment.
func (a *annotator) mark(m *mark, withComment bool) error {
	if err := a.styles(); err != nil {
		return err
	}
	if withComment {
		if err := a.comment(m); err != nil {
			return err
		}
	}
	return a.fill(m)
}

// comment puts the reasons on the cell as a comment; a comment of the
// school's own on the cell is kept, after ours.
func (a *annotator) comment(m *mark) error {
	f, cell := a.f, m.cell()
	var runs []excelize.RichTextRun
	text := 0
	add := func(label, color string, msgs []string) {
		for _, msg := range msgs {
			if len(runs) > 0 {
				runs = append(runs, excelize.RichTextRun{Text: "\n"})
			}
			runs = append(runs, excelize.RichTextRun{Text: label, Font: &excelize.Font{Bold: true, Color: color}},
				excelize.RichTextRun{Text: msg})
			text += len([]rune(label + msg))
		}
	}
	add("错误：", "C00000", m.errors)
	add("警告：", "7F6000", m.warnings)
	if old, ok := a.comments[m.sheet][cell]; ok {
		if err := f.DeleteComment(m.sheet, cell); err != nil {
			return err
		}
		runs = append(runs, excelize.RichTextRun{Text: "\n原批注：" + old})
		text += len([]rune(old)) + 5
	}
	lines := text/18 + len(m.errors) + len(m.warnings) + 1
	return f.AddComment(m.sheet, excelize.Comment{Cell: cell, Author: annotationAuthor, Paragraph: runs,
		Width: 260, Height: uint(min(20+lines*16, 400))})
}

// fill colours the cell red (yellow for warnings only) while it holds what
// was refused.
func (a *annotator) fill(m *mark) error {
	cell := m.cell()
	marker, style := markError, a.errStyle
	if len(m.errors) == 0 {
		marker, style = markWarning, a.warnStyle
	}
	formula := marker
	if !m.always {
		if cond := a.unchanged(m.sheet, cell); cond != "" {
			formula = "AND(" + marker + "," + cond + ")"
		}
	}
	return a.f.SetConditionalFormat(m.sheet, cell, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: formula, Format: &style}})
}

// unchanged is a formula true while the cell holds what it holds now; "" when
// none can be written (the fill then stays).
func (a *annotator) unchanged(sheetName, cell string) string {
	raw, err := a.f.GetCellValue(sheetName, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		return ""
	}
	t, _ := a.f.GetCellType(sheetName, cell)
	switch {
	case trim(raw) == "":
		return "LEN(TRIM(" + cell + "))=0"
	case t == excelize.CellTypeNumber || t == excelize.CellTypeDate || t == excelize.CellTypeUnset:
		if _, err := strconv.ParseFloat(raw, 64); err != nil {
			return ""
		}
		return "AND(ISNUMBER(" + cell + ")," + cell + "=" + raw + ")"
	case t == excelize.CellTypeSharedString || t == excelize.CellTypeInlineString || t == excelize.CellTypeFormula:
		if len([]rune(raw)) > 200 || strings.ContainsAny(raw, "\r\n") {
			return ""
		}
		return `EXACT(` + cell + `,"` + strings.ReplaceAll(raw, `"`, `""`) + `")`
	}
	return ""
}
