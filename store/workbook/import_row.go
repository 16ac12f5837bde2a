package workbook

import (
	"fmt"
	"time"

	"chanjiao/store"
)

// rowReader reads the cells of one row as the sheet's columns declare them
// (see Sheets), noting each bad cell where it is.
type rowReader struct {
	im     *importer
	s      *sheet
	r      row
	keys   seen // the natural keys of the sheet's rows so far
	bad    bool
	failed map[string]bool // columns already reported
}

// seen tracks natural keys within one sheet, to name both rows of a duplicate.
type seen map[string]int

// eachRow calls read with a reader for every row of the sheet, then lets go
// of the rows: a large workbook is not held twice, as rows and as records.
func (im *importer) eachRow(name string, read func(rr *rowReader)) {
	s := im.sheets[name]
	if s == nil {
		return
	}
	keys := seen{}
	for _, r := range s.rows {
		read(&rowReader{im: im, s: s, r: r, keys: keys})
	}
	s.rows = nil
}

// note records an issue of the row.
func (rr *rowReader) note(col, msg string, warning bool) {
	rr.im.issues = append(rr.im.issues, Issue{Sheet: rr.s.name, Row: rr.r.num, Column: col, Message: msg, Warning: warning})
}

// fail notes an error in the cell of col.
func (rr *rowReader) fail(col, msg string) {
	rr.bad = true
	if rr.failed == nil {
		rr.failed = map[string]bool{}
	}
	rr.failed[col] = true
	rr.note(col, msg, false)
}

// problems notes what validation found, except in a cell already reported:
// a date that could not be read is not also "必须填写".
func (rr *rowReader) problems(ps store.Problems) {
	for _, p := range ps.Besides(func(f string) bool { return rr.failed[f] }) {
		rr.note(p.Field, p.Message, p.Warning)
	}
}

// text sets *dst from a text or code column; an absent column leaves *dst
// as it is. A code is NFKC and upper case; a numeric cell gives its digits,
// unless the column must be text (身份证号, 统一社会信用代码: Excel has lost
// digits of such a number).
func (rr *rowReader) text(col string, dst *string) {
	if !rr.s.has(col) {
		return
	}
	c := rr.s.get(rr.r, col)
	switch k := rr.s.columns[col].kind; {
	case k != code && k != textCode:
		*dst = c.raw
	case !c.numeric || c.raw == "":
		*dst = normCode(c.raw)
	case k == textCode:
		rr.fail(col, "请以文本格式填写（数字格式的单元格已被 Excel 丢失位数或改成科学计数法）")
	default:
		digits, ok := numberText(c.raw)
		if !ok {
			rr.fail(col, "“"+c.raw+"”不是有效的代码")
			return
		}
		*dst = digits
	}
}

// items sets *dst from a list column (store.SplitList): nil when the cell
// is empty, an absent column leaves it. The items of a list of codes are
// codes; a numeric cell is one code, as its digits.
func (rr *rowReader) items(col string, dst *[]string) {
	if !rr.s.has(col) {
		return
	}
	c := rr.s.get(rr.r, col)
	if digits, ok := numberText(c.raw); c.numeric && ok {
		*dst = []string{digits}
		return
	}
	list := store.SplitList(c.raw)
	if rr.s.columns[col].choices == nil {
		for i, v := range list {
			list[i] = normCode(trim(v))
		}
	}
	*dst = list
}

// date sets *dst from a date column; an absent column leaves it as it is,
// an empty cell clears it.
func (rr *rowReader) date(col string, dst *time.Time) {
	if !rr.s.has(col) {
		return
	}
	c := rr.s.get(rr.r, col)
	if c.raw == "" {
		*dst = time.Time{}
		return
	}
	t, err := parseDate(c)
	if err != nil {
		rr.fail(col, err.Error())
		return
	}
	*dst = t
}

// number sets *dst from a count or year column: an absent column leaves it,
// an empty cell sets 0 (an error when the column is required), a bad cell is
// an error.
func (rr *rowReader) number(col string, dst *int) {
	if !rr.s.has(col) {
		return
	}
	c, def := rr.s.get(rr.r, col), rr.s.columns[col]
	if c.raw == "" {
		if def.Required {
			rr.fail(col, "必须填写")
		}
		*dst = 0
		return
	}
	parse := parseCount
	if def.kind == year {
		parse = parseYear
	}
	n, err := parse(c)
	if err != nil {
		rr.fail(col, err.Error())
		return
	}
	*dst = n
}

// queue puts the row's record among those to write, when ok and its key is
// not an earlier row's (what names the key's columns); it reports whether
// it did.
func (rr *rowReader) queue(key, what string, rec, old any, exists, ok bool) bool {
	if !ok || !rr.unique(key, what) {
		return false
	}
	rr.im.queue(rr.s.name, rr.r.num, key, rec, old, exists)
	return true
}

// unique reports whether key is not an earlier row's, noting the duplicate
// (naming both rows and what makes the key) when it is.
func (rr *rowReader) unique(key, what string) bool {
	if first, dup := rr.keys[key]; dup {
		rr.note("", fmt.Sprintf("与第 %d 行重复（%s 相同）", first, what), false)
		return false
	}
	rr.keys[key] = rr.r.num
	return true
}

// optNumber sets *dst from an optional count: nil when the cell is empty
// (not given, which is not 0), an absent column leaves it.
func (rr *rowReader) optNumber(col string, dst **int) {
	if !rr.s.has(col) {
		return
	}
	if rr.s.get(rr.r, col).raw == "" {
		*dst = nil
		return
	}
	var n int
	rr.number(col, &n)
	if !rr.failed[col] {
		*dst = &n
	}
}
