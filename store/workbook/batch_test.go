package workbook_test

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chanjiao/store/storetest"
	"chanjiao/store/workbook"
)

// duplicateSchoolBook is refused: its 学校 sheet names one school twice. A
// second sheet, 说明, is not read by the import.
func duplicateSchoolBook(t testing.TB) string {
	row := []any{schoolA, "牟定县职业高级中学", "中等职业学校", "532323", "公办"}
	return writeBook(t, sheetRows{"学校", [][]any{hSchools, row, row}}, sheetRows{"说明", [][]any{{"填报说明"}}})
}

func TestAnnotateWorkbookWithoutSheetViews(t *testing.T) {
	db := openDB(t)
	path := duplicateSchoolBook(t)
	storetest.WithoutSheetViews(t, path)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	dst := workbook.AnnotatedPath(path, "")
	if err := workbook.Annotate(path, dst, re.Issues); err != nil { // panicked in excelize's MoveSheet
		t.Fatalf("Annotate: %v", err)
	}
	f := openBook(t, dst)
	if got := f.GetSheetList(); len(got) != 3 || got[0] != workbook.SheetErrorList {
		t.Fatalf("sheets of the annotated copy %v, want 错误清单 first", got)
	}
	if cs, _ := f.GetComments("学校"); len(cs) != 1 || cs[0].Cell != "A3" {
		t.Fatalf("comments %+v, want one on A3", cs)
	}
}

