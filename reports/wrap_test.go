package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chanjiao/reports"
	"chanjiao/store"
	"chanjiao/store/storetest"
)

// The grid's place on the page (mm), as the PDF lays it out.
var (
	landscapeGrid = [2]float64{37, 225} // left, width
	portraitGrid  = [2]float64{28, 156}
)

// longNames is a county whose eleven schools' names run from 10 to 60
// characters, each with one major.
func longNames(t *testing.T) *reports.Returns {
	t.Helper()
	db := storetest.Open(t, &store.Unit{Code: "532323", Name: "牟定县教育体育局", Level: store.LevelCounty, Head: "张明"})
	base := []rune("云南省楚雄彝族自治州牟定县职业高级中学（牟定县职教中心）")
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		for i, n := 0, 10; n <= 60; i, n = i+1, n+5 {
			var name []rune
			for len(name) < n {
				name = append(name, base...)
			}
			s := store.School{Code: fmt.Sprintf("36532301%02d", i+1), Name: string(name[:n]), Type: "中等职业学校",
				Region: "532323", Ownership: "公办"}
			if _, err := tx.PutSchool(&s); err != nil {
				return err
			}
			m := store.Major{SchoolCode: s.Code, Year: 2025, Code: "710201", Name: "计算机应用", OpenedYear: 2018, Status: "招生",
				Enrolled: 100 + i, Graduates: 30, Progressed: 20}
			if _, err := tx.PutMajor(&m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return build(t, db, 2025)
}

// word is one word box of pdftotext -bbox, in pt from the page's top left.
type word struct {
	x0, y0, x1, y1 float64
	text           string
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// pdfWords is the word boxes of a PDF, one slice per page.
func pdfWords(t *testing.T, pdf []byte) [][]word {
	t.Helper()
	file := filepath.Join(t.TempDir(), "returns.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out := poppler(t, "pdftotext", "-bbox", "-enc", "UTF-8", file, "-")
	var pages [][]word
	for _, pg := range strings.Split(out, "<page ")[1:] {
		var ws []word
		for _, m := range wordRE.FindAllStringSubmatch(pg, -1) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
			ws = append(ws, word{f(1), f(2), f(3), f(4), html.UnescapeString(m[5])})
		}
		pages = append(pages, ws)
	}
	return pages
}

func pageText(ws []word) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.text)
	}
	return b.String()
}

// tablePages are the pages (after the letter) that carry a table's caption.
func tablePages(pages [][]word, tb *reports.Table) []int {
	var out []int
	first := 1 // the letter names every table
	if tb.Detail {
		first = 0 // the 明细 PDF has no letter
	}
	for i := first; i < len(pages); i++ {
		if strings.Contains(pageText(pages[i]), squeeze(tb.Caption())) {
			out = append(out, i)
		}
	}
	return out
}

// columnBounds are the x of a part's column edges, in pt.
func columnBounds(tb *reports.Table, p *reports.Part) []float64 {
	g := portraitGrid
	if tb.Landscape {
		g = landscapeGrid
	}
	total := 0.0
	for _, c := range p.Columns {
		total += c.Width
	}
	const pt = 72 / 25.4
	out := []float64{g[0] * pt}
	x := g[0]
	for _, c := range p.Columns {
		x += c.Width / total * g[1]
		out = append(out, x*pt)
	}
	return out
}

// gridWords are the words of a page inside the grid: from the top of the
// first column's header down to the signatories (or the page's foot), part
// captions left out. ok is false on a page without the header.
func gridWords(ws []word, tb *reports.Table, p *reports.Part) (out []word, ok bool) {
	top, bottom := -1.0, 262*72/25.4 // the foot of the grid on a portrait page
	if tb.Landscape {
		bottom = 184 * 72 / 25.4
	}
	for _, w := range ws {
		if w.text == p.Columns[0].Header && (top < 0 || w.y0 < top) {
			top = w.y0
		}
		if strings.HasPrefix(w.text, "单位负责人") {
			bottom = w.y0
		}
	}
	if top < 0 {
		return nil, false
	}
	for _, w := range ws {
		caption := false
		for _, q := range tb.Parts {
			caption = caption || q.Caption != "" && strings.HasPrefix(w.text, q.Caption)
		}
		if w.y0 >= top-0.5 && w.y0 < bottom && !caption {
			out = append(out, w)
		}
	}
	return out, true
}

// column is the column whose x-range holds x, or -1.
func column(bounds []float64, x float64) int {
	for i := 0; i+1 < len(bounds); i++ {
		if x >= bounds[i]-0.5 && x < bounds[i+1] {
			return i
		}
	}
	return -1
}

// colLine is one printed line of one column.
type colLine struct {
	page int
	text string
}

// columnLines gives, for each column of a part, its printed lines in page
// order: the words whose left edge lies in the column, grouped by height.
func columnLines(pages [][]word, idx []int, tb *reports.Table, p *reports.Part) [][]colLine {
	bounds := columnBounds(tb, p)
	out := make([][]colLine, len(p.Columns))
	for _, pi := range idx {
		ws, ok := gridWords(pages[pi], tb, p)
		if !ok {
			continue
		}
		byCol := make([][]word, len(p.Columns))
		for _, w := range ws {
			if c := column(bounds, w.x0); c >= 0 {
				byCol[c] = append(byCol[c], w)
			}
		}
		for c, cw := range byCol {
			sort.SliceStable(cw, func(i, j int) bool {
				if d := cw[i].y0 - cw[j].y0; d < -1 || d > 1 {
					return d < 0
				}
				return cw[i].x0 < cw[j].x0
			})
			for i, w := range cw {
				if i > 0 && w.y0-cw[i-1].y0 < 1 && w.y0-cw[i-1].y0 > -1 {
					out[c][len(out[c])-1].text += w.text
					continue
				}
				out[c] = append(out[c], colLine{page: pi, text: w.text})
			}
		}
	}
	return out
}

