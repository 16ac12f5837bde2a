package reports_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chanjiao/reports"
)

// rawValue is what an XLSX cell must hold for a cell of the returns: a
// count as an integer, a rate as its shown (truncated) fraction.
func rawValue(c reports.Cell) (v string, number bool) {
	switch c.Kind {
	case reports.CellInt:
		return strconv.Itoa(c.Int), true
	case reports.CellRate:
		if f, ok := c.RateValue(); ok {
			return strconv.FormatFloat(f, 'f', -1, 64), true
		}
		return "—", false
	case reports.CellPoints:
		return strconv.FormatFloat(float64(c.Int)/10, 'f', -1, 64), true
	}
	return c.Text, false
}

// TestXLSXHoldsEveryFigure reads the workbook back with excelize and checks
// that every cell of every table (合计 rows included) is there, in order,
// with numbers stored as numbers under the right format, and that the
// sheets carry the header block, frozen header and print set-up.
func TestXLSXHoldsEveryFigure(t *testing.T) {
	checkXLSX(t, build(t, openDemo(t), 2025))
}

func checkXLSX(t *testing.T, r *reports.Returns) {
	f, err := excelize.OpenReader(bytes.NewReader(xlsxBytes(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	tables := append(append([]*reports.Table(nil), r.Tables...), r.Details...)
	if len(sheets) != len(tables) {
		t.Fatalf("sheets %v", sheets)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-03-01T00:00:00Z" || props.Modified != props.Created || props.Title != r.Title {
		t.Errorf("doc props %+v %v", props, err)
	}
	for i, tb := range tables {
		name := tb.SheetName()
		if sheets[i] != name {
			t.Errorf("sheet %d is %q, want %q", i, sheets[i], name)
			continue
		}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != r.Title || rows[1][0] != tb.Caption() {
			t.Errorf("%s: title rows %q %q", name, rows[0], rows[1])
		}
		merged, _ := f.GetMergeCells(name)
		titleMerged := false
		for _, m := range merged {
			if m.GetStartAxis() == "A1" && m.GetCellValue() == r.Title {
				titleMerged = true
			}
		}
		if !titleMerged {
			t.Errorf("%s: title not merged across the grid", name)
		}
		all := strings.Join(flatten(rows), "|")
		for _, want := range []string{"表号：" + tb.Code, "制表机关：" + r.Authority, "填报单位（盖章）：" + r.Unit.Name,
			fmt.Sprintf("统计年度：%d", r.Year), "单位负责人：" + r.Unit.Head, "报出日期：2026年3月1日", "注：1. "} {
			if !strings.Contains(all, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}

		next := 0 // rows are matched in order
		for _, p := range tb.Parts {
			for _, row := range p.Rows {
				found := false
				for ; next < len(rows); next++ {
					if matchRow(rows[next], row) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("%s %s: row %v not found in order", name, p.Caption, displayRow(row, p))
					next = 0
					continue
				}
				// numbers are numbers, with their format
				for ci, c := range row.Cells {
					_, number := rawValue(c)
					if !number || row.Kind == reports.RowGroup {
						continue
					}
					axis, _ := excelize.CoordinatesToCellName(ci+1, next+1)
					typ, _ := f.GetCellType(name, axis)
					if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
						t.Errorf("%s %s is not a number (%v)", name, axis, typ)
					}
					wantFmt := map[reports.CellKind]string{reports.CellInt: "0", reports.CellRate: "0.0%", reports.CellPoints: `+0.0"个百分点"`}[c.Kind]
					if c.Kind == reports.CellInt && c.Signed {
						wantFmt = "+0;-0;0"
					}
					id, _ := f.GetCellStyle(name, axis)
					st, err := f.GetStyle(id)
					if err != nil || st.CustomNumFmt == nil || !strings.HasPrefix(*st.CustomNumFmt, wantFmt) {
						t.Errorf("%s %s: number format %v, want %s", name, axis, st.CustomNumFmt, wantFmt)
					}
				}
				next++
			}
		}

		panes, err := f.GetPanes(name)
		if err != nil || !panes.Freeze || panes.YSplit < 7 {
			t.Errorf("%s: header not frozen: %+v", name, panes)
		}
		layout, err := f.GetPageLayout(name)
		wantOrient := "portrait"
		if tb.Landscape {
			wantOrient = "landscape"
		}
		if err != nil || *layout.Size != 9 || *layout.Orientation != wantOrient || *layout.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v", name, layout)
		}
		titles := false
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm.Print_Titles" && dn.Scope == name {
				titles = true
			}
		}
		if !titles {
			t.Errorf("%s: no repeated header rows", name)
		}
		nameCol := "B" // 学校名称, or 指标 in 表5
		switch {
		case tb.No == 5:
			nameCol = "A"
		case tb.Detail:
			nameCol = "C" // after 单位
		}
		for i, c := range tb.Parts[0].Columns {
			if c.Header == "载体名称" || c.Header == "活动名称" { // 表8's and 表11's lists
				nameCol = colLetter(i + 1)
			}
		}
		if w, _ := f.GetColWidth(name, nameCol); w < 20 {
			t.Errorf("%s: column %s is %.1f wide, too narrow for Chinese names", name, nameCol, w)
		}
	}
}

func matchRow(got []string, row reports.Row) bool {
	if row.Kind == reports.RowGroup {
		return len(got) > 0 && got[0] == row.Cells[0].Text
	}
	for i, c := range row.Cells {
		want, _ := rawValue(c)
		have := ""
		if i < len(got) {
			have = got[i]
		}
		if have != want {
			return false
		}
	}
	return true
}

func displayRow(row reports.Row, p *reports.Part) []string {
	var out []string
	for i, c := range row.Cells {
		out = append(out, c.Display(p.Columns[i].Thousands))
	}
	return out
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
