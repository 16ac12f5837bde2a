package store_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"chanjiao/store"
)

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