func TestAnnotateBesideAChartSheet(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "学校")
	for r, row := range [][]any{hSchools, {schoolA, "甲"}, {schoolA, "乙"}} {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		f.SetSheetRow("学校", cell, &row)
	}
	if err := f.AddChartSheet("图表", &excelize.Chart{Type: excelize.Col,
		Series: []excelize.ChartSeries{{Name: "学校!$A$1", Values: "学校!$B$2:$B$3"}}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "chart.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dst := workbook.AnnotatedPath(path, "")
	issues := []workbook.Issue{{Sheet: "学校", Row: 3, Message: "与第 2 行重复"}, {Sheet: "图表", Message: "not a worksheet"}}
	if err := workbook.Annotate(path, dst, issues); err != nil {
		t.Fatalf("Annotate: %v", err)
	}
	g := openBook(t, dst)
	sheets := strings.Join(g.GetSheetList(), " ")
	if !strings.Contains(sheets, "图表") || !strings.Contains(sheets, workbook.SheetErrorList) {
		t.Fatalf("sheets of the annotated copy: %s", sheets)
	}
	if g.GetSheetName(g.GetActiveSheetIndex()) != workbook.SheetErrorList {
		t.Fatalf("the copy opens on %s", g.GetSheetName(g.GetActiveSheetIndex()))
	}
	rows, _ := g.GetRows(workbook.SheetErrorList)
	if len(rows) != 4+len(issues) {
		t.Fatalf("错误清单 has %d rows", len(rows))
	}
}

// A folder of a refused workbook without sheet views, a refused one whose
// annotated copy cannot be made, a good one, an .xls and Excel's lock file:
// every file gets its own outcome and the good one is imported.
func TestImportBatchGoesOnAfterAFileItCannotAnnotate(t *testing.T) {
	db := openDB(t)
	dir := t.TempDir()
	place := func(from, name string) string {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noViews := duplicateSchoolBook(t)
	storetest.WithoutSheetViews(t, noViews)
	noViews = place(noViews, "1-无视图.xlsx")
	broken := place(duplicateSchoolBook(t), "2-说明损坏.xlsx")
	storetest.RewriteEntries(t, broken, func(name string, b []byte) []byte {
		if name == "xl/worksheets/sheet2.xml" { // 说明: not read by the import, read by Annotate
			return b[:len(b)/2]
		}
		return b
	})
	good := place(richBook(t), "3-正确.xlsx")
	xls := place(good, "4-旧格式.xls")
	place(good, "~$3-正确.xlsx")

	var steps []string
	res := workbook.ImportBatch(context.Background(), db, []string{dir}, workbook.BatchOptions{Progress: func(s workbook.BatchStep) {
		if s.Done == nil && !s.Annotating {
			steps = append(steps, filepath.Base(s.Path))
		}
	}})
	if len(res.Files) != 4 || len(res.Skipped) != 0 || res.Imported() != 1 || res.Failed() != 3 {
		t.Fatalf("outcomes %+v", res)
	}
	if strings.Join(steps, " ") != "1-无视图.xlsx 2-说明损坏.xlsx 3-正确.xlsx 4-旧格式.xls" {
		t.Fatalf("progress %v", steps)
	}
	o := res.Files
	if o[0].Path != noViews || o[0].Refused() == nil || o[0].Annotated == "" || o[0].AnnotateErr != nil ||
		o[0].School != "牟定县职业高级中学" { // named by the good file imported after it

		t.Fatalf("the workbook without sheet views: %+v", o[0])
	}
	if o[1].Path != broken || o[1].Refused() == nil || o[1].Annotated != "" || o[1].AnnotateErr == nil {
		t.Fatalf("the workbook that cannot be annotated: %+v", o[1])
	}
	if msg := o[1].AnnotateErr.Error(); !strings.HasPrefix(msg, "未能生成错误标注副本：") || !strings.Contains(msg, "说明") {
		t.Fatalf("annotation failure reads %q", msg)
	}
	if o[2].Path != good || o[2].Err != nil || o[2].Result == nil || o[2].School != "牟定县职业高级中学 等 2 所" {
		t.Fatalf("the good workbook: %+v", o[2])
	}
	if o[3].Path != xls || o[3].Err == nil || !strings.Contains(o[3].Err.Error(), "请另存为 .xlsx") {
		t.Fatalf("the .xls: %+v", o[3])
	}
	if _, err := os.Stat(workbook.AnnotatedPath(broken, "")); err == nil {
		t.Fatal("a half-made annotated copy was left")
	}
}

func TestImportBatchStopsWhenCancelled(t *testing.T) {
	db := openDB(t)
	a, b, c := duplicateSchoolBook(t), richBook(t), duplicateSchoolBook(t)
	annotateDir := filepath.Join(t.TempDir(), "标注")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res := workbook.ImportBatch(ctx, db, []string{a, b, c}, workbook.BatchOptions{AnnotateDir: annotateDir,
		Progress: func(s workbook.BatchStep) {
			if s.Done != nil && s.Index == 0 {
				cancel()
			}
		}})
	if len(res.Files) != 1 || strings.Join(res.Skipped, " ") != b+" "+c || res.Failed() != 3 {
		t.Fatalf("outcomes %+v", res)
	}
	if got := res.Annotated(); len(got) != 1 || filepath.Dir(got[0]) != annotateDir {
		t.Fatalf("annotated copies %v, want one in %s", got, annotateDir)
	}
}

// 20,000 issues: every one is listed, every bad cell coloured, the first
// thousand commented.
func TestAnnotateTwentyThousandIssues(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a large workbook")
	}
	path, issues := manyIssuesBook(t, 20000)
	dst := filepath.Join(t.TempDir(), "out.xlsx")
	if err := workbook.Annotate(path, dst, issues); err != nil {
		t.Fatal(err)
	}
	f := openBook(t, dst)
	rows, err := f.GetRows(workbook.SheetErrorList)
	if err != nil || len(rows) != 4+20000 || rows[len(rows)-1][0] != "20000" {
		t.Fatalf("错误清单 has %d rows (%v)", len(rows), err)
	}
	if cs, _ := f.GetComments(workbook.SheetSchools); len(cs) != 1000 {
		t.Fatalf("%d comments, want the first 1000", len(cs))
	}
	cfs, _ := f.GetConditionalFormats(workbook.SheetSchools)
	if len(cfs) != 20000 {
		t.Fatalf("%d cells coloured, want 20000", len(cfs))
	}
}

// A refused workbook too wrong or too large to mark cell by cell gets a copy
// holding only the 错误清单 (bounded), not a gigabyte of excelize sheets.
func TestAnnotateListsOnlyBeyondTheMarkingLimits(t *testing.T) {
	check := func(t *testing.T, path string, issues []workbook.Issue, wantRows int) {
		t.Helper()
		dst := filepath.Join(t.TempDir(), "out.xlsx")
		if err := workbook.Annotate(path, dst, issues); err != nil {
			t.Fatal(err)
		}
		f := openBook(t, dst)
		if got := f.GetSheetList(); len(got) != 1 || got[0] != workbook.SheetErrorList {
			t.Fatalf("sheets %v, want only %s", got, workbook.SheetErrorList)
		}
		rows, err := f.GetRows(workbook.SheetErrorList)
		if err != nil || len(rows) != 4+wantRows {
			t.Fatalf("错误清单 has %d rows, want %d (%v)", len(rows)-4, wantRows, err)
		}
		if !strings.Contains(rows[1][0], "未在原表中逐格标注") {
			t.Errorf("note: %q", rows[1][0])
		}
	}
	t.Run("TooManyIssues", func(t *testing.T) {
		path, issues := manyIssuesBook(t, workbook.MaxMarkedIssues+2)
		check(t, path, issues, workbook.MaxListedIssues)
	})
	t.Run("LargeSheets", func(t *testing.T) {
		path, issues := manyIssuesBook(t, 220000)
		if xml := inflatedSheets(t, path); xml <= workbook.MaxMarkedSheetXML {
			t.Fatalf("test workbook has %d bytes of sheets, not over the limit", xml)
		}
		check(t, path, issues[:10], 10)
	})
}

func inflatedSheets(t *testing.T, path string) uint64 {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var n uint64
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			n += f.UncompressedSize64
		}
	}
	return n
}
