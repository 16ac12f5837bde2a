package store_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chanjiao/store"
)

// schemaV4 makes a database as the program before the measures left it:
// the embedded migrations 0001–0004 run by hand, then the statements given.
func schemaV4(t *testing.T, statements ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), store.DBFileName)
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	scripts, err := filepath.Glob("migrations/000[1-4]_*.sql")
	if err != nil || len(scripts) != 4 {
		t.Fatalf("migrations 0001–0004: %v %v", scripts, err)
	}
	var ordered []string
	for _, s := range scripts {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		ordered = append(ordered, string(b))
	}
	ordered = append(append(ordered, statements...),
		fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = 4", store.ApplicationID))
	for _, s := range ordered {
		if _, err := conn.Exec(s); err != nil {
			t.Fatalf("making the version-4 database: %v\n%s", err, s)
		}
	}
	return path
}

// legacyMajor is a version-4 major with its 订单班人数.
type legacyMajor struct {
	id          int
	school      string
	year        int
	code, name  string
	orderClass  int
	enterprises []string
}

// A database made before the measures (schema version 4) opens with every
// 订单班人数 > 0 turned into exactly the class store.LegacyOrderClass
// describes (LegacyOrderClassNamed: a name two majors of one school and
// year share gets the second major's code), and the year's
// order_class_students as it was.
func TestMigrationTurnsOrderClassesIntoClasses(t *testing.T) {
	majors := []legacyMajor{
		{1, codeA, 2025, "710201", "计算机应用", 30, []string{entY, entX}}, // first 合作企业 by credit code: entY
		{2, codeA, 2025, "720201", "护理", 25, nil},                     // no enterprise
		{3, codeA, 2025, "730701", "电子商务", 0, []string{entZ}},         // no order class
		{4, codeB, 2025, "700206", "汽车运用与维修", 20, []string{entZ}},
		{5, codeB, 2025, "700209", "汽车运用与维修", 12, []string{entY}}, // the same name in the same school and year
		{6, codeA, 2024, "710201", "计算机应用", 18, []string{entY}},
	}
	stmts := []string{
		`INSERT INTO unit (id, code, name, level) VALUES (1, '532323', '牟定县教育体育局', 'county')`,
		fmt.Sprintf(`INSERT INTO schools (id, unit_code, code, name, type, region, ownership) VALUES
			(1, '532323', '%s', '牟定县职业高级中学', '中等职业学校', '532323', '公办'),
			(2, '532323', '%s', '牟定县民族中等专业学校', '中等职业学校', '532323', '公办')`, codeA, codeB),
		fmt.Sprintf(`INSERT INTO enterprises (id, credit_code, name) VALUES (1, '%s', '深圳某科技有限公司'), (2, '%s', '北京某集团有限公司'),
			(3, '%s', '牟定某农业有限公司')`, entX, entY, entZ),
	}
	entID := map[string]int{entX: 1, entY: 2, entZ: 3}
	schoolID := map[string]int{codeA: 1, codeB: 2}
	for _, m := range majors {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO majors (id, school_id, year, code, name, status, enrolled, graduates, progressed, order_class)
			VALUES (%d, %d, %d, '%s', '%s', '招生', 100, 30, 10, %d)`, m.id, schoolID[m.school], m.year, m.code, m.name, m.orderClass))
		for _, e := range m.enterprises {
			stmts = append(stmts, fmt.Sprintf(`INSERT INTO major_enterprises (major_id, enterprise_id) VALUES (%d, %d)`, m.id, entID[e]))
		}
	}
	path := schemaV4(t, stmts...)

	db := mustOpenBare(t, path)
	var version int
	if err := db.SQL().QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != store.SchemaVersion() {
		t.Fatalf("user_version = %d (%v), want %d", version, err, store.SchemaVersion())
	}
	var stored []store.Major
	var classes []store.Class
	mustView(t, db, func(tx *store.Tx) (err error) {
		if stored, err = tx.Majors(0); err != nil {
			return err
		}
		classes, err = tx.Classes(0)
		return err
	})
	var want []store.Class
	for _, lm := range majors {
		i := slices.IndexFunc(stored, func(m store.Major) bool {
			return m.SchoolCode == lm.school && m.Year == lm.year && m.Code == lm.code
		})
		if i < 0 {
			t.Fatalf("major %s %d %s lost by the migration", lm.school, lm.year, lm.code)
		}
		if lm.orderClass > 0 {
			want = append(want, store.LegacyOrderClassNamed(stored[i], lm.orderClass, func(name string) bool {
				return lm.id == 5 && name == "汽车运用与维修订单班" // major 4's class took it
			}))
		}
	}
	for i := range classes {
		classes[i].ID = 0
	}
	byKey := func(a, b store.Class) int { return strings.Compare(a.Key(), b.Key()) }
	slices.SortFunc(want, byKey)
	slices.SortFunc(classes, byKey)
	if !slices.Equal(classes, want) {
		t.Errorf("classes after the migration:\n%+v\nwant\n%+v", classes, want)
	}

	for year, students := range map[int]int{2025: 30 + 25 + 20 + 12, 2024: 18} {
		f, err := db.Indicators(t.Context(), year)
		if err != nil {
			t.Fatal(err)
		}
		if f.OrderClassStudents != students {
			t.Errorf("order_class_students %d = %d, want %d as before the migration", year, f.OrderClassStudents, students)
		}
	}
}
