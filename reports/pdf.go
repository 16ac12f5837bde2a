package reports

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"chanjiao/assets"
	"chanjiao/store"
)

const fontFamily = "wqy"

// Page geometry (mm), close to GB/T 9704: a portrait page keeps the 156 ×
// 225 mm 版心 (top 37, left 28); a landscape page turns it (225 × 156).
type geometry struct {
	w, h                     float64
	left, top, right, bottom float64
}

var (
	portrait  = geometry{w: 210, h: 297, left: 28, top: 37, right: 26, bottom: 35}
	landscape = geometry{w: 297, h: 210, left: 37, top: 28, right: 35, bottom: 26}
)

func (g geometry) width() float64  { return g.w - g.left - g.right }
func (g geometry) maxY() float64   { return g.h - g.bottom }
func (g geometry) rightX() float64 { return g.w - g.right }

// Sizes of the table pages (pt for fonts, mm for the rest).
const (
	titleSize   = 16.0
	nameSize    = 13.0
	metaSize    = 9.0
	cellSize    = 9.0
	minCellSize = 6.0
	noteSize    = 8.5
	rowH        = 7.0
	cellPad     = 1.2
	thinLine    = 0.15
	thickLine   = 0.45
)

// pdfWriter holds the document and where the next thing goes.
type pdfWriter struct {
	pdf *gofpdf.Fpdf
	r   *Returns
	g   geometry
	y   float64
}

// WritePDF renders the returns as a PDF: the cover letter, then the
// tables. The same returns always give the same bytes.
func WritePDF(w io.Writer, r *Returns) error {
	pw := newPDF(r, r.Title)
	pw.letter()
	for _, t := range r.Tables {
		pw.table(t)
	}
	return pw.output(w)
}

// WriteDetailPDF renders the 明细 tables above county level (the rows by
// school and by major) as a PDF of their own, asked for with
// Options.Detail. Returns without them give an error.
func WriteDetailPDF(w io.Writer, r *Returns) error {
	if len(r.Details) == 0 {
		return store.Errorf(store.EInvalid, "县级报表各表已列出每所学校，没有单独的明细表")
	}
	pw := newPDF(r, r.Title+"（明细）")
	for _, t := range r.Details {
		pw.table(t)
	}
	return pw.output(w)
}

// newPDF starts a document with its properties and the embedded font.
func newPDF(r *Returns, title string) *pdfWriter {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(r.Date)
	pdf.SetModificationDate(r.Date)
	pdf.SetCompression(true)
	pdf.SetTitle(title, true)
	pdf.SetSubject(fmt.Sprintf("%d年度产教融合统计报表", r.Year), true)
	pdf.SetAuthor(r.Unit.Name, true)
	pdf.SetCreator(r.Creator, true)
	pdf.SetProducer(r.Creator, true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.Font)
	pw := &pdfWriter{pdf: pdf, r: r}
	pdf.SetFooterFunc(pw.footer)
	return pw
}

func (pw *pdfWriter) output(w io.Writer) error {
	if err := pw.pdf.Error(); err != nil {
		return store.Wrap(store.EInternal, err, "生成 PDF 报表失败")
	}
	return pw.pdf.Output(w)
}

// footer prints the page number as — N —.
func (pw *pdfWriter) footer() {
	p := pw.pdf
	p.SetFont(fontFamily, "", 10.5)
	p.SetTextColor(0, 0, 0)
	p.SetXY(pw.g.left, pw.g.maxY()+7)
	p.CellFormat(pw.g.width(), 5, fmt.Sprintf("— %d —", p.PageNo()), "", 0, "C", false, 0, "")
}

func (pw *pdfWriter) addPage(g geometry) {
	orient := "P"
	if g.w > g.h {
		orient = "L"
	}
	pw.pdf.AddPageFormat(orient, gofpdf.SizeType{Wd: 210, Ht: 297}) // draws the last page's footer
	pw.g = g
	pw.y = g.top
}

// text writes s with its left edge at x and its baseline box at y (top).
func (pw *pdfWriter) text(x, y, h float64, s, align string, w float64) {
	pw.pdf.SetXY(x, y)
	pw.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// bold draws what fn writes with the glyphs stroked as well as filled: the
// font has no bold face.
func (pw *pdfWriter) bold(fn func()) {
	p := pw.pdf
	p.SetLineWidth(0.18)
	p.SetDrawColor(0, 0, 0)
	p.SetTextRenderingMode(2)
	fn()
	p.SetTextRenderingMode(0)
}

// width measures s at size pt.
func (pw *pdfWriter) width(s string, size float64) float64 {
	pw.pdf.SetFont(fontFamily, "", size)
	return pw.pdf.GetStringWidth(s)
}

// wrap breaks s into lines no wider than width at size pt. Chinese breaks
// between any two characters; runs of digits and Latin letters stay whole;
// closing punctuation never starts a line and opening punctuation never
// ends one: the character beside it moves down with it instead of hanging
// past the edge. indent is the first line's.
func (pw *pdfWriter) wrap(s string, size, width, indent float64) []string {
	pw.pdf.SetFont(fontFamily, "", size)
	var lines []string
	var line []string // the tokens of the current line
	curW := indent
	for _, tok := range tokens(s) {
		tw := pw.pdf.GetStringWidth(tok)
		if curW+tw > width+0.01 && len(line) > 0 && !(closing(tok) && len(line) == 1) {
			keep := len(line)
			if closing(tok) {
				keep--
			}
			for keep > 1 && opening(line[keep-1]) {
				keep--
			}
			lines = append(lines, strings.Join(line[:keep], ""))
			line = append([]string(nil), line[keep:]...)
			curW = pw.pdf.GetStringWidth(strings.Join(line, ""))
		}
		line = append(line, tok)
		curW += tw
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, strings.Join(line, ""))
	}
	return lines
}

// tokens splits text into the units a line may break between.
func tokens(s string) []string {
	var out []string
	word := func(r rune) bool {
		return r < 0x80 && r != ' '
	}
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if word(r) {
			i := n
			for i < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[i:])
				if !word(r2) {
					break
				}
				i += n2
			}
			out = append(out, s[:i])
			s = s[i:]
			continue
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

func closing(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return strings.ContainsRune("，。、；：？！）”’》」』％,.;:?!)%", r)
}

func opening(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return strings.ContainsRune("（“‘《「『(", r)
}
