package store_test

import (
	"testing"

	"chanjiao/store"
)

func TestCarryForward(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	kept := majorA()
	closed := store.Major{SchoolCode: codeB, Year: 2025, Code: "710202", Name: "计算机网络技术", Status: store.StatusClosed}
	already := store.Major{SchoolCode: codeA, Year: 2026, Code: "710201", Name: "计算机应用", Status: store.StatusSuspended, Enrolled: 7}
	mustUpdate(t, db, func(tx *store.Tx) error {
		for _, m := range []store.Major{kept, closed, already} {
			if _, err := tx.PutMajor(&m); err != nil {
				return err
			}
		}
		return tx.SetTargets(2025, []store.Target{{Year: 2025, Indicator: store.IndSecondment, Value: 12}})
	})
	added, err := db.CarryForward(t.Context(), 2026)
	if err != nil {
		t.Fatalf("CarryForward: %v", err)
	}
	if added != 0 {
		t.Errorf("added %d majors; the only open one exists in 2026 already", added)
	}
	mustView(t, db, func(tx *store.Tx) error {
		ms, err := tx.Majors(2026)
		if len(ms) != 1 || ms[0].Status != store.StatusSuspended || ms[0].Enrolled != 7 {
			t.Errorf("2026 majors = %+v, want the existing one untouched", ms)
		}
		return err
	})

	added, err = db.CarryForward(t.Context(), 2027)
	if err != nil || added != 1 {
		t.Fatalf("CarryForward(2027) = %d, %v; want 1 (the 2026 major)", added, err)
	}
	mustView(t, db, func(tx *store.Tx) error {
		ms, err := tx.Majors(2027)
		if len(ms) != 1 || ms[0].Enrolled != 0 || ms[0].Year != 2027 {
			t.Errorf("2027 majors = %+v, want one with its figures zeroed", ms)
		}
		return err
	})

	if _, err := db.CarryForward(t.Context(), 2025+1); err != nil {
		t.Fatal(err)
	}
	mustView(t, db, func(tx *store.Tx) error {
		ts, err := tx.Targets(2026)
		for _, tg := range ts {
			if tg.Indicator == store.IndSecondment && tg.Value != 12 {
				t.Errorf("2026 secondment target = %v, want 12 from 2025", tg.Value)
			}
		}
		return err
	})
}

func TestCarryForwardRefusesALockedYear(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	mustUpdate(t, db, func(tx *store.Tx) error { m := majorA(); _, err := tx.PutMajor(&m); return err })
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Lock(2026) })
	if _, err := db.CarryForward(t.Context(), 2026); err == nil {
		t.Fatal("carried into a locked year")
	}
	mustView(t, db, func(tx *store.Tx) error {
		ms, err := tx.Majors(2026)
		if len(ms) != 0 {
			t.Errorf("locked 2026 got %d majors", len(ms))
		}
		return err
	})
}
