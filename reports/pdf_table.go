package reports

import (
	"fmt"
)

// The tables of the PDF returns: header rows repeated on every page, rows
// never split across pages, the signature block and footnotes after the last.

// tableWriter lays one table out over as many pages as it needs.
type tableWriter struct {
	*pdfWriter
	t *Table
}

func (pw *pdfWriter) table(t *Table) {
	tw := &tableWriter{pdfWriter: pw, t: t}
	tw.firstPage()
	for pi, part := range t.Parts {
		last := pi == len(t.Parts)-1
		tw.part(part, last)
	}
	tw.tail()
	switch {
	case t.No == 3 && t.Detail:
		tw.chart(pw.r.DetailSecondmentChart)
	case t.No == 3:
		tw.chart(pw.r.SecondmentChart)
	case t.No == 4 && !t.Detail:
		tw.chart(pw.r.TrainingChart)
	}
}

func (tw *tableWriter) geometry() geometry {
	if tw.t.Landscape {
		return landscape
	}
	return portrait
}

// firstPage starts the table: 表号 block top right, title and table name
// centred, then 填报单位 and 统计年度.
func (tw *tableWriter) firstPage() {
	tw.addPage(tw.geometry())
	g, p, r := tw.g, tw.pdf, tw.r
	p.SetTextColor(0, 0, 0)
	meta := []string{"表　　号：" + tw.t.Code, "制表机关：" + r.Authority, "文　　号：" + r.Unit.DocNo}
	if tw.t.Measure != "" {
		meta = append(meta, "计量单位："+tw.t.Measure)
	}
	metaW := 0.0
	for _, m := range meta {
		metaW = max(metaW, tw.width(m, metaSize))
	}
	metaH := 4.4
	metaX := g.rightX() - metaW
	p.SetFont(fontFamily, "", metaSize)
	for i, m := range meta {
		tw.text(metaX, g.top+float64(i)*metaH, metaH, m, "L", metaW+1)
	}
	titleW := tw.width(r.Title, titleSize)
	titleY := g.top
	if g.width()/2-titleW/2 < metaW+4 { // the title would run into the block
		titleY = g.top + float64(len(meta))*metaH + 1
	}
	p.SetFont(fontFamily, "", titleSize)
	tw.bold(func() { tw.text(g.left, titleY, 8, r.Title, "C", g.width()) })
	p.SetFont(fontFamily, "", nameSize)
	tw.text(g.left, titleY+8.5, 7, tw.t.Caption(), "C", g.width())
	tw.y = max(titleY+8.5+7, g.top+float64(len(meta))*metaH) + 1.5
	p.SetFont(fontFamily, "", 10)
	tw.text(g.left, tw.y, 6, "填报单位（盖章）："+r.Unit.Name, "L", g.width()/2)
	tw.text(g.left+g.width()/2, tw.y, 6, fmt.Sprintf("统计年度：%d", r.Year), "R", g.width()/2)
	tw.y += 7
}

// nextPage continues the table on a new page under a short heading.
func (tw *tableWriter) nextPage() {
	tw.addPage(tw.geometry())
	tw.pdf.SetFont(fontFamily, "", 10.5)
	tw.pdf.SetTextColor(0, 0, 0)
	tw.text(tw.g.left, tw.y, 6, tw.t.Caption()+"（续）", "L", tw.g.width()/2)
	tw.text(tw.g.left+tw.g.width()/2, tw.y, 6, fmt.Sprintf("填报单位：%s　统计年度：%d", tw.r.Unit.Name, tw.r.Year), "R", tw.g.width()/2)
	tw.y += 7.5
}

// widths scales a grid's relative widths to the page.
func (tw *tableWriter) widths(cols []Column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += c.Width
	}
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.Width / total * tw.g.width()
	}
	return out
}

func (tw *tableWriter) headerHeight(cols []Column, ws []float64) float64 {
	n := 1
	for i, c := range cols {
		n = max(n, len(tw.wrap(c.Header, cellSize, ws[i]-2*cellPad, 0)))
	}
	return max(8, float64(n)*lineH+2.6)
}

