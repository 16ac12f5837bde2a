package main

// The CLI contract, driven as a subprocess: the real binary, built once with
// CGO_ENABLED=0, run against databases in temp folders. These tests do not
// depend on whether the binary carries the reference data (a clean clone
// builds it without), so they never rely on catalogue warnings.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"

	_ "modernc.org/sqlite" // the "sqlite" driver, to tamper with a database file

	"chanjiao/store/storetest"
)

var cliBin string // the built binary

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "chanjiao-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cliBin = filepath.Join(dir, "chanjiao-cli")
	if runtime.GOOS == "windows" {
		cliBin += ".exe"
	}
	build := exec.Command("go", "build", "-o", cliBin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building chanjiao-cli with CGO_ENABLED=0: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// ---------------------------------------------------------------------------
// Running the binary.

type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// cli runs the binary with a private HOME and config folder, so nothing can
// fall back on the real per-user database, and without CHANJIAO_DB unless a
// test sets it.
type cli struct {
	t    *testing.T
	bin  string
	home string
	env  []string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	home := t.TempDir()
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "CHANJIAO_DB", "HOME", "XDG_CONFIG_HOME", "APPDATA", "USERPROFILE":
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "APPDATA="+filepath.Join(home, "AppData"))
	return &cli{t: t, bin: cliBin, home: home, env: env}
}

// withRefData returns a copy of c that reads the whole reference data of
// ../shared/data (every region of the country), which units' hand-offs need.
func (c *cli) withRefData() *cli {
	return c.withEnv("CHANJIAO_REFDATA=" + storetest.Shared(c.t, "data"))
}

// withEnv returns a copy of c that also sets kv ("NAME=value").
func (c *cli) withEnv(kv ...string) *cli {
	d := *c
	d.env = append(append([]string(nil), c.env...), kv...)
	return &d
}

func (c *cli) run(args ...string) result {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.bin, args...)
	cmd.Env = c.env
	cmd.Dir = c.home
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		c.t.Fatalf("running chanjiao-cli %s: %v", strings.Join(args, " "), err)
	}
	return r
}

// ok runs the command and fails the test unless it exits 0.
func (c *cli) ok(args ...string) result {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("chanjiao-cli %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// expect runs the command and fails the test unless it exits with code.
func (c *cli) expect(code int, args ...string) result {
	c.t.Helper()
	r := c.run(args...)
	if r.code != code {
		c.t.Errorf("chanjiao-cli %s: want exit %d, got %s", strings.Join(args, " "), code, r)
	}
	return r
}

// ---------------------------------------------------------------------------
// Fixtures.

func examplePath(t *testing.T) string { return storetest.Example(t) }

// exampleDB makes a database with the unit of the example and the example
// imported, and returns its path.
func exampleDB(t *testing.T, c *cli) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "init", "--unit", "532323", "--name", "牟定县", "--level", "county")
	c.ok("--db", db, "import", examplePath(t))
	return db
}

type sheet struct {
	name string
	rows [][]any
}

// writeBook writes a workbook: strings as text cells, numbers as number
// cells, time.Time as date cells; nil cells stay blank.
func writeBook(t *testing.T, sheets ...sheet) string {
	t.Helper()
	var ss []storetest.Sheet
	for _, s := range sheets {
		ss = append(ss, storetest.Sheet{Name: s.name, Rows: s.rows})
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := storetest.WriteBook(path, ss...); err != nil {
		t.Fatal(err)
	}
	return path
}

// decode parses check --json's stdout: exactly one JSON object.
func decode(t *testing.T, out string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("check --json printed no JSON object: %v\n%s", err, out)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("check --json printed more than one JSON value:\n%s", out)
	}
	return m
}

// at walks a decoded JSON value: keys for objects, ints for arrays.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not an object at %v", path, path[:i])
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("%v: no key %q at %v (keys %v)", path, k, path[:i], keys(m))
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("%v: no element %d at %v", path, k, path[:i])
			}
			v = a[k]
		}
	}
	return v
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// eq checks one value of the JSON: numbers as float64, null as nil.
func eq(t *testing.T, doc map[string]any, want any, path ...any) {
	t.Helper()
	got := at(t, doc, path...)
	if w, ok := want.(int); ok {
		want = float64(w)
	}
	if got != want {
		t.Errorf("%v = %#v, want %#v", path, got, want)
	}
}

