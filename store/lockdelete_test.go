package store_test

import (
	"testing"

	"chanjiao/store"
)

// Deleting a school or an enterprise would remove or change the records of
// a locked (报出) year — its stints cascade, trainings lose the link — so it
// is refused while any of its records falls in one; other years are free.
func TestDeletionsRespectLockedYears(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	var schoolID, entID int64
	mustUpdate(t, db, func(tx *store.Tx) error {
		st := stintA() // 2025, at 深圳某科技 (entX), school A
		if _, err := tx.PutSecondment(&st); err != nil {
			return err
		}
		schools, err := tx.Schools()
		for _, s := range schools {
			if s.Code == codeA {
				schoolID = s.ID
			}
		}
		ents, _ := tx.Enterprises()
		for _, e := range ents {
			if e.CreditCode == entX {
				entID = e.ID
			}
		}
		if err != nil {
			return err
		}
		return tx.Lock(2025)
	})
	for what, del := range map[string]func(tx *store.Tx) error{
		"enterprise": func(tx *store.Tx) error { return tx.DeleteEnterprise(entID) },
		"school":     func(tx *store.Tx) error { return tx.DeleteSchool(schoolID) },
	} {
		err := db.Update(t.Context(), del)
		if store.ErrorCode(err) != store.EConflict {
			t.Errorf("deleting the %s with a stint in locked 2025: %v, want a conflict", what, err)
		}
	}
	mustView(t, db, func(tx *store.Tx) error {
		ss, err := tx.Secondments(2025)
		if len(ss) != 1 {
			t.Errorf("locked 2025 has %d stints after the refused deletions, want 1", len(ss))
		}
		return err
	})
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Unlock(2025, "更正") })
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteEnterprise(entID) })
}
