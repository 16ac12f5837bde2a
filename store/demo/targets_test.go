package demo

import (
	"testing"

	"chanjiao/store"
)

// The demo's own targets give way to a default on the same indicator and
// 分类 (the lead adds issue 16's defaults later): SetTargets refuses two
// targets of one key, so adding both would break the demo.
func TestWithTargetsKeepsTheDefaults(t *testing.T) {
	defaults := []store.Target{{Year: 2025, Indicator: store.IndDualQualified, Value: 0.5},
		{Year: 2025, Indicator: store.IndActivities, Categories: []string{store.ActivityJoint}, Value: 2}}
	got := withTargets(defaults,
		store.Target{Year: 2025, Indicator: store.IndDualQualified, Value: 0.6},
		store.Target{Year: 2025, Indicator: store.IndActivities, Categories: []string{store.ActivityJoint}, Value: 4},
		store.Target{Year: 2025, Indicator: store.IndActivities, Categories: []string{store.ActivityExchange}, Value: 4})
	if len(got) != 3 || got[0].Value != 0.5 || got[1].Value != 2 || got[2].Category() != store.ActivityExchange {
		t.Fatalf("withTargets = %+v, want the two defaults and the 交流会议 target", got)
	}
	if err := store.ValidateTargets(got).Err(); err != nil {
		t.Fatal(err)
	}
}
