package workbook_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/refdata"
	"chanjiao/store/storetest"
	"chanjiao/store/workbook"
)

// ---------------------------------------------------------------------------
// Fixtures: the reference data, a real database, hand-made workbooks.

var refOnce = sync.OnceValues(refdata.ForTests)

func mustRef(t testing.TB) *refdata.Reference {
	t.Helper()
	ref, err := refOnce()
	if err != nil {
		t.Fatalf("refdata.ForTests: %v", err)
	}
	return ref
}

// repoRoot is the folder holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// examplePath is ../shared/examples/532323-example.xlsx from the repository root.
func examplePath(t testing.TB) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "..", "shared", "examples", "532323-example.xlsx")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("example workbook: %v", err)
	}
	return p
}

var testUnit = store.Unit{Code: "532323", Name: "牟定县", Level: "county"}

// openDB opens a fresh database file in a temp folder with the unit set.
func openDB(t testing.TB) *store.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := store.Open(path, mustRef(t))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Update(context.Background(), func(tx *store.Tx) error { return tx.SetUnit(testUnit) }); err != nil {
		t.Fatalf("SetUnit: %v", err)
	}
	return db
}

// dateFmt is a numeric cell shown with a custom date format.
type dateFmt struct {
	t   time.Time
	fmt string
}

// serial is an Excel serial day number in a cell formatted as a date.
type serial float64

// sheetRows is one sheet of a test workbook: rows[0] is the header row; a nil
// row is left empty; a nil cell is left blank.
type sheetRows struct {
	name string
	rows [][]any
}

