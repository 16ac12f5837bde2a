package workbook

import (
	"strings"
	"testing"
	"time"
)

// Cell-level readers, one table each.

func TestTrim(t *testing.T) {
	for in, want := range map[string]string{
		"\u3000甲校\u3000":         "甲校",
		" \t甲 校\n":               "甲 校",
		"\u200b3653003101\ufeff": "3653003101",
		"\u00a0公办\u00a0":         "公办",
		// Invisible characters pasted from web pages: zero-width space,
		// non-joiner, joiner, direction marks, word joiner, byte order mark.
		"\u200c\u200d3653003101\u200e\u200f": "3653003101",
		"\u20603653003101\u2060":             "3653003101",
		"\ufeff\u200b学校\u3000":               "学校",
		"甲\u200b校":                           "甲\u200b校", // only the ends are trimmed
		"":                                   "",
	} {
		if got := trim(in); got != want {
			t.Errorf("trim(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormCode(t *testing.T) {
	for in, want := range map[string]string{
		"３６５３００３１０１":         "3653003101",
		"11010519491231002x": "11010519491231002X",
		"９１１１００００６０００３７３４１ｌ": "91110000600037341L",
		"520101k": "520101K",
	} {
		if got := normCode(in); got != want {
			t.Errorf("normCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumberText(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want string
		ok   bool
	}{
		{"3653003101", "3653003101", true},
		{"3.653003101E9", "3653003101", true},
		{"532323", "532323", true},
		{"5323.5", "", false},
		{"-1", "", false},
		{"abc", "", false},
	} {
		got, ok := numberText(c.raw)
		if got != c.want || ok != c.ok {
			t.Errorf("numberText(%q) = %q, %v; want %q, %v", c.raw, got, ok, c.want, c.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	good := []struct {
		c    cell
		want time.Time
	}{
		{cell{raw: "2025-03-01"}, day(2025, 3, 1)},
		{cell{raw: "2025-3-1"}, day(2025, 3, 1)},
		{cell{raw: "2025/3/1"}, day(2025, 3, 1)},
		{cell{raw: "2025/12/31"}, day(2025, 12, 31)},
		{cell{raw: "2025.3.1"}, day(2025, 3, 1)},
		{cell{raw: "2025年3月1日"}, day(2025, 3, 1)},
		{cell{raw: "2025年03月01日"}, day(2025, 3, 1)},
		{cell{raw: "2024-02-29"}, day(2024, 2, 29)},
		{cell{raw: "45717", numeric: true, date: true}, day(2025, 3, 1)},
		{cell{raw: "45717.75", numeric: true, date: true}, day(2025, 3, 1)}, // a time of day is dropped
		{cell{raw: "1950-01-01"}, day(1950, 1, 1)},
		{cell{raw: "2100-12-31"}, day(2100, 12, 31)},
		{cell{raw: "18264", numeric: true, date: true}, day(1950, 1, 1)},
		{cell{raw: "73415", numeric: true, date: true}, day(2100, 12, 31)},
	}
	for _, g := range good {
		got, err := parseDate(g.c)
		if err != nil || !got.Equal(g.want) {
			t.Errorf("parseDate(%+v) = %v, %v; want %v", g.c, got, err, g.want)
		}
	}
	bad := []cell{
		{raw: "2025-13-01"},
		{raw: "2025-02-29"},
		{raw: "2025-04-31"},
		{raw: "2025-3-1 8:00"},
		{raw: "3/1/2025"},
		{raw: "25-3-1"},
		{raw: "2025年3月"},
		{raw: "2025-003-01"},
		{raw: "二〇二五年三月一日"},
		{raw: "20250301"},
		{raw: "45717", numeric: true}, // a number not formatted as a date
		{raw: "-3", numeric: true, date: true},
		{raw: "0", numeric: true, date: true},
		// Outside 1950–2100: typing errors, and dates an export could not
		// carry back (0001-01-01 is also Go's zero time, read as "empty").
		{raw: "1025-03-01"},
		{raw: "0000-01-01"},
		{raw: "0001-01-01"},
		{raw: "1949-12-31"},
		{raw: "2101-01-01"},
		{raw: "9999-12-31"},
		{raw: "60", numeric: true, date: true}, // 1900-02-29, a day that never was
		{raw: "59", numeric: true, date: true},
		{raw: "18263", numeric: true, date: true}, // 1949-12-31
		{raw: "73416", numeric: true, date: true}, // 2101-01-01
		{raw: "NaN", numeric: true, date: true},
		{raw: "1e300", numeric: true, date: true},
	}
	for _, c := range bad {
		if got, err := parseDate(c); err == nil {
			t.Errorf("parseDate(%+v) = %v, want an error", c, got)
		} else if strings.TrimSpace(err.Error()) == "" {
			t.Errorf("parseDate(%+v): empty error message", c)
		}
	}
}

func TestParseCount(t *testing.T) {
	good := []struct {
		c    cell
		want int
	}{
		{cell{raw: "0", numeric: true}, 0},
		{cell{raw: "150", numeric: true}, 150},
		{cell{raw: "150"}, 150},
		{cell{raw: "１５０"}, 150},
		{cell{raw: "1.5E2", numeric: true}, 150},
	}
	for _, g := range good {
		if got, err := parseCount(g.c); err != nil || got != g.want {
			t.Errorf("parseCount(%+v) = %d, %v; want %d", g.c, got, err, g.want)
		}
	}
	for _, c := range []cell{
		{raw: "-1", numeric: true},
		{raw: "-1"},
		{raw: "1.5", numeric: true},
		{raw: "1e3"},
		{raw: "十"},
		{raw: "12人"},
		{raw: "1e12", numeric: true},
	} {
		if got, err := parseCount(c); err == nil {
			t.Errorf("parseCount(%+v) = %d, want an error", c, got)
		}
	}
}

func TestParseYear(t *testing.T) {
	if y, err := parseYear(cell{raw: "2025", numeric: true}); err != nil || y != 2025 {
		t.Errorf("parseYear(2025) = %d, %v", y, err)
	}
	if y, err := parseYear(cell{raw: "2030"}); err != nil || y != 2030 {
		t.Errorf("parseYear(text 2030) = %d, %v", y, err)
	}
	for _, raw := range []string{"1999", "2101", "25", "2025.5", "二〇二五"} {
		if y, err := parseYear(cell{raw: raw}); err == nil {
			t.Errorf("parseYear(%q) = %d, want an error", raw, y)
		}
	}
}

func TestIsDateFormat(t *testing.T) {
	str := func(s string) *string { return &s }
	for _, c := range []struct {
		id     int
		custom *string
		want   bool
	}{
		{14, nil, true},
		{22, nil, true},
		{57, nil, true},
		{0, nil, false},
		{1, nil, false},
		{49, nil, false}, // text "@"
		{0, str("yyyy-mm-dd"), true},
		{0, str(`yyyy"年"m"月"d"日"`), true},
		{0, str("[$-804]yyyy年m月d日"), true},
		{0, str("0.00"), false},
		{0, str("#,##0"), false},
		{0, str(`"day"0`), false}, // letters inside quotes are literal text
		{0, str("[Red]0"), false}, // letters inside brackets are a colour
		{0, str("@"), false},
	} {
		if got := isDateFormat(c.id, c.custom); got != c.want {
			cs := "<nil>"
			if c.custom != nil {
				cs = *c.custom
			}
			t.Errorf("isDateFormat(%d, %q) = %v, want %v", c.id, cs, got, c.want)
		}
	}
}

func TestReadRefusesNonXlsxBytes(t *testing.T) {
	for name, data := range map[string][]byte{
		"ole2.xls":  {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0},
		"text.xlsx": []byte("学校标识码\t学校名称\n"),
	} {
		_, _, err := read(data, name)
		if err == nil || !strings.Contains(err.Error(), "请另存为 .xlsx 格式后再导入") {
			t.Errorf("read(%s) = %v, want a refusal saying 请另存为 .xlsx 格式后再导入", name, err)
		}
	}
	// Starts as a zip but is none: a damaged copy, most likely.
	if _, _, err := read([]byte("PK\x03\x04not really a zip"), "zip.xlsx"); err == nil || !strings.Contains(err.Error(), "zip.xlsx 文件已损坏，请重新拷贝") {
		t.Errorf("read(zip.xlsx) = %v, want a refusal saying 文件已损坏，请重新拷贝", err)
	}
}
