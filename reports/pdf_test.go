package reports_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chanjiao/reports"
)

// TestPDFShowsEveryFigure reads the PDF back with pdftotext and checks that
// every row of every table (合计 rows included) is printed, in order, as the
// returns hold it; the header block, signatories and page numbers; the letter.
func TestPDFShowsEveryFigure(t *testing.T) {
	checkPDF(t, build(t, openDemo(t), 2025))
}

func checkPDF(t *testing.T, r *reports.Returns) {
	pdf := pdfBytes(t, r)
	pages := pdfText(t, pdf)
	words := pdfWords(t, pdf)
	if len(pages) < 6 {
		t.Fatalf("%d pages", len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(squeeze(p), fmt.Sprintf("—%d—", i+1)) {
			t.Errorf("page %d has no page number — %d —", i+1, i+1)
		}
	}

	t.Run("letter", func(t *testing.T) {
		l := r.Letter
		page := squeeze(pages[0])
		for _, s := range append([]string{l.Title, l.Addressee, l.Signer, l.Date, "附件：1."}, l.Paragraphs...) {
			if !strings.Contains(page, squeeze(s)) {
				t.Errorf("page 1 lacks %q", s)
			}
		}
		for _, a := range l.Attachments {
			if !strings.Contains(page, squeeze(a)) {
				t.Errorf("page 1 lacks attachment %q", a)
			}
		}
	})

	checkPDFTables(t, r, r.Tables, pages, words)

	t.Run("charts", func(t *testing.T) {
		flat := squeeze(strings.Join(pages, ""))
		want := []string{r.SecondmentChart.Title, r.TrainingChart.Title}
		if r.SecondmentChart.Target != nil {
			want = append(want, fmt.Sprintf("目标%d人", *r.SecondmentChart.Target))
		}
		for _, s := range want {
			if !strings.Contains(flat, squeeze(s)) {
				t.Errorf("no %q", s)
			}
		}
	})
}

// checkDetailPDF reads back the 明细 PDF of returns above county level: every
// 明细 table as checkPDF checks the returns' tables, and no letter.
func checkDetailPDF(t *testing.T, r *reports.Returns) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteDetailPDF(&buf, r); err != nil {
		t.Fatal(err)
	}
	pages := pdfText(t, buf.Bytes())
	if strings.Contains(squeeze(pages[0]), squeeze(r.Letter.Title)) {
		t.Errorf("the 明细 PDF starts with the letter")
	}
	checkPDFTables(t, r, r.Details, pages, pdfWords(t, buf.Bytes()))
	return pages
}

// checkPDFTables checks each table's pages: the header block, the
// signatories and notes, the headers on every page, every cell in its
// column.
func checkPDFTables(t *testing.T, r *reports.Returns, tables []*reports.Table, pages []string, words [][]word) {
	t.Helper()
	// lines of the document from the first page of each table on
	start := map[int]int{}
	for _, tb := range tables {
		for i, p := range pages {
			if strings.Contains(squeeze(p), squeeze(tb.Caption())) && strings.Contains(p, tb.Code) {
				start[tb.No] = i
				break
			}
		}
	}
	for _, tb := range tables {
		t.Run(tb.Caption(), func(t *testing.T) {
			first, ok := start[tb.No]
			if !ok {
				t.Fatalf("no page starts %s", tb.Caption())
			}
			end := len(pages) // the next table's first page
			for _, next := range start {
				if next > first && next < end {
					end = next
				}
			}
			text := strings.Join(pages[first:end], "\n")
			head := squeeze(pages[first])
			for _, s := range []string{r.Title, tb.Caption(), "表号：" + tb.Code, "制表机关：" + r.Authority, "文号：",
				"填报单位（盖章）：" + r.Unit.Name, fmt.Sprintf("统计年度：%d", r.Year)} {
				if !strings.Contains(head, squeeze(s)) {
					t.Errorf("first page lacks %q", s)
				}
			}
			flat := squeeze(text)
			u := r.Unit
			for _, s := range []string{"单位负责人：" + u.Head, "统计负责人：" + u.StatsHead, "填表人：" + u.Preparer, "联系电话：" + u.Phone, "报出日期：2026年3月1日"} {
				if !strings.Contains(flat, s) {
					t.Errorf("no %q under the grid", s)
				}
			}
			for _, n := range tb.Footnotes {
				if !strings.Contains(flat, squeeze(n)) {
					t.Errorf("footnote missing: %s", n)
				}
			}
			// every page of the table repeats the column headers of its part
			for i := first; i < end; i++ {
				pg := squeeze(pages[i])
				if strings.Contains(pg, "图1") || strings.Contains(pg, "图2") {
					if !strings.Contains(pg, "单位负责人") && !strings.Contains(pg, "序号") {
						continue // a page holding only the chart
					}
				}
				if !strings.Contains(pg, "序号") && !strings.Contains(pg, "指标") {
					t.Errorf("page %d of %s has no column headers", i+1, tb.Caption())
				}
			}
			// every cell in its own column, in order, whole on one page
			checkCellsInColumns(t, words, tb)
		})
	}
}

