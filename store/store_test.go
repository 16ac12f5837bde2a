package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
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
		Enrolled: 200, Graduates: 60, Progressed: 40, OrderClass: 20, Through: "3+2", Enterprises: []string{entY, entX}}
}

func stintA() store.Secondment {
	return store.Secondment{SchoolCode: codeA, CreditCode: entX, Name: "张三", Gender: "男", IDNumber: idP,
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

func migrationCount(tb testing.TB) int {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(names) == 0 {
		tb.Fatalf("no migrations found: %v", err)
	}
	return len(names)
}

// pragmas reads application_id and user_version straight from the file.
func pragmas(tb testing.TB, path string) (appID, version int) {
	tb.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	if err := raw.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		tb.Fatal(err)
	}
	if err := raw.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		tb.Fatal(err)
	}
	return appID, version
}

func TestOpenMigrates(t *testing.T) {
	db := MustOpen(t)
	var appID, version int
	if err := db.SQL().QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if appID != store.ApplicationID {
		t.Errorf("application_id = %#x, want %#x", appID, store.ApplicationID)
	}
	if want := migrationCount(t); version != want || store.SchemaVersion() != want {
		t.Errorf("user_version = %d, SchemaVersion() = %d, want %d (one per migration)", version, store.SchemaVersion(), want)
	}
	for _, table := range []string{"unit", "schools", "enterprises", "majors", "major_enterprises", "secondments", "trainings", "targets"} {
		var n int
		if err := db.SQL().QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s missing (%v)", table, err)
		}
	}
	var fk int
	if err := db.SQL().QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d (%v), want 1", fk, err)
	}
}

func TestOpenReopen(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	path := db.Path
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2 := mustOpenBare(t, path)
	mustView(t, db2, func(tx *store.Tx) error {
		u, err := tx.Unit()
		if err != nil {
			return err
		}
		if u != testUnit {
			t.Errorf("unit after reopen = %+v, want %+v", u, testUnit)
		}
		schools, err := tx.Schools()
		if err != nil {
			return err
		}
		if len(schools) != 3 {
			t.Errorf("%d schools after reopen, want 3", len(schools))
		}
		return nil
	})
	if err := db2.Close(); err != nil {
		t.Fatal(err)
	}
	appID, version := pragmas(t, path)
	if appID != store.ApplicationID || version != migrationCount(t) {
		t.Errorf("after reopen application_id %#x, user_version %d; want %#x, %d", appID, version, store.ApplicationID, migrationCount(t))
	}
	mustOpenBare(t, path) // a third time, still fine
}

func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db := mustOpenBare(t, path)
	db.Close()
	if appID, version := pragmas(t, path); appID != store.ApplicationID || version != migrationCount(t) {
		t.Errorf("empty file: application_id %#x, user_version %d", appID, version)
	}
}

func TestOpenRefusesNewerDatabase(t *testing.T) {
	db := MustOpen(t)
	path := db.Path
	newer := migrationCount(t) + 1
	if _, err := db.SQL().Exec(fmt.Sprintf("PRAGMA user_version = %d", newer)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db2, err := store.Open(path, mustRef(t))
	if err == nil {
		db2.Close()
		t.Fatal("a database with a newer user_version was opened")
	}
	wantCode(t, err, store.EInvalid)
	if msg := store.ErrorMessage(err); !strings.Contains(msg, "较新版本") {
		t.Errorf("message %q does not say 较新版本", msg)
	}
	if _, version := pragmas(t, path); version != newer {
		t.Errorf("user_version changed to %d by the refused open, want %d", version, newer)
	}
}

// foreignFiles are files that are not our database, each with a part of the
// message that refuses it ("" = any).
var foreignFiles = []struct {
	name    string
	prepare func(t *testing.T, path string)
	message string
}{
	{"NotSQLite", func(t *testing.T, path string) {
		text := strings.Repeat("学校标识码,学校名称\n3653003101,牟定县职业高级中学\n", 100)
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}, ""},
	{"Zip", func(t *testing.T, path string) {
		data := append([]byte("PK\x03\x04\x14\x00\x06\x00"), make([]byte, 4096)...)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}, ""},
	{"OtherTablesApplicationIDZero", func(t *testing.T, path string) {
		rawExec(t, path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO customers (name) VALUES ('x')")
	}, "不是本程序"},
	{"OtherApplicationID", func(t *testing.T, path string) {
		rawExec(t, path, "PRAGMA application_id = 1234")
	}, "不是本程序"},
}

func TestOpenRefusesForeignFile(t *testing.T) {
	for _, tt := range foreignFiles {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "other.db")
			tt.prepare(t, path)
			db, err := store.Open(path, mustRef(t))
			if err == nil {
				db.Close()
				t.Fatal("a foreign file was opened")
			}
			wantCode(t, err, store.EInvalid)
			if !strings.Contains(store.ErrorMessage(err), tt.message) {
				t.Errorf("message %q does not contain %q", store.ErrorMessage(err), tt.message)
			}
			var tables int
			if tt.message != "" {
				if err := func() error {
					raw, err := sql.Open("sqlite", path)
					if err != nil {
						return err
					}
					defer raw.Close()
					return raw.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'schools'").Scan(&tables)
				}(); err != nil || tables != 0 {
					t.Errorf("our tables were created in the refused file (%d, %v)", tables, err)
				}
			}
		})
	}
}

// TestOpenLeavesForeignFileUnchanged: a file that Open refuses must be left
// exactly as it was. Fails while Open applies journal_mode(WAL) (in the DSN)
// before it checks application_id: the refused SQLite file is switched to WAL
// (header byte 18 goes from 1 to 2).
func TestOpenLeavesForeignFileUnchanged(t *testing.T) {
	for _, tt := range foreignFiles {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "other.db")
			tt.prepare(t, path)
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			db, err := store.Open(path, mustRef(t))
			if err == nil {
				db.Close()
				t.Fatal("a foreign file was opened")
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := firstDiff(before, after); diff != "" {
				t.Errorf("the refused file was modified: %s", diff)
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("the refused file got a %s file beside it", suffix)
				}
			}
		})
	}
}

// firstDiff describes where two file contents first differ, "" when equal.
func firstDiff(a, b []byte) string {
	if len(a) != len(b) {
		return fmt.Sprintf("size %d → %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			return fmt.Sprintf("byte %d: %#02x → %#02x", i, a[i], b[i])
		}
	}
	return ""
}

func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestOpenMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no-such-folder", store.DBFileName)
	db, err := store.Open(path, mustRef(t))
	if err == nil {
		db.Close()
		t.Fatal("opened a database in a folder that does not exist")
	}
	wantCode(t, err, store.EInvalid)
}

