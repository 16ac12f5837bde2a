package store_test

import (
	"encoding/json"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/storetest"
)

// A prefecture assigns targets to two counties; one sends its year with a
// target of its own changed, the other sends nothing: units[] measures the
// first against what was assigned, showing its own value beside, and lists
// the second as not sent.
func TestAssignedTargetsMeasureTheUnits(t *testing.T) {
	db := storetest.Open(t, &store.Unit{Code: "532300", Name: "楚雄州教育体育局", Level: store.LevelPrefecture})
	county := store.UnitRef{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty}
	school := store.School{Code: codeA, Name: "楚雄市职业高级中学", Type: "中等职业学校", Region: "532301", Ownership: "公办"}
	assigned := 0.5
	mustUpdate(t, db, func(tx *store.Tx) error {
		for _, c := range []string{"532301", "532322"} {
			if err := tx.AssignTargets(c, 2025, []store.Target{{Indicator: store.IndSecondment, Value: 12},
				{Indicator: store.IndAgreements, Value: assigned}}); err != nil {
				return err
			}
		}
		units := []store.UnitRecords{{Unit: county, Schools: []store.School{school},
			Targets: []store.Target{{Indicator: store.IndSecondment, Value: 10, Assigned: ptr(12.0)}, {Indicator: store.IndAgreements, Value: 0.5, Assigned: &assigned}}}}
		if err := tx.ReplaceYear("532301", 2025, units, nil); err != nil {
			return err
		}
		return tx.PutReceipt(store.Receipt{Sender: "532301", Year: 2025, Revision: 1, Digest: "x", FileName: "f.cjrh"}, nil)
	})
	err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.AssignTargets("532400", 2025, nil) })
	wantCode(t, err, store.EInvalid) // another prefecture's unit

	f, err := db.Indicators(t.Context(), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Units) != 2 {
		t.Fatalf("units = %d, want the sent county and the assigned one", len(f.Units))
	}
	b, _ := json.Marshal(f.Units)
	var units []map[string]any
	json.Unmarshal(b, &units)
	first, second := units[0], units[1]
	if first["sent"] != true || second["sent"] != false || second["unit"].(map[string]any)["code"] != "532322" {
		t.Errorf("sent = %v, %v; units = %s", first["sent"], second["sent"], b)
	}
	if _, ok := second["schools"]; ok || len(second) != 4 {
		t.Errorf("a unit that has not sent has only unit, year, sent and assessment: %s", b)
	}
	sec := first["assessment"].([]any)[0].(map[string]any)
	if sec["indicator"] != "secondment" || sec["target"] != 12.0 || sec["own_target"] != 10.0 || sec["of"] != 1.0 {
		t.Errorf("the county's secondment = %v, want target 12 (assigned) beside its own 10", sec)
	}
	notSent := second["assessment"].([]any)
	if len(notSent) != 2 || notSent[0].(map[string]any)["done"] != nil || notSent[0].(map[string]any)["met"] != nil {
		t.Errorf("the unsent county's assessment = %v, want its two targets with nothing done", notSent)
	}
}

// A county takes in its 任务清单: the assigned targets replace its own, are
// marked as assigned, and keep that mark when the clerk changes one.
func TestAcceptAssignedKeepsTheAssignedValue(t *testing.T) {
	db := MustOpen(t)
	mustUpdate(t, db, func(tx *store.Tx) error {
		return tx.AcceptAssigned(2025, []store.Target{{Indicator: store.IndSecondment, Value: 12},
			{Indicator: store.IndOrderClasses, Value: 5}}, "楚雄州")
	})
	targets := func() string {
		var out []string
		mustView(t, db, func(tx *store.Tx) error {
			ts, err := tx.Targets(2025)
			for _, t := range ts {
				s := t.Indicator + "=" + jsonNum(t.Value)
				if t.Assigned != nil {
					s += "(下达" + jsonNum(*t.Assigned) + ")"
				}
				out = append(out, s)
			}
			return err
		})
		return strings.Join(out, " ")
	}
	if got, want := targets(), "secondment=12(下达12) progression=0.6 dual_qualified=0.5 order_classes=5(下达5) activities=2 activities=4 activities=2"; got != want {
		t.Errorf("after the 任务清单: %s, want %s", got, want)
	}
	mustUpdate(t, db, func(tx *store.Tx) error {
		ts, err := tx.Targets(2025)
		if err != nil {
			return err
		}
		ts[0].Value = 10 // the clerk lowers the assigned 互派互聘 target
		return tx.SetTargets(2025, ts)
	})
	if got, want := targets(), "secondment=10(下达12) progression=0.6 dual_qualified=0.5 order_classes=5(下达5) activities=2 activities=4 activities=2"; got != want {
		t.Errorf("after the clerk's change: %s, want %s", got, want)
	}
}

func ptr(v float64) *float64 { return &v }

func jsonNum(v float64) string { b, _ := json.Marshal(v); return string(b) }
