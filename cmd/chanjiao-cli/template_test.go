package main

// template → schools fill in → import FILE... [--annotate DIR], driven as a
// subprocess like the rest of the CLI contract.

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chanjiao/store/workbook"
)

const thirty = 30

func thirtyCode(i int) string { return fmt.Sprintf("36530101%02d", i) }
func thirtyName(i int) string { return fmt.Sprintf("楚雄测试职业学校%02d", i) }

// thirtySchoolsDB is a county with 30 中等职业学校, each with one major in
// 2024, and one partner enterprise.
func thirtySchoolsDB(t *testing.T, c *cli) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "init", "--unit", "532301", "--name", "楚雄市教育体育局", "--level", "county")
	schools := [][]any{{"学校标识码", "学校名称", "办学类型", "所在区划代码", "办学性质"}}
	majors := [][]any{{"学校标识码", "统计年度", "专业代码", "专业名称", "状态", "在校生数", "毕业生数", "升学人数"}}
	for i := 0; i < thirty; i++ {
		schools = append(schools, []any{thirtyCode(i), thirtyName(i), "中等职业学校", "532301", "公办"})
		majors = append(majors, []any{thirtyCode(i), 2024, "710201", "计算机应用", "招生", 90, 20, 10})
	}
	c.ok("--db", db, "import", writeBook(t,
		sheet{"学校", schools},
		sheet{"合作企业", [][]any{{"统一社会信用代码", "企业名称"}, {"914403001922038216", "云南滇中汽车服务有限公司"}}},
		sheet{"专业", majors},
	))
	return db
}

// fillBook opens a workbook, lets edit change it, and saves it in place.
func fillBook(t *testing.T, path string, edit func(f *excelize.File, set func(sheet string, row int, header string, v any))) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := func(sheetName string, row int, header string, v any) {
		t.Helper()
		heads, err := f.GetRows(sheetName)
		if err != nil || len(heads) == 0 {
			t.Fatalf("%s: no header row", sheetName)
		}
		for i, h := range heads[0] {
			if h == header {
				ref, _ := excelize.CoordinatesToCellName(i+1, row)
				if s, ok := v.(string); ok {
					err = f.SetCellStr(sheetName, ref, s)
				} else {
					err = f.SetCellValue(sheetName, ref, v)
				}
				if err != nil {
					t.Fatal(err)
				}
				return
			}
		}
		t.Fatalf("%s has no column %s", sheetName, header)
	}
	edit(f, set)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func xlsxFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".xlsx") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// summaryLines returns the table the import printed after 导入汇总: its header
// and one line per file.
func summaryLines(t *testing.T, stdout string) (title string, table []string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "导入汇总") {
			if strings.Contains(stdout[strings.Index(stdout, l)+len(l):], "导入汇总") {
				t.Errorf("more than one summary:\n%s", stdout)
			}
			return l, lines[i+1:]
		}
	}
	t.Fatalf("no 导入汇总 in stdout:\n%s", stdout)
	return "", nil
}

