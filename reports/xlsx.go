package reports

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
)

// The font the sheets ask for: what Chinese Windows and WPS have.
const xlsxFont = "宋体"

// WriteXLSX renders the tables, then the 明细 tables, as a workbook, one
// sheet per table. Cells hold numbers where the table has figures (rates as
// fractions under 0.0%), so the level above can sum and check them. The
// same returns always give the same bytes.
func WriteXLSX(w io.Writer, r *Returns) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(newSortedZip)
	xw := &xlsxWriter{f: f, r: r, styles: map[styleKey]int{}}
	if err := xw.write(); err != nil {
		return store.Wrap(store.EInternal, err, "生成 Excel 报表失败")
	}
	_, err := f.WriteTo(w)
	return err
}

type xlsxWriter struct {
	f      *excelize.File
	r      *Returns
	styles map[styleKey]int
}

type styleKey struct {
	kind   string // title, caption, meta, left, right, header, cell, note, sign
	num    string // custom number format, "" for none
	align  string
	bold   bool
	border bool
	fill   bool
	size   float64
	wrap   bool
}

func (xw *xlsxWriter) style(k styleKey) (int, error) {
	if id, ok := xw.styles[k]; ok {
		return id, nil
	}
	size := k.size
	if size == 0 {
		size = 10.5
	}
	st := &excelize.Style{
		Font:      &excelize.Font{Family: xlsxFont, Size: size, Bold: k.bold},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: k.wrap},
	}
	switch k.align {
	case "L":
		st.Alignment.Horizontal = "left"
	case "R":
		st.Alignment.Horizontal = "right"
	case "C":
		st.Alignment.Horizontal = "center"
	}
	if k.border {
		st.Border = []excelize.Border{
			{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
			{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
		}
	}
	if k.fill {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	}
	if k.num != "" {
		n := k.num
		st.CustomNumFmt = &n
	}
	id, err := xw.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	xw.styles[k] = id
	return id, nil
}

// Number formats: counts as integers, rates as 0.0% (the value is the
// truncated fraction), changes with their sign.
const (
	fmtInt    = "0"
	fmtSigned = "+0;-0;0"
	fmtRate   = "0.0%"
	fmtPoints = `+0.0"个百分点";-0.0"个百分点";0.0"个百分点"`
)

func (xw *xlsxWriter) write() error {
	f, r := xw.f, xw.r
	err := f.SetDocProps(&excelize.DocProperties{
		Title:          r.Title,
		Subject:        fmt.Sprintf("%d年度产教融合统计报表", r.Year),
		Creator:        r.Unit.Name,
		LastModifiedBy: r.Creator,
		Description:    "由" + r.Creator + "生成",
		Created:        r.Date.UTC().Format("2006-01-02T15:04:05Z"),
		Modified:       r.Date.UTC().Format("2006-01-02T15:04:05Z"),
		Language:       "zh-CN",
	})
	if err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "chanjiao", Company: r.Unit.Name, AppVersion: "1.0"}); err != nil {
		return err
	}
	tables := append(append([]*Table(nil), r.Tables...), r.Details...)
	for i, t := range tables {
		name := t.SheetName()
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	// before the sheets are streamed: afterwards excelize would read every
	// streamed sheet back to mark the first one selected
	f.SetActiveSheet(0)
	for _, t := range tables {
		if err := xw.sheet(t.SheetName(), t); err != nil {
			return fmt.Errorf("%s: %w", t.SheetName(), err)
		}
	}
	return nil
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// grid is a sheet's cells laid out before they are streamed: rows in order,
// each cell with its style, the rows' heights and the merged ranges.
type grid struct {
	rows    [][]any // excelize.Cell per column, nil where there is none
	heights []float64
	merges  [][2]string
}

func (g *grid) grow(row int) {
	for len(g.rows) < row {
		g.rows = append(g.rows, nil)
		g.heights = append(g.heights, 0)
	}
}

func (g *grid) set(col, row int, v any, style int) {
	g.grow(row)
	r := g.rows[row-1]
	for len(r) < col {
		r = append(r, nil)
	}
	r[col-1] = excelize.Cell{StyleID: style, Value: v}
	g.rows[row-1] = r
}

func (g *grid) height(row int, h float64) {
	g.grow(row)
	g.heights[row-1] = h
}

func (g *grid) merge(a, b string) { g.merges = append(g.merges, [2]string{a, b}) }

// sheet lays one table out: the title merged across the grid, the header
// block, each part's header and rows with borders, the signatories and the
// notes; frozen header, widths that fit Chinese, print set-up. The cells go
// through excelize's stream writer.
func (xw *xlsxWriter) sheet(name string, t *Table) error {
	r := xw.r
	ncol := 0
	for _, p := range t.Parts {
		ncol = max(ncol, len(p.Columns))
	}
	g := &grid{}
	row := 1
	put := func(col int, v any, k styleKey) error {
		id, err := xw.style(k)
		if err != nil {
			return err
		}
		g.set(col, row, v, id)
		return nil
	}
	merged := func(from, to int, v any, k styleKey) error {
		if from != to {
			g.merge(cellName(from, row), cellName(to, row))
		}
		return put(from, v, k)
	}
	// title and table name
	if err := merged(1, ncol, r.Title, styleKey{kind: "title", align: "C", bold: true, size: 16}); err != nil {
		return err
	}
	g.height(row, 30)
	row++
	if err := merged(1, ncol, t.Caption(), styleKey{kind: "caption", align: "C", size: 13}); err != nil {
		return err
	}
	g.height(row, 22)
	row++
	// 表号 block, right
	meta := []string{"表号：" + t.Code, "制表机关：" + r.Authority, "文号：" + r.Unit.DocNo}
	if t.Measure != "" {
		meta = append(meta, "计量单位："+t.Measure)
	}
	half := max(1, ncol/2)
	metaFrom := min(half+1, ncol)
	for _, m := range meta {
		if err := merged(metaFrom, ncol, m, styleKey{kind: "meta", align: "R", size: 9}); err != nil {
			return err
		}
		row++
	}
	// 填报单位 / 统计年度
	if err := merged(1, half, "填报单位（盖章）："+r.Unit.Name, styleKey{kind: "left", align: "L"}); err != nil {
		return err
	}
	if err := merged(half+1, ncol, fmt.Sprintf("统计年度：%d", r.Year), styleKey{kind: "right", align: "R"}); err != nil {
		return err
	}
	row++

	widths := xlsxWidths(t, ncol)
	firstHeader := 0
	for pi, p := range t.Parts {
		if p.Caption != "" {
			if pi > 0 {
				row++
			}
			if err := merged(1, ncol, p.Caption, styleKey{kind: "caption", align: "L", bold: true}); err != nil {
				return err
			}
			row++
		}
		if firstHeader == 0 {
			firstHeader = row
		}
		headers := make([]string, len(p.Columns))
		for i, c := range p.Columns {
			if err := put(i+1, c.Header, styleKey{kind: "header", align: "C", bold: true, border: true, fill: true, wrap: true}); err != nil {
				return err
			}
			headers[i] = c.Header
		}
		g.height(row, max(30, lineHeight*float64(wrappedLines(headers, widths))+4))
		row++
		for _, rw := range p.Rows {
			if err := xw.row(g, row, rw, p.Columns, widths); err != nil {
				return err
			}
			row++
		}
	}
	// signatories and notes
	row++
	u := r.Unit
	sign := strings.Join([]string{"单位负责人：" + u.Head, "统计负责人：" + u.StatsHead, "填表人：" + u.Preparer,
		"联系电话：" + u.Phone, "报出日期：" + FormatDate(r.Date)}, "　　　")
	if err := merged(1, ncol, sign, styleKey{kind: "sign", align: "L"}); err != nil {
		return err
	}
	row++
	for i, n := range t.Footnotes {
		text := fmt.Sprintf("%d. %s", i+1, n)
		if i == 0 {
			text = "注：" + text
		}
		if err := merged(1, ncol, text, styleKey{kind: "note", align: "L", size: 9, wrap: true}); err != nil {
			return err
		}
		// a merged cell does not grow by itself: give the lines room
		g.height(row, 13*float64(wrappedLines([]string{text}, []float64{sum(widths)}))+2)
		row++
	}
	if err := xw.printSetup(name, t.Landscape, firstHeader); err != nil {
		return err
	}
	return xw.stream(name, g, widths, firstHeader)
}

// printSetup is A4 fitted to the page width, landscape where wide, the page
// number in the footer and the header row repeated. It goes before the
// stream writer, which writes the sheet's properties when it starts.
func (xw *xlsxWriter) printSetup(name string, landscape bool, firstHeader int) error {
	f := xw.f
	size, orient := 9, "portrait" // 9 = A4
	if landscape {
		orient = "landscape"
	}
	one, zero := 1, 0
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	yes := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	top, bottom, side := 1.0, 0.9, 0.6
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Top: &top, Bottom: &bottom, Left: &side, Right: &side}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&C— &P —"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", name, firstHeader, firstHeader)})
}

