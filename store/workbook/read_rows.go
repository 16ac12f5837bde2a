package workbook

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xcell is one non-empty cell as read: its column, trimmed text, and what
// Excel knows of it.
type xcell struct {
	col     int
	value   string
	numeric bool
	date    bool
}

// rows streams the rows of a worksheet that hold a value to visit, in
// order. Rows that carry only formatting cost neither memory nor a visit.
func (b *book) rows(bs bookSheet, visit func(num int, cells []xcell) error) error {
	var (
		num, last, col int
		cells          []xcell
		c              rawCell
		inCell, inV    bool
		rt             richText
	)
	return b.scan(bs.part, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "row":
				n, err := rowNumber(attr(t, "r"), last)
				if err != nil {
					return err
				}
				num, col, cells = n, 0, cells[:0]
			case t.Name.Local == "c":
				n, err := columnNumber(attr(t, "r"), col)
				if err != nil {
					return err
				}
				col, inCell = n, true
				style, _ := strconv.Atoi(attr(t, "s"))
				c = rawCell{typ: attr(t, "t"), style: style, v: c.v[:0]}
			case inCell && t.Name.Local == "v":
				inV = true
			case inCell && t.Name.Local == "is":
				rt.start()
				c.inline = true
			case rt.active:
				rt.take(tok)
			}
		case xml.EndElement:
			switch {
			case t.Name.Local == "row":
				if num <= last {
					return fmt.Errorf("row %d after row %d", num, last)
				}
				last = num
				if len(cells) > 0 {
					return visit(num, cells)
				}
			case t.Name.Local == "c":
				inCell = false
				x, err := b.cellValue(&c, &rt)
				if err != nil {
					return err
				}
				if x.value != "" {
					x.col = col
					cells = append(cells, x)
				}
			case t.Name.Local == "v":
				inV = false
			case t.Name.Local == "is":
				rt.active = false
			case rt.active:
				rt.take(tok)
			}
		case xml.CharData:
			if inV {
				c.v = append(c.v, t...)
			} else if rt.active {
				rt.take(tok)
			}
		}
		return nil
	})
}

// rawCell is a <c> element as the worksheet stores it.
type rawCell struct {
	typ    string // the t attribute
	style  int
	v      []byte
	inline bool // has an <is> inline string
}

// cellValue gives a cell's trimmed text as Excel stores it (the shared or
// inline string, or the number as written) and whether it is a number.
func (b *book) cellValue(c *rawCell, rt *richText) (xcell, error) {
	var x xcell
	switch c.typ {
	case "s":
		v := strings.TrimSpace(string(c.v))
		if v == "" {
			return x, nil
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(b.sst) {
			return x, fmt.Errorf("shared string %q out of range", v)
		}
		x.value = b.sst[i]
	case "inlineStr":
		if c.inline {
			x.value = rt.text()
		} else {
			x.value = string(c.v)
		}
	case "", "n", "d":
		x.value = string(c.v)
		x.numeric = true
		x.date = c.typ == "d" || c.style >= 0 && c.style < len(b.dateStyles) && b.dateStyles[c.style]
	default: // str (a formula's text), b (a boolean), e (an error)
		x.value = string(c.v)
	}
	x.value = trim(x.value)
	return x, nil
}

// rowNumber reads a <row>'s r attribute; an absent one follows the last row.
func rowNumber(r string, last int) (int, error) {
	if r == "" {
		return last + 1, nil
	}
	n, err := strconv.Atoi(r)
	if err != nil || n < 1 || n > excelize.TotalRows {
		return 0, fmt.Errorf("bad row number %q", r)
	}
	return n, nil
}

// columnNumber reads the column of a <c>'s r attribute (such as AB12); an
// absent one follows the last column.
func columnNumber(ref string, last int) (int, error) {
	if ref == "" {
		return last + 1, nil
	}
	n := 0
	for i := 0; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A') + 1
		if n > excelize.MaxColumns {
			break
		}
	}
	if n < 1 || n > excelize.MaxColumns {
		return 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return n, nil
}
