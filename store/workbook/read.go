// Package workbook reads and writes the canonical exchange workbook of
// shared/spec/workbook.md: read → validate every cell → apply in one
// transaction, all or nothing; and write a year's records back out.
package workbook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
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

// readFile opens path as an xlsx workbook and reads the known sheets and,
// when the program made the file as a school's template, its template record.
func readFile(path string) (map[string]*sheet, *TemplateInfo, []Issue, error) {
	name := filepath.Base(path)
	fh, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, store.Wrap(store.EInvalid, err, "无法打开文件 %s", name)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, nil, nil, store.Wrap(store.EInvalid, err, "无法读取文件 %s", name)
	}
	return readBook(fh, st.Size(), name)
}

// read reads the known sheets of a workbook held in memory.
func read(data []byte, name string) (map[string]*sheet, []Issue, error) {
	sheets, _, issues, err := readBook(bytes.NewReader(data), int64(len(data)), name)
	return sheets, issues, err
}

// excelizeOptions bound what excelize holds: a worksheet or shared string
// table above the XML limit stays in a temporary file, not in memory.
var excelizeOptions = excelize.Options{UnzipSizeLimit: maxTotalSize, UnzipXMLSizeLimit: 4 << 20}

// openBook opens data as an xlsx workbook with excelize, once the archive
// has passed every check of openArchive.
func openBook(data []byte, name string) (f *excelize.File, err error) {
	if _, err := openArchive(bytes.NewReader(data), int64(len(data)), name); err != nil {
		return nil, err
	}
	defer func() { // a panic in excelize refuses the file; it does not stop the program
		if r := recover(); r != nil {
			f, err = nil, store.Errorf(store.EInvalid, "%s 无法作为 .xlsx 工作簿打开（文件可能已损坏）。请另存为 .xlsx 格式后再导入", name)
		}
	}()
	f, err = excelize.OpenReader(bytes.NewReader(data), excelizeOptions)
	if err != nil {
		return nil, store.Wrap(store.EInvalid, err, "%s 无法作为 .xlsx 工作簿打开（文件可能已损坏）。请另存为 .xlsx 格式后再导入", name)
	}
	return f, nil
}

// readBook checks the archive, then streams the known sheets and the
// template record out of it.
func readBook(r io.ReaderAt, size int64, name string) (map[string]*sheet, *TemplateInfo, []Issue, error) {
	zr, err := openArchive(r, size, name)
	if err != nil {
		return nil, nil, nil, err
	}
	b, err := newBook(zr, name)
	if err != nil {
		return nil, nil, nil, err
	}
	sheets, issues, err := b.readSheets()
	if err != nil {
		return nil, nil, nil, err
	}
	return sheets, b.templateInfo(), issues, nil
}

// templateInfo reads the template record: the label and value columns of
// the _模板信息 sheet, or else the custom properties. A record that cannot be
// read is none: the file is then read as any workbook.
func (b *book) templateInfo() *TemplateInfo {
	var rows [][]string
	for _, s := range b.sheets {
		if trim(s.name) != sheetInfo {
			continue
		}
		b.rows(s, func(num int, cells []xcell) error {
			if len(rows) >= maxSheetRows {
				return errEnough
			}
			r := make([]string, 2)
			for _, c := range cells {
				if c.col <= 2 {
					r[c.col-1] = c.value
				}
			}
			rows = append(rows, r)
			return nil
		})
		break
	}
	return templateRecord(rows, b.customProps)
}

// customProps reads docProps/custom.xml: each property's name and text.
func (b *book) customProps() map[string]string {
	props := map[string]string{}
	var name string
	var text []byte
	b.scan("docProps/custom.xml", func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "property" {
				name, text = attr(t, "name"), text[:0]
			}
		case xml.CharData:
			if name != "" {
				text = append(text, t...)
			}
		case xml.EndElement:
			if t.Name.Local == "property" && name != "" {
				props[name], name = string(text), ""
			}
		}
		return nil
	})
	return props
}