func (tw *tableWriter) header(cols []Column, ws []float64) {
	p := tw.pdf
	h := tw.headerHeight(cols, ws)
	x := tw.g.left
	p.SetFillColor(242, 242, 242)
	p.SetDrawColor(0, 0, 0)
	for i, c := range cols {
		p.SetLineWidth(thinLine)
		p.Rect(x, tw.y, ws[i], h, "FD")
		lines := tw.wrap(c.Header, cellSize, ws[i]-2*cellPad, 0)
		p.SetFont(fontFamily, "", cellSize)
		top := tw.y + (h-float64(len(lines))*lineH)/2
		for j, line := range lines {
			tw.text(x, top+float64(j)*lineH, lineH, line, "C", ws[i])
		}
		x += ws[i]
	}
	p.SetLineWidth(thickLine)
	p.Line(tw.g.left, tw.y, tw.g.left+tw.g.width(), tw.y)
	tw.y += h
}

// tailHeight is what goes under the last grid: the gap after it, the
// signatories and the notes.
func (tw *tableWriter) tailHeight() float64 {
	return gridGap + float64(len(tw.signature()))*6.5 + 1.5 + tw.notesHeight()
}

// gridGap is the space under a grid (mm).
const gridGap = 2.0

// part draws one grid; headers repeat on every page and no row is split.
// The last row of the last part keeps the signature and notes with it.
func (tw *tableWriter) part(part *Part, last bool) {
	ws := tw.widths(part.Columns)
	hh := tw.headerHeight(part.Columns, ws)
	rows := make([]laidRow, len(part.Rows))
	for i, row := range part.Rows {
		rows[i] = tw.layRow(row, part.Columns, ws)
	}
	capH := 0.0
	if part.Caption != "" {
		capH = 7
	}
	first := rowH
	if len(rows) > 0 {
		first = rows[0].h
	}
	if tw.y+capH+hh+first+rowH > tw.g.maxY() {
		tw.nextPage()
	}
	if part.Caption != "" {
		tw.pdf.SetFont(fontFamily, "", 10.5)
		tw.bold(func() { tw.text(tw.g.left, tw.y, 6, part.Caption, "L", tw.g.width()) })
		tw.y += capH
	}
	tw.header(part.Columns, ws)
	top := tw.y - hh
	n := len(rows)
	for i, row := range rows {
		need := row.h
		switch {
		case last && i == n-1:
			need += tw.tailHeight()
		case last && i == n-2 && n > 2:
			// keep the 合计 row, with the signatories, from standing alone
			need += rows[n-1].h + tw.tailHeight()
		}
		if tw.y+need > tw.g.maxY() {
			tw.frame(top)
			tw.nextPage()
			if part.Caption != "" {
				tw.pdf.SetFont(fontFamily, "", 10.5)
				tw.text(tw.g.left, tw.y, 6, part.Caption+"（续）", "L", tw.g.width())
				tw.y += capH
			}
			top = tw.y
			tw.header(part.Columns, ws)
		}
		tw.row(row, ws)
	}
	tw.frame(top)
	tw.y += gridGap
}

// frame draws the heavier outer border of the grid drawn since top.
func (tw *tableWriter) frame(top float64) {
	p := tw.pdf
	p.SetLineWidth(thickLine)
	p.SetDrawColor(0, 0, 0)
	p.Rect(tw.g.left, top, tw.g.width(), tw.y-top, "D")
}

// lineH is the line pitch inside a cell (mm).
const lineH = 4.2

// laidCell is a cell's text broken into the lines it is drawn in.
type laidCell struct {
	lines []string
	size  float64
	align string
}

// laidRow is a row ready to draw: its cells' lines and the height the
// tallest of them needs.
type laidRow struct {
	kind  RowKind
	cells []laidCell
	h     float64
}

// layRow breaks a row's text cells into lines within their columns; a
// group row spans the grid.
func (tw *tableWriter) layRow(row Row, cols []Column, ws []float64) laidRow {
	lr := laidRow{kind: row.Kind}
	if row.Kind == RowGroup {
		lr.cells = []laidCell{tw.layCell(row.Cells[0], Column{Align: "L"}, tw.g.width())}
	} else {
		for i, c := range cols {
			lc := tw.layCell(row.Cells[i], c, ws[i])
			if i == 0 && c.Header == "序号" {
				lc.align = "C"
			}
			lr.cells = append(lr.cells, lc)
		}
	}
	n := 1
	for _, c := range lr.cells {
		n = max(n, len(c.lines))
	}
	lr.h = max(rowH, float64(n)*lineH+2.6)
	return lr
}