func TestUnit(t *testing.T) {
	t.Run("ErrNotFoundBeforeInit", func(t *testing.T) {
		db := mustOpenBare(t, filepath.Join(t.TempDir(), store.DBFileName))
		err := db.View(t.Context(), func(tx *store.Tx) error { _, err := tx.Unit(); return err })
		wantCode(t, err, store.ENotFound)
		err = db.Update(t.Context(), func(tx *store.Tx) error { s := schoolA(); _, err := tx.PutSchool(&s); return err })
		wantCode(t, err, store.ENotFound)
	})
	t.Run("OKNormalisesCode", func(t *testing.T) {
		db := mustOpenBare(t, filepath.Join(t.TempDir(), store.DBFileName))
		mustUpdate(t, db, func(tx *store.Tx) error {
			return tx.SetUnit(store.Unit{Code: "5323", Name: "楚雄州教育体育局", Level: store.LevelPrefecture})
		})
		mustView(t, db, func(tx *store.Tx) error {
			u, err := tx.Unit()
			if u.Code != "532300" || u.Level != store.LevelPrefecture {
				t.Errorf("unit = %+v, want code 532300 prefecture", u)
			}
			return err
		})
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		db := MustOpen(t)
		err := db.Update(t.Context(), func(tx *store.Tx) error {
			return tx.SetUnit(store.Unit{Code: "532300", Name: "牟定县", Level: store.LevelCounty})
		})
		wantCode(t, err, store.EInvalid)
	})
	t.Run("OKChangeDetails", func(t *testing.T) {
		db := MustOpen(t)
		seed(t, db)
		u := testUnit
		u.Head, u.DocNo = "王局长", "牟教〔2025〕1号"
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.SetUnit(u) })
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Unit()
			if got != u {
				t.Errorf("unit = %+v, want %+v", got, u)
			}
			return err
		})
	})
	t.Run("OKChangeCodeWithoutSchools", func(t *testing.T) {
		db := MustOpen(t)
		mustUpdate(t, db, func(tx *store.Tx) error {
			return tx.SetUnit(store.Unit{Code: "532301", Name: "楚雄市", Level: store.LevelCounty})
		})
	})
	t.Run("ErrConflictChangeCodeWithSchools", func(t *testing.T) {
		db := MustOpen(t)
		seed(t, db)
		err := db.Update(t.Context(), func(tx *store.Tx) error {
			return tx.SetUnit(store.Unit{Code: "532301", Name: "楚雄市", Level: store.LevelCounty})
		})
		wantCode(t, err, store.EConflict)
	})
}

func TestSchools(t *testing.T) {
	db := MustOpen(t)
	a, b := schoolA(), schoolB()
	mustUpdate(t, db, func(tx *store.Tx) error {
		for _, s := range []*store.School{&b, &a} {
			created, err := tx.PutSchool(s)
			if err != nil {
				return err
			}
			if !created || s.ID == 0 {
				t.Errorf("PutSchool(%s) created=%v id=%d, want a new row", s.Code, created, s.ID)
			}
		}
		return nil
	})
	mustView(t, db, func(tx *store.Tx) error {
		got, err := tx.Schools()
		if want := []store.School{a, b}; !reflect.DeepEqual(got, want) {
			t.Errorf("Schools() = %+v, want %+v (ordered by code)", got, want)
		}
		one, err2 := tx.SchoolByCode(codeB)
		if !reflect.DeepEqual(one, b) {
			t.Errorf("SchoolByCode = %+v, want %+v", one, b)
		}
		return errors.Join(err, err2)
	})

	t.Run("UpdateByID", func(t *testing.T) {
		a2 := a
		a2.Name, a2.Quality, a2.Contact, a2.Phone, a2.ClosedYear = "牟定县职业教育中心", "", "", "", 2026
		mustUpdate(t, db, func(tx *store.Tx) error {
			created, err := tx.PutSchool(&a2)
			if created || a2.ID != a.ID {
				t.Errorf("update by ID: created=%v id=%d, want false %d", created, a2.ID, a.ID)
			}
			return err
		})
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.SchoolByCode(codeA)
			if !reflect.DeepEqual(got, a2) {
				t.Errorf("after update %+v, want %+v", got, a2)
			}
			return err
		})
	})
	t.Run("ChangeCodeByID", func(t *testing.T) {
		b2 := b
		b2.Code = "3653003109"
		mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutSchool(&b2); return err })
		mustView(t, db, func(tx *store.Tx) error {
			_, err := tx.SchoolByCode(codeB)
			if store.ErrorCode(err) != store.ENotFound {
				t.Errorf("old code still found: %v", err)
			}
			got, err := tx.SchoolByCode("3653003109")
			if got.ID != b.ID {
				t.Errorf("renamed school has id %d, want %d", got.ID, b.ID)
			}
			return err
		})
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		bad := store.School{Code: "123", Name: "无效学校", Type: "中等职业学校", Region: "532323", Ownership: "公办"}
		err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutSchool(&bad); return err })
		wantCode(t, err, store.EInvalid)
		if !strings.Contains(store.ErrorMessage(err), "学校标识码") {
			t.Errorf("message %q does not name the field", store.ErrorMessage(err))
		}
	})
	t.Run("OKWithWarning", func(t *testing.T) {
		w := store.School{Code: "3653003110", Name: "区划未收录学校", Type: "其他", Region: "532399", Ownership: "民办"}
		mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutSchool(&w); return err })
	})
	t.Run("Delete", func(t *testing.T) {
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteSchool(a.ID) })
		mustView(t, db, func(tx *store.Tx) error {
			_, err := tx.SchoolByCode(codeA)
			if store.ErrorCode(err) != store.ENotFound {
				t.Errorf("deleted school still found: %v", err)
			}
			all, err := tx.Schools()
			if len(all) != 2 {
				t.Errorf("%d schools left, want 2", len(all))
			}
			return err
		})
		err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteSchool(a.ID) })
		wantCode(t, err, store.ENotFound)
	})
}

