package store_test

import (
	"testing"

	"chanjiao/store"
)

// A code from a data file that is not six digits must not reach SQL as a
// pattern: ReplaceYear with "5323%%" once deleted every 5323xx unit's year.
func TestReplaceYearRefusesOddPrefix(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	mustUpdate(t, db, func(tx *store.Tx) error {
		m := majorA()
		_, err := tx.PutMajor(&m)
		return err
	})
	for _, prefix := range []string{"5323%%", "53230_", "53__", "5323%", "", "5", "532323 ", "%"} {
		err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.ReplaceYear(prefix, 2025, nil, nil) })
		if store.ErrorCode(err) != store.EInvalid {
			t.Errorf("prefix %q: err = %v, want a refusal", prefix, err)
		}
		mustView(t, db, func(tx *store.Tx) error {
			ms, err := tx.Majors(2025)
			if len(ms) != 1 {
				t.Fatalf("prefix %q: %d majors left, want 1 (%v)", prefix, len(ms), err)
			}
			return err
		})
	}
	// another county's prefix deletes nothing of this county
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.ReplaceYear("532324", 2025, nil, nil) })
	mustView(t, db, func(tx *store.Tx) error {
		if ms, err := tx.Majors(2025); len(ms) != 1 || err != nil {
			t.Fatalf("another county's replacement left %d majors (%v)", len(ms), err)
		}
		return nil
	})
}

func TestUnitPrefixAndUnderOddCodes(t *testing.T) {
	for _, c := range []struct{ code, level, want string }{
		{"532301", store.LevelCounty, "532301"},
		{"532300", store.LevelPrefecture, "5323"},
		{"530000", store.LevelProvince, "53"},
		{"53__00", store.LevelPrefecture, "53__00"},
		{"5323%%", store.LevelPrefecture, "5323%%"},
		{"53", store.LevelProvince, "53"},
		{"", store.LevelProvince, ""},
	} {
		if got := store.UnitPrefix(c.code, c.level); got != c.want {
			t.Errorf("UnitPrefix(%q, %s) = %q, want %q", c.code, c.level, got, c.want)
		}
	}
	pref := store.Unit{Code: "532300", Level: store.LevelPrefecture}
	prov := store.Unit{Code: "530000", Level: store.LevelProvince}
	for _, c := range []struct {
		child  store.UnitRef
		parent store.Unit
		want   bool
	}{
		{store.UnitRef{Code: "532301", Level: store.LevelCounty}, pref, true},
		{store.UnitRef{Code: "5323%%", Level: store.LevelCounty}, pref, false},
		{store.UnitRef{Code: "53230_", Level: store.LevelCounty}, pref, false},
		{store.UnitRef{Code: "5323", Level: store.LevelCounty}, pref, false},
		{store.UnitRef{Code: "532300", Level: store.LevelCounty}, pref, false},
		{store.UnitRef{Code: "532300", Level: store.LevelPrefecture}, prov, true},
		{store.UnitRef{Code: "53__00", Level: store.LevelPrefecture}, prov, false},
		{store.UnitRef{Code: "530000", Level: store.LevelPrefecture}, prov, false},
		{store.UnitRef{Code: "532301", Level: store.LevelPrefecture}, prov, false},
		{store.UnitRef{Code: "532301", Level: store.LevelCounty}, store.Unit{Code: "53", Level: store.LevelPrefecture}, false},
		{store.UnitRef{Code: "532301", Level: store.LevelCounty}, store.Unit{Level: store.LevelPrefecture}, false},
	} {
		if got := store.Under(c.child, c.parent); got != c.want {
			t.Errorf("Under(%+v, %+v) = %v, want %v", c.child, c.parent, got, c.want)
		}
	}
}