// layCell fits one cell into width w: a number stays on one line, its size
// stepping down until it fits; text wraps at the cell size, stepping down
// only while one word (a code, a run of digits) is wider than the cell.
func (tw *tableWriter) layCell(c Cell, col Column, w float64) laidCell {
	s := c.Display(col.Thousands)
	avail := w - 2*cellPad
	for size := cellSize; ; size -= 0.5 {
		lines := []string{s}
		if c.Kind == CellText {
			lines = tw.wrap(s, size, avail, 0)
		}
		if size <= minCellSize || tw.widest(lines, size) <= avail+0.01 {
			return laidCell{lines: lines, size: size, align: col.Align}
		}
	}
}

// widest is the width of the longest of lines at size pt.
func (tw *tableWriter) widest(lines []string, size float64) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, tw.width(l, size))
	}
	return w
}

// row draws a laid-out row: every cell as tall as the row, its lines
// centred in it.
func (tw *tableWriter) row(row laidRow, ws []float64) {
	p := tw.pdf
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(thinLine)
	if row.kind == RowGroup {
		ws = []float64{tw.g.width()}
	}
	strong := row.kind == RowTotal || row.kind == RowSubtotal || row.kind == RowGroup
	x := tw.g.left
	for i, c := range row.cells {
		p.Rect(x, tw.y, ws[i], row.h, "D")
		top := tw.y + (row.h-float64(len(c.lines))*lineH)/2
		p.SetFont(fontFamily, "", c.size)
		draw := func() {
			for j, line := range c.lines {
				tw.text(x+cellPad, top+float64(j)*lineH, lineH, line, c.align, ws[i]-2*cellPad)
			}
		}
		if strong {
			tw.bold(draw)
		} else {
			draw()
		}
		x += ws[i]
	}
	tw.y += row.h
}

// signature is the line (or two, on a narrow page) of signatories.
func (tw *tableWriter) signature() [][]string {
	u := tw.r.Unit
	blank := "＿＿＿＿＿"
	or := func(s string) string {
		if s == "" {
			return blank
		}
		return s
	}
	items := []string{"单位负责人：" + or(u.Head), "统计负责人：" + or(u.StatsHead), "填表人：" + or(u.Preparer),
		"联系电话：" + or(u.Phone), "报出日期：" + FormatDate(tw.r.Date)}
	total := 0.0
	for _, it := range items {
		total += tw.width(it, 10) + 4
	}
	if total <= tw.geometry().width() {
		return [][]string{items}
	}
	return [][]string{items[:3], items[3:]}
}

func (tw *tableWriter) notes() []string {
	var out []string
	for i, n := range tw.t.Footnotes {
		prefix := fmt.Sprintf("%d. ", i+1)
		if i == 0 {
			prefix = "注：" + prefix
		} else {
			prefix = "　　" + prefix
		}
		out = append(out, prefix+n)
	}
	return out
}

// noteIndent is how far a footnote's second line starts in: under its text.
func (tw *tableWriter) noteIndent() float64 { return tw.width("注：1. ", noteSize) }

func (tw *tableWriter) notesHeight() float64 {
	n := 0
	for _, s := range tw.notes() {
		n += len(tw.wrap(s, noteSize, tw.geometry().width()-tw.noteIndent(), 0))
	}
	return float64(n) * 4.2
}

// tail writes the signatories and the footnotes under the grid.
func (tw *tableWriter) tail() {
	if tw.y+tw.tailHeight()-gridGap > tw.g.maxY() { // the gap is behind us
		tw.nextPage()
	}
	p := tw.pdf
	p.SetTextColor(0, 0, 0)
	for _, line := range tw.signature() {
		p.SetFont(fontFamily, "", 10)
		// spread the items over the width
		widths := 0.0
		for _, it := range line {
			widths += tw.width(it, 10)
		}
		gap := (tw.g.width() - widths) / float64(max(1, len(line)-1))
		x := tw.g.left
		for _, it := range line {
			w := tw.width(it, 10)
			tw.text(x, tw.y, 6, it, "L", w+0.5)
			x += w + gap
		}
		tw.y += 6.5
	}
	tw.y += 1.5
	p.SetTextColor(60, 60, 60)
	for _, n := range tw.notes() {
		for j, line := range tw.wrap(n, noteSize, tw.g.width()-tw.noteIndent(), 0) {
			x := tw.g.left
			if j > 0 {
				x += tw.noteIndent()
			}
			p.SetFont(fontFamily, "", noteSize)
			tw.text(x, tw.y, 4.2, line, "L", tw.g.width())
			tw.y += 4.2
		}
	}
	p.SetTextColor(0, 0, 0)
}