func TestEnterprises(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	var ents []store.Enterprise
	mustView(t, db, func(tx *store.Tx) (err error) { ents, err = tx.Enterprises(); return err })
	var codes []string
	for _, e := range ents {
		codes = append(codes, e.CreditCode)
	}
	if want := []string{entY, entX, entZ}; !reflect.DeepEqual(codes, want) {
		t.Fatalf("Enterprises() codes = %v, want %v (ordered by credit code)", codes, want)
	}
	const ix = 1 // entX
	if ents[ix].Name != "深圳某科技有限公司" || ents[ix].Industry != "C" || ents[ix].Region != "532323" || ents[ix].ID == 0 {
		t.Errorf("enterprise read back as %+v", ents[ix])
	}

	t.Run("UpdateByID", func(t *testing.T) {
		x := ents[ix]
		x.Name, x.Grade, x.Industry, x.Region, x.Contact, x.Phone = "深圳某科技股份有限公司", "国家级", "", "", "王经理", "0755-1234567"
		mustUpdate(t, db, func(tx *store.Tx) error {
			created, err := tx.PutEnterprise(&x)
			if created {
				t.Error("update by ID reported created")
			}
			return err
		})
		mustView(t, db, func(tx *store.Tx) error {
			all, err := tx.Enterprises()
			if !reflect.DeepEqual(all[ix], x) {
				t.Errorf("after update %+v, want %+v", all[ix], x)
			}
			return err
		})
	})
	t.Run("OKCheckDigitWarning", func(t *testing.T) {
		w := enterprise("914403001922038217", "校验位不符企业")
		mustUpdate(t, db, func(tx *store.Tx) error {
			created, err := tx.PutEnterprise(&w)
			if !created {
				t.Error("enterprise with a failed check digit not created")
			}
			return err
		})
	})
	t.Run("ErrMalformedCreditCode", func(t *testing.T) {
		bad := enterprise("91440300I92203821X", "含I企业")
		err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutEnterprise(&bad); return err })
		wantCode(t, err, store.EInvalid)
	})
	t.Run("DeleteRemovesStintsUnlinksMajorsAndTrainings", func(t *testing.T) {
		m, s, tr := majorA(), stintA(), trainingA()
		mustUpdate(t, db, func(tx *store.Tx) error {
			if _, err := tx.PutMajor(&m); err != nil {
				return err
			}
			if _, err := tx.PutSecondment(&s); err != nil {
				return err
			}
			_, err := tx.PutTraining(&tr)
			return err
		})
		x := ents[ix]
		mustView(t, db, func(tx *store.Tx) error {
			nm, ns, nt, err := tx.EnterpriseDependents(x.ID)
			if nm != 1 || ns != 1 || nt != 1 {
				t.Errorf("EnterpriseDependents = %d, %d, %d; want 1, 1, 1", nm, ns, nt)
			}
			return err
		})
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteEnterprise(x.ID) })
		mustView(t, db, func(tx *store.Tx) error {
			majors, err := tx.Majors(2025)
			if err != nil {
				return err
			}
			if len(majors) != 1 || !reflect.DeepEqual(majors[0].Enterprises, []string{entY}) {
				t.Errorf("major after enterprise deletion: %+v, want it kept with only %s", majors, entY)
			}
			stints, err := tx.Secondments(0)
			if len(stints) != 0 {
				t.Errorf("%d stints left, want 0", len(stints))
			}
			trs, err2 := tx.Trainings(0)
			if len(trs) != 1 || trs[0].CreditCode != "" {
				t.Errorf("training after enterprise deletion: %+v, want it kept without enterprise", trs)
			}
			return errors.Join(err, err2)
		})
		err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteEnterprise(x.ID) })
		wantCode(t, err, store.ENotFound)
	})
}

func TestMajors(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	m := majorA()
	mustUpdate(t, db, func(tx *store.Tx) error {
		created, err := tx.PutMajor(&m)
		if !created || m.ID == 0 {
			t.Errorf("PutMajor: created=%v id=%d", created, m.ID)
		}
		return err
	})
	want := m
	want.Enterprises = []string{entY, entX}
	sort.Strings(want.Enterprises)
	want.SchoolType = "中等职业学校"

	mustView(t, db, func(tx *store.Tx) error {
		got, err := tx.Majors(2025)
		if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
			t.Errorf("Majors(2025) = %+v, want [%+v]", got, want)
		}
		return err
	})

	t.Run("CodeStoredInCatalogueForm", func(t *testing.T) {
		c := store.Major{SchoolCode: codeC, Year: 2025, Code: "520101", Name: "临床医学", Status: "招生", Enrolled: 10}
		mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutMajor(&c); return err })
		if c.Code != "520101K" {
			t.Errorf("PutMajor left code %q, want 520101K", c.Code)
		}
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Majors(2025)
			found := false
			for _, g := range got {
				found = found || g.SchoolCode == codeC && g.Code == "520101K"
			}
			if !found {
				t.Errorf("520101K not stored: %+v", got)
			}
			return err
		})
	})
	t.Run("UpdateReplacesLinks", func(t *testing.T) {
		m2 := m
		m2.Enterprises = []string{entZ}
		m2.Enrolled, m2.Through, m2.Quality = 210, "", "省级"
		mustUpdate(t, db, func(tx *store.Tx) error {
			created, err := tx.PutMajor(&m2)
			if created {
				t.Error("update by ID reported created")
			}
			return err
		})
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Majors(2025)
			if got[0].ID != m.ID || !reflect.DeepEqual(got[0].Enterprises, []string{entZ}) || got[0].Enrolled != 210 || got[0].Through != "" || got[0].Quality != "省级" {
				t.Errorf("after update %+v", got[0])
			}
			return err
		})
	})
	t.Run("YearFilter", func(t *testing.T) {
		prev := majorA()
		prev.Year, prev.OpenedYear, prev.Enterprises = 2024, 0, nil
		mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutMajor(&prev); return err })
		mustView(t, db, func(tx *store.Tx) error {
			for _, c := range []struct{ year, n int }{{2024, 1}, {2025, 2}, {2023, 0}, {0, 3}} {
				got, err := tx.Majors(c.year)
				if err != nil {
					return err
				}
				if len(got) != c.n {
					t.Errorf("Majors(%d) has %d rows, want %d", c.year, len(got), c.n)
				}
			}
			return nil
		})
	})
	t.Run("Errors", func(t *testing.T) {
		tests := []struct {
			name string
			edit func(*store.Major)
			code string
		}{
			{"ErrUnknownSchool", func(m *store.Major) { m.SchoolCode = "3653003199" }, store.ENotFound},
			{"ErrUnknownEnterprise", func(m *store.Major) { m.Enterprises = []string{"915323230000000206"} }, store.ENotFound},
			{"ErrLevelMismatch", func(m *store.Major) { m.Code, m.Name = "510201", "计算机应用技术" }, store.EInvalid},
			{"ErrNotInCatalogue", func(m *store.Major) { m.Code = "719999" }, store.EInvalid},
			{"ErrProgressedOverGraduates", func(m *store.Major) { m.Progressed = 61 }, store.EInvalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				bad := majorA()
				bad.Year = 2026
				tt.edit(&bad)
				err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutMajor(&bad); return err })
				wantCode(t, err, tt.code)
				mustView(t, db, func(tx *store.Tx) error {
					got, err := tx.Majors(2026)
					if len(got) != 0 {
						t.Errorf("a refused major was stored: %+v", got)
					}
					return err
				})
			})
		}
	})
	t.Run("Delete", func(t *testing.T) {
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteMajor(m.ID) })
		var links int
		if err := db.SQL().QueryRow("SELECT count(*) FROM major_enterprises WHERE major_id = ?", m.ID).Scan(&links); err != nil || links != 0 {
			t.Errorf("%d enterprise links left for the deleted major (%v)", links, err)
		}
		err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteMajor(m.ID) })
		wantCode(t, err, store.ENotFound)
	})
}

