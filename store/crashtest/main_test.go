package crashtest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/refdata"
	"chanjiao/store/storetest"
	"chanjiao/store/workbook"
)

// The tests of this package run parts of themselves in child processes: the
// test binary is started again with CHANJIAO_CHILD naming what the child does
// (see children). A child reports on stdout, one line per event.
const childEnv = "CHANJIAO_CHILD"

// children are the modes a child process can run in; each gets the rest of
// CHANJIAO_CHILD after the first colon and returns the exit status.
var children = map[string]func(arg string) int{}

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		name, arg, _ := strings.Cut(mode, ":")
		child, ok := children[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown child mode %q\n", name)
			os.Exit(2)
		}
		os.Exit(child(arg))
	}
	flag.Parse()
	os.Exit(m.Run())
}

// childCmd prepares the test binary as a child in the given mode.
func childCmd(mode, arg string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode+":"+arg)
	return cmd
}

// report writes one line to stdout straight away (os.Stdout is unbuffered),
// so the parent has it even if the child is killed the next instant.
func report(format string, args ...any) {
	fmt.Fprintf(os.Stdout, format+"\n", args...)
}

// ref loads ../shared/data, as the other store tests do.
func ref() (*refdata.Reference, error) { return refdata.ForTests() }

const (
	schoolCode = "3653003101"
	testYear   = 2025
)

var testUnit = store.Unit{Code: "532323", Name: "牟定县", Level: store.LevelCounty}

// newDB makes a database in dir with the unit and one school, and closes it.
func newDB(tb testing.TB, dir string) string {
	tb.Helper()
	path := filepath.Join(dir, store.DBFileName)
	r, err := ref()
	if err != nil {
		tb.Fatal(err)
	}
	db, err := store.Open(path, r)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.SetUnit(testUnit) }); err != nil {
		tb.Fatal(err)
	}
	book := filepath.Join(dir, "base.xlsx")
	if err := writeBook(book, schoolsSheet(0)); err != nil {
		tb.Fatal(err)
	}
	if _, err := workbook.Import(ctx, db, book); err != nil {
		tb.Fatal(err)
	}
	return path
}

// sheetRows is one sheet: rows[0] is the header.
type sheetRows struct {
	name string
	rows [][]any
}

// schoolsSheet is the one school, with contact as its 联系人 (the field the
// crash test's edits count up in).
func schoolsSheet(contact int) sheetRows {
	return sheetRows{workbook.SheetSchools, [][]any{
		{"学校标识码", "学校名称", "办学类型", "所在区划代码", "办学性质", "联系人"},
		{schoolCode, "牟定县职业高级中学", "中等职业学校", "532323", "公办", fmt.Sprint(contact)},
	}}
}

// trainingsSheet gives n trainings named marker-1 … marker-n.
func trainingsSheet(marker string, n int) sheetRows {
	rows := [][]any{{"承办学校标识码", "项目名称", "培训对象", "培训人次", "学时", "开始日期", "结束日期"}}
	for j := 1; j <= n; j++ {
		rows = append(rows, []any{schoolCode, fmt.Sprintf("%s-%03d", marker, j), store.TrainingGroups[j%len(store.TrainingGroups)],
			10 + j, 8, "2025-03-01", "2025-03-05"})
	}
	return sheetRows{workbook.SheetTrainings, rows}
}

// writeBook writes the sheets as an .xlsx file: strings as text cells,
// numbers as number cells.
func writeBook(path string, sheets ...sheetRows) error {
	var ss []storetest.Sheet
	for _, s := range sheets {
		ss = append(ss, storetest.Sheet{Name: s.name, Rows: s.rows})
	}
	return storetest.WriteBook(path, ss...)
}
