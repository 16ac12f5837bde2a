// Package workbook reads and writes the canonical exchange workbook of
// shared/spec/workbook.md: read → validate every cell → apply in one
// transaction, all or nothing; and write a year's records back out.
package workbook

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
)

// Sheet names and their columns, in the order export writes them.
const (
	SheetSchools     = "学校"
	SheetEnterprises = "合作企业"
	SheetMajors      = "专业"
	SheetSecondments = "互派互聘"
	SheetTrainings   = "培训"
)

// Column is one column of a sheet.
type Column struct {
	Header   string
	Required bool
	Width    float64 // export width, in Excel character units
	kind     kind
}

type kind int

const (
	text     kind = iota
	code          // NFKC + upper-case; a numeric cell is read as its digits
	textCode      // like code, but a numeric cell is an error (Excel lost digits)
	date
	count
	year
)

// Sheets lists the sheets in export order with their columns.
var Sheets = []struct {
	Name    string
	Columns []Column
}{
	{SheetSchools, []Column{
		{"学校标识码", true, 14, code}, {"学校名称", true, 30, text}, {"办学类型", true, 14, text},
		{"所在区划代码", true, 13, code}, {"办学性质", true, 10, text}, {"优质学校等级", false, 13, text},
		{"联系人", false, 10, text}, {"联系电话", false, 16, text}, {"停办年份", false, 10, year}}},
	{SheetEnterprises, []Column{
		{"统一社会信用代码", true, 22, textCode}, {"企业名称", true, 34, text}, {"所属行业", false, 12, text},
		{"产教融合型企业等级", false, 18, text}, {"所在区划代码", false, 13, code}, {"联系人", false, 10, text},
		{"联系电话", false, 16, text}}},
	{SheetMajors, []Column{
		{"学校标识码", true, 14, code}, {"统计年度", true, 10, year}, {"专业代码", true, 11, code},
		{"专业名称", true, 24, text}, {"开设年份", false, 10, year}, {"状态", true, 8, text},
		{"在校生数", true, 10, count}, {"毕业生数", true, 10, count}, {"升学人数", true, 10, count},
		{"订单班人数", false, 11, count}, {"贯通培养", false, 11, text}, {"优质专业等级", false, 13, text},
		{"合作企业", false, 42, text}}},
	{SheetSecondments, []Column{
		{"学校标识码", true, 14, code}, {"统一社会信用代码", true, 22, textCode}, {"姓名", true, 10, text},
		{"性别", false, 6, text}, {"身份证号", false, 21, textCode}, {"方向", true, 14, text},
		{"岗位类型", true, 11, text}, {"开始日期", true, 12, date}, {"结束日期", false, 12, date},
		{"备注", false, 24, text}, {"人员标识", false, 24, text}}},
	{SheetTrainings, []Column{
		{"承办学校标识码", true, 16, code}, {"项目名称", true, 30, text}, {"培训对象", true, 12, text},
		{"培训人次", true, 10, count}, {"学时", false, 8, count}, {"开始日期", true, 12, date},
		{"结束日期", false, 12, date}, {"合作企业", false, 22, textCode}}},
}

// Issue is one problem found in a workbook, located as Excel shows it.
type Issue struct {
	Sheet   string
	Row     int    // 0 for a problem of the whole sheet or file
	Column  string // the column header; "" for a whole row
	Message string
	Warning bool
}

// String gives the issue as `工作表 行 列: 原因`.
func (i Issue) String() string {
	switch {
	case i.Sheet == "":
		return i.Message
	case i.Row == 0 && i.Column == "":
		return i.Sheet + ": " + i.Message
	case i.Row == 0:
		return i.Sheet + " " + i.Column + ": " + i.Message
	case i.Column == "":
		return fmt.Sprintf("%s %d: %s", i.Sheet, i.Row, i.Message)
	}
	return fmt.Sprintf("%s %d %s: %s", i.Sheet, i.Row, i.Column, i.Message)
}

// RefusedError is returned when a workbook has errors: it lists all of them;
// nothing was changed.
type RefusedError struct {
	File   string
	Issues []Issue // errors first, then warnings
	// Template is set when the file is one of the program's templates.
	Template *TemplateInfo
	// Schools are the 学校标识码 the file's rows name, sorted.
	Schools []string
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	n := 0
	for _, i := range e.Issues {
		if !i.Warning {
			n++
		}
	}
	fmt.Fprintf(&b, "%s 有 %d 处错误，未导入任何数据：", filepath.Base(e.File), n)
	for _, i := range e.Issues {
		if !i.Warning {
			b.WriteString("\n")
			b.WriteString(i.String())
		}
	}
	return b.String()
}

// sheet is one sheet as read: where each header is, and the non-empty rows.
type sheet struct {
	name string
	cols map[string]int
	rows []row
}

type row struct {
	num   int // as Excel numbers it
	cells []cell
}