func TestThirtySchoolsTemplatesOutWorkbooksInOneSummary(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := thirtySchoolsDB(t, c)
	dir := filepath.Join(t.TempDir(), "U盘")
	r := c.ok("--db", db, "template", "--year", "2025", "--out", dir)
	if !strings.Contains(r.stdout, "已生成 30 份 2025 年度填报表") {
		t.Errorf("template stdout:\n%s", r.stdout)
	}
	files := xlsxFiles(t, dir)
	if len(files) != thirty {
		t.Fatalf("template wrote %d files, want 30: %v", len(files), files)
	}

	// the schools fill them in; six get something wrong
	bad := map[int]string{}
	var paths []string
	graduates, progressed := 0, 0
	for i := 0; i < thirty; i++ {
		p := filepath.Join(dir, thirtyName(i)+"_2025_填报表.xlsx")
		paths = append(paths, p)
		fillBook(t, p, func(f *excelize.File, set func(string, int, string, any)) {
			set("专业", 2, "在校生数", 100+i)
			set("专业", 2, "毕业生数", 30)
			set("专业", 2, "升学人数", 10+i%10)
			switch {
			case i%6 == 0:
				set("专业", 2, "升学人数", 99)
				bad[i] = "专业 2 升学人数"
			case i == 7: // a row for the neighbouring school
				set("培训", 2, "承办学校标识码", thirtyCode(8))
				set("培训", 2, "项目名称", "电工培训")
				set("培训", 2, "培训对象", "农村劳动力")
				set("培训", 2, "培训人次", 50)
				set("培训", 2, "开始日期", "2025-05-01")
				bad[i] = "培训 2 承办学校标识码"
			}
		})
		if _, isBad := bad[i]; !isBad {
			graduates += 30
			progressed += 10 + i%10
		}
	}

	// all thirty at once: one summary, each file on its own
	r = c.expect(1, append([]string{"--db", db, "import"}, paths...)...)
	title, table := summaryLines(t, r.stdout)
	if title != "导入汇总：共 30 个文件，已导入 24 个，未导入 6 个" {
		t.Errorf("summary title = %q", title)
	}
	if len(table) != 1+thirty {
		t.Fatalf("summary table has %d lines, want header + 30:\n%s", len(table), strings.Join(table, "\n"))
	}
	for _, h := range []string{"学校", "文件", "新增", "更新", "警告", "结果"} {
		if !strings.Contains(table[0], h) {
			t.Errorf("summary header lacks %s: %q", h, table[0])
		}
	}
	for i, line := range table[1:] {
		name := thirtyName(i) + "_2025_填报表"
		if !strings.HasPrefix(line, thirtyName(i)) || !strings.Contains(line, name+".xlsx") {
			t.Errorf("summary line %d = %q, want school %s and its file", i, line, thirtyName(i))
		}
		if why, isBad := bad[i]; isBad {
			if !strings.Contains(line, "未导入") || !strings.Contains(line, why) || !strings.Contains(line, "标注副本："+name+"_错误标注.xlsx") {
				t.Errorf("summary line of refused %s = %q", name, line)
			}
			if !strings.Contains(r.stderr, name+".xlsx 有 1 处错误") {
				t.Errorf("stderr lacks the errors of %s:\n%s", name, r.stderr)
			}
		} else if !strings.HasSuffix(line, "已导入") || !strings.Contains(line, " 1 ") {
			t.Errorf("summary line of %s = %q, want 已导入 with 1 record updated or added", name, line)
		}
	}

	// the refused ones' annotated copies are beside them, and only theirs
	files = xlsxFiles(t, dir)
	if len(files) != thirty+len(bad) {
		t.Errorf("folder holds %d files after import, want 36: %v", len(files), files)
	}
	for i := range bad {
		ann := filepath.Join(dir, thirtyName(i)+"_2025_填报表_错误标注.xlsx")
		f, err := excelize.OpenFile(ann)
		if err != nil {
			t.Errorf("no annotated copy of school %02d: %v", i, err)
			continue
		}
		if f.GetSheetList()[0] != "错误清单" {
			t.Errorf("%s: sheets %v", filepath.Base(ann), f.GetSheetList())
		}
		sheetName, cell := "专业", "I2"
		if i == 7 {
			sheetName, cell = "培训", "A2"
		}
		cs, _ := f.GetComments(sheetName)
		if len(cs) != 1 || cs[0].Cell != cell {
			t.Errorf("%s: comments on %s = %+v, want one on %s", filepath.Base(ann), sheetName, cs, cell)
		}
		f.Close()
	}
	doc := decode(t, c.ok("--db", db, "check", "--year", "2025", "--json").stdout)
	eq(t, doc, graduates, "progression", "graduates")
	eq(t, doc, progressed, "progression", "progressed")
	eq(t, doc, 0, "training", "total")

	// the schools fix their annotated copies in place and send them back
	var fixed []string
	for i := range bad {
		ann := filepath.Join(dir, thirtyName(i)+"_2025_填报表_错误标注.xlsx")
		fixed = append(fixed, ann)
		fillBook(t, ann, func(f *excelize.File, set func(string, int, string, any)) {
			if i == 7 {
				if err := f.RemoveRow("培训", 2); err != nil {
					t.Fatal(err)
				}
			} else {
				set("专业", 2, "升学人数", 10+i%10)
			}
		})
		graduates += 30
		progressed += 10 + i%10
	}
	sort.Strings(fixed)
	r = c.ok(append([]string{"--db", db, "import"}, fixed...)...)
	if title, _ := summaryLines(t, r.stdout); title != "导入汇总：共 6 个文件，已导入 6 个，未导入 0 个" {
		t.Errorf("fixed copies: %q", title)
	}
	doc = decode(t, c.ok("--db", db, "check", "--year", "2025", "--json").stdout)
	eq(t, doc, thirty*30, "progression", "graduates")
	eq(t, doc, progressed, "progression", "progressed")

	// the whole folder again, copies to another folder: the originals still
	// wrong are refused again, nothing beside them is overwritten
	before := c.ok("--db", db, "check", "--year", "2025", "--json").stdout
	elsewhere := filepath.Join(t.TempDir(), "退回")
	r = c.expect(1, "--db", db, "import", dir, "--annotate", elsewhere)
	if title, _ := summaryLines(t, r.stdout); title != "导入汇总：共 36 个文件，已导入 30 个，未导入 6 个" {
		t.Errorf("folder import: %q", title)
	}
	if got := xlsxFiles(t, elsewhere); len(got) != len(bad) {
		t.Errorf("--annotate folder holds %v, want the 6 copies", got)
	}
	if got := xlsxFiles(t, dir); len(got) != thirty+len(bad) {
		t.Errorf("folder holds %d files after --annotate elsewhere, want still 36", len(got))
	}
	if after := c.ok("--db", db, "check", "--year", "2025", "--json").stdout; after != before {
		t.Errorf("re-importing the folder changed the figures")
	}
}

