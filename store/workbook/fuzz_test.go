package workbook

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"chanjiao/store"
)

// Fuzz tests of the readers of outside input: the workbook's bytes and the
// text of its cells. Run with `make fuzz`; without -fuzz the seeds (and any
// crashers kept in testdata/fuzz) run as plain tests.

func seedBooks(f *testing.F) {
	f.Helper()
	ex := filepath.Join("..", "..", "..", "shared", "examples", "532323-example.xlsx")
	if data, err := os.ReadFile(ex); err == nil {
		f.Add(data)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"))
	f.Add([]byte{})
}

// smallBook is a small real workbook: a 学校 sheet with a header, a row of
// text, a number and a date.
func smallBook(f *testing.F) []byte {
	f.Helper()
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", SheetSchools)
	x.SetSheetRow(SheetSchools, "A1", &[]any{"学校标识码", "学校名称", "办学类型", "所在区划代码", "办学性质", "停办年份"})
	x.SetSheetRow(SheetSchools, "A2", &[]any{"3653003101", "甲校", "中等职业学校", 532323, "公办", 2030})
	x.NewSheet(SheetSecondments)
	x.SetSheetRow(SheetSecondments, "A1", &[]any{"开始日期"})
	x.SetCellValue(SheetSecondments, "A2", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	buf, err := x.WriteToBuffer()
	if err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzArchive feeds mutated workbooks to the zip-layer check: it refuses or
// passes, never panics; what it passes inflates whole, excelize opens and
// reads without a panic, and the sheets read back or are refused clearly.
func FuzzArchive(f *testing.F) {
	seedBooks(f)
	f.Add(smallBook(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := openArchive(bytes.NewReader(data), int64(len(data)), "fuzz.xlsx")
		if err != nil {
			var se *store.Error
			if !errors.As(err, &se) || store.ErrorCode(err) != store.EInvalid {
				t.Fatalf("not a clerk's refusal: %v", err)
			}
			return
		}
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatalf("%s passed the check but does not open: %v", zf.Name, err)
			}
			if _, err := io.Copy(io.Discard, rc); err != nil {
				t.Fatalf("%s passed the check but does not inflate: %v", zf.Name, err)
			}
			rc.Close()
		}
		x, err := excelize.OpenReader(bytes.NewReader(data), excelizeOptions)
		if err == nil {
			for _, name := range x.GetSheetList() {
				x.GetRows(name)
			}
			x.Close()
		}
		if _, _, err := read(data, "fuzz.xlsx"); err != nil && store.ErrorCode(err) != store.EInvalid {
			t.Fatalf("not a clerk's refusal: %v", err)
		}
	})
}

// readBudget is how long any input may take to read: a clerk's file of a few
// KB must not hang the program.
const readBudget = 10 * time.Second

// FuzzRead feeds arbitrary bytes to read, the reader behind Import: it must
// refuse or read, never panic or hang, and what it reads must be well formed.
func FuzzRead(f *testing.F) {
	seedBooks(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		var sheets map[string]*sheet
		var issues []Issue
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			sheets, issues, err = read(data, "fuzz.xlsx")
		}()
		select {
		case <-done:
		case <-time.After(readBudget):
			t.Fatalf("reading %d bytes takes longer than %v", len(data), readBudget)
		}
		if err != nil {
			if sheets != nil || issues != nil {
				t.Fatalf("error %v with a result", err)
			}
			return
		}
		for name, s := range sheets {
			last := 1
			for _, r := range s.rows {
				if r.num <= last {
					t.Fatalf("%s: row %d after row %d", name, r.num, last)
				}
				last = r.num
				for _, c := range r.cells {
					if c.raw != trim(c.raw) {
						t.Fatalf("%s row %d: untrimmed cell %q", name, r.num, c.raw)
					}
				}
			}
		}
		for _, i := range issues {
			if i.Message == "" || !utf8.ValidString(i.Message) {
				t.Fatalf("issue without a readable message: %+v", i)
			}
		}
	})
}

// FuzzParseDate: an accepted date is a real calendar day at midnight UTC, and
// a text date reads back as the same numbers.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-01", "2025/3/1", "2025.03.01", "2025年3月1日", "２０２５年３月１日", "45717", "45717.5", "2025-02-29", "0", "-1", "1e308", "NaN", "2958465", "9999-12-31"} {
		f.Add(s, false, false)
		f.Add(s, true, true)
	}
	f.Add("45717", true, false)
	f.Fuzz(func(t *testing.T, raw string, numeric, date bool) {
		d, err := parseDate(cell{raw: raw, numeric: numeric, date: date})
		if err != nil {
			if !d.IsZero() {
				t.Fatalf("error %v with date %v", err, d)
			}
			if !utf8.ValidString(err.Error()) && utf8.ValidString(raw) {
				t.Fatalf("message not valid text: %q", err)
			}
			return
		}
		if d.Location() != time.UTC || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("%q → %v, want midnight UTC", raw, d)
		}
		if numeric {
			return
		}
		m := dateSepRE.FindStringSubmatch(raw)
		if m == nil {
			m = dateCNRE.FindStringSubmatch(norm.NFKC.String(raw))
		}
		if m == nil {
			t.Fatalf("%q accepted as %v though it is no date pattern", raw, d)
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		day, _ := strconv.Atoi(m[3])
		if d.Year() != y || int(d.Month()) != mo || d.Day() != day {
			t.Fatalf("%q read as %s", raw, d.Format("2006-01-02"))
		}
	})
}

// plainNumber is what a clerk types as a count: digits, a sign, a decimal point.
var plainNumber = regexp.MustCompile(`^[+-]?[0-9]*\.?[0-9]*$`)

// FuzzParseCount: an accepted count is a whole number 0…1e9 that the cell
// really says; a text cell must read as plain digits (no hex, no exponent,
// no Inf or NaN).
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "12", "12.0", "１２", "+3", "-1", "1.5", "1e3", "1E+3", "1000000001", "0x10", "0x1p4", "Inf", "NaN", " 7 ", "7人"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, numeric bool) {
		n, err := parseCount(cell{raw: raw, numeric: numeric})
		if err != nil {
			return
		}
		if n < 0 || n > 1e9 {
			t.Fatalf("%q (numeric %v) → %d, out of range", raw, numeric, n)
		}
		if !numeric {
			if s := norm.NFKC.String(raw); !plainNumber.MatchString(s) {
				t.Fatalf("text %q accepted as %d", raw, n)
			}
		}
		if y, err := parseYear(cell{raw: raw, numeric: numeric}); err == nil && (y != n || y < 2000 || y > 2100) {
			t.Fatalf("year %q → %d, count %d", raw, y, n)
		}
	})
}