// findCell finds text as one or more consecutive lines of a column on one
// page, from line from on; it returns the line after them, or -1.
func findCell(lines []colLine, from int, text string) int {
	want := squeeze(text)
	for i := from; i < len(lines); i++ {
		got := ""
		for j := i; j < len(lines) && lines[j].page == lines[i].page && len(got) < len(want); j++ {
			got += lines[j].text
			if got == want {
				return j + 1
			}
		}
	}
	return -1
}

// checkCellsInColumns checks that every cell of every part is printed, in
// order, inside its own column, whole on one page.
func checkCellsInColumns(t *testing.T, pages [][]word, tb *reports.Table) {
	t.Helper()
	idx := tablePages(pages, tb)
	for _, p := range tb.Parts {
		lines := columnLines(pages, idx, tb, p)
		next := make([]int, len(p.Columns))
		for _, row := range p.Rows {
			for c, cell := range row.Cells {
				s := cell.Display(p.Columns[c].Thousands)
				if strings.TrimSpace(s) == "" || row.Kind == reports.RowGroup && c > 0 {
					continue
				}
				n := findCell(lines[c], next[c], s)
				if n < 0 {
					t.Errorf("%s %s: %q not printed whole, in order, in column %s", tb.Caption(), p.Caption, s, p.Columns[c].Header)
					continue
				}
				next[c] = n
			}
		}
	}
}

// TestLongNamesWrapInTheirCells prints schools named with 10 to 60
// characters: every word of every cell stays inside its column, each page of
// a table repeats its header, every row is printed whole on one page, and
// each table has one row per school.
func TestLongNamesWrapInTheirCells(t *testing.T) {
	r := longNames(t)
	pages := pdfWords(t, pdfBytes(t, r))
	for _, tb := range r.Tables {
		idx := tablePages(pages, tb)
		if len(idx) == 0 {
			t.Errorf("no page of %s", tb.Caption())
			continue
		}
		for _, p := range tb.Parts {
			bounds := columnBounds(tb, p)
			for _, pi := range idx {
				ws, ok := gridWords(pages[pi], tb, p)
				if !ok {
					if strings.Contains(pageText(pages[pi]), "单位负责人") || strings.Contains(pageText(pages[pi]), "图") {
						continue // the signatories or the chart, alone on the last page
					}
					t.Errorf("page %d of %s has no header row", pi+1, tb.Caption())
					continue
				}
				if tb.No > 3 {
					continue // 表4 has two grids on one page; their names are checked below
				}
				for _, w := range ws {
					c := column(bounds, w.x0)
					if c >= 0 && w.x1 > bounds[c+1]+0.5 {
						t.Errorf("page %d, %s: %q (x %.1f–%.1f pt) runs out of column %s into %s (from %.1f pt)",
							pi+1, tb.Caption(), w.text, w.x0, w.x1, p.Columns[c].Header, p.Columns[min(c+1, len(p.Columns)-1)].Header, bounds[c+1])
					}
				}
			}
		}
		checkCellsInColumns(t, pages, tb)
	}
	// one row per school in 表1, one per major in 表2: 序号 1…11, each once
	for _, no := range []int{1, 2} {
		tb := table(t, r, no)
		p := tb.Parts[0]
		seen := map[string]int{}
		for _, l := range columnLines(pages, tablePages(pages, tb), tb, p)[0] {
			seen[l.text]++
		}
		for i := 1; i <= 11; i++ {
			if seen[itoa(i)] != 1 {
				t.Errorf("%s: row %d printed %d times", tb.Caption(), i, seen[itoa(i)])
			}
		}
		if seen["12"] != 0 {
			t.Errorf("%s: more than 11 rows", tb.Caption())
		}
	}
}

// TestXLSXTextCellsWrap checks that the workbook's text cells wrap, that a
// long name's row is tall enough for its lines, and that the name column
// keeps the share of the page width the PDF gives it.
func TestXLSXTextCellsWrap(t *testing.T) {
	r := longNames(t)
	f, err := excelize.OpenReader(bytes.NewReader(xlsxBytes(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, no := range []int{1, 2} {
		name := table(t, r, no).SheetName()
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for i, row := range rows {
			if len(row) < 2 || len([]rune(row[1])) < 40 {
				continue
			}
			found++
			axis := fmt.Sprintf("B%d", i+1)
			id, _ := f.GetCellStyle(name, axis)
			st, err := f.GetStyle(id)
			if err != nil || st.Alignment == nil || !st.Alignment.WrapText {
				t.Errorf("%s %s (%q) does not wrap", name, axis, row[1])
			}
			if h, _ := f.GetRowHeight(name, i+1); h < 30 {
				t.Errorf("%s row %d is %.1f high for %q", name, i+1, h, row[1])
			}
		}
		if found == 0 {
			t.Errorf("%s: no long name found", name)
		}
		w, _ := f.GetColWidth(name, "B")
		total := 0.0
		for c := 1; c <= 11; c++ {
			cw, _ := f.GetColWidth(name, colLetter(c))
			total += cw
		}
		if w > 45 || total > 140 {
			t.Errorf("%s: name column %.1f of %.1f wide: the sheet would print shrunk", name, w, total)
		}
	}
}

func colLetter(c int) string { s, _ := excelize.ColumnNumberToName(c); return s }