// TestPDFFontEmbeddedAndProperties checks the font is an embedded subset
// and the document properties are set, with the fixed creation date.
func TestPDFFontEmbeddedAndProperties(t *testing.T) {
	db := openDemo(t)
	r := build(t, db, 2025)
	file := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(file, pdfBytes(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
	fonts := poppler(t, "pdffonts", file)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")
	if len(lines) != 3 || !strings.Contains(lines[2], "CID TrueType") || strings.Fields(lines[2])[4] != "yes" {
		t.Errorf("want one embedded CID TrueType font, pdffonts says:\n%s", fonts)
	}
	// gofpdf subsets the font but does not tag its name (pdffonts: sub no);
	// the size shows the subset: the whole font is 4.5 MB.
	if st, _ := os.Stat(file); st.Size() > 400<<10 {
		t.Errorf("PDF is %d bytes: the font does not look subset", st.Size())
	}
	info := poppler(t, "pdfinfo", file)
	for _, want := range []string{"Title:           " + r.Title, "Author:          楚雄市教育体育局", "Creator:         产教融合数据报送（chanjiao）",
		"CreationDate:    Sun Mar  1 00:00:00 2026", "Page size:       595.28 x 841.89 pts (A4)"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	// portrait letter and 表5, landscape 表1–表4, 表7 and 表8
	sizes := poppler(t, "pdfinfo", "-f", "1", "-l", "99", file)
	var orient []string
	for _, l := range strings.Split(sizes, "\n") {
		if strings.HasPrefix(l, "Page") && strings.Contains(l, "size:") {
			if strings.Contains(l, "841.89 x 595.28") {
				orient = append(orient, "L")
			} else {
				orient = append(orient, "P")
			}
		}
	}
	runs := "" // one letter per run of pages
	for _, o := range orient {
		if !strings.HasSuffix(runs, o) {
			runs += o
		}
	}
	if len(orient) < 8 || runs != "PLPL" {
		t.Errorf("page orientations %v", orient)
	}
}

// TestByteIdentical builds the returns of the same data twice, from two
// databases, and gets the same bytes; another date gives other bytes.
func TestByteIdentical(t *testing.T) {
	r1 := build(t, openDemo(t), 2025)
	r2 := build(t, openDemo(t), 2025)
	if !bytes.Equal(pdfBytes(t, r1), pdfBytes(t, r2)) {
		t.Error("PDF differs between two builds of the same data")
	}
	if !bytes.Equal(xlsxBytes(t, r1), xlsxBytes(t, r2)) {
		t.Error("XLSX differs between two builds of the same data")
	}
	if !bytes.Equal(pdfBytes(t, r1), pdfBytes(t, r1)) {
		t.Error("PDF differs between two renderings")
	}
	r3 := *r1
	r3.Date = r1.Date.Add(24 * time.Hour)
	if bytes.Equal(pdfBytes(t, r1), pdfBytes(t, &r3)) {
		t.Error("another date gives the same PDF")
	}
}