// writeBook writes the sheets as an .xlsx file in a temp folder. Strings go
// in as text cells, Go numbers as number cells, time.Time as date cells.
func writeBook(t testing.TB, sheets ...sheetRows) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for ri, r := range s.rows {
			for ci, v := range r {
				if v == nil {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				var err error
				switch x := v.(type) {
				case string:
					err = f.SetCellStr(s.name, ref, x)
				case serial:
					err = f.SetCellFloat(s.name, ref, float64(x), -1, 64)
					if err == nil {
						var st int
						st, err = f.NewStyle(&excelize.Style{NumFmt: 14})
						if err == nil {
							err = f.SetCellStyle(s.name, ref, ref, st)
						}
					}
				case dateFmt:
					err = f.SetCellValue(s.name, ref, x.t)
					if err == nil {
						custom := x.fmt
						var st int
						st, err = f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
						if err == nil {
							err = f.SetCellStyle(s.name, ref, ref, st)
						}
					}
				default:
					err = f.SetCellValue(s.name, ref, x)
				}
				if err != nil {
					t.Fatalf("set %s!%s: %v", s.name, ref, err)
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func d(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }

// Headers as the contract lists them.
var (
	hSchools     = []any{"学校标识码", "学校名称", "办学类型", "所在区划代码", "办学性质", "优质学校等级", "联系人", "联系电话", "停办年份"}
	hEnterprises = []any{"统一社会信用代码", "企业名称", "所属行业", "产教融合型企业等级", "所在区划代码", "联系人", "联系电话"}
	hMajors      = []any{"学校标识码", "统计年度", "专业代码", "专业名称", "开设年份", "状态", "在校生数", "毕业生数", "升学人数", "贯通培养", "优质专业等级", "合作企业"}
	hSecondments = []any{"学校标识码", "统一社会信用代码", "姓名", "性别", "身份证号", "方向", "岗位类型", "开始日期", "结束日期", "备注"}
	hTrainings   = []any{"承办学校标识码", "项目名称", "培训对象", "培训人次", "学时", "开始日期", "结束日期", "合作企业"}
	hAgreements  = []any{"学校标识码", "统一社会信用代码", "协议名称", "协议类型", "签订日期", "到期日期", "合作内容"}
	hClasses     = []any{"学校标识码", "统计年度", "班级名称", "培养类型", "专业代码", "统一社会信用代码", "学生人数"}
	hCarriers    = []any{"载体类型", "载体名称", "级别", "认定年份", "成立年份", "撤销年份", "牵头学校标识码", "成员学校", "成员企业", "备注"}
	hTeachers    = []any{"学校标识码", "统计年度", "专任教师数", "专业课教师数", "双师型教师数", "兼职教师数"}
	hAwards      = []any{"学校标识码", "项目名称", "类别", "级别", "等次", "获奖对象", "获奖者", "获奖日期"}
	hActivities  = []any{"活动类型", "活动名称", "日期", "牵头单位", "参加企业数", "参加学校数", "走访企业数", "备注"}
	hTargets     = []any{"区划代码", "统计年度", "指标", "分类", "目标值", "下达单位"}
)

const (
	schoolA = "3653003101" // 中等职业学校
	schoolH = "4153003101" // 高职专科
	schoolJ = "3853003101" // 技工学校
	schoolG = "3453003101" // 普通高中
	ent1    = "914403001922038216"
	ent2    = "91110000600037341L"
)

// richBook holds one record of every kind with every optional column filled.
func richBook(t testing.TB) string {
	return writeBook(t,
		sheetRows{"学校", [][]any{hSchools,
			{schoolA, "牟定县职业高级中学", "中等职业学校", "532323", "公办", "省级", "王老师", "0878-5211234", 2030},
			{schoolH, "牟定县高等专科学校", "高职专科", "532323", "民办", "国家级", "李老师", "+86 878 5211235", nil},
		}},
		sheetRows{"合作企业", [][]any{hEnterprises,
			{ent1, "云南滇中汽车服务有限公司", "C", "省级", "532323", "赵经理", "13800000000"},
			{ent2, "楚雄彝绣文化产业有限公司", "制造业", "", "532301", "", ""},
		}},
		sheetRows{"专业", [][]any{hMajors,
			{schoolA, 2025, "710201", "计算机应用", 2018, "招生", 200, 60, 40, "3+2", "国家级", ent1 + "；" + ent2},
			{schoolH, 2025, "510201", "计算机应用技术", 2019, "停招", 150, 50, 10, "无", "", ent2},
		}},
		sheetRows{"互派互聘", [][]any{append(append([]any{}, hSecondments...), "人员标识"),
			{schoolA, ent1, "张三", "女", "11010519491231002X", "学校派往企业", "挂职", d(2025, 3, 1), d(2025, 12, 31), "驻厂半年"},
			{schoolA, ent2, "李四", "女", "", "企业派往学校", "兼职教师", d(2025, 2, 1), nil, ""},
			{schoolH, ent1, "王五", "", "440524188001010014", "学校派往企业", "实践锻炼", d(2024, 9, 1), d(2025, 6, 30), ""},
			{schoolH, ent2, "赵六", "", "", "企业派往学校", "技术人员", d(2025, 1, 2), nil, "", "k1:3f9a0c"},
		}},
		sheetRows{"培训", [][]any{hTrainings,
			{schoolA, "电工技能培训", "农村劳动力", 150, 8, d(2025, 4, 1), d(2025, 4, 10), ent1},
			{schoolH, "护理员培训", "社会人员", 30, nil, d(2025, 5, 6), nil, ""},
		}},
		sheetRows{"校企合作协议", [][]any{hAgreements,
			{schoolA, ent1, "共建汽修实训基地协议", "合作协议", d(2024, 9, 1), d(2027, 8, 31), "实习实训；共建实训基地、订单培养"},
			{schoolH, ent2, "彝绣技艺合作意向", "合作意向书", "2025-03-15", nil, ""},
		}},
		sheetRows{"订单班与学徒制", [][]any{hClasses,
			{schoolA, 2025, "2025级滇中汽车订单班", "订单班", "710201", ent1, 40},
			{schoolA, 2025, "电工企业新型学徒制", "企业新型学徒制", "", ent1, 25},
			{schoolH, 2025, "彝绣定向班", "定向班", "510201", "", 12},
		}},
		sheetRows{"产教融合载体", [][]any{hCarriers,
			{"县域产教联合体", "牟定县产教联合体", "州市级", 2024, 2023, nil, schoolA, schoolH + "、" + schoolA, ent2 + ";" + ent1, "县政府牵头"},
			{"现代产业学院", "滇中汽车产业学院", "未认定", nil, 2025, 2030, schoolH, schoolH, ent1, ""},
		}},
	)
}

func importOK(t testing.TB, db *store.DB, path string) *workbook.Result {
	t.Helper()
	res, err := workbook.Import(context.Background(), db, path)
	if err != nil {
		t.Fatalf("Import(%s): %v", filepath.Base(path), err)
	}
	return res
}

func figuresJSON(t testing.TB, db *store.DB, year int) string {
	t.Helper()
	f, err := db.Indicators(context.Background(), year)
	if err != nil {
		t.Fatalf("Indicators(%d): %v", year, err)
	}
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// contents is everything the store holds, for comparing database states.
type contents struct {
	Unit        store.Unit
	Schools     []store.School
	Enterprises []store.Enterprise
	Majors      []store.Major
	Secondments []store.Secondment
	Trainings   []store.Training
	Agreements  []store.Agreement
	Classes     []store.Class
	Carriers    []store.Carrier
	Teachers    []store.Teachers
	Awards      []store.Award
	Activities  []store.Activity
	Targets     []store.Target
}

func readAll(t testing.TB, db *store.DB) contents {
	t.Helper()
	var c contents
	err := db.View(context.Background(), func(tx *store.Tx) (err error) {
		if c.Unit, err = tx.Unit(); err != nil {
			return err
		}
		if c.Schools, err = tx.Schools(); err != nil {
			return err
		}
		if c.Enterprises, err = tx.Enterprises(); err != nil {
			return err
		}
		if c.Majors, err = tx.Majors(0); err != nil {
			return err
		}
		if c.Secondments, err = tx.Secondments(0); err != nil {
			return err
		}
		if c.Trainings, err = tx.Trainings(0); err != nil {
			return err
		}
		if c.Agreements, err = tx.Agreements(0); err != nil {
			return err
		}
		if c.Classes, err = tx.Classes(0); err != nil {
			return err
		}
		if c.Carriers, err = tx.Carriers(); err != nil {
			return err
		}
		if c.Teachers, err = tx.TeacherRows(0); err != nil {
			return err
		}
		if c.Awards, err = tx.Awards(0); err != nil {
			return err
		}
		if c.Activities, err = tx.Activities(0); err != nil {
			return err
		}
		c.Targets, err = tx.Targets(2025)
		return err
	})
	if err != nil {
		t.Fatalf("reading the database: %v", err)
	}
	return c
}

// dump gives the database's contents as JSON; withIDs=false drops the row
// IDs so two databases can be compared.
func dump(t testing.TB, db *store.DB, withIDs bool) string {
	t.Helper()
	c := readAll(t, db)
	if !withIDs {
		for i := range c.Schools {
			c.Schools[i].ID = 0
		}
		for i := range c.Enterprises {
			c.Enterprises[i].ID = 0
		}
		for i := range c.Majors {
			c.Majors[i].ID = 0
		}
		for i := range c.Secondments {
			c.Secondments[i].ID = 0
		}
		for i := range c.Trainings {
			c.Trainings[i].ID = 0
		}
		for i := range c.Agreements {
			c.Agreements[i].ID = 0
		}
		for i := range c.Classes {
			c.Classes[i].ID = 0
		}
		for i := range c.Carriers {
			c.Carriers[i].ID = 0
		}
		for i := range c.Teachers {
			c.Teachers[i].ID = 0
		}
		for i := range c.Awards {
			c.Awards[i].ID = 0
		}
		for i := range c.Activities {
			c.Activities[i].ID = 0
		}
	}
	b, err := json.MarshalIndent(c, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// countSchoolsInFile counts the schools in the database file through a
// connection of its own, not the store's.
func countSchoolsInFile(t testing.TB, path string) int {
	return storetest.Count(t, path, "schools", "")
}

func refused(t testing.TB, err error) *workbook.RefusedError {
	t.Helper()
	var re *workbook.RefusedError
	if !errors.As(err, &re) {
		t.Fatalf("want *workbook.RefusedError, got %T: %v", err, err)
	}
	return re
}

// loc is where an issue points.
func loc(i workbook.Issue) string { return fmt.Sprintf("%s|%d|%s", i.Sheet, i.Row, i.Column) }

// locs gives the distinct locations of the errors (warning=false) or the
// warnings (warning=true), sorted.
func locs(is []workbook.Issue, warning bool) []string {
	set := map[string]bool{}
	for _, i := range is {
		if i.Warning == warning {
			set[loc(i)] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func issuesText(is []workbook.Issue) string {
	var b strings.Builder
	for _, i := range is {
		w := ""
		if i.Warning {
			w = " [warning]"
		}
		fmt.Fprintf(&b, "\n  %s%s", i.String(), w)
	}
	return b.String()
}

func sameList(t *testing.T, what string, got, want []string, all []workbook.Issue) {
	t.Helper()
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got  %q\n want %q\nall issues:%s", what, got, want, issuesText(all))
	}
}

// ---------------------------------------------------------------------------
// The example workbook.

func TestExampleGivesTheDocumentedFigures(t *testing.T) {
	db := openDB(t)
	res := importOK(t, db, examplePath(t))
	wantAdded := map[string]int{"学校": 2, "合作企业": 10, "专业": 2, "互派互聘": 12, "培训": 2}
	for sheet, n := range wantAdded {
		if res.Added[sheet] != n {
			t.Errorf("Added[%s] = %d, want %d (summary %q)", sheet, res.Added[sheet], n, res.Summary())
		}
	}
	f, err := db.Indicators(context.Background(), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if f.Unit.Code != "532323" || f.Unit.Name != "牟定县" || f.Unit.Level != "county" || f.Year != 2025 {
		t.Errorf("unit/year = %+v %d", f.Unit, f.Year)
	}
	if len(f.Schools) != 2 {
		t.Fatalf("schools = %d, want 2", len(f.Schools))
	}
	for i, code := range []string{"3653003101", "3653003102"} {
		s := f.Schools[i]
		sec := s.Secondments
		if s.Code != code || !s.Assessed {
			t.Errorf("school %d = %s assessed=%v, want %s assessed", i, s.Code, s.Assessed, code)
		}
		if sec.Persons != 6 || sec.SchoolToEnterprise != 6 || sec.EnterpriseToSchool != 0 {
			t.Errorf("%s secondments = %+v, want persons 6, school_to_enterprise 6, enterprise_to_school 0", code, sec)
		}
		if sec.Target == nil || *sec.Target != 10 {
			t.Errorf("%s target = %v, want 10", code, sec.Target)
		}
		if sec.Met == nil || *sec.Met {
			t.Errorf("%s met = %v, want false", code, sec.Met)
		}
	}
	if f.SecondmentSchoolsMet != 0 || f.SecondmentSchoolsAssessed != 2 {
		t.Errorf("met/assessed = %d/%d, want 0/2", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)
	}
	want := map[string]int{"在校学生": 90, "企业职工": 0, "社会人员": 0, "农村劳动力": 150}
	for g, n := range want {
		if got := f.Training.ByCategory[g].Count; got != n {
			t.Errorf("training %s = %d, want %d", g, got, n)
		}
	}
	if f.Training.Total != 240 {
		t.Errorf("training total = %d, want 240", f.Training.Total)
	}
	p := f.Progression
	if p.Graduates != 100 || p.Progressed != 58 || p.Rate == nil || *p.Rate != 0.58 {
		t.Errorf("progression = %d/%d rate %v, want 100/58 rate 0.58", p.Graduates, p.Progressed, p.Rate)
	}
}

func TestExampleImportedTwiceIsUnchanged(t *testing.T) {
	db := openDB(t)
	path := examplePath(t)
	importOK(t, db, path)
	figs1, dump1 := figuresJSON(t, db, 2025), dump(t, db, true)

	res := importOK(t, db, path)
	if figs2 := figuresJSON(t, db, 2025); figs2 != figs1 {
		t.Errorf("figures differ after the second import:\nfirst  %s\nsecond %s", figs1, figs2)
	}
	if dump2 := dump(t, db, true); dump2 != dump1 {
		t.Errorf("database differs after the second import:\nfirst  %s\nsecond %s", dump1, dump2)
	}
	want := map[string]int{"学校": 2, "合作企业": 10, "专业": 2, "互派互聘": 12, "培训": 2}
	for sheet, n := range want {
		if res.Unchanged[sheet] != n || res.Added[sheet] != 0 || res.Updated[sheet] != 0 {
			t.Errorf("%s: added %d updated %d unchanged %d, want 0/0/%d", sheet, res.Added[sheet], res.Updated[sheet], res.Unchanged[sheet], n)
		}
	}
	sum := res.Summary()
	for sheet, n := range want {
		line := fmt.Sprintf("%s：新增 0，更新 0，未变 %d", sheet, n)
		if !strings.Contains(sum, line) {
			t.Errorf("summary %q lacks %q", sum, line)
		}
	}
}

// ---------------------------------------------------------------------------
// Export and re-import.

func TestExportReimportGivesTheSameDatabase(t *testing.T) {
	for _, tc := range []struct {
		name string
		book func(testing.TB) string
	}{{"example", examplePath}, {"every column filled", richBook}, {"dates at the edges", edgeDatesBook}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db1 := openDB(t)
			importOK(t, db1, tc.book(t))
			figs1, dump1 := figuresJSON(t, db1, 2025), dump(t, db1, true)

			out := filepath.Join(t.TempDir(), "export.xlsx")
			if err := workbook.Export(ctx, db1, 2025, out); err != nil {
				t.Fatalf("Export: %v", err)
			}

			db2 := openDB(t)
			importOK(t, db2, out)
			if figs2 := figuresJSON(t, db2, 2025); figs2 != figs1 {
				t.Errorf("figures of the re-imported export differ:\noriginal %s\nreimport %s", figs1, figs2)
			}
			if a, b := dump(t, db1, false), dump(t, db2, false); a != b {
				t.Errorf("records of the re-imported export differ:\noriginal %s\nreimport %s", a, b)
			}

			res := importOK(t, db1, out)
			for _, s := range workbook.Sheets {
				if res.Added[s.Name] != 0 || res.Updated[s.Name] != 0 {
					t.Errorf("re-importing the export into its own database: %s added %d updated %d, want 0/0",
						s.Name, res.Added[s.Name], res.Updated[s.Name])
				}
			}
			if dump2 := dump(t, db1, true); dump2 != dump1 {
				t.Errorf("re-importing the export changed the database:\nbefore %s\nafter  %s", dump1, dump2)
			}
		})
	}
}

// stintsBook is a workbook of school A, enterprise 1 and rows (with their
// header) in 互派互聘.
func stintsBook(t testing.TB, rows [][]any) string {
	return writeBook(t,
		sheetRows{"学校", [][]any{hSchools, {schoolA, "甲校", "中等职业学校", "532323", "公办"}}},
		sheetRows{"合作企业", [][]any{hEnterprises, {ent1, "甲公司"}}},
		sheetRows{"互派互聘", rows},
	)
}

// edgeDatesBook holds the first and last dates a record may carry, as date
// cells and as text.
func edgeDatesBook(t testing.TB) string {
	return stintsBook(t, [][]any{hSecondments,
		{schoolA, ent1, "张三", "", "", "学校派往企业", "挂职", d(1950, 1, 1), d(2100, 12, 31)},
		{schoolA, ent1, "李四", "", "", "学校派往企业", "挂职", "1950/1/1", "2100年12月31日"},
		{schoolA, ent1, "王五", "", "", "学校派往企业", "挂职", serial(18264), serial(73415)},
	})
}

// Dates outside 1950–2100 are refused, each once, with its cell named:
// before, "1025-03-01" and "0000-01-01" imported and then exported as text
// that import refused, "0001-01-01" was called 必须填写, and serial 60 (the
// 1900-02-29 Excel counts but that never was) became 1900-02-28.
func TestImplausibleDatesAreRefusedOnce(t *testing.T) {
	db := openDB(t)
	bad := []any{"1025-03-01", "0000-01-01", "0001-01-01", "1949-12-31", "2101-01-01", serial(60), serial(18263), serial(73416), "明年", "2025-02-30"}
	rows := [][]any{hSecondments}
	for i, v := range bad {
		rows = append(rows, []any{schoolA, ent1, fmt.Sprintf("人%d", i), "", "", "学校派往企业", "挂职", v})
	}
	path := stintsBook(t, rows)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	var want, got []string
	for i := range bad {
		want = append(want, fmt.Sprintf("互派互聘|%d|开始日期", i+2))
	}
	for _, i := range re.Issues {
		got = append(got, loc(i))
		if strings.Contains(i.Message, "必须填写") {
			t.Errorf("%s: a date that is there is called 必须填写", i)
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	sameList(t, "error cells, each once", got, want, re.Issues)
	for _, i := range re.Issues[:5] {
		if !strings.Contains(i.Message, "不在 1950-01-01 至 2100-12-31 之间") {
			t.Errorf("%s: want it to name the range 1950-01-01 至 2100-12-31", i)
		}
	}
}

func TestExportWritesTheContractSheetsAndHeaders(t *testing.T) {
	db := openDB(t)
	importOK(t, db, richBook(t))
	out := filepath.Join(t.TempDir(), "export.xlsx")
	if err := workbook.Export(context.Background(), db, 2025, out); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantSheets := []string{"学校", "合作企业", "专业", "互派互聘", "培训", "校企合作协议", "订单班与学徒制", "产教融合载体", "师资", "获奖", "政校企活动", "目标"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(wantSheets, ",") {
		t.Errorf("sheets = %v, want %v", got, wantSheets)
	}
	hSecondmentsWithKey := append(append([]any{}, hSecondments...), "人员标识") // the rich book has a 人员标识
	for name, hdr := range map[string][]any{"学校": hSchools, "合作企业": hEnterprises, "专业": hMajors, "互派互聘": hSecondmentsWithKey, "培训": hTrainings,
		"校企合作协议": hAgreements, "订单班与学徒制": hClasses, "产教融合载体": hCarriers,
		"师资": hTeachers, "获奖": hAwards, "政校企活动": hActivities, "目标": hTargets} {
		rows, err := f.GetRows(name)
		if err != nil || len(rows) == 0 {
			t.Fatalf("sheet %s: %v", name, err)
		}
		if got, want := fmt.Sprint(rows[0]), fmt.Sprint(hdr); got != want {
			t.Errorf("%s header = %s, want %s", name, got, want)
		}
	}
	// codes as text, so Excel keeps every digit; dates as date cells
	idCell := ""
	secRows, _ := f.GetRows("互派互聘")
	for ri, r := range secRows {
		if len(r) > 4 && r[4] == "11010519491231002X" {
			idCell, _ = excelize.CoordinatesToCellName(5, ri+1)
		}
	}
	if idCell == "" {
		t.Fatalf("身份证号 11010519491231002X not exported: %q", secRows)
	}
	for _, c := range []struct{ sheet, cell string }{{"学校", "A2"}, {"合作企业", "A2"}, {"互派互聘", idCell}} {
		typ, _ := f.GetCellType(c.sheet, c.cell)
		v, _ := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true})
		if typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber {
			t.Errorf("%s!%s (%q) is a number cell, want text", c.sheet, c.cell, v)
		}
	}
	typ, _ := f.GetCellType("互派互聘", "H2")
	v, _ := f.GetCellValue("互派互聘", "H2")
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || !strings.HasPrefix(v, "2025-") {
		t.Errorf("互派互聘!H2 = %q (type %v), want a date cell shown as 2025-…", v, typ)
	}
}

// ---------------------------------------------------------------------------
// A bad workbook: every bad cell named, nothing changed.

func badBook(t testing.TB) string {
	return writeBook(t,
		sheetRows{"学校", [][]any{hSchools,
			{schoolA, "牟定县职业高级中学", "中等职业学校", "532323", "公办"},
			{"365300310", "九位标识码学校", "中等职业学校", "532323", "公办"}, // 3: 9 digits
			{"3653003109", "类型不明学校", "职业高中", "532323", "公办"},   // 4: unknown 办学类型
		}},
		sheetRows{"合作企业", [][]any{hEnterprises,
			{ent1, "甲公司"},
			{914403001922038216.0, "数字格式公司"}, // 3: credit code stored as a number
			{ent2, "乙公司"},
		}},
		sheetRows{"专业", [][]any{
			{"学校标识码", "统计年度", "专业代码", "专业名称", "状态", "在校生数", "毕业生数", "升学人数"},
			{schoolA, 2025, "710201", "计算机应用", "招生", 100, 50, 30},
			{schoolA, 2025, "740101", "旅游服务与管理", "招生", 100, 10, 20}, // 3: 升学 > 毕业
			{schoolA, 2025, "720201", "护理", "招生", -5, 0, 0},         // 4: negative count
			{schoolA, 2025, "719999", "不存在的专业", "招生", 10, 0, 0},     // 5: not in the catalogue
			{schoolA, 2025, "510201", "计算机应用技术", "招生", 10, 0, 0},    // 6: 高职 code at a 中职 school
			{"3653009999", 2025, "730701", "电子商务", "招生", 10, 0, 0},  // 7: unknown school
			{"\u3000", "", " "}, // 8: empty after trimming
			{schoolA, 2025, "710201", "计算机应用", "招生", 90, 40, 20}, // 9: same key as row 2
		}},
		sheetRows{"互派互聘", [][]any{
			{"学校标识码", "统一社会信用代码", "姓名", "身份证号", "方向", "岗位类型", "开始日期", "结束日期"},
			{schoolA, ent1, "张三", "11010519491231002X", "学校派往企业", "挂职", d(2025, 3, 1)},
			{schoolA, ent1, "李四", 440524188001010014.0, "学校派往企业", "挂职", d(2025, 3, 1)}, // 3: ID as a number
			{schoolA, ent1, "王五", "", "学校派往企业", "挂职", "2025-13-01"},                    // 4: no such date
			{schoolA, ent1, "赵六", "", "学校派往企业", "挂职", 45717},                           // 5: number, not a date
			{schoolA, ent2, "钱七", "", "企业派往学校", "兼职教师", d(2025, 3, 1), "2025-02-01"},   // 6: ends before it starts
			{schoolA, "91532300MA6K000001", "孙八", "", "企业派往学校", "兼职教师", d(2025, 3, 1)}, // 7: unknown enterprise
		}},
		sheetRows{"培训", [][]any{
			{"承办学校标识码", "项目名称", "培训对象", "培训人次", "开始日期"},
			{schoolA, "电工技能培训", "农村劳动力", 150, d(2025, 4, 1)},
			nil, // 3: empty row
			{schoolA, "焊工培训", "企业职工", 0, d(2025, 4, 1)},       // 4: 人次 < 1
			{schoolA, "厨师培训", "退休人员", 10, d(2025, 4, 1)},      // 5: unknown 培训对象
			{"3653009998", "茶艺培训", "社会人员", 10, d(2025, 4, 1)}, // 6: unknown school
		}},
	)
}

func TestBadWorkbookNamesEveryBadCellAndChangesNothing(t *testing.T) {
	db := openDB(t)
	importOK(t, db, examplePath(t))
	before, figsBefore := dump(t, db, true), figuresJSON(t, db, 2025)
	schoolsBefore := countSchoolsInFile(t, db.Path)

	_, err := workbook.Import(context.Background(), db, badBook(t))
	re := refused(t, err)

	// the duplicate row: one error on row 9 naming row 2
	var dup []workbook.Issue
	var rest []workbook.Issue
	for _, i := range re.Issues {
		if !i.Warning && i.Sheet == "专业" && i.Row == 9 {
			dup = append(dup, i)
		} else {
			rest = append(rest, i)
		}
	}
	if len(dup) == 0 {
		t.Errorf("no error for row 9 of 专业, which repeats the key of row 2:%s", issuesText(re.Issues))
	}
	for _, i := range dup {
		if !strings.Contains(i.Message, "2") {
			t.Errorf("duplicate-row error %q does not name the first row (2)", i.String())
		}
	}

	want := []string{
		"学校|3|学校标识码",
		"学校|4|办学类型",
		"合作企业|3|统一社会信用代码",
		"专业|3|升学人数",
		"专业|4|在校生数",
		"专业|5|专业代码",
		"专业|6|专业代码",
		"专业|7|学校标识码",
		"互派互聘|3|身份证号",
		"互派互聘|4|开始日期",
		"互派互聘|5|开始日期", "互派互聘|6|结束日期",
		"互派互聘|7|统一社会信用代码",
		"培训|4|培训人次",
		"培训|5|培训对象",
		"培训|6|承办学校标识码",
	}
	sameList(t, "error cells", locs(rest, false), want, re.Issues)

	// every error as `工作表 行 列: 原因`, all of them in the error text
	msg := re.Error()
	for _, i := range re.Issues {
		if i.Row > 0 && i.Column != "" {
			if s, w := i.String(), fmt.Sprintf("%s %d %s: %s", i.Sheet, i.Row, i.Column, i.Message); s != w {
				t.Errorf("Issue.String() = %q, want %q", s, w)
			}
		}
		if i.Message == "" {
			t.Errorf("issue %s has no reason", loc(i))
		}
		if !i.Warning && !strings.Contains(msg, i.String()) {
			t.Errorf("RefusedError.Error() lacks %q:\n%s", i.String(), msg)
		}
	}
	for _, prefix := range []string{"专业 3 升学人数: ", "互派互聘 3 身份证号: ", "合作企业 3 统一社会信用代码: "} {
		found := false
		for _, i := range re.Issues {
			found = found || strings.HasPrefix(i.String(), prefix)
		}
		if !found {
			t.Errorf("no issue printed as %q…:%s", prefix, issuesText(re.Issues))
		}
	}
	for _, where := range []string{"互派互聘|3|身份证号", "合作企业|3|统一社会信用代码"} {
		found := false
		for _, i := range re.Issues {
			found = found || loc(i) == where && strings.Contains(i.Message, "请以文本格式填写")
		}
		if !found {
			t.Errorf("%s stored as a number: no message saying 请以文本格式填写:%s", where, issuesText(re.Issues))
		}
	}

	if after := dump(t, db, true); after != before {
		t.Errorf("a refused workbook changed the database:\nbefore %s\nafter  %s", before, after)
	}
	if figs := figuresJSON(t, db, 2025); figs != figsBefore {
		t.Errorf("a refused workbook changed the figures")
	}
	if n := countSchoolsInFile(t, db.Path); n != schoolsBefore || n != 2 {
		t.Errorf("schools in the file = %d, want %d (unchanged)", n, schoolsBefore)
	}
}

func TestRefusedWorkbookLeavesEmptyDatabaseEmpty(t *testing.T) {
	db := openDB(t)
	_, err := workbook.Import(context.Background(), db, badBook(t))
	refused(t, err)
	c := readAll(t, db)
	if len(c.Schools)+len(c.Enterprises)+len(c.Majors)+len(c.Secondments)+len(c.Trainings) != 0 {
		t.Errorf("a refused workbook left records in an empty database: %+v", c)
	}
	if n := countSchoolsInFile(t, db.Path); n != 0 {
		t.Errorf("schools in the file = %d, want 0", n)
	}
}

// A refused workbook is an invalid-input store error, so the window and the
// CLI show store.ErrorMessage as for any refusal: the summary naming every
// error, not the internal-error text.
func TestRefusedWorkbookIsAnInvalidStoreError(t *testing.T) {
	db := openDB(t)
	_, err := workbook.Import(context.Background(), db, badBook(t))
	re := refused(t, err)
	for _, e := range []error{err, fmt.Errorf("导入失败: %w", err)} {
		var se *store.Error
		if !errors.As(e, &se) || se.Code != store.EInvalid {
			t.Fatalf("errors.As(%T, *store.Error) = %v (%+v), want an EInvalid store error", e, se != nil, se)
		}
		if store.ErrorCode(e) != store.EInvalid {
			t.Errorf("ErrorCode = %s, want %s", store.ErrorCode(e), store.EInvalid)
		}
		if got := store.ErrorMessage(e); got != re.Error() {
			t.Errorf("ErrorMessage = %q, want the refusal's summary %q", got, re.Error())
		}
	}
	if !strings.Contains(re.Error(), "未导入任何数据") || !strings.Contains(re.Error(), "互派互聘 3 身份证号: ") {
		t.Errorf("summary = %q", re.Error())
	}
}

func TestDuplicateKeysInEverySheet(t *testing.T) {
	db := openDB(t)
	path := writeBook(t,
		sheetRows{"学校", [][]any{hSchools,
			{schoolA, "甲校", "中等职业学校", "532323", "公办"},
			{schoolA, "甲校（重复）", "中等职业学校", "532323", "公办"},
			{schoolH, "乙校", "高职专科", "532323", "公办"},
		}},
		sheetRows{"合作企业", [][]any{hEnterprises,
			{ent1, "甲公司"},
			{ent2, "乙公司"},
			{ent1, "甲公司（重复）"},
		}},
		sheetRows{"专业", [][]any{hMajors,
			{schoolH, 2025, "520101K", "临床医学", nil, "招生", 100, 0, 0},
			{schoolH, 2025, "520101", "临床医学", nil, "招生", 90, 0, 0}, // the same six digits
		}},
		sheetRows{"互派互聘", [][]any{hSecondments,
			{schoolA, ent1, "张三", "", "", "学校派往企业", "挂职", d(2025, 3, 1)},
			{schoolA, ent1, "张三", "", "", "学校派往企业", "兼职教师", "2025/3/1"},
		}},
		sheetRows{"培训", [][]any{hTrainings,
			{schoolA, "电工", "农村劳动力", 10, nil, d(2025, 3, 1)},
			{schoolA, "电工", "在校学生", 10, nil, d(2025, 3, 1)}, // another category: a different key
			{schoolA, "电工", "农村劳动力", 20, nil, "2025年3月1日"},
		}},
	)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	want := map[string]string{"学校|3": "2", "合作企业|4": "2", "专业|3": "2", "互派互聘|3": "2", "培训|4": "2"}
	got := map[string]string{}
	for _, i := range re.Issues {
		if !i.Warning {
			got[fmt.Sprintf("%s|%d", i.Sheet, i.Row)] = i.Message
		}
	}
	if len(got) != len(want) {
		t.Errorf("errors on rows %v, want exactly %v:%s", got, want, issuesText(re.Issues))
	}
	for k, first := range want {
		m, ok := got[k]
		if !ok {
			t.Errorf("no duplicate error on %s:%s", k, issuesText(re.Issues))
		} else if !strings.Contains(m, first) {
			t.Errorf("duplicate error on %s = %q, does not name row %s", k, m, first)
		}
	}
}

func TestMissingRequiredHeaderIsOneError(t *testing.T) {
	db := openDB(t)
	path := writeBook(t,
		sheetRows{"学校", [][]any{
			{"学校标识码", "学校名称", "办学类型", "所在区划代码"}, // no 办学性质
			{schoolA, "甲校", "中等职业学校", "532323"},
			{"12", "", "乱写", "x"},
			{schoolH, "乙校", "高职专科", "532323"},
		}},
	)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	var errs []workbook.Issue
	for _, i := range re.Issues {
		if !i.Warning {
			errs = append(errs, i)
		}
	}
	if len(errs) != 1 {
		t.Fatalf("want one error for the missing header, got %d:%s", len(errs), issuesText(re.Issues))
	}
	if errs[0].Sheet != "学校" || errs[0].Column != "办学性质" || !strings.Contains(errs[0].String(), "办学性质") {
		t.Errorf("error = %+v (%q), want sheet 学校 naming column 办学性质", errs[0], errs[0].String())
	}
	if n := countSchoolsInFile(t, db.Path); n != 0 {
		t.Errorf("schools = %d after a refused workbook, want 0", n)
	}
}

func TestMissingSheetsAreFine(t *testing.T) {
	db := openDB(t)
	path := writeBook(t,
		sheetRows{"学校", [][]any{hSchools, {schoolA, "甲校", "中等职业学校", "532323", "公办"}}},
		sheetRows{"培训", [][]any{hTrainings, {schoolA, "电工技能培训", "农村劳动力", 150, 8, d(2025, 4, 1), d(2025, 4, 10)}}},
	)
	res := importOK(t, db, path)
	if res.Added["学校"] != 1 || res.Added["培训"] != 1 {
		t.Errorf("added = %v, want 1 school and 1 training", res.Added)
	}
	f, err := db.Indicators(context.Background(), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if f.Training.Total != 150 || len(f.Schools) != 1 {
		t.Errorf("training total %d, schools %d; want 150, 1", f.Training.Total, len(f.Schools))
	}
}

func TestColumnOrderExtraColumnsSheetsAndEmptyRows(t *testing.T) {
	db := openDB(t)
	path := writeBook(t,
		sheetRows{"填写说明", [][]any{{"说明"}, {"请按表头填写"}, {"学校标识码", "乱写的内容"}}},
		sheetRows{"学校", [][]any{
			{"备注（不导入）", "办学性质", "\u3000学校名称 ", "所在区划代码", "办学类型", "学校标识码", "内部编号"},
			{"随便写", "公办", "甲校", "532323", "中等职业学校", schoolA, "not-a-number"},
			nil,
			{"", "", "", "", "", "", ""},
			{"\u3000", " ", "", "", "", "", ""},
			{"另一条", "民办", "乙校", "532323", "高职专科", schoolH, 42},
		}},
		sheetRows{"下拉列表", [][]any{{"办学类型"}, {"中等职业学校"}, {"火星学校"}}},
		sheetRows{"专业", [][]any{
			{"升学人数", "毕业生数", "在校生数", "状态", "专业名称", "专业代码", "统计年度", "学校标识码", "多余的列"},
			{58, 100, 300, "招生", "计算机应用", "710201", 2025, schoolA, "x"},
			nil,
			{3, 10, 30, "招生", "计算机应用技术", "510201", 2025, schoolH, "y"},
		}},
	)
	res := importOK(t, db, path)
	if res.Added["学校"] != 2 || res.Added["专业"] != 2 {
		t.Errorf("added = %v, want 2 schools and 2 majors", res.Added)
	}
	c := readAll(t, db)
	if len(c.Schools) != 2 || c.Schools[0].Code != schoolA || c.Schools[0].Name != "甲校" || c.Schools[0].Ownership != "公办" ||
		c.Schools[1].Code != schoolH || c.Schools[1].Type != "高职专科" || c.Schools[1].Ownership != "民办" {
		t.Errorf("schools = %+v", c.Schools)
	}
	if len(c.Majors) != 2 || c.Majors[0].Progressed != 58 || c.Majors[0].Graduates != 100 || c.Majors[0].Enrolled != 300 {
		t.Errorf("majors = %+v", c.Majors)
	}
}

func TestEmptyRowsKeepExcelRowNumbers(t *testing.T) {
	db := openDB(t)
	path := writeBook(t,
		sheetRows{"学校", [][]any{hSchools,
			{schoolA, "甲校", "中等职业学校", "532323", "公办"},
			nil,
			nil,
			{"", "\u3000"},
			{schoolH, "乙校", "高职专科", "532323", "国营"}, // row 6
		}},
	)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	sameList(t, "error cells", locs(re.Issues, false), []string{"学校|6|办学性质"}, re.Issues)
}

// ---------------------------------------------------------------------------
// Normalisation.

func TestNormalisation(t *testing.T) {
	db := openDB(t)
	path := writeBook(t,
		sheetRows{"学校", [][]any{hSchools,
			{"\u3000３６５３００３１０１\u3000", "\u3000牟定县职业高级中学 ", " 中等职业学校\u3000", "５３２３２３", "公办\u3000"},
			{4153003101, "牟定县高等专科学校", "高职专科", 532323, "公办"}, // codes as number cells
		}},
		sheetRows{"合作企业", [][]any{hEnterprises,
			{"\u3000９１１１００００６０００３７３４１ｌ ", "乙公司", "c"},
		}},
		sheetRows{"互派互聘", [][]any{hSecondments,
			{"3653003101", ent2, "\u3000张三\u3000", "女", "11010519491231002x", "学校派往企业", "挂职", d(2025, 3, 1)},
		}},
		sheetRows{"专业", [][]any{hMajors,
			{"３６５３００３１０１", "2025", "７１０２０１", "计算机应用", "", "招生", "２００", " 60 ", "40"},
		}},
	)
	res := importOK(t, db, path)
	if len(res.Warnings) != 0 {
		t.Errorf("unexpected warnings:%s", issuesText(res.Warnings))
	}
	c := readAll(t, db)
	if len(c.Schools) != 2 {
		t.Fatalf("schools = %+v", c.Schools)
	}
	a, h := c.Schools[0], c.Schools[1]
	if a.Code != schoolA || a.Name != "牟定县职业高级中学" || a.Type != "中等职业学校" || a.Region != "532323" || a.Ownership != "公办" {
		t.Errorf("school A = %+v", a)
	}
	if h.Code != schoolH || h.Region != "532323" {
		t.Errorf("school with number cells = %+v, want code %s region 532323", h, schoolH)
	}
	if len(c.Enterprises) != 1 || c.Enterprises[0].CreditCode != ent2 || c.Enterprises[0].Industry != "C" {
		t.Errorf("enterprise = %+v, want code %s industry C", c.Enterprises, ent2)
	}
	if len(c.Secondments) != 1 || c.Secondments[0].IDNumber != "11010519491231002X" || c.Secondments[0].Name != "张三" {
		t.Errorf("secondment = %+v, want 身份证号 11010519491231002X and name 张三", c.Secondments)
	}
	if len(c.Majors) != 1 || c.Majors[0].Code != "710201" || c.Majors[0].Enrolled != 200 || c.Majors[0].Graduates != 60 || c.Majors[0].Year != 2025 {
		t.Errorf("major = %+v", c.Majors)
	}
}

func TestDates(t *testing.T) {
	db := openDB(t)
	rows := [][]any{hSecondments}
	cases := []struct {
		name  string
		start any
		end   any
		want  time.Time
		wantE time.Time
	}{
		{"日期单元格", d(2025, 3, 1), d(2025, 6, 30), d(2025, 3, 1), d(2025, 6, 30)},
		{"自定义格式", dateFmt{d(2025, 3, 2), `yyyy"年"m"月"d"日"`}, dateFmt{d(2025, 7, 1), "yyyy/mm/dd"}, d(2025, 3, 2), d(2025, 7, 1)},
		{"斜杠", "2025/3/1", "2025/12/31", d(2025, 3, 1), d(2025, 12, 31)},
		{"点号", "2025.3.1", "2025.09.30", d(2025, 3, 1), d(2025, 9, 30)},
		{"中文", "2025年3月1日", "2025年10月1日", d(2025, 3, 1), d(2025, 10, 1)},
		{"短横", "2025-3-1", "2025-03-31", d(2025, 3, 1), d(2025, 3, 31)},
		{"两位月日", "2025/03/05", nil, d(2025, 3, 5), time.Time{}},
	}
	for _, c := range cases {
		rows = append(rows, []any{schoolA, ent1, c.name, "", "", "学校派往企业", "挂职", c.start, c.end})
	}
	path := stintsBook(t, rows)
	importOK(t, db, path)
	got := map[string]store.Secondment{}
	for _, s := range readAll(t, db).Secondments {
		got[s.Name] = s
	}
	for _, c := range cases {
		s, ok := got[c.name]
		if !ok {
			t.Errorf("%s: not imported", c.name)
			continue
		}
		if !s.Start.Equal(c.want) || !s.End.Equal(c.wantE) {
			t.Errorf("%s: %v – %v, want %v – %v", c.name, store.FormatDate(s.Start), store.FormatDate(s.End),
				store.FormatDate(c.want), store.FormatDate(c.wantE))
		}
	}
}

func TestBadDates(t *testing.T) {
	db := openDB(t)
	bad := []any{"2025-13-01", "2025-02-30", "3/1/2025", "2025年3月", "明年", 45717, 45717.5, "20250301", "25-3-1"}
	rows := [][]any{hSecondments}
	for i, v := range bad {
		rows = append(rows, []any{schoolA, ent1, fmt.Sprintf("人%d", i), "", "", "学校派往企业", "挂职", d(2025, 1, 1), v})
	}
	path := stintsBook(t, rows)
	_, err := workbook.Import(context.Background(), db, path)
	re := refused(t, err)
	var want []string
	for i := range bad {
		want = append(want, fmt.Sprintf("互派互聘|%d|结束日期", i+2))
	}
	sameList(t, "error cells", locs(re.Issues, false), want, re.Issues)
}

// ---------------------------------------------------------------------------
// Warnings do not stop the import.

func TestWarningsAreListedAndDoNotStopTheImport(t *testing.T) {
	db := openDB(t)
	const badCheck = "914403001922038217" // well-formed, check digit fails
	path := writeBook(t,
		sheetRows{"学校", [][]any{hSchools,
			{schoolA, "甲校", "中等职业学校", "532323", "公办"},
			{schoolH, "乙校", "高职专科", "532323", "公办"},
			{schoolJ, "丙技工学校", "技工学校", "532323", "公办"},
			{schoolG, "丁中学", "普通高中", "532323", "公办"},
			{"3653003105", "戊校", "中等职业学校", "532399", "公办"}, // 6: region not in the list
		}},
		sheetRows{"合作企业", [][]any{hEnterprises,
			{badCheck, "校验位不符公司"}, // 2
			{ent1, "甲公司"},
		}},
		sheetRows{"专业", [][]any{
			{"学校标识码", "统计年度", "专业代码", "专业名称", "状态", "在校生数", "毕业生数", "升学人数", "合作企业"},
			{schoolA, 2025, "710201", "计算机应用与维修", "招生", 100, 50, 30, badCheck}, // 2: name differs
			{schoolH, 2025, "520101", "临床医学", "招生", 100, 0, 0, ""},             // 3: K missing
			{schoolJ, 2025, "669999", "焊接加工（技工）", "招生", 40, 0, 0, ""},          // 4: not in the 2021 catalogue
			{schoolG, 2025, "710201", "计算机应用", "招生", 20, 0, 0, ""},             // 5: a major at a 普通高中
		}},
	)
	res := importOK(t, db, path)
	want := []string{
		"学校|6|所在区划代码",
		"合作企业|2|统一社会信用代码",
		"专业|2|专业名称",
		"专业|3|专业代码",
		"专业|4|专业代码",
		"专业|5|专业代码",
	}
	sameList(t, "warning cells", locs(res.Warnings, true), want, res.Warnings)
	for _, w := range res.Warnings {
		if !w.Warning {
			t.Errorf("Result.Warnings holds an error: %s", w.String())
		}
	}
	c := readAll(t, db)
	stored := false
	for _, e := range c.Enterprises {
		stored = stored || e.CreditCode == badCheck && e.Name == "校验位不符公司"
	}
	if len(c.Enterprises) != 2 || !stored {
		t.Errorf("enterprises = %+v, want the one with a failed check digit stored", c.Enterprises)
	}
	codes := map[string]store.Major{}
	for _, m := range c.Majors {
		codes[m.SchoolCode] = m
	}
	if m := codes[schoolH]; m.Code != "520101K" {
		t.Errorf("520101 stored as %q, want the catalogue's 520101K", m.Code)
	}
	if m := codes[schoolJ]; m.Code != "669999" {
		t.Errorf("技工学校 major stored as %q, want 669999", m.Code)
	}
	if m := codes[schoolA]; m.Name != "计算机应用与维修" || len(m.Enterprises) != 1 || m.Enterprises[0] != badCheck {
		t.Errorf("major with a different name = %+v, want it stored as written with its enterprise", m)
	}
	if len(c.Majors) != 4 || len(c.Schools) != 5 {
		t.Errorf("stored %d majors, %d schools; want 4, 5", len(c.Majors), len(c.Schools))
	}

	// importing the same file again: still the same warnings, nothing changed
	res2 := importOK(t, db, path)
	sameList(t, "warning cells on re-import", locs(res2.Warnings, true), want, res2.Warnings)
	for _, s := range workbook.Sheets {
		if res2.Added[s.Name]+res2.Updated[s.Name] != 0 {
			t.Errorf("re-import: %s added %d updated %d, want 0", s.Name, res2.Added[s.Name], res2.Updated[s.Name])
		}
	}
}

// ---------------------------------------------------------------------------
// Files that are not .xlsx.

func TestNonXlsxFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4096)...)
	files := map[string][]byte{
		"old.xls":          ole,
		"old-renamed.xlsx": ole,
		"text.xlsx":        []byte("学校标识码,学校名称\n3653003101,甲校\n"),
		"empty.xlsx":       nil,
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			db := openDB(t)
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := workbook.Import(context.Background(), db, path)
			if err == nil {
				t.Fatalf("Import accepted %s: %+v", name, res)
			}
			if msg := store.ErrorMessage(err); !strings.Contains(msg, "请另存为 .xlsx 格式后再导入") {
				t.Errorf("message = %q, want it to contain 请另存为 .xlsx 格式后再导入", msg)
			}
			if n := countSchoolsInFile(t, db.Path); n != 0 {
				t.Errorf("schools = %d, want 0", n)
			}
		})
	}
}

func TestMissingFileIsAnError(t *testing.T) {
	db := openDB(t)
	_, err := workbook.Import(context.Background(), db, filepath.Join(t.TempDir(), "nope.xlsx"))
	if err == nil || store.ErrorCode(err) != store.EInvalid {
		t.Errorf("Import of a missing file: %v (code %s), want an EInvalid error", err, store.ErrorCode(err))
	}
}

// ---------------------------------------------------------------------------
// Re-import replaces every column.

func TestReimportReplacesEveryColumnAndEmptyCellsClear(t *testing.T) {
	db := openDB(t)
	importOK(t, db, richBook(t))
	c1 := readAll(t, db)
	if s, e := c1.Schools[0], c1.Enterprises[1]; s.Code != schoolA || s.Quality != "省级" || s.ClosedYear != 2030 || e.CreditCode != ent1 || e.Grade != "省级" {
		t.Fatalf("first import did not store the optional columns: %+v %+v", s, e)
	}

	second := writeBook(t,
		sheetRows{"学校", [][]any{hSchools,
			{schoolA, "牟定县职业高级中学（新名）", "中等职业学校", "532323", "公办", "", "", "", ""},
		}},
		sheetRows{"合作企业", [][]any{hEnterprises,
			{ent1, "云南滇中汽车服务有限公司", nil, nil, nil, nil, nil},
		}},
		sheetRows{"专业", [][]any{hMajors,
			{schoolA, 2025, "710201", "计算机应用", nil, "停招", 180, 55, 30, "", "", ""},
		}},
		sheetRows{"互派互聘", [][]any{hSecondments,
			{schoolA, ent1, "张三", "", "", "企业派往学校", "兼职教师", d(2025, 3, 1), "", ""},
		}},
		sheetRows{"培训", [][]any{hTrainings,
			{schoolA, "电工技能培训", "农村劳动力", 120, "", d(2025, 4, 1), "", ""},
		}},
	)
	res := importOK(t, db, second)
	for _, s := range []string{"学校", "合作企业", "专业", "互派互聘", "培训"} {
		if res.Updated[s] != 1 || res.Added[s] != 0 {
			t.Errorf("%s: updated %d added %d, want 1/0 (%s)", s, res.Updated[s], res.Added[s], res.Summary())
		}
	}

	c := readAll(t, db)
	sch := onlyOne(t, c.Schools, "school A", func(s store.School) bool { return s.Code == schoolA })
	ent := onlyOne(t, c.Enterprises, "enterprise 1", func(e store.Enterprise) bool { return e.CreditCode == ent1 })
	maj := onlyOne(t, c.Majors, "major of school A", func(m store.Major) bool { return m.SchoolCode == schoolA })
	sec := onlyOne(t, c.Secondments, "张三's stint", func(s store.Secondment) bool { return s.Name == "张三" })
	tr := onlyOne(t, c.Trainings, "the training", func(x store.Training) bool { return x.Name == "电工技能培训" })

	if sch.Name != "牟定县职业高级中学（新名）" || sch.Type != "中等职业学校" || sch.Region != "532323" || sch.Ownership != "公办" ||
		sch.Quality != "" || sch.Contact != "" || sch.Phone != "" || sch.ClosedYear != 0 {
		t.Errorf("school after re-import = %+v, want the new name and 优质学校等级, 联系人, 联系电话, 停办年份 cleared", sch)
	}
	if ent.Name != "云南滇中汽车服务有限公司" || ent.Industry != "" || ent.Grade != "" || ent.Region != "" || ent.Contact != "" || ent.Phone != "" {
		t.Errorf("enterprise after re-import = %+v, want every optional column cleared", ent)
	}
	if maj.OpenedYear != 0 || maj.Status != "停招" || maj.Enrolled != 180 || maj.Graduates != 55 || maj.Progressed != 30 ||
		maj.Through != "" || maj.Quality != "" || len(maj.Enterprises) != 0 {
		t.Errorf("major after re-import = %+v, want optional columns cleared", maj)
	}
	if sec.Direction != "企业派往学校" || sec.Post != "兼职教师" || sec.Gender != "" || sec.IDNumber != "" || !sec.End.IsZero() || sec.Note != "" {
		t.Errorf("stint after re-import = %+v, want optional columns cleared", sec)
	}
	if tr.Count != 120 || tr.Hours != 0 || !tr.End.IsZero() || tr.CreditCode != "" {
		t.Errorf("training after re-import = %+v, want 学时, 结束日期 and 合作企业 cleared", tr)
	}
	if len(c.Schools) != len(c1.Schools) || len(c.Majors) != len(c1.Majors) || len(c.Secondments) != len(c1.Secondments) || len(c.Trainings) != len(c1.Trainings) {
		t.Errorf("re-import added or removed rows: %d/%d/%d/%d schools/majors/stints/trainings, before %d/%d/%d/%d",
			len(c.Schools), len(c.Majors), len(c.Secondments), len(c.Trainings), len(c1.Schools), len(c1.Majors), len(c1.Secondments), len(c1.Trainings))
	}
}

// onlyOne is the one item that match accepts; the test stops unless there
// is exactly one.
func onlyOne[R any](t testing.TB, items []R, what string, match func(R) bool) R {
	t.Helper()
	var found []R
	for _, x := range items {
		if match(x) {
			found = append(found, x)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s not found exactly once", what)
	}
	return found[0]
}

func TestQualityLevelRemovedOnSecondImport(t *testing.T) {
	db := openDB(t)
	importOK(t, db, writeBook(t, sheetRows{"学校", [][]any{hSchools,
		{schoolA, "甲校", "中等职业学校", "532323", "公办", "国家级"}}}))
	if f, _ := db.Indicators(context.Background(), 2025); f == nil || f.QualitySchools["国家级"] != 1 {
		t.Fatalf("quality schools after first import = %v, want 国家级 1", f)
	}
	res := importOK(t, db, writeBook(t, sheetRows{"学校", [][]any{hSchools,
		{schoolA, "甲校", "中等职业学校", "532323", "公办", ""}}}))
	if res.Updated["学校"] != 1 {
		t.Errorf("updated = %v, want 学校 1", res.Updated)
	}
	f, err := db.Indicators(context.Background(), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.QualitySchools) != 0 {
		t.Errorf("quality schools after clearing = %v, want none", f.QualitySchools)
	}
	if q := readAll(t, db).Schools[0].Quality; q != "" {
		t.Errorf("优质学校等级 = %q, want cleared", q)
	}
}

// A workbook may reference schools and enterprises already in the database.
func TestReferencesToRecordsInTheDatabase(t *testing.T) {
	db := openDB(t)
	importOK(t, db, richBook(t))
	res := importOK(t, db, writeBook(t,
		sheetRows{"互派互聘", [][]any{hSecondments,
			{schoolH, ent2, "孙八", "", "", "企业派往学校", "技术人员", "2025-05-01"},
		}},
	))
	if res.Added["互派互聘"] != 1 {
		t.Errorf("added = %v, want 1 stint", res.Added)
	}
}

// ---------------------------------------------------------------------------
// Issue formatting.

func TestIssueString(t *testing.T) {
	for _, c := range []struct {
		i    workbook.Issue
		want string
	}{
		{workbook.Issue{Sheet: "专业", Row: 3, Column: "升学人数", Message: "不能大于毕业生数"}, "专业 3 升学人数: 不能大于毕业生数"},
		{workbook.Issue{Sheet: "学校", Column: "办学性质", Message: "缺少必需的列"}, "学校 办学性质: 缺少必需的列"},
		{workbook.Issue{Sheet: "学校", Row: 5, Message: "与第 2 行重复"}, "学校 5: 与第 2 行重复"},
		{workbook.Issue{Message: "文件无法打开"}, "文件无法打开"},
	} {
		if got := c.i.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.i, got, c.want)
		}
	}
}

// A cell that cannot be read is one error: the rule that compares it with
// another cell (升学人数 ≤ 毕业生数) says nothing more, whether the major is
// new (the unread count would be 0) or already in the database (it would
// keep the stored count). Before, the new major got a second error
// "升学人数（10）不能大于毕业生数（0）" and the stored one not.
func TestUnreadableCountIsOneError(t *testing.T) {
	db := openDB(t)
	book := func(enrolled, graduates any) string {
		return writeBook(t,
			sheetRows{"学校", [][]any{hSchools, {schoolA, "甲校", "中等职业学校", "532323", "公办"}}},
			sheetRows{"专业", [][]any{hMajors, {schoolA, 2025, "710201", "计算机应用", 2018, "招生", enrolled, graduates, 10}}},
		)
	}
	want := []string{"专业|2|在校生数", "专业|2|毕业生数"}
	for _, stored := range []bool{false, true} {
		_, err := workbook.Import(context.Background(), db, book("很多", "不少"))
		re := refused(t, err)
		sameList(t, fmt.Sprintf("errors (major stored: %v)", stored), locs(re.Issues, false), want, re.Issues)
		if !stored {
			importOK(t, db, book(30, 20))
		}
	}
	// the rule itself still holds on counts that were read
	_, err := workbook.Import(context.Background(), db, book(30, 5))
	re := refused(t, err)
	sameList(t, "a real 升学人数 over 毕业生数", locs(re.Issues, false), []string{"专业|2|升学人数"}, re.Issues)
}
