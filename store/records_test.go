package store_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"chanjiao/store"
)

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

// SetUnitIdentity (`init` run again) changes the name but keeps the
// signatories typed in the window.
func TestSetUnitIdentityKeepsSignatories(t *testing.T) {
	db := MustOpen(t)
	u, err := db.SetUnitIdentity(t.Context(), " 532323 ", "牟定县教育局", store.LevelCounty)
	if err != nil {
		t.Fatal(err)
	}
	if u.Code != "532323" {
		t.Errorf("code %q not normalised", u.Code)
	}
	mustView(t, db, func(tx *store.Tx) error {
		got, err := tx.Unit()
		if got.Name != "牟定县教育局" || got.Phone != testUnit.Phone {
			t.Errorf("unit = %+v, want the new name and the old phone %s", got, testUnit.Phone)
		}
		return err
	})
	if _, err := db.SetUnitIdentity(t.Context(), "53%%", "x", store.LevelCounty); err == nil {
		t.Error("a malformed code was accepted")
	}
}