func (s *sheet) has(header string) bool { _, ok := s.cols[header]; return ok }

func (s *sheet) get(r row, header string) cell {
	i, ok := s.cols[header]
	if !ok || i >= len(r.cells) {
		return cell{}
	}
	return r.cells[i]
}

// maxFileSize bounds what is read: a county's workbook is a few MB.
const maxFileSize = 200 << 20

// readFile opens path as an xlsx workbook and reads the known sheets and,
// when the program made the file as a school's template, its template record.
func readFile(path string) (map[string]*sheet, *TemplateInfo, []Issue, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, store.Wrap(store.EInvalid, err, "无法打开文件 %s", filepath.Base(path))
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxFileSize+1))
	if err != nil {
		return nil, nil, nil, store.Wrap(store.EInvalid, err, "无法读取文件 %s", filepath.Base(path))
	}
	f, err := openBook(data, filepath.Base(path))
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	sheets, issues, err := readSheets(f, filepath.Base(path))
	return sheets, templateInfo(f), issues, err
}

func read(data []byte, name string) (map[string]*sheet, []Issue, error) {
	f, err := openBook(data, name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return readSheets(f, name)
}

// openBook opens data as an xlsx workbook, refusing what is not one.
func openBook(data []byte, name string) (*excelize.File, error) {
	if len(data) > maxFileSize {
		return nil, store.Errorf(store.EInvalid, "%s 太大（超过 200 MB），不是数据工作簿", name)
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, store.Errorf(store.EInvalid, "%s 不是 .xlsx 工作簿。请另存为 .xlsx 格式后再导入", name)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 256 << 20})
	if err != nil {
		return nil, store.Wrap(store.EInvalid, err, "%s 无法作为 .xlsx 工作簿打开（文件可能已损坏）。请另存为 .xlsx 格式后再导入", name)
	}
	return f, nil
}

// readSheets reads the known sheets of an open workbook.
func readSheets(f *excelize.File, name string) (map[string]*sheet, []Issue, error) {
	sheets := map[string]*sheet{}
	var issues []Issue
	present := map[string]string{} // trimmed name → name in the file
	for _, n := range f.GetSheetList() {
		present[trim(n)] = n
	}
	for _, def := range Sheets {
		real, ok := present[def.Name]
		if !ok {
			continue
		}
		s, sheetIssues, err := readSheet(f, real, def.Name, def.Columns)
		if err != nil {
			return nil, nil, store.Wrap(store.EInvalid, err, "%s 的工作表“%s”无法读取（文件可能已损坏）", name, def.Name)
		}
		issues = append(issues, sheetIssues...)
		if s != nil {
			sheets[def.Name] = s
		}
	}
	return sheets, issues, nil
}

func readSheet(f *excelize.File, real, name string, columns []Column) (s *sheet, issues []Issue, err error) {
	defer func() { // excelize can panic on malformed sheets; a bad file is refused, not a crash
		if r := recover(); r != nil {
			s, issues, err = nil, nil, fmt.Errorf("excelize: %v", r)
		}
	}()
	rows, err := f.GetRows(real, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, err
	}
	s = &sheet{name: name, cols: map[string]int{}}
	if len(rows) > 0 {
		for i, h := range rows[0] {
			h = trim(h)
			if _, dup := s.cols[h]; h != "" && !dup {
				s.cols[h] = i
			}
		}
	}
	kinds := map[int]kind{}
	for _, c := range columns {
		i, ok := s.cols[c.Header]
		if !ok {
			if c.Required {
				issues = append(issues, Issue{Sheet: name, Column: c.Header, Message: "缺少必需的列“" + c.Header + "”（表头应在第 1 行）"})
			}
			continue
		}
		kinds[i] = c.kind
	}
	if len(issues) > 0 {
		return nil, issues, nil
	}
	styles := map[int]bool{} // style id → shows a date
	for ri := 1; ri < len(rows); ri++ {
		r := row{num: ri + 1, cells: make([]cell, len(rows[ri]))}
		empty := true
		for ci, v := range rows[ri] {
			c := cell{raw: trim(v)}
			if c.raw == "" {
				continue
			}
			empty = false
			if k, ok := kinds[ci]; ok && k != text {
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				t, _ := f.GetCellType(real, ref)
				c.numeric = t == excelize.CellTypeUnset || t == excelize.CellTypeNumber || t == excelize.CellTypeDate
				if c.numeric && k == date {
					id, _ := f.GetCellStyle(real, ref)
					isDate, seen := styles[id]
					if !seen {
						if st, err := f.GetStyle(id); err == nil && st != nil {
							isDate = isDateFormat(st.NumFmt, st.CustomNumFmt)
						}
						styles[id] = isDate
					}
					c.date = isDate || t == excelize.CellTypeDate
				}
			}
			r.cells[ci] = c
		}
		if !empty {
			s.rows = append(s.rows, r)
		}
	}
	return s, nil, nil
}