// schoolByCode finds a school of check --json by its code.
func schoolByCode(t *testing.T, doc map[string]any, code string) map[string]any {
	t.Helper()
	for _, s := range at(t, doc, "schools").([]any) {
		if m := s.(map[string]any); m["code"] == code {
			return m
		}
	}
	t.Fatalf("school %s not in check --json", code)
	return nil
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// init → import → check --json → export → import elsewhere.

func TestCheckJSONOfTheExample(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := exampleDB(t, c)
	doc := decode(t, c.ok("--db", db, "check", "--year", "2025", "--json").stdout)

	eq(t, doc, "532323", "unit", "code")
	eq(t, doc, "牟定县", "unit", "name")
	eq(t, doc, "county", "unit", "level")
	eq(t, doc, 2025, "year")

	schools := at(t, doc, "schools").([]any)
	if len(schools) != 2 {
		t.Fatalf("schools = %d, want 2", len(schools))
	}
	for i, code := range []string{"3653003101", "3653003102"} {
		eq(t, doc, code, "schools", i, "code")
		eq(t, doc, "中等职业学校", "schools", i, "type")
		eq(t, doc, true, "schools", i, "assessed")
		eq(t, doc, 6, "schools", i, "secondments", "persons")
		eq(t, doc, 6, "schools", i, "secondments", "school_to_enterprise")
		eq(t, doc, 0, "schools", i, "secondments", "enterprise_to_school")
		eq(t, doc, 10, "schools", i, "secondments", "target")
		eq(t, doc, false, "schools", i, "secondments", "met")
		if name, _ := at(t, doc, "schools", i, "name").(string); !hasHan(name) {
			t.Errorf("school %s name = %q", code, name)
		}
	}
	eq(t, doc, 0, "secondment_schools_met")
	eq(t, doc, 2, "secondment_schools_assessed")

	for g, n := range map[string]int{"在校学生": 90, "企业职工": 0, "社会人员": 0, "农村劳动力": 150} {
		eq(t, doc, n, "training", g, "count")
		eq(t, doc, nil, "training", g, "target") // no training target by default
	}
	eq(t, doc, 240, "training", "total")
	if tg, ok := at(t, doc, "training", "targets").([]any); !ok || len(tg) != 0 {
		t.Errorf("training.targets = %#v, want []", at(t, doc, "training", "targets"))
	}

	eq(t, doc, 100, "progression", "graduates")
	eq(t, doc, 58, "progression", "progressed")
	eq(t, doc, 0.58, "progression", "rate") // a fraction, not 58
	eq(t, doc, 0.6, "progression", "target")
	eq(t, doc, false, "progression", "met")

	ws, ok := at(t, doc, "warnings").([]any)
	if !ok {
		t.Fatalf("warnings = %#v, want an array", at(t, doc, "warnings"))
	}
	for _, w := range ws {
		for _, k := range []string{"table", "key", "field", "message"} {
			if _, ok := w.(map[string]any)[k]; !ok {
				t.Errorf("warning %v lacks %q", w, k)
			}
		}
	}
}

func TestCheckJSONNulls(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := exampleDB(t, c)
	// a 普通高中 and a school closed in 2024: recorded, not assessed
	c.ok("--db", db, "import", writeBook(t, sheet{"学校", [][]any{
		{"学校标识码", "学校名称", "办学类型", "所在区划代码", "办学性质", "停办年份"},
		{"3453003101", "牟定县第一中学", "普通高中", "532323", "公办"},
		{"3653003109", "牟定县已停办职校", "中等职业学校", "532323", "公办", 2024},
	}}))
	doc := decode(t, c.ok("--db", db, "check", "--year", "2025", "--json").stdout)
	for _, code := range []string{"3453003101", "3653003109"} {
		s := schoolByCode(t, doc, code)
		if s["assessed"] != false {
			t.Errorf("%s assessed = %v, want false", code, s["assessed"])
		}
		sec := s["secondments"].(map[string]any)
		if v, ok := sec["met"]; !ok || v != nil {
			t.Errorf("%s secondments.met = %#v (present %v), want null", code, v, ok)
		}
	}
	eq(t, doc, 2, "secondment_schools_assessed")
	eq(t, doc, 0, "secondment_schools_met")
	if n := len(at(t, doc, "schools").([]any)); n != 4 {
		t.Errorf("schools = %d, want 4", n)
	}
	// schools sorted by code
	var codes []string
	for _, s := range at(t, doc, "schools").([]any) {
		codes = append(codes, s.(map[string]any)["code"].(string))
	}
	for i := 1; i < len(codes); i++ {
		if codes[i-1] >= codes[i] {
			t.Errorf("schools not sorted by code: %v", codes)
		}
	}

	// a year without records: no graduates, so no rate; no 升学率 target before 2025
	doc = decode(t, c.ok("--db", db, "check", "--year", "2024", "--json").stdout)
	eq(t, doc, 0, "progression", "graduates")
	eq(t, doc, nil, "progression", "rate")
	eq(t, doc, nil, "progression", "target")
	eq(t, doc, nil, "progression", "met")
	eq(t, doc, 0, "training", "total")
}

func TestExportThenImportGivesTheSameCheck(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db1 := exampleDB(t, c)
	check1 := c.ok("--db", db1, "check", "--year", "2025", "--json").stdout

	out := filepath.Join(t.TempDir(), "牟定县-2025.xlsx")
	c.ok("--db", db1, "export", "--year", "2025", "--out", out)
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("export wrote no file: %v", err)
	}

	db2 := filepath.Join(t.TempDir(), "other.db")
	c.ok("--db", db2, "init", "--unit", "532323", "--name", "牟定县", "--level", "county")
	c.ok("--db", db2, "import", out)
	if check2 := c.ok("--db", db2, "check", "--year", "2025", "--json").stdout; check2 != check1 {
		t.Errorf("check --json after export → import differs:\noriginal:\n%s\nre-imported:\n%s", check1, check2)
	}

	// importing the same data again changes nothing
	c.ok("--db", db1, "import", out)
	c.ok("--db", db1, "import", examplePath(t))
	if again := c.ok("--db", db1, "check", "--year", "2025", "--json").stdout; again != check1 {
		t.Errorf("check --json after re-importing differs:\nbefore:\n%s\nafter:\n%s", check1, again)
	}
}