// stream writes the laid-out grid: panes and widths first, as the stream
// writer wants them, then the rows in order and the merged ranges.
func (xw *xlsxWriter) stream(name string, g *grid, widths []float64, firstHeader int) error {
	sw, err := xw.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: firstHeader, TopLeftCell: cellName(1, firstHeader+1),
		ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	for i, cells := range g.rows {
		if len(cells) == 0 {
			continue
		}
		if err := sw.SetRow(cellName(1, i+1), cells, excelize.RowOpts{Height: g.heights[i]}); err != nil {
			return err
		}
	}
	for _, m := range g.merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// row lays out one grid row: numbers as numbers with their format.
func (xw *xlsxWriter) row(g *grid, row int, rw Row, cols []Column, widths []float64) error {
	bold := rw.Kind == RowTotal || rw.Kind == RowSubtotal || rw.Kind == RowGroup
	if rw.Kind == RowGroup {
		g.merge(cellName(1, row), cellName(len(cols), row))
		id, err := xw.style(styleKey{kind: "cell", align: "L", bold: true, border: true, wrap: true})
		if err != nil {
			return err
		}
		g.set(1, row, rw.Cells[0].Text, id)
		for col := 2; col <= len(cols); col++ { // the border all along the merged range
			g.set(col, row, nil, id)
		}
		xw.fitRow(g, row, []string{rw.Cells[0].Text}, []float64{sum(widths[:len(cols)])})
		return nil
	}
	texts := make([]string, len(rw.Cells))
	for i, c := range rw.Cells {
		k := styleKey{kind: "cell", align: cols[i].Align, bold: bold, border: true}
		if i == 0 && cols[0].Header == "序号" {
			k.align = "C"
		}
		var v any
		switch c.Kind {
		case CellInt:
			v = c.Int
			k.num = fmtInt
			if c.Signed {
				k.num = fmtSigned
			}
		case CellRate:
			if rv, ok := c.RateValue(); ok {
				v = rv
				k.num = fmtRate
			} else {
				v = "—"
				k.align = "C"
			}
		case CellPoints:
			v = float64(c.Int) / 10
			k.num = fmtPoints
		default:
			v = c.Text
			k.wrap = true
			texts[i] = c.Text
		}
		id, err := xw.style(k)
		if err != nil {
			return err
		}
		g.set(i+1, row, v, id)
	}
	xw.fitRow(g, row, texts, widths)
	return nil
}

// lineHeight is the height (pt) of one line of 10.5 pt 宋体 in a cell.
const lineHeight = 14.0

// fitRow makes a row tall enough for its wrapped text: Excel does not grow
// a row by itself when the file is opened.
func (xw *xlsxWriter) fitRow(g *grid, row int, texts []string, widths []float64) {
	if n := wrappedLines(texts, widths); n > 1 {
		g.height(row, lineHeight*float64(n)+4)
	}
}

// wrappedLines is how many lines the tallest of texts takes in its column.
func wrappedLines(texts []string, widths []float64) int {
	n := 1
	for i, s := range texts {
		room := max(widths[i]-1, 2)
		n = max(n, int(math.Ceil(textWidth(s)/room)))
	}
	return n
}

// xlsxWidths gives each column the share of the printed page width the PDF
// gives it (the widest where parts differ), so a sheet fitted to the page
// width prints at full size and long names wrap instead of widening it.
func xlsxWidths(t *Table, ncol int) []float64 {
	page := 86.0 // A4 portrait between 0.6" margins, in Excel's character units
	if t.Landscape {
		page = 128
	}
	widths := make([]float64, ncol)
	for _, p := range t.Parts {
		total := 0.0
		for _, c := range p.Columns {
			total += c.Width
		}
		for i, c := range p.Columns {
			widths[i] = max(widths[i], math.Round(c.Width/total*page*10)/10)
		}
	}
	return widths
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// textWidth estimates a text's width in Excel's character units: a Chinese
// character is about two digits wide.
func textWidth(s string) float64 {
	w := 0.0
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		if r < 0x80 {
			w += 1.1
		} else {
			w += 2.1
		}
	}
	return w
}

// sortedZip writes a workbook's parts in the order of their names: excelize
// writes the streamed sheets in the order of a map, and the same returns
// must always give the same bytes.
type sortedZip struct {
	zw    *zip.Writer
	parts map[string]*bytes.Buffer
}

func newSortedZip(w io.Writer) excelize.ZipWriter {
	return &sortedZip{zw: zip.NewWriter(w), parts: map[string]*bytes.Buffer{}}
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.parts[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("sortedZip: AddFS is not supported") }

// Close writes the parts, in reverse order of their names as excelize
// writes the parts it holds in memory, and ends the archive.
func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.parts))
	for name := range z.parts {
		names = append(names, name)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	for _, name := range names {
		w, err := z.zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := z.parts[name].WriteTo(w); err != nil {
			return err
		}
	}
	return z.zw.Close()
}
