package store_test

import (
	"context"
	"fmt"
	"testing"

	"chanjiao/store"
	"chanjiao/store/storetest"
)

// TargetsSet gives what the unit chose: not a default stored unchanged by
// SetTargets, but a changed default, a removed one (Removed), a target of
// its own, and an assigned one even when it equals the default; in the
// table's order.
func TestTargetsSetLeavesOutUnchangedDefaults(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, &store.Unit{Code: "532323", Name: "牟定县", Level: store.LevelCounty})
	const year = 2026 // defaults: secondment 10, progression 60%, coverage 100%
	text := func() string {
		t.Helper()
		var set []store.SetTarget
		if err := db.View(ctx, func(tx *store.Tx) (err error) { set, err = tx.TargetsSet(year); return err }); err != nil {
			t.Fatal(err)
		}
		s := ""
		for _, x := range set {
			s += fmt.Sprintf("%s%v=%g/%v;", x.Indicator, x.Categories, x.Value, x.Removed)
		}
		return s
	}
	update := func(f func(tx *store.Tx) error) {
		t.Helper()
		if err := db.Update(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if got := text(); got != "" {
		t.Errorf("nothing set: %q", got)
	}
	update(func(tx *store.Tx) error { // the defaults stored as they are
		ts, err := tx.Targets(year)
		if err != nil {
			return err
		}
		return tx.SetTargets(year, ts)
	})
	if got := text(); got != "" {
		t.Errorf("defaults stored unchanged: %q, want none", got)
	}
	update(func(tx *store.Tx) error {
		return tx.SetTargets(year, []store.Target{
			{Indicator: store.IndAwards, Categories: []string{store.GradeProvince}, Value: 3},
			{Indicator: store.IndProgression, Value: 0.7},
			{Indicator: store.IndSecondment, Value: 10},
		}) // coverage, 双师型 and the meetings removed
	})
	if got, want := text(), "progression[]=0.7/false;coverage[]=1/true;dual_qualified[]=0.5/true;awards[省级]=3/false;"+
		"activities[联席会议]=2/true;activities[政校企交流会议]=4/true;activities[政校企推进会议]=2/true;"; got != want {
		t.Errorf("set = %q, want %q", got, want)
	}
	update(func(tx *store.Tx) error {
		return tx.AcceptAssigned(year, []store.Target{{Indicator: store.IndSecondment, Value: 10}}, "楚雄州")
	})
	if got, want := text(), "secondment[]=10/false;progression[]=0.7/false;coverage[]=1/true;dual_qualified[]=0.5/true;awards[省级]=3/false;"+
		"activities[联席会议]=2/true;activities[政校企交流会议]=4/true;activities[政校企推进会议]=2/true;"; got != want {
		t.Errorf("with an assigned default = %q, want %q", got, want)
	}
}
