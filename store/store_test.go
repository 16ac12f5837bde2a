package store_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chanjiao/store"
	"chanjiao/store/refdata"
	"chanjiao/store/storetest"
)

// testUnit is the unit every MustOpen database belongs to.
var testUnit = store.Unit{Code: "532323", Name: "牟定县教育体育局", Level: store.LevelCounty, Phone: "0878-5211234"}

// fixedNow is the clock of the test databases.
var fixedNow = time.Date(2025, 12, 1, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))

// MustOpen opens a fresh database under tb.TempDir() with the reference data
// of ../shared/data and testUnit as its unit. It is closed when the test ends.
func MustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	db := mustOpenBare(tb, filepath.Join(tb.TempDir(), store.DBFileName))
	if err := db.Update(tb.Context(), func(tx *store.Tx) error { return tx.SetUnit(testUnit) }); err != nil {
		tb.Fatalf("SetUnit: %v", err)
	}
	return db
}

// mustOpenBare opens (or creates) the database at path without setting a unit.
func mustOpenBare(tb testing.TB, path string) *store.DB {
	tb.Helper()
	db, err := store.Open(path, mustRef(tb))
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	db.Now = func() time.Time { return fixedNow }
	tb.Cleanup(func() { db.Close() })
	return db
}

func mustRef(tb testing.TB) *refdata.Reference { return storetest.Ref(tb) }

// mustUpdate runs fn in a write transaction and fails the test on error.
func mustUpdate(tb testing.TB, db *store.DB, fn func(tx *store.Tx) error) {
	tb.Helper()
	if err := db.Update(tb.Context(), fn); err != nil {
		tb.Fatalf("Update: %v", err)
	}
}

// mustView runs fn in a read transaction and fails the test on error.
func mustView(tb testing.TB, db *store.DB, fn func(tx *store.Tx) error) {
	tb.Helper()
	if err := db.View(tb.Context(), fn); err != nil {
		tb.Fatalf("View: %v", err)
	}
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want %s", code)
	}
	if got := store.ErrorCode(err); got != code {
		tb.Fatalf("error code = %s, want %s (error: %v)", got, code, err)
	}
	if msg := store.ErrorMessage(err); msg == "" || strings.HasPrefix(msg, "程序内部错误") {
		tb.Errorf("message %q is not one for the clerk", msg)
	}
}

func date(s string) time.Time {
	t, err := time.Parse(store.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

const (
	codeA = "3653003101"
	codeB = "3653003102"
	codeC = "4153003101" // a 高职专科
	entX  = "914403001922038216"
	entY  = "91110000600037341L"
	entZ  = "915323230000000105"
	idP   = "11010519491231002X"
	idQ   = "440524188001010014"
)

func schoolA() store.School {
	return store.School{Code: codeA, Name: "牟定县职业高级中学", Type: "中等职业学校", Region: "532323", Ownership: "公办",
		Quality: "州市级", Contact: "李老师", Phone: "0878-5211234"}
}

func schoolB() store.School {
	return store.School{Code: codeB, Name: "牟定县民族中等专业学校", Type: "中等职业学校", Region: "532323", Ownership: "公办"}
}

func schoolC() store.School {
	return store.School{Code: codeC, Name: "牟定县职业技术学院", Type: "高职专科", Region: "532323", Ownership: "民办"}
}

func enterprise(code, name string) store.Enterprise {
	return store.Enterprise{CreditCode: code, Name: name, Industry: "C", Region: "532323"}
}

func majorA() store.Major {
	return store.Major{SchoolCode: codeA, Year: 2025, Code: "710201", Name: "计算机应用", OpenedYear: 2018, Status: "招生",
		Enrolled: 200, Graduates: 60, Progressed: 40, Through: "3+2", Enterprises: []string{entY, entX}}
}

func stintA() store.Secondment {
	return store.Secondment{SchoolCode: codeA, CreditCode: entX, Name: "张三", Gender: "女", IDNumber: idP,
		Direction: store.DirSchoolToEnterprise, Post: "实践锻炼", Start: date("2025-03-01"), End: date("2025-06-30"), Note: "暑期"}
}

func trainingA() store.Training {
	return store.Training{SchoolCode: codeA, Name: "电工技能培训", Category: "农村劳动力", Count: 150, Hours: 8,
		Start: date("2025-04-01"), End: date("2025-04-10"), CreditCode: entX}
}

// seed writes schools A, B and C and enterprises X, Y and Z.
func seed(tb testing.TB, db *store.DB) {
	tb.Helper()
	mustUpdate(tb, db, func(tx *store.Tx) error {
		for _, s := range []store.School{schoolA(), schoolB(), schoolC()} {
			if _, err := tx.PutSchool(&s); err != nil {
				return err
			}
		}
		for _, e := range []store.Enterprise{enterprise(entX, "深圳某科技有限公司"), enterprise(entY, "北京某集团有限公司"), enterprise(entZ, "牟定某农业有限公司")} {
			if _, err := tx.PutEnterprise(&e); err != nil {
				return err
			}
		}
		return nil
	})
}