// readSheets reads the known sheets, refusing two sheets whose names differ
// only by spaces: which one the clerk meant cannot be told.
func (b *book) readSheets() (map[string]*sheet, []Issue, error) {
	present := map[string]bookSheet{} // trimmed name → sheet
	for _, s := range b.sheets {
		key := trim(s.name)
		if other, dup := present[key]; dup {
			return nil, nil, store.Errorf(store.EInvalid, "%s 中有两个工作表“%s”和“%s”，名称只差空格，无法确定读取哪一个。请删除或改名其中一个后再导入", b.name, other.name, s.name)
		}
		present[key] = s
	}
	sheets := map[string]*sheet{}
	var issues []Issue
	for _, def := range Sheets {
		bs, ok := present[def.Name]
		if !ok {
			continue
		}
		s, sheetIssues, err := b.readSheet(bs, def.Name, def.Columns)
		if err != nil {
			var se *store.Error
			if errors.As(err, &se) {
				return nil, nil, err
			}
			return nil, nil, store.Wrap(store.EInvalid, err, "%s 的工作表“%s”无法读取（文件可能已损坏）", b.name, def.Name)
		}
		issues = append(issues, sheetIssues...)
		if s != nil {
			sheets[def.Name] = s
		}
	}
	return sheets, issues, nil
}

// errEnough stops a sheet's scan once what is needed has been read.
var errEnough = errors.New("enough")

// readSheet reads one known sheet: the headers of row 1, then every row
// holding a value, keeping only the cells of the known columns.
func (b *book) readSheet(bs bookSheet, name string, columns []Column) (*sheet, []Issue, error) {
	s := &sheet{name: name, cols: map[string]int{}}
	headers := map[int]string{} // column number → header
	var slots map[int]int       // column number → index in row.cells; nil until the headers are known
	var issues []Issue
	setup := func() bool {
		slots = map[int]int{}
		for _, c := range columns {
			col := firstColumn(headers, c.Header)
			if col == 0 {
				if c.Required {
					issues = append(issues, Issue{Sheet: name, Column: c.Header, Message: "缺少必需的列“" + c.Header + "”（表头应在第 1 行）"})
				}
				continue
			}
			s.cols[c.Header] = len(slots)
			slots[col] = len(slots)
		}
		return len(issues) == 0
	}
	err := b.rows(bs, func(num int, cells []xcell) error {
		if num == 1 {
			for _, c := range cells {
				headers[c.col] = c.value
			}
			return nil
		}
		if slots == nil && !setup() {
			return errEnough
		}
		if len(s.rows) >= maxSheetRows {
			return store.Errorf(store.EInvalid, "%s 的工作表“%s”超过 %d 行的上限，不是一个县的数据工作簿", b.name, name, maxSheetRows)
		}
		if b.cells += len(slots); b.cells > maxCells {
			return store.Errorf(store.EInvalid, "%s 的单元格超过 %d 个的上限，不是一个县的数据工作簿", b.name, maxCells)
		}
		r := row{num: num, cells: make([]cell, len(slots))}
		for _, c := range cells {
			if i, ok := slots[c.col]; ok {
				r.cells[i] = cell{raw: c.value, numeric: c.numeric, date: c.date}
			}
		}
		s.rows = append(s.rows, r)
		return nil
	})
	if err != nil && err != errEnough {
		return nil, nil, err
	}
	if slots == nil {
		setup()
	}
	if len(issues) > 0 {
		return nil, issues, nil
	}
	return s, nil, nil
}

// firstColumn is the leftmost column with this header, 0 when none has it.
func firstColumn(headers map[int]string, header string) int {
	best := 0
	for col, h := range headers {
		if h == header && (best == 0 || col < best) {
			best = col
		}
	}
	return best
}