func TestSecondments(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	s := stintA()
	mustUpdate(t, db, func(tx *store.Tx) error {
		created, err := tx.PutSecondment(&s)
		if !created || s.ID == 0 {
			t.Errorf("PutSecondment: created=%v id=%d", created, s.ID)
		}
		return err
	})
	mustView(t, db, func(tx *store.Tx) error {
		got, err := tx.Secondments(2025)
		if len(got) != 1 || !reflect.DeepEqual(got[0], s) {
			t.Errorf("Secondments(2025) = %+v, want [%+v]", got, s)
		}
		return err
	})
	t.Run("UpdateByID", func(t *testing.T) {
		s2 := s
		s2.End, s2.Note, s2.Gender, s2.Direction, s2.Post = time.Time{}, "", "", store.DirEnterpriseToSchool, "兼职教师"
		mustUpdate(t, db, func(tx *store.Tx) error {
			created, err := tx.PutSecondment(&s2)
			if created {
				t.Error("update by ID reported created")
			}
			return err
		})
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Secondments(0)
			if len(got) != 1 || !reflect.DeepEqual(got[0], s2) {
				t.Errorf("after update %+v, want %+v", got, s2)
			}
			return err
		})
	})
	t.Run("Errors", func(t *testing.T) {
		tests := []struct {
			name string
			edit func(*store.Secondment)
			code string
		}{
			{"ErrUnknownSchool", func(s *store.Secondment) { s.SchoolCode = "3653003199" }, store.ENotFound},
			{"ErrUnknownEnterprise", func(s *store.Secondment) { s.CreditCode = "915323230000000206" }, store.ENotFound},
			{"ErrIDCheckDigit", func(s *store.Secondment) { s.IDNumber = "110105194912310021" }, store.EInvalid},
			{"ErrEndBeforeStart", func(s *store.Secondment) { s.End = date("2025-02-01") }, store.EInvalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				bad := stintA()
				bad.Name = "错误记录"
				tt.edit(&bad)
				err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutSecondment(&bad); return err })
				wantCode(t, err, tt.code)
			})
		}
	})
	t.Run("Delete", func(t *testing.T) {
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteSecondment(s.ID) })
		err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteSecondment(s.ID) })
		wantCode(t, err, store.ENotFound)
	})
}

// TestSecondmentsYearFilter checks which stints tx.Secondments(2025) and the
// indicators of 2025 count: those whose [start, end] overlaps the year.
func TestSecondmentsYearFilter(t *testing.T) {
	tests := []struct {
		name, start, end string
		in2025           bool
	}{
		{"EndedBeforeYear", "2024-03-01", "2024-12-31", false},
		{"EndsOnNewYearsDay", "2024-09-01", "2025-01-01", true},
		{"EndsInYear", "2024-09-01", "2025-06-30", true},
		{"OngoingStartedEarlier", "2023-09-01", "", true},
		{"WithinYear", "2025-03-01", "2025-06-30", true},
		{"SpansYear", "2024-01-01", "2026-12-31", true},
		{"StartsOnLastDay", "2025-12-31", "", true},
		{"StartsAfterYear", "2026-01-01", "", false},
		{"StartsAfterYearWithEnd", "2026-01-02", "2026-03-01", false},
	}
	db := MustOpen(t)
	seed(t, db)
	mustUpdate(t, db, func(tx *store.Tx) error {
		for _, tt := range tests {
			s := store.Secondment{SchoolCode: codeA, CreditCode: entX, Name: tt.name, Direction: store.DirSchoolToEnterprise,
				Post: "挂职", Start: date(tt.start)}
			if tt.end != "" {
				s.End = date(tt.end)
			}
			if _, err := tx.PutSecondment(&s); err != nil {
				return err
			}
		}
		return nil
	})
	var got []store.Secondment
	mustView(t, db, func(tx *store.Tx) (err error) { got, err = tx.Secondments(2025); return err })
	in := map[string]bool{}
	for _, s := range got {
		in[s.Name] = true
	}
	want := 0
	for _, tt := range tests {
		if tt.in2025 {
			want++
		}
		t.Run(tt.name, func(t *testing.T) {
			if in[tt.name] != tt.in2025 {
				t.Errorf("stint [%s, %s] in Secondments(2025) = %v, want %v", tt.start, tt.end, in[tt.name], tt.in2025)
			}
		})
	}
	t.Run("Indicators", func(t *testing.T) {
		f, err := db.Indicators(t.Context(), 2025)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range f.Schools {
			if s.Code == codeA && s.Secondments.Persons != want {
				t.Errorf("persons at %s in 2025 = %d, want %d", codeA, s.Secondments.Persons, want)
			}
		}
	})
	t.Run("AllYears", func(t *testing.T) {
		var all []store.Secondment
		mustView(t, db, func(tx *store.Tx) (err error) { all, err = tx.Secondments(0); return err })
		if len(all) != len(tests) {
			t.Errorf("Secondments(0) has %d, want %d", len(all), len(tests))
		}
	})
}

func TestTrainings(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	tr := trainingA()
	mustUpdate(t, db, func(tx *store.Tx) error {
		created, err := tx.PutTraining(&tr)
		if !created || tr.ID == 0 {
			t.Errorf("PutTraining: created=%v id=%d", created, tr.ID)
		}
		return err
	})
	mustView(t, db, func(tx *store.Tx) error {
		got, err := tx.Trainings(2025)
		if len(got) != 1 || !reflect.DeepEqual(got[0], tr) {
			t.Errorf("Trainings(2025) = %+v, want [%+v]", got, tr)
		}
		return err
	})
	t.Run("UpdateByIDClearsOptional", func(t *testing.T) {
		t2 := tr
		t2.Count, t2.Hours, t2.End, t2.CreditCode = 160, 0, time.Time{}, ""
		mustUpdate(t, db, func(tx *store.Tx) error {
			created, err := tx.PutTraining(&t2)
			if created {
				t.Error("update by ID reported created")
			}
			return err
		})
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Trainings(0)
			if len(got) != 1 || !reflect.DeepEqual(got[0], t2) {
				t.Errorf("after update %+v, want %+v", got, t2)
			}
			return err
		})
	})
	t.Run("Errors", func(t *testing.T) {
		tests := []struct {
			name string
			edit func(*store.Training)
			code string
		}{
			{"ErrUnknownSchool", func(tr *store.Training) { tr.SchoolCode = "3653003199" }, store.ENotFound},
			{"ErrUnknownEnterprise", func(tr *store.Training) { tr.CreditCode = "915323230000000206" }, store.ENotFound},
			{"ErrCountZero", func(tr *store.Training) { tr.Count = 0 }, store.EInvalid},
			{"ErrCategory", func(tr *store.Training) { tr.Category = "学生" }, store.EInvalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				bad := trainingA()
				bad.Name = "错误培训"
				tt.edit(&bad)
				err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutTraining(&bad); return err })
				wantCode(t, err, tt.code)
			})
		}
	})
	t.Run("Delete", func(t *testing.T) {
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteTraining(tr.ID) })
		err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteTraining(tr.ID) })
		wantCode(t, err, store.ENotFound)
	})
}

