package demo_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/storetest"
)

var ctx = context.Background()

// files returns the database file and its WAL, to check a refusal changed
// nothing.
func files(t *testing.T, db *store.DB) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{db.Path, db.Path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(append(all, b...), '|')
	}
	return all
}

func refused(t *testing.T, db *store.DB, fill func(context.Context, *store.DB) error, wants ...string) {
	t.Helper()
	before := files(t, db)
	err := fill(ctx, db)
	if err == nil {
		t.Fatal("demo filled a database it should refuse")
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("refusal %q does not say %q", err, w)
		}
	}
	if !bytes.Equal(files(t, db), before) {
		t.Error("a refused demo changed the database")
	}
}

func schoolCount(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.View(ctx, func(tx *store.Tx) error {
		s, err := tx.Schools()
		n = len(s)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// A county already set up as 牟定县 would get 楚雄市's schools counted as its
// own: the demo says so and where it belongs.
func TestFillRefusesAnotherUnit(t *testing.T) {
	db := storetest.Open(t, &store.Unit{Code: "532323", Name: "牟定县教育体育局", Level: store.LevelCounty})
	refused(t, db, demo.Fill, "牟定县教育体育局（532323）", "楚雄市（532301）", "新的空数据库", "--db")
	if n := schoolCount(t, db); n != 0 {
		t.Fatalf("%d schools after a refusal", n)
	}
}

// A database with records, even only enterprises, is refused.
func TestFillRefusesRecords(t *testing.T) {
	db := storetest.Open(t, &store.Unit{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty})
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.PutEnterprise(&store.Enterprise{CreditCode: "91532301MA6K0000X0", Name: "楚雄某公司", Region: "532301"})
		return err
	}); err != nil {
		t.Skipf("cannot store the enterprise: %v", err)
	}
	refused(t, db, demo.Fill, "1 家企业", "空数据库")
	refused(t, db, demo.FillAnyUnit, "1 家企业")
}

// The demo's own unit, an unset unit and, for tests, any unit are filled.
func TestFillAccepts(t *testing.T) {
	for name, c := range map[string]struct {
		unit *store.Unit
		fill func(context.Context, *store.DB) error
	}{
		"unset":         {nil, demo.Fill},
		"楚雄市":           {&store.Unit{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty}, demo.Fill},
		"南华县 for tests": {&store.Unit{Code: "532324", Name: "南华县教育体育局", Level: store.LevelCounty}, demo.FillAnyUnit},
	} {
		t.Run(name, func(t *testing.T) {
			db := storetest.Open(t, c.unit)
			if err := c.fill(ctx, db); err != nil {
				t.Fatal(err)
			}
			if n := schoolCount(t, db); n < 6 {
				t.Fatalf("%d schools", n)
			}
		})
	}
}

// A newcomer sees every measure filled (issue 15): agreements of both types,
// expired, open-ended and signed in the year; classes of every 培养类型 (the
// 订单班 still the ones the old 订单班人数 made); carriers at every level, one
// new in the year and one revoked in it.
func TestFillHasEveryMeasure(t *testing.T) {
	db := storetest.Open(t, nil)
	if err := demo.Fill(ctx, db); err != nil {
		t.Fatal(err)
	}
	year := db.Now().Year() - 1
	var all []store.Agreement
	var classes []store.Class
	var carriers []store.Carrier
	var majors []store.Major
	if err := db.View(ctx, func(tx *store.Tx) (err error) {
		if all, err = tx.Agreements(0); err != nil {
			return err
		}
		if classes, err = tx.Classes(year); err != nil {
			return err
		}
		if majors, err = tx.Majors(year); err != nil {
			return err
		}
		carriers, err = tx.Carriers()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range all {
		seen[a.Type] = true
		seen["expired"] = seen["expired"] || !a.InForce(year)
		seen["open-ended"] = seen["open-ended"] || a.Expires.IsZero()
		seen["signed in the year"] = seen["signed in the year"] || a.Signed.Year() == year
		seen["with contents"] = seen["with contents"] || len(a.Contents) > 0
	}
	for _, c := range classes {
		seen[c.Type] = true
	}
	for _, m := range majors {
		for _, c := range classes {
			if c.Name == m.Name+store.ClassOrder && c.SchoolCode == m.SchoolCode {
				seen["legacy 订单班"] = true
				if want := store.LegacyOrderClass(m, c.Students); c.CreditCode != want.CreditCode || c.MajorCode != want.MajorCode {
					t.Errorf("订单班 %s is not the class the old 订单班人数 made: %+v, want %+v", c.Name, c, want)
				}
			}
		}
	}
	for _, c := range carriers {
		level, counted := c.CountedAs(year)
		seen[level] = seen[level] || counted
		seen[c.Type] = true
		seen["new carrier"] = seen["new carrier"] || c.NewIn(year)
		seen["revoked"] = seen["revoked"] || c.Revoked == year
		seen["members"] = seen["members"] || (c.LeadSchool != "" && len(c.MemberSchools) > 0 && len(c.MemberEnterprises) > 0)
	}
	wants := append(append(append([]string{"expired", "open-ended", "signed in the year", "with contents", "legacy 订单班",
		"new carrier", "revoked", "members", "县域产教联合体", "现代产业学院", "产教融合实践中心", "乡村振兴学院"},
		store.AgreementTypes...), store.ClassTypes...), store.CarrierGrades...)
	for _, w := range wants {
		if !seen[w] {
			t.Errorf("the demo has no %s", w)
		}
	}
}

// The demo has the records of issue 16 in both years: 师资 for every
// vocational school (双师型 between 40% and 70%, one school under half),
// awards of every 类别 at several levels won by students, teachers and
// schools, activities of every type with enterprises visited, and, in the
// statistical year, 联席会议 and 推进会议 each half-year but no
// 政校企交流会议 in the third quarter; 教师企业实践 stints count.
func TestFillHasStaffAwardsAndActivities(t *testing.T) {
	db := storetest.Open(t, nil)
	if err := demo.Fill(ctx, db); err != nil {
		t.Fatal(err)
	}
	year := db.Now().Year() - 1
	var schools []store.School
	var teachers []store.Teachers
	var awards []store.Award
	var acts []store.Activity
	if err := db.View(ctx, func(tx *store.Tx) (err error) {
		if schools, err = tx.Schools(); err != nil {
			return err
		}
		if teachers, err = tx.TeacherRows(0); err != nil {
			return err
		}
		if awards, err = tx.Awards(0); err != nil {
			return err
		}
		acts, err = tx.Activities(0)
		return err
	}); err != nil {
		t.Fatal(err)
	}

	rows := map[string]store.Teachers{}
	for _, r := range teachers {
		rows[fmt.Sprint(r.SchoolCode, "/", r.Year)] = r
	}
	under := 0
	for _, s := range schools {
		if s.Type == store.TypeHighSchool {
			continue
		}
		for _, y := range []int{year - 1, year} {
			r, ok := rows[fmt.Sprint(s.Code, "/", y)]
			if !ok {
				t.Errorf("%s has no 师资 row in %d", s.Name, y)
				continue
			}
			if share := float64(r.Dual) / float64(r.Professional); share < 0.4 || share > 0.7 {
				t.Errorf("%s %d: 双师型 share %.2f, want 40%%–70%%", s.Name, y, share)
			} else if share < 0.5 && y == year {
				under++
			}
		}
	}
	if under != 1 {
		t.Errorf("%d schools under half 双师型 in %d, want one", under, year)
	}

	seen := map[string]bool{}
	levels := map[string]bool{}
	for _, a := range awards {
		when := "this year"
		if a.Date.Year() == year-1 {
			when = "last year"
		} else {
			levels[a.Level] = true
		}
		seen[a.Category+" "+when] = true
		seen[when] = true
		seen[a.WinnerType] = true
	}
	wants := []string{"last year"}
	for _, c := range store.AwardCategories {
		wants = append(wants, c+" this year")
	}
	wants = append(wants, store.AwardWinners...)
	for _, typ := range store.ActivityTypes {
		wants = append(wants, typ+" this year", typ+" last year")
	}
	visited := 0
	for _, a := range acts {
		when := "this year"
		if a.Date.Year() == year-1 {
			when = "last year"
		}
		seen[a.Type+" "+when] = true
		if a.Type == "走访企业" && a.Visited != nil && a.Date.Year() == year {
			visited += *a.Visited
		}
	}
	for _, w := range wants {
		if !seen[w] {
			t.Errorf("the demo has no award or activity: %s", w)
		}
	}
	if len(levels) < 3 {
		t.Errorf("the year's awards are at %d levels, want several", len(levels))
	}
	if visited == 0 {
		t.Error("the year's 走访企业 visited no enterprise")
	}

	for _, c := range []struct {
		typ     string
		n       int
		missing string
	}{{store.ActivityJoint, 2, ""}, {store.ActivityAdvance, 2, ""}, {store.ActivityExchange, 4, "第三季度"}} {
		var missing []string
		for i, held := range store.ActivityPeriodsHeld(acts, c.typ, year, c.n) {
			if !held {
				missing = append(missing, store.PeriodName(i, c.n))
			}
		}
		if got := strings.Join(missing, "、"); got != c.missing {
			t.Errorf("%s in %d: missing periods %q, want %q", c.typ, year, got, c.missing)
		}
	}

	f, err := db.Indicators(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	if f.EnterprisePractice == 0 {
		t.Error("the demo's 教师企业实践人次 is 0")
	}
	if f.Teachers.Rate == nil || f.Teachers.Met == nil {
		t.Errorf("the demo's 双师型 share is not assessed: %+v", f.Teachers)
	}
}
