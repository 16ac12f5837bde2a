// Package workbook reads and writes the canonical exchange workbook of
// shared/spec/workbook.md: read → validate every cell → apply in one
// transaction, all or nothing; and write a year's records back out.
package workbook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
)

// sheet is one sheet as read: where each header is, and the non-empty rows.
type sheet struct {
	name    string
	cols    map[string]int    // header → index in row.cells, of the columns present
	columns map[string]Column // header → the table's column
	rows    []row
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
	if err := b.checkKind(present); err != nil {
		return nil, nil, err
	}
	sheets := map[string]*sheet{}
	var issues []Issue
	for _, def := range Sheets {
		bs, ok := present[def.Name]
		if !ok {
			continue
		}
		s, sheetIssues, err := b.readSheet(bs, def.Name, def.readColumns())
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
	s := &sheet{name: name, cols: map[string]int{}, columns: map[string]Column{}}
	for _, c := range columns {
		s.columns[c.Header] = c
	}
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