// TestTrainingsYearFilter checks that a programme counts in the year of its
// end date, or of its start date when it has none.
func TestTrainingsYearFilter(t *testing.T) {
	tests := []struct {
		name, start, end string
		count            int
		in2025           bool
	}{
		{"EndsInYearStartedBefore", "2024-12-20", "2025-01-05", 1, true},
		{"WithinYear", "2025-04-01", "2025-04-10", 10, true},
		{"NoEndStartsInYear", "2025-11-01", "", 100, true},
		{"EndsNextYear", "2025-12-20", "2026-01-05", 1000, false},
		{"NoEndStartedBefore", "2024-11-01", "", 10000, false},
		{"EndedBefore", "2024-03-01", "2024-03-05", 100000, false},
	}
	db := MustOpen(t)
	seed(t, db)
	want := 0
	mustUpdate(t, db, func(tx *store.Tx) error {
		for _, tt := range tests {
			tr := store.Training{SchoolCode: codeA, Name: tt.name, Category: "社会人员", Count: tt.count, Start: date(tt.start)}
			if tt.end != "" {
				tr.End = date(tt.end)
			}
			if tt.in2025 {
				want += tt.count
			}
			if _, err := tx.PutTraining(&tr); err != nil {
				return err
			}
		}
		return nil
	})
	var got []store.Training
	mustView(t, db, func(tx *store.Tx) (err error) { got, err = tx.Trainings(2025); return err })
	in := map[string]bool{}
	for _, tr := range got {
		in[tr.Name] = true
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if in[tt.name] != tt.in2025 {
				t.Errorf("training [%s, %s] in Trainings(2025) = %v, want %v", tt.start, tt.end, in[tt.name], tt.in2025)
			}
		})
	}
	t.Run("Indicators", func(t *testing.T) {
		f, err := db.Indicators(t.Context(), 2025)
		if err != nil {
			t.Fatal(err)
		}
		if f.Training.Total != want || f.Training.ByCategory["社会人员"].Count != want {
			t.Errorf("training total %d, 社会人员 %d; want %d", f.Training.Total, f.Training.ByCategory["社会人员"].Count, want)
		}
	})
}

func targetsText(ts []store.Target) string {
	var parts []string
	for _, t := range ts {
		p := fmt.Sprintf("%s=%g", t.Indicator, t.Value)
		if len(t.Categories) > 0 {
			p = t.Indicator + "[" + strings.Join(t.Categories, "、") + "]" + fmt.Sprintf("=%g", t.Value)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestTargets(t *testing.T) {
	training := func(v float64, cats ...string) store.Target {
		return store.Target{Indicator: store.IndTraining, Categories: cats, Value: v}
	}
	tests := []struct {
		name string
		set  map[int][]store.Target // years set, in order of the map's sorted keys; nil list = SetTargets(y, nil)
		year int
		want string
	}{
		{"Default2024", nil, 2024, "secondment=10"},
		{"Default2025", nil, 2025, "secondment=10 progression=0.6"},
		{"Default2026", nil, 2026, "secondment=10 progression=0.6 coverage=1"},
		{"EmptyMeansNoTargets", map[int][]store.Target{2025: {}}, 2025, ""},
		{"EmptyForOneYearOnly", map[int][]store.Target{2025: {}}, 2026, "secondment=10 progression=0.6 coverage=1"},
		{"OwnTargetsReplaceDefaults", map[int][]store.Target{2025: {{Indicator: store.IndSecondment, Value: 12}}}, 2025, "secondment=12"},
		{"Ordered", map[int][]store.Target{2025: {
			{Indicator: store.IndCoverage, Value: 0.5}, {Indicator: store.IndProgression, Value: 0.65},
			training(20000, "社会人员", "企业职工"), training(30000, "在校学生"), {Indicator: store.IndSecondment, Value: 10},
		}}, 2025, "secondment=10 training[企业职工、社会人员]=20000 training[在校学生]=30000 progression=0.65 coverage=0.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			years := make([]int, 0, len(tt.set))
			for y := range tt.set {
				years = append(years, y)
			}
			sort.Ints(years)
			for _, y := range years {
				mustUpdate(t, db, func(tx *store.Tx) error { return tx.SetTargets(y, tt.set[y]) })
			}
			mustView(t, db, func(tx *store.Tx) error {
				got, err := tx.Targets(tt.year)
				if s := targetsText(got); s != tt.want {
					t.Errorf("Targets(%d) = %q, want %q", tt.year, s, tt.want)
				}
				for _, g := range got {
					if g.Year != tt.year {
						t.Errorf("target %s has year %d, want %d", g.Indicator, g.Year, tt.year)
					}
				}
				return err
			})
		})
	}
	t.Run("ErrInvalidKeepsPrevious", func(t *testing.T) {
		db := MustOpen(t)
		mustUpdate(t, db, func(tx *store.Tx) error {
			return tx.SetTargets(2025, []store.Target{{Indicator: store.IndSecondment, Value: 8}})
		})
		err := db.Update(t.Context(), func(tx *store.Tx) error {
			return tx.SetTargets(2025, []store.Target{{Indicator: store.IndProgression, Value: 60}})
		})
		wantCode(t, err, store.EInvalid)
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Targets(2025)
			if s := targetsText(got); s != "secondment=8" {
				t.Errorf("Targets after refused set = %q, want secondment=8", s)
			}
			return err
		})
	})
	t.Run("NoTargetsInIndicators", func(t *testing.T) {
		db := MustOpen(t)
		seed(t, db)
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.SetTargets(2025, nil) })
		f, err := db.Indicators(t.Context(), 2025)
		if err != nil {
			t.Fatal(err)
		}
		if f.SecondmentSchoolsAssessed != 3 || f.SecondmentSchoolsMet != 0 {
			t.Errorf("met/assessed = %d/%d, want 0/3", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)
		}
		for _, s := range f.Schools {
			if s.Secondments.Target != nil || s.Secondments.Met != nil {
				t.Errorf("%s: target %v met %v, want none", s.Code, s.Secondments.Target, s.Secondments.Met)
			}
		}
		if f.Progression.Target != nil {
			t.Errorf("progression target %v, want none", *f.Progression.Target)
		}
	})
}

