package workbook

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"chanjiao/store"
)

// Issue is one problem found in a workbook, located as Excel shows it.
type Issue struct {
	Sheet   string
	Row     int    // 0 for a problem of the whole sheet or file
	Column  string // the column header; "" for a whole row
	Message string
	Warning bool
}

// String gives the issue as `工作表 行 列: 原因`.
func (i Issue) String() string {
	switch {
	case i.Sheet == "":
		return i.Message
	case i.Row == 0 && i.Column == "":
		return i.Sheet + ": " + i.Message
	case i.Row == 0:
		return i.Sheet + " " + i.Column + ": " + i.Message
	case i.Column == "":
		return fmt.Sprintf("%s %d: %s", i.Sheet, i.Row, i.Message)
	}
	return fmt.Sprintf("%s %d %s: %s", i.Sheet, i.Row, i.Column, i.Message)
}

// RefusedError is returned when a workbook has errors: it lists all of them;
// nothing was changed. It is an EInvalid store error (see Unwrap), so a
// caller shows it as any other refusal: store.ErrorMessage gives Error().
type RefusedError struct {
	File   string
	Issues []Issue // errors first, then warnings
	// Template is set when the file is one of the program's templates.
	Template *TemplateInfo
	// Schools are the 学校标识码 the file's rows name, sorted.
	Schools []string
}

// Unwrap gives the refusal as a store error: invalid input, whose message
// for the clerk is the summary Error gives (the file, how many errors, and
// each one located).
func (e *RefusedError) Unwrap() error {
	return &store.Error{Code: store.EInvalid, Message: e.Error()}
}

func (e *RefusedError) Error() string {
	var b strings.Builder
	n := 0
	for _, i := range e.Issues {
		if !i.Warning {
			n++
		}
	}
	fmt.Fprintf(&b, "%s 有 %d 处错误，未导入任何数据：", filepath.Base(e.File), n)
	for _, i := range e.Issues {
		if !i.Warning {
			b.WriteString("\n")
			b.WriteString(i.String())
		}
	}
	return b.String()
}

func hasErrors(is []Issue) bool {
	for _, i := range is {
		if !i.Warning {
			return true
		}
	}
	return false
}

// sheetOrder is where a sheet stands in Sheets; 0 for a problem of the file.
func sheetOrder(name string) int {
	for i, s := range Sheets {
		if s.Name == name {
			return i
		}
	}
	return 0
}

// sortIssues puts errors before warnings, each in sheet and row order.
func sortIssues(is []Issue) []Issue {
	sort.SliceStable(is, func(a, b int) bool {
		x, y := is[a], is[b]
		if x.Warning != y.Warning {
			return !x.Warning
		}
		if x.Sheet != y.Sheet {
			return sheetOrder(x.Sheet) < sheetOrder(y.Sheet)
		}
		return x.Row < y.Row
	})
	return is
}
