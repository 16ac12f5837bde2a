package workbook

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"chanjiao/store"
)

// cell is one cell as read: its raw text and what Excel knows of it.
type cell struct {
	raw     string // trimmed; for a numeric cell, the number as Excel stores it
	numeric bool   // stored as a number (dates included)
	date    bool   // a number formatted as a date
}

// trim removes leading and trailing Unicode spaces (the ideographic space
// U+3000 among them) and the invisible characters pasted from web pages and
// other programs: zero-width spaces and joiners, direction marks (U+200B to
// U+200F), the word joiner U+2060 and the byte order mark U+FEFF.
func trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r >= '\u200b' && r <= '\u200f' || r == '\u2060' || r == '\ufeff'
	})
}

// normCode NFKC-normalises and upper-cases a code (full-width digits and a
// lower-case x become ASCII).
func normCode(s string) string { return strings.ToUpper(norm.NFKC.String(s)) }

// numberText gives a numeric cell's value as digits, when it is a whole number.
func numberText(raw string) (string, bool) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f < 0 || f != math.Trunc(f) || f > 1e15 {
		return "", false
	}
	return strconv.FormatFloat(f, 'f', 0, 64), true
}

var (
	dateSepRE = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	dateCNRE  = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
)

// excelEpoch is day 0 of Excel's serial dates for every serial above 60:
// Excel counts a 29 February 1900 that never was.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads a date cell: an Excel date, or text such as 2025-3-1,
// 2025/03/01, 2025.3.1 or 2025年3月1日; it must fall within 1950–2100.
func parseDate(c cell) (time.Time, error) {
	t, err := parseAnyDate(c)
	if err != nil {
		return time.Time{}, err
	}
	if !store.DateInRange(t) { // the store's rule, so what imports also exports and imports again
		return time.Time{}, fmt.Errorf("“%s”不在 %s 之间，请核对日期", c.raw, store.DateRangeText)
	}
	return t, nil
}

func parseAnyDate(c cell) (time.Time, error) {
	if c.numeric {
		if !c.date {
			return time.Time{}, fmt.Errorf("“%s”是数字而不是日期，请填写日期（如 2025-03-01）", c.raw)
		}
		f, err := strconv.ParseFloat(c.raw, 64)
		if err != nil || !(f >= 61 && f < 2958466) { // serials up to 60 are before March 1900
			return time.Time{}, fmt.Errorf("“%s”不是有效的日期", c.raw)
		}
		return excelEpoch.AddDate(0, 0, int(f)), nil
	}
	m := dateSepRE.FindStringSubmatch(c.raw)
	if m == nil {
		m = dateCNRE.FindStringSubmatch(norm.NFKC.String(c.raw))
	}
	if m == nil {
		return time.Time{}, fmt.Errorf("“%s”不是可识别的日期，请写作 2025-03-01 或 2025年3月1日", c.raw)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, fmt.Errorf("“%s”不是存在的日期", c.raw)
	}
	return t, nil
}

// parseCount reads a whole number ≥ 0 (a text cell holding digits is fine).
func parseCount(c cell) (int, error) {
	s := c.raw
	if !c.numeric {
		s = norm.NFKC.String(s)
	}
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil || !c.numeric && strings.ContainsFunc(s, notPlainNumber):
		return 0, fmt.Errorf("“%s”不是整数", c.raw)
	case f < 0:
		return 0, fmt.Errorf("不能为负数（%s）", c.raw)
	case f != math.Trunc(f):
		return 0, fmt.Errorf("应为整数（%s）", c.raw)
	case f > 1e9:
		return 0, fmt.Errorf("数值过大（%s）", c.raw)
	}
	return int(f), nil
}

// notPlainNumber is true for what a typed count never holds but ParseFloat
// accepts: exponents, hex (0x1p4), underscores, Inf and NaN.
func notPlainNumber(r rune) bool { return (r < '0' || r > '9') && r != '.' && r != '+' && r != '-' }

// parseYear reads a year 2000–2100.
func parseYear(c cell) (int, error) {
	y, err := parseCount(c)
	if err != nil || y < 2000 || y > 2100 {
		return 0, fmt.Errorf("“%s”不是 2000 至 2100 之间的年份", c.raw)
	}
	return y, nil
}

// isDateFormat reports whether a number format shows a date.
func isDateFormat(id int, custom *string) bool {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return true
	case custom == nil:
		return false
	}
	inQuote, inBracket := false, false
	for _, r := range strings.ToLower(*custom) {
		switch {
		case r == '"':
			inQuote = !inQuote
		case inQuote:
		case r == '[':
			inBracket = true
		case r == ']':
			inBracket = false
		case inBracket:
		case r == 'y' || r == 'd' || r == 'm' || r == '年' || r == '月' || r == '日':
			return true
		}
	}
	return false
}