// TestNaturalKeyUpsert: a Put with ID 0 whose natural key exists updates
// that row in place, replacing every column, and reports created=false.
func TestNaturalKeyUpsert(t *testing.T) {
	tests := []struct {
		name   string
		first  func(tx *store.Tx) (int64, error)
		second func(tx *store.Tx) (int64, bool, error)
		check  func(t *testing.T, tx *store.Tx)
	}{
		{"School",
			func(tx *store.Tx) (int64, error) { s := schoolA(); _, err := tx.PutSchool(&s); return s.ID, err },
			func(tx *store.Tx) (int64, bool, error) {
				s := store.School{Code: codeA, Name: "新校名", Type: "技工学校", Region: "532323", Ownership: "民办"}
				c, err := tx.PutSchool(&s)
				return s.ID, c, err
			},
			func(t *testing.T, tx *store.Tx) {
				all, _ := tx.Schools()
				got, _ := tx.SchoolByCode(codeA)
				if len(all) != 2 || got.Name != "新校名" || got.Type != "技工学校" || got.Ownership != "民办" || got.Quality != "" || got.Phone != "" || got.Contact != "" {
					t.Errorf("schools = %+v", all)
				}
			}},
		{"Enterprise",
			func(tx *store.Tx) (int64, error) {
				e := enterprise(entX, "旧名")
				e.Grade = "省级"
				_, err := tx.PutEnterprise(&e)
				return e.ID, err
			},
			func(tx *store.Tx) (int64, bool, error) {
				e := store.Enterprise{CreditCode: entX, Name: "新名"}
				c, err := tx.PutEnterprise(&e)
				return e.ID, c, err
			},
			func(t *testing.T, tx *store.Tx) {
				all, _ := tx.Enterprises()
				if len(all) != 1 || all[0].Name != "新名" || all[0].Grade != "" || all[0].Industry != "" || all[0].Region != "" {
					t.Errorf("enterprises = %+v", all)
				}
			}},
		{"Major",
			func(tx *store.Tx) (int64, error) { m := majorA(); _, err := tx.PutMajor(&m); return m.ID, err },
			func(tx *store.Tx) (int64, bool, error) {
				m := store.Major{SchoolCode: codeA, Year: 2025, Code: "710201", Name: "计算机应用", Status: "停招", Enrolled: 100, Graduates: 50, Progressed: 10}
				c, err := tx.PutMajor(&m)
				return m.ID, c, err
			},
			func(t *testing.T, tx *store.Tx) {
				all, _ := tx.Majors(0)
				if len(all) != 1 || all[0].Status != "停招" || all[0].Enrolled != 100 || all[0].OpenedYear != 0 || all[0].Through != "" || len(all[0].Enterprises) != 0 {
					t.Errorf("majors = %+v", all)
				}
			}},
		{"MajorWithAndWithoutK",
			func(tx *store.Tx) (int64, error) {
				m := store.Major{SchoolCode: codeC, Year: 2025, Code: "520101", Name: "临床医学", Status: "招生", Enrolled: 10}
				_, err := tx.PutMajor(&m)
				return m.ID, err
			},
			func(tx *store.Tx) (int64, bool, error) {
				m := store.Major{SchoolCode: codeC, Year: 2025, Code: "520101K", Name: "临床医学", Status: "招生", Enrolled: 20}
				c, err := tx.PutMajor(&m)
				return m.ID, c, err
			},
			func(t *testing.T, tx *store.Tx) {
				all, _ := tx.Majors(0)
				if len(all) != 1 || all[0].Code != "520101K" || all[0].Enrolled != 20 {
					t.Errorf("majors = %+v", all)
				}
			}},
		{"Secondment",
			func(tx *store.Tx) (int64, error) { s := stintA(); _, err := tx.PutSecondment(&s); return s.ID, err },
			func(tx *store.Tx) (int64, bool, error) {
				s := store.Secondment{SchoolCode: codeA, CreditCode: entX, Name: "张三", Direction: store.DirEnterpriseToSchool,
					Post: "技术人员", Start: date("2025-03-01")}
				c, err := tx.PutSecondment(&s)
				return s.ID, c, err
			},
			func(t *testing.T, tx *store.Tx) {
				all, _ := tx.Secondments(0)
				if len(all) != 1 || all[0].Post != "技术人员" || all[0].IDNumber != "" || !all[0].End.IsZero() || all[0].Note != "" || all[0].Gender != "" {
					t.Errorf("secondments = %+v", all)
				}
			}},
		{"Training",
			func(tx *store.Tx) (int64, error) { tr := trainingA(); _, err := tx.PutTraining(&tr); return tr.ID, err },
			func(tx *store.Tx) (int64, bool, error) {
				tr := store.Training{SchoolCode: codeA, Name: "电工技能培训", Category: "农村劳动力", Count: 175, Start: date("2025-04-01")}
				c, err := tx.PutTraining(&tr)
				return tr.ID, c, err
			},
			func(t *testing.T, tx *store.Tx) {
				all, _ := tx.Trainings(0)
				if len(all) != 1 || all[0].Count != 175 || all[0].Hours != 0 || !all[0].End.IsZero() || all[0].CreditCode != "" {
					t.Errorf("trainings = %+v", all)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			mustUpdate(t, db, func(tx *store.Tx) error {
				for _, s := range []store.School{schoolA(), schoolC()} {
					if _, err := tx.PutSchool(&s); err != nil {
						return err
					}
				}
				if tt.name == "Enterprise" {
					return nil
				}
				e := enterprise(entX, "深圳某科技有限公司")
				if _, err := tx.PutEnterprise(&e); err != nil {
					return err
				}
				e = enterprise(entY, "北京某集团有限公司")
				_, err := tx.PutEnterprise(&e)
				return err
			})
			var id1 int64
			mustUpdate(t, db, func(tx *store.Tx) (err error) { id1, err = tt.first(tx); return err })
			mustUpdate(t, db, func(tx *store.Tx) error {
				id2, created, err := tt.second(tx)
				if err != nil {
					return err
				}
				if created {
					t.Error("second Put with an existing natural key reported created=true")
				}
				if id2 != id1 {
					t.Errorf("second Put got id %d, want the existing %d", id2, id1)
				}
				return nil
			})
			mustView(t, db, func(tx *store.Tx) error { tt.check(t, tx); return nil })
		})
	}
}

// snapshot summarises everything stored, to see that a failed transaction
// left no trace.
func snapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"unit", "schools", "enterprises", "majors", "major_enterprises", "secondments", "trainings", "targets", "audit"} {
		var n int
		if err := db.SQL().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", table, n)
	}
	mustView(t, db, func(tx *store.Tx) error {
		schools, err := tx.Schools()
		for _, s := range schools {
			b.WriteString(s.Code + ":" + s.Name + " ")
		}
		u, err2 := tx.Unit()
		b.WriteString(u.Name)
		return errors.Join(err, err2)
	})
	return b.String()
}