// ---------------------------------------------------------------------------
// Exit 1: refused input, database unchanged.

func TestRefusedWorkbookExits1AndChangesNothing(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := exampleDB(t, c)
	before := c.ok("--db", db, "check", "--year", "2025", "--json").stdout

	bad := writeBook(t,
		sheet{"学校", [][]any{
			{"学校标识码", "学校名称", "办学类型", "所在区划代码", "办学性质"},
			{"3653003101", "牟定县职业高级中学", "中等职业学校", "532323", "公办"},
			{"365300310", "九位标识码学校", "中等职业学校", "532323", "公办"}, // 3
			{"3653003108", "新学校", "中等职业学校", "532323", "公办"},
		}},
		sheet{"专业", [][]any{
			{"学校标识码", "统计年度", "专业代码", "专业名称", "状态", "在校生数", "毕业生数", "升学人数"},
			{"3653003101", 2025, "710201", "计算机应用", "招生", 200, 60, 40},
			{"3653003101", 2025, "740101", "旅游服务与管理", "招生", 100, 10, 20}, // 3
		}},
		sheet{"互派互聘", [][]any{
			{"学校标识码", "统一社会信用代码", "姓名", "身份证号", "方向", "岗位类型", "开始日期"},
			{"3653003101", "915323237A1B2C3D9B", "新教师", 110105194912310020.0, "学校派往企业", "挂职", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}, // 2
		}},
	)
	r := c.expect(1, "--db", db, "import", bad)
	for _, want := range []string{"学校 3 学校标识码:", "专业 3 升学人数:", "互派互聘 2 身份证号:"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !hasHan(r.stderr) {
		t.Errorf("stderr is not in Chinese:\n%s", r.stderr)
	}
	if after := c.ok("--db", db, "check", "--year", "2025", "--json").stdout; after != before {
		t.Errorf("a refused import changed check --json:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if n := countRows(t, db, "schools"); n != 2 {
		t.Errorf("schools in the database = %d, want 2 (the new school of the refused file must not be there)", n)
	}
}

func TestNonXlsxFileExits1(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := exampleDB(t, c)
	before := c.ok("--db", db, "check", "--year", "2025", "--json").stdout
	dir := t.TempDir()
	xls := filepath.Join(dir, "old.xls")
	if err := os.WriteFile(xls, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...), 0o644); err != nil {
		t.Fatal(err)
	}
	txt := filepath.Join(dir, "list.xlsx")
	if err := os.WriteFile(txt, []byte("学校标识码,学校名称\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{xls, txt} {
		r := c.expect(1, "--db", db, "import", f)
		if !strings.Contains(r.stderr, "请另存为 .xlsx 格式后再导入") {
			t.Errorf("import %s: stderr lacks 请另存为 .xlsx 格式后再导入:\n%s", filepath.Base(f), r.stderr)
		}
	}
	c.expect(1, "--db", db, "import", filepath.Join(dir, "missing.xlsx"))
	if after := c.ok("--db", db, "check", "--year", "2025", "--json").stdout; after != before {
		t.Errorf("a refused import changed check --json")
	}
}

func TestImportBeforeInitExits1(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "fresh.db")
	r := c.expect(1, "--db", db, "import", examplePath(t))
	if !hasHan(r.stderr) {
		t.Errorf("stderr is not in Chinese:\n%s", r.stderr)
	}
	if _, err := os.Stat(db); err == nil {
		if n := countRows(t, db, "schools"); n != 0 {
			t.Errorf("schools = %d after a refused import, want 0", n)
		}
	}
}

// ---------------------------------------------------------------------------
// Exit 2: usage errors.

func TestUsageErrorsExit2(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"--bogus", "check", "--year", "2025"}, // an unknown global flag
		{"check"},
		{"check", "--json"},
		{"check", "--year", "abc"},
		{"check", "--year"},
		{"check", "--year", "2025", "--bogus"},
		{"check", "--year", "1800"},
		{"check", "--year", "2025", "extra"},
		{"export", "--year", "2025"},
		{"export", "--out", filepath.Join(dir, "x.xlsx")},
		{"import"},
		{"init"},
		{"init", "--unit", "532323"},
		{"demo", "extra"},
	} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "usage.db")
			r := c.run(append([]string{"--db", db}, args...)...)
			if r.code != 2 {
				t.Errorf("chanjiao-cli %s: want exit 2, got %s", strings.Join(args, " "), r)
			}
			if !hasHan(r.stderr) {
				t.Errorf("stderr is not in Chinese:\n%s", r.stderr)
			}
			if _, err := os.Stat(db); err == nil {
				t.Errorf("a usage error created the database %s", db)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Where the database is.

func TestDatabaseLocation(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	envDB := filepath.Join(t.TempDir(), "env.db")
	withEnv := c.withEnv("CHANJIAO_DB=" + envDB)

	// CHANJIAO_DB when there is no --db
	withEnv.ok("init", "--unit", "532323", "--name", "牟定县")
	if _, err := os.Stat(envDB); err != nil {
		t.Fatalf("init without --db did not use CHANJIAO_DB: %v", err)
	}
	withEnv.ok("import", examplePath(t))
	doc := decode(t, withEnv.ok("check", "--year", "2025", "--json").stdout)
	eq(t, doc, "牟定县", "unit", "name")
	eq(t, doc, 240, "training", "total")

	// --db wins over CHANJIAO_DB
	flagDB := filepath.Join(t.TempDir(), "flag.db")
	withEnv.ok("--db", flagDB, "init", "--unit", "532301", "--name", "楚雄市")
	doc = decode(t, withEnv.ok("--db", flagDB, "check", "--year", "2025", "--json").stdout)
	eq(t, doc, "楚雄市", "unit", "name")
	eq(t, doc, 0, "training", "total")
	doc = decode(t, withEnv.ok("check", "--year", "2025", "--json").stdout)
	eq(t, doc, "牟定县", "unit", "name")

	// neither: the per-user folder
	c.ok("init", "--unit", "532322", "--name", "双柏县")
	userDB := filepath.Join(c.home, ".config", "chanjiao", "chanjiao.db")
	if _, err := os.Stat(userDB); err != nil {
		t.Errorf("without --db and CHANJIAO_DB the database is not %s: %v", userDB, err)
	}
	doc = decode(t, c.ok("check", "--year", "2025", "--json").stdout)
	eq(t, doc, "双柏县", "unit", "name")
}

// Not parallel: the program is copied, and a parallel test's fork while the
// copy is open for writing would hold it open in the child, so that running
// it fails with "text file busy" (golang.org/issue/22315).
func TestPortableDatabaseBesideTheProgram(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, filepath.Base(cliBin))
	data, err := os.ReadFile(cliBin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "chanjiao.portable"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	p := *c
	p.bin = bin
	p.ok("init", "--unit", "532323", "--name", "牟定县")
	if _, err := os.Stat(filepath.Join(dir, "chanjiao.db")); err != nil {
		t.Errorf("with chanjiao.portable beside the program, the database is not beside it: %v", err)
	}
	if _, err := os.Stat(filepath.Join(c.home, ".config", "chanjiao", "chanjiao.db")); err == nil {
		t.Errorf("the portable program used the per-user folder")
	}
	// CHANJIAO_DB still comes first
	envDB := filepath.Join(t.TempDir(), "env.db")
	p.withEnv("CHANJIAO_DB="+envDB).ok("init", "--unit", "532323", "--name", "牟定县")
	if _, err := os.Stat(envDB); err != nil {
		t.Errorf("CHANJIAO_DB not honoured by a portable program: %v", err)
	}
}

// ---------------------------------------------------------------------------
// demo.

func TestDemo(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	c.ok("--db", db, "demo")
	year := time.Now().Year() - 1
	doc := decode(t, c.ok("--db", db, "check", "--year", fmt.Sprint(year), "--json").stdout)
	schools := at(t, doc, "schools").([]any)
	if len(schools) < 6 || len(schools) > 10 {
		t.Errorf("demo has %d schools, want about 8", len(schools))
	}
	short, notAssessed := 0, 0
	for _, s := range schools {
		m := s.(map[string]any)
		switch m["secondments"].(map[string]any)["met"] {
		case false:
			short++
		case nil:
			notAssessed++
		}
	}
	if short == 0 {
		t.Errorf("demo: no school short of the 互派互聘 target")
	}
	if short == len(schools)-notAssessed {
		t.Errorf("demo: every assessed school is short of the target; want some to meet it")
	}
	if total, _ := at(t, doc, "training", "total").(float64); total <= 0 {
		t.Errorf("demo: training total = %v, want > 0", total)
	}
	if n := countRows(t, db, "enterprises"); n < 20 {
		t.Errorf("demo: %d enterprises, want about 30", n)
	}

	// not on a database that has records
	before := c.ok("--db", db, "check", "--year", fmt.Sprint(year), "--json").stdout
	r := c.expect(1, "--db", db, "demo")
	if !hasHan(r.stderr) {
		t.Errorf("demo on a filled database: stderr not in Chinese:\n%s", r.stderr)
	}
	if after := c.ok("--db", db, "check", "--year", fmt.Sprint(year), "--json").stdout; after != before {
		t.Errorf("a refused demo changed the database")
	}

	other := exampleDB(t, c)
	before = c.ok("--db", other, "check", "--year", "2025", "--json").stdout
	c.expect(1, "--db", other, "demo")
	if after := c.ok("--db", other, "check", "--year", "2025", "--json").stdout; after != before {
		t.Errorf("a refused demo changed the example database")
	}
}

// ---------------------------------------------------------------------------
// A database from a newer program.

func TestNewerDatabaseIsRefused(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := exampleDB(t, c)
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	conn.Close()

	for _, args := range [][]string{
		{"check", "--year", "2025", "--json"},
		{"import", examplePath(t)},
		{"export", "--year", "2025", "--out", filepath.Join(t.TempDir(), "x.xlsx")},
		{"init", "--unit", "532323", "--name", "牟定县"},
	} {
		r := c.expect(1, append([]string{"--db", db}, args...)...)
		if !strings.Contains(r.stderr, "较新版本") {
			t.Errorf("%s on a newer database: stderr lacks 较新版本:\n%s", args[0], r.stderr)
		}
	}
	conn, err = sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var v int
	if err := conn.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 99 {
		t.Errorf("user_version = %d (%v), want 99 left alone", v, err)
	}
}

// ---------------------------------------------------------------------------
// check without --json: text for a person.

func TestCheckPrintsChineseText(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := exampleDB(t, c)
	out := c.ok("--db", db, "check", "--year", "2025").stdout
	for _, want := range []string{"牟定县", "2025", "互派互聘", "0 / 2", "3653003101", "未达标", "职业技能培训", "240", "中职升学率", "58.0%"} {
		if !strings.Contains(out, want) {
			t.Errorf("check text lacks %q:\n%s", want, out)
		}
	}
	if strings.HasPrefix(strings.TrimSpace(out), "{") {
		t.Errorf("check without --json printed JSON:\n%s", out)
	}
}

// countRows counts a table's rows through a connection of its own.
func countRows(t *testing.T, path, table string) int { return storetest.Count(t, path, table, "") }