func TestTemplateForOneSchool(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := thirtySchoolsDB(t, c)
	out := filepath.Join(t.TempDir(), "甲.xlsx")
	r := c.ok("--db", db, "template", "--year", "2025", "--school", thirtyCode(3), "--out", out)
	if !strings.Contains(r.stdout, out) {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("_模板信息")
	info := map[string]string{}
	for _, row := range rows {
		if len(row) == 2 {
			info[row[0]] = row[1]
		}
	}
	if info["学校标识码"] != thirtyCode(3) || info["年度"] != "2025" || info["模板版本"] != fmt.Sprint(workbook.TemplateVersion) {
		t.Errorf("_模板信息 = %v", info)
	}
	majors, _ := f.GetRows("专业")
	if len(majors) != 2 || majors[1][0] != thirtyCode(3) || majors[1][2] != "710201" {
		t.Errorf("专业 = %v", majors)
	}
	f.Close()

	// two schools into a folder that does not exist yet
	dir := filepath.Join(t.TempDir(), "新文件夹")
	c.ok("--db", db, "template", "--year", "2025", "--school", thirtyCode(1)+","+thirtyCode(2), "--out", dir)
	if got := xlsxFiles(t, dir); strings.Join(got, ",") != thirtyName(1)+"_2025_填报表.xlsx,"+thirtyName(2)+"_2025_填报表.xlsx" {
		t.Errorf("folder holds %v", got)
	}

	// an unknown school: refused, in Chinese
	r = c.expect(1, "--db", db, "template", "--year", "2025", "--school", "3653019999", "--out", filepath.Join(t.TempDir(), "x.xlsx"))
	if !strings.Contains(r.stderr, "3653019999") || !hasHan(r.stderr) {
		t.Errorf("unknown school: stderr %q", r.stderr)
	}
}

func TestTemplateUsageErrorsExit2(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"template"},
		{"template", "--out", dir},
		{"template", "--year", "2025"},
		{"template", "--year", "1900", "--out", dir},
		{"template", "--year", "2025", "--out", filepath.Join(dir, "all.xlsx")},
		{"template", "--year", "2025", "--school", "3653010101,3653010102", "--out", filepath.Join(dir, "two.xlsx")},
		{"template", "--year", "2025", "--out", dir, "extra"},
		{"import", "--annotate", dir},
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
	if r := c.ok("help"); !strings.Contains(r.stdout, "template --year") || !strings.Contains(r.stdout, "--annotate") {
		t.Errorf("usage lacks template and --annotate:\n%s", r.stdout)
	}
}

// A school name too long for a file name (200 characters) once stopped
// `template` for every school: names are shortened, and two long names
// that differ only past the cut still give two files.
func TestTemplateForLongSchoolNames(t *testing.T) {
	t.Parallel()
	c := newCLI(t)
	db := filepath.Join(t.TempDir(), "county.db")
	c.ok("--db", db, "init", "--unit", "532301", "--name", "楚雄市教育体育局", "--level", "county")
	long := strings.Repeat("楚雄彝族自治州职业技术教育中心", 13) // 195 characters, 585 bytes
	names := map[string]string{thirtyCode(1): long + "甲校", thirtyCode(2): long + "乙校", thirtyCode(3): thirtyName(3)}
	schools := [][]any{{"学校标识码", "学校名称", "办学类型", "所在区划代码", "办学性质"}}
	for _, code := range []string{thirtyCode(1), thirtyCode(2), thirtyCode(3)} {
		schools = append(schools, []any{code, names[code], "中等职业学校", "532301", "公办"})
	}
	c.ok("--db", db, "import", writeBook(t, sheet{"学校", schools}))

	dir := filepath.Join(t.TempDir(), "填报表")
	c.ok("--db", db, "template", "--year", "2025", "--out", dir)
	files := xlsxFiles(t, dir)
	if len(files) != 3 {
		t.Fatalf("folder holds %v, want one file per school", files)
	}
	for _, name := range files {
		stem := strings.TrimSuffix(name, "_2025_填报表.xlsx")
		if len([]rune(stem)) > 60 || len(name) > 200 {
			t.Errorf("file name %q is too long (%d bytes)", name, len(name))
		}
		info, err := workbook.ReadTemplateInfo(filepath.Join(dir, name))
		if err != nil || info == nil || !strings.HasPrefix(names[info.School], strings.Split(stem, "…")[0]) {
			t.Errorf("%s is not the template of its school: %+v %v", name, info, err)
		}
		delete(names, info.School)
	}
	if len(names) != 0 {
		t.Errorf("no template for %v", names)
	}
}