// xcell is one non-empty cell as read: its column, trimmed text, and what
// Excel knows of it.
type xcell struct {
	col     int
	value   string
	numeric bool
	date    bool
}

// rows streams the rows of a worksheet that hold a value to visit, in
// order. Rows that carry only formatting cost neither memory nor a visit.
func (b *book) rows(bs bookSheet, visit func(num int, cells []xcell) error) error {
	var (
		num, last, col int
		cells          []xcell
		c              rawCell
		inCell, inV    bool
		rt             richText
	)
	return b.scan(bs.part, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "row":
				n, err := rowNumber(attr(t, "r"), last)
				if err != nil {
					return err
				}
				num, col, cells = n, 0, cells[:0]
			case t.Name.Local == "c":
				n, err := columnNumber(attr(t, "r"), col)
				if err != nil {
					return err
				}
				col, inCell = n, true
				style, _ := strconv.Atoi(attr(t, "s"))
				c = rawCell{typ: attr(t, "t"), style: style, v: c.v[:0]}
			case inCell && t.Name.Local == "v":
				inV = true
			case inCell && t.Name.Local == "is":
				rt.start()
				c.inline = true
			case rt.active:
				rt.take(tok)
			}
		case xml.EndElement:
			switch {
			case t.Name.Local == "row":
				if num <= last {
					return fmt.Errorf("row %d after row %d", num, last)
				}
				last = num
				if len(cells) > 0 {
					return visit(num, cells)
				}
			case t.Name.Local == "c":
				inCell = false
				x, err := b.cellValue(&c, &rt)
				if err != nil {
					return err
				}
				if x.value != "" {
					x.col = col
					cells = append(cells, x)
				}
			case t.Name.Local == "v":
				inV = false
			case t.Name.Local == "is":
				rt.active = false
			case rt.active:
				rt.take(tok)
			}
		case xml.CharData:
			if inV {
				c.v = append(c.v, t...)
			} else if rt.active {
				rt.take(tok)
			}
		}
		return nil
	})
}

// rawCell is a <c> element as the worksheet stores it.
type rawCell struct {
	typ    string // the t attribute
	style  int
	v      []byte
	inline bool // has an <is> inline string
}

// cellValue gives a cell's trimmed text as Excel stores it (the shared or
// inline string, or the number as written) and whether it is a number.
func (b *book) cellValue(c *rawCell, rt *richText) (xcell, error) {
	var x xcell
	switch c.typ {
	case "s":
		v := strings.TrimSpace(string(c.v))
		if v == "" {
			return x, nil
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(b.sst) {
			return x, fmt.Errorf("shared string %q out of range", v)
		}
		x.value = b.sst[i]
	case "inlineStr":
		if c.inline {
			x.value = rt.text()
		} else {
			x.value = string(c.v)
		}
	case "", "n", "d":
		x.value = string(c.v)
		x.numeric = true
		x.date = c.typ == "d" || c.style >= 0 && c.style < len(b.dateStyles) && b.dateStyles[c.style]
	default: // str (a formula's text), b (a boolean), e (an error)
		x.value = string(c.v)
	}
	x.value = trim(x.value)
	return x, nil
}

// rowNumber reads a <row>'s r attribute; an absent one follows the last row.
func rowNumber(r string, last int) (int, error) {
	if r == "" {
		return last + 1, nil
	}
	n, err := strconv.Atoi(r)
	if err != nil || n < 1 || n > excelize.TotalRows {
		return 0, fmt.Errorf("bad row number %q", r)
	}
	return n, nil
}

// columnNumber reads the column of a <c>'s r attribute (such as AB12); an
// absent one follows the last column.
func columnNumber(ref string, last int) (int, error) {
	if ref == "" {
		return last + 1, nil
	}
	n := 0
	for i := 0; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A') + 1
		if n > excelize.MaxColumns {
			break
		}
	}
	if n < 1 || n > excelize.MaxColumns {
		return 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return n, nil
}