func TestUpdateRollsBack(t *testing.T) {
	errAbort := errors.New("中止")
	putAll := func(tx *store.Tx) error {
		s := store.School{Code: "3653003120", Name: "新学校", Type: "中等职业学校", Region: "532323", Ownership: "公办"}
		if _, err := tx.PutSchool(&s); err != nil {
			return err
		}
		e := enterprise("915323230000000206", "新企业")
		if _, err := tx.PutEnterprise(&e); err != nil {
			return err
		}
		m := majorA()
		m.SchoolCode, m.Enterprises = s.Code, []string{e.CreditCode}
		if _, err := tx.PutMajor(&m); err != nil {
			return err
		}
		st := stintA()
		st.SchoolCode = s.Code
		if _, err := tx.PutSecondment(&st); err != nil {
			return err
		}
		tr := trainingA()
		tr.SchoolCode = s.Code
		if _, err := tx.PutTraining(&tr); err != nil {
			return err
		}
		a := schoolA()
		a.Name = "改过的名字"
		if _, err := tx.PutSchool(&a); err != nil {
			return err
		}
		u := testUnit
		u.Name = "改过的单位"
		if err := tx.SetUnit(u); err != nil {
			return err
		}
		return tx.SetTargets(2025, nil)
	}
	tests := []struct {
		name string
		fn   func(tx *store.Tx) error
		want error // nil = any error
	}{
		{"ReturnedError", func(tx *store.Tx) error {
			if err := putAll(tx); err != nil {
				return err
			}
			return errAbort
		}, errAbort},
		{"FailingPutAfterGoodOnes", func(tx *store.Tx) error {
			if err := putAll(tx); err != nil {
				return err
			}
			bad := store.School{Code: "bad", Name: "x", Type: "中等职业学校", Region: "532323", Ownership: "公办"}
			_, err := tx.PutSchool(&bad)
			return err
		}, nil},
		{"UnknownEnterpriseAfterGoodOnes", func(tx *store.Tx) error {
			if err := putAll(tx); err != nil {
				return err
			}
			m := majorA()
			m.Year, m.Enterprises = 2024, []string{"915323230000000307"}
			_, err := tx.PutMajor(&m)
			return err
		}, nil},
		{"DeletesThenError", func(tx *store.Tx) error {
			schools, err := tx.Schools()
			if err != nil {
				return err
			}
			for _, s := range schools {
				if err := tx.DeleteSchool(s.ID); err != nil {
					return err
				}
			}
			ents, err := tx.Enterprises()
			if err != nil {
				return err
			}
			for _, e := range ents {
				if err := tx.DeleteEnterprise(e.ID); err != nil {
					return err
				}
			}
			return errAbort
		}, errAbort},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			seed(t, db)
			mustUpdate(t, db, func(tx *store.Tx) error {
				m, s, tr := majorA(), stintA(), trainingA()
				if _, err := tx.PutMajor(&m); err != nil {
					return err
				}
				if _, err := tx.PutSecondment(&s); err != nil {
					return err
				}
				if _, err := tx.PutTraining(&tr); err != nil {
					return err
				}
				return tx.SetTargets(2025, []store.Target{{Indicator: store.IndSecondment, Value: 9}})
			})
			before := snapshot(t, db)
			err := db.Update(t.Context(), tt.fn)
			if err == nil {
				t.Fatal("Update returned no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Update returned %v, want %v", err, tt.want)
			}
			if after := snapshot(t, db); after != before {
				t.Errorf("failed transaction left changes:\nbefore %s\nafter  %s", before, after)
			}
			mustView(t, db, func(tx *store.Tx) error {
				ts, err := tx.Targets(2025)
				if s := targetsText(ts); s != "secondment=9" {
					t.Errorf("targets after rollback = %q, want secondment=9", s)
				}
				return err
			})
		})
	}
}

func TestDeleteSchoolCascades(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	var idA, idB int64
	mustUpdate(t, db, func(tx *store.Tx) error {
		m1, m2 := majorA(), majorA()
		m2.Code, m2.Name = "740101", "旅游服务与管理"
		mB := majorA()
		mB.SchoolCode = codeB
		for _, m := range []*store.Major{&m1, &m2, &mB} {
			if _, err := tx.PutMajor(m); err != nil {
				return err
			}
		}
		for i, name := range []string{"张三", "李四", "王五"} {
			s := stintA()
			s.Name, s.IDNumber = name, ""
			s.Start = s.Start.AddDate(0, 0, i)
			if _, err := tx.PutSecondment(&s); err != nil {
				return err
			}
		}
		sB := stintA()
		sB.SchoolCode = codeB
		if _, err := tx.PutSecondment(&sB); err != nil {
			return err
		}
		tr := trainingA()
		if _, err := tx.PutTraining(&tr); err != nil {
			return err
		}
		a, err := tx.SchoolByCode(codeA)
		idA = a.ID
		b, err2 := tx.SchoolByCode(codeB)
		idB = b.ID
		return errors.Join(err, err2)
	})
	dependents := func(id int64) [3]int {
		var d [3]int
		mustView(t, db, func(tx *store.Tx) (err error) {
			d[0], d[1], d[2], err = tx.SchoolDependents(id)
			return err
		})
		return d
	}
	if got, want := dependents(idA), [3]int{2, 3, 1}; got != want {
		t.Errorf("SchoolDependents(A) = %v, want %v (majors, stints, trainings)", got, want)
	}
	if got, want := dependents(idB), [3]int{1, 1, 0}; got != want {
		t.Errorf("SchoolDependents(B) = %v, want %v", got, want)
	}
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteSchool(idA) })
	if got := dependents(idA); got != [3]int{} {
		t.Errorf("after delete SchoolDependents(A) = %v, want zeros", got)
	}
	if got, want := dependents(idB), [3]int{1, 1, 0}; got != want {
		t.Errorf("after delete SchoolDependents(B) = %v, want %v (untouched)", got, want)
	}
	mustView(t, db, func(tx *store.Tx) error {
		majors, err := tx.Majors(0)
		if len(majors) != 1 || majors[0].SchoolCode != codeB {
			t.Errorf("majors left: %+v, want only B's", majors)
		}
		stints, err2 := tx.Secondments(0)
		if len(stints) != 1 || stints[0].SchoolCode != codeB {
			t.Errorf("stints left: %+v, want only B's", stints)
		}
		trs, err3 := tx.Trainings(0)
		if len(trs) != 0 {
			t.Errorf("trainings left: %+v", trs)
		}
		ents, err4 := tx.Enterprises()
		if len(ents) != 3 {
			t.Errorf("%d enterprises left, want 3 (a school's deletion keeps them)", len(ents))
		}
		return errors.Join(err, err2, err3, err4)
	})
	var links int
	if err := db.SQL().QueryRow("SELECT count(*) FROM major_enterprises").Scan(&links); err != nil || links != 2 {
		t.Errorf("%d major-enterprise links left, want 2 (B's major only) (%v)", links, err)
	}
}

