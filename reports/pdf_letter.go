package reports

import (
	"fmt"
)

// The cover letter (表0) of the PDF returns.

// letter writes table 0 on one portrait page in 公文 form: title, addressee,
// body, attachments, then the unit and date at the bottom right. The body
// size steps down from 三号 (16 pt) until the letter fits the page.
func (pw *pdfWriter) letter() {
	l := pw.r.Letter
	pw.addPage(portrait)
	g := pw.g
	size := 16.0
	for ; size > 10; size -= 0.5 {
		if pw.letterHeight(size) <= g.maxY()-g.top {
			break
		}
	}
	p := pw.pdf
	p.SetTextColor(0, 0, 0)
	lead := size * 0.3528 * 1.75 // line pitch, mm
	char := pw.width("中", size)
	titleSize := size + 6
	p.SetFont(fontFamily, "", titleSize)
	pw.bold(func() {
		for _, line := range pw.wrap(l.Title, titleSize, g.width(), 0) {
			pw.text(g.left, pw.y, titleSize*0.3528*1.5, line, "C", g.width())
			pw.y += titleSize * 0.3528 * 1.5
		}
	})
	pw.y += lead * 0.8
	p.SetFont(fontFamily, "", size)
	pw.text(g.left, pw.y, lead, l.Addressee, "L", g.width())
	pw.y += lead
	for _, para := range l.Paragraphs {
		for i, line := range pw.wrap(para, size, g.width(), 2*char) {
			x := g.left
			if i == 0 {
				x += 2 * char
			}
			pw.text(x, pw.y, lead, line, "L", g.width())
			pw.y += lead
		}
	}
	pw.y += lead
	label := "附件："
	lw := pw.width(label, size)
	pw.text(g.left+2*char, pw.y, lead, label, "L", lw)
	rows, colW := pw.attachmentRows(size)
	for i, a := range l.Attachments {
		item := fmt.Sprintf("%d. %s", i+1, a)
		x := g.left + 2*char + lw + float64(i/rows)*colW
		pw.text(x, pw.y+float64(i%rows)*lead, lead, item, "L", colW)
	}
	pw.y += float64(rows) * lead
	// 署名 centred over the date; the date 右空四字.
	pw.y += 2 * lead
	dateW := pw.width(l.Date, size)
	dateX := g.rightX() - 4*char - dateW
	center := dateX + dateW/2
	signW := pw.width(l.Signer, size)
	signX := center - signW/2
	if signX+signW > g.rightX() {
		signX = g.rightX() - signW
	}
	pw.text(signX, pw.y, lead, l.Signer, "L", signW+1)
	pw.y += lead
	pw.text(dateX, pw.y, lead, l.Date, "L", dateW+1)
}

func (pw *pdfWriter) letterHeight(size float64) float64 {
	l := pw.r.Letter
	g := portrait
	lead := size * 0.3528 * 1.75
	char := pw.width("中", size)
	titleSize := size + 6
	h := float64(len(pw.wrap(l.Title, titleSize, g.width(), 0)))*titleSize*0.3528*1.5 + lead*0.8 + lead
	for _, para := range l.Paragraphs {
		h += float64(len(pw.wrap(para, size, g.width(), 2*char))) * lead
	}
	rows, _ := pw.attachmentRows(size)
	h += lead + float64(rows)*lead + 2*lead + 2*lead
	return h
}

// attachmentRows lays the attachments out in two columns when there are
// many and each fits in half the width (表1–表12 would not leave room for
// the body on one page otherwise): the rows they take and a column's width.
func (pw *pdfWriter) attachmentRows(size float64) (rows int, colW float64) {
	l := pw.r.Letter
	char := pw.width("中", size)
	colW = portrait.width() - 2*char - pw.width("附件：", size)
	n := len(l.Attachments)
	if n <= 8 {
		return n, colW
	}
	for i, a := range l.Attachments {
		if pw.width(fmt.Sprintf("%d. %s", i+1, a), size)+char > colW/2 {
			return n, colW
		}
	}
	return (n + 1) / 2, colW / 2
}
