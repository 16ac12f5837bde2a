package workbook_test

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"chanjiao/store/workbook"
)

// manyIssuesBook is a 学校 sheet of n/2 rows, each with a bad 学校标识码 and
// a bad 学校名称: n issues, each on its own cell.
func manyIssuesBook(tb testing.TB, n int) (string, []workbook.Issue) {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	if err := sw.SetRow("A1", hSchools); err != nil {
		tb.Fatal(err)
	}
	var issues []workbook.Issue
	for r := 2; len(issues) < n; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, []any{fmt.Sprintf("X%d", r), fmt.Sprintf("学校%d", r)}); err != nil {
			tb.Fatal(err)
		}
		issues = append(issues,
			workbook.Issue{Sheet: workbook.SheetSchools, Row: r, Column: "学校标识码", Message: "应为 10 位数字"},
			workbook.Issue{Sheet: workbook.SheetSchools, Row: r, Column: "学校名称", Message: "与其他行重复"})
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.SetSheetName("Sheet1", workbook.SheetSchools); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "many.xlsx")
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path, issues[:n]
}

// BenchmarkAnnotate marks 2,000 and 20,000 bad cells; baseline writes as
// many cells with a style through excelize, the least annotating can cost.
func BenchmarkAnnotate(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		path, issues := manyIssuesBook(b, n)
		dst := filepath.Join(b.TempDir(), "out.xlsx")
		b.Run(fmt.Sprintf("annotate/%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := workbook.Annotate(path, dst, issues); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("baseline/%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				f := excelize.NewFile()
				style, _ := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"FF9B9B"}, Pattern: 1}})
				for k := 0; k < n; k++ {
					cell, _ := excelize.CoordinatesToCellName(1+k%2, 2+k/2)
					f.SetCellStr("Sheet1", cell, "应为 10 位数字")
					f.SetCellStyle("Sheet1", cell, cell, style)
				}
				if err := f.Write(io.Discard); err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
		})
	}
}