func TestConflicts(t *testing.T) {
	tests := []struct {
		name string
		fn   func(t *testing.T, tx *store.Tx) error
	}{
		{"SchoolCodeOfAnother", func(t *testing.T, tx *store.Tx) error {
			b, err := tx.SchoolByCode(codeB)
			if err != nil {
				t.Fatal(err)
			}
			b.Code = codeA
			_, err = tx.PutSchool(&b)
			return err
		}},
		{"EnterpriseCreditCodeOfAnother", func(t *testing.T, tx *store.Tx) error {
			ents, err := tx.Enterprises()
			if err != nil {
				t.Fatal(err)
			}
			e := ents[0]
			e.CreditCode = ents[1].CreditCode
			_, err = tx.PutEnterprise(&e)
			return err
		}},
		{"MajorKeyOfAnother", func(t *testing.T, tx *store.Tx) error {
			m1, m2 := majorA(), majorA()
			m2.Code, m2.Name = "740101", "旅游服务与管理"
			for _, m := range []*store.Major{&m1, &m2} {
				if _, err := tx.PutMajor(m); err != nil {
					t.Fatal(err)
				}
			}
			m2.Code, m2.Name = "710201", "计算机应用"
			_, err := tx.PutMajor(&m2)
			return err
		}},
		{"SecondmentKeyOfAnother", func(t *testing.T, tx *store.Tx) error {
			s1, s2 := stintA(), stintA()
			s2.Name, s2.IDNumber = "李四", idQ
			for _, s := range []*store.Secondment{&s1, &s2} {
				if _, err := tx.PutSecondment(s); err != nil {
					t.Fatal(err)
				}
			}
			s2.Name = "张三"
			_, err := tx.PutSecondment(&s2)
			return err
		}},
		{"TrainingKeyOfAnother", func(t *testing.T, tx *store.Tx) error {
			t1, t2 := trainingA(), trainingA()
			t2.Category = "社会人员"
			for _, tr := range []*store.Training{&t1, &t2} {
				if _, err := tx.PutTraining(tr); err != nil {
					t.Fatal(err)
				}
			}
			t2.Category = "农村劳动力"
			_, err := tx.PutTraining(&t2)
			return err
		}},
		{"UnitCodeWithSchools", func(t *testing.T, tx *store.Tx) error {
			return tx.SetUnit(store.Unit{Code: "532301", Name: "楚雄市", Level: store.LevelCounty})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			seed(t, db)
			before := snapshot(t, db)
			err := db.Update(t.Context(), func(tx *store.Tx) error { return tt.fn(t, tx) })
			wantCode(t, err, store.EConflict)
			if after := snapshot(t, db); after != before {
				t.Errorf("conflict left changes:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestIndicatorsFromDatabase runs the indicators end to end on records
// written through the store.
func TestIndicatorsFromDatabase(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	mustUpdate(t, db, func(tx *store.Tx) error {
		m := majorA() // 60 graduates, 40 progressed, 3+2, at A
		if _, err := tx.PutMajor(&m); err != nil {
			return err
		}
		old := majorA()
		old.Year, old.OpenedYear, old.Graduates, old.Progressed = 2024, 0, 100, 0
		if _, err := tx.PutMajor(&old); err != nil {
			return err
		}
		college := store.Major{SchoolCode: codeC, Year: 2025, Code: "510201", Name: "计算机应用技术", Status: "招生",
			Enrolled: 300, Graduates: 100, Progressed: 0, Enterprises: []string{entZ}}
		if _, err := tx.PutMajor(&college); err != nil {
			return err
		}
		for i := range 10 {
			s := store.Secondment{SchoolCode: codeA, CreditCode: entX, Name: fmt.Sprintf("教师%02d", i),
				Direction: store.DirSchoolToEnterprise, Post: "实践锻炼", Start: date("2025-03-01")}
			if _, err := tx.PutSecondment(&s); err != nil {
				return err
			}
		}
		for _, s := range []store.Secondment{
			{SchoolCode: codeB, CreditCode: entY, Name: "张三", Direction: store.DirSchoolToEnterprise, Post: "挂职", Start: date("2025-01-01"), End: date("2025-02-01")},
			{SchoolCode: codeB, CreditCode: entY, Name: "张三", IDNumber: idP, Direction: store.DirEnterpriseToSchool, Post: "兼职教师", Start: date("2025-09-01")},
		} {
			if _, err := tx.PutSecondment(&s); err != nil {
				return err
			}
		}
		return nil
	})
	f, err := db.Indicators(t.Context(), 2025)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		persons, s2e, e2s int
		met               string
	}
	got := map[string]row{}
	for _, s := range f.Schools {
		met := "nil"
		if s.Secondments.Met != nil {
			met = fmt.Sprint(*s.Secondments.Met)
		}
		got[s.Code] = row{s.Secondments.Persons, s.Secondments.SchoolToEnterprise, s.Secondments.EnterpriseToSchool, met}
	}
	want := map[string]row{codeA: {10, 10, 0, "true"}, codeB: {1, 1, 1, "false"}, codeC: {0, 0, 0, "false"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("secondments = %+v, want %+v", got, want)
	}
	if f.SecondmentSchoolsMet != 1 || f.SecondmentSchoolsAssessed != 3 {
		t.Errorf("met/assessed = %d/%d, want 1/3", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)
	}
	if f.Progression.Graduates != 60 || f.Progression.Progressed != 40 || f.Progression.Met == nil || !*f.Progression.Met {
		t.Errorf("progression = %+v, want 40/60 met (2024 and 高职 majors excluded)", f.Progression)
	}
	if f.Coverage.Schools != 2 || f.Coverage.Covered != 1 {
		t.Errorf("coverage = %d/%d, want 1/2", f.Coverage.Covered, f.Coverage.Schools)
	}
	if f.PartnerEnterprises != 3 {
		t.Errorf("partner enterprises = %d, want 3", f.PartnerEnterprises)
	}
	if f.Unit.Code != testUnit.Code || f.Year != 2025 {
		t.Errorf("unit/year = %+v/%d", f.Unit, f.Year)
	}
}

// TestPutUnknownIDIsNotFound: a Put whose ID names no row (deleted
// meanwhile, e.g. in another window) must say so, as Delete does, rather than
// report success and change nothing. Fails while PutX runs an UPDATE ... WHERE
// id = ? that matches no row and returns created=false, nil.
func TestPutUnknownIDIsNotFound(t *testing.T) {
	const missing = 9999
	tests := []struct {
		name  string
		put   func(tx *store.Tx) error
		table string
	}{
		{"School", func(tx *store.Tx) error {
			s := schoolA()
			s.ID, s.Code = missing, "3653003199"
			_, err := tx.PutSchool(&s)
			return err
		}, "schools"},
		{"Enterprise", func(tx *store.Tx) error {
			e := enterprise("915323230000000206", "已删除企业")
			e.ID = missing
			_, err := tx.PutEnterprise(&e)
			return err
		}, "enterprises"},
		{"Major", func(tx *store.Tx) error {
			m := majorA()
			m.ID = missing
			_, err := tx.PutMajor(&m)
			return err
		}, "majors"},
		{"Secondment", func(tx *store.Tx) error {
			s := stintA()
			s.ID = missing
			_, err := tx.PutSecondment(&s)
			return err
		}, "secondments"},
		{"Training", func(tx *store.Tx) error {
			tr := trainingA()
			tr.ID = missing
			_, err := tx.PutTraining(&tr)
			return err
		}, "trainings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			seed(t, db)
			before := snapshot(t, db)
			err := db.Update(t.Context(), tt.put)
			if err == nil {
				t.Errorf("Put with unknown ID %d reported success; want %s", missing, store.ENotFound)
			} else {
				wantCode(t, err, store.ENotFound)
			}
			if after := snapshot(t, db); after != before {
				t.Errorf("Put with unknown ID changed the database:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}
