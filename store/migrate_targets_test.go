package store_test

import (
	"strings"
	"testing"

	"chanjiao/store"
)

// Targets stored before 0007 were whole sets: a year's stored targets were
// all it had, and a 'none' row meant none at all. After the migration they
// are overrides of the defaults, and each year still has exactly what it had.
func TestMigrationKeepsEachYearsTargets(t *testing.T) {
	path := schemaV4(t,
		`INSERT INTO unit (id, code, name, level) VALUES (1, '532323', '牟定县教育体育局', 'county')`,
		// 2025: a 互派互聘 target and a training target; 升学率's default was left out
		`INSERT INTO targets (year, indicator, categories, value) VALUES (2025, 'secondment', '', 8), (2025, 'training', '在校学生', 3000)`,
		// 2024: no targets at all
		`INSERT INTO targets (year, indicator, categories, value) VALUES (2024, 'none', '', 0)`,
		// 2027: the whole default set with coverage changed
		`INSERT INTO targets (year, indicator, categories, value) VALUES (2027, 'secondment', '', 10), (2027, 'progression', '', 0.6), (2027, 'coverage', '', 0.9)`,
	)
	db := mustOpenBare(t, path)
	for year, want := range map[int]string{
		2025: "secondment=8 training[在校学生]=3000",
		2024: "",
		2026: "secondment=10 progression=0.6 coverage=1", // nothing stored: the defaults
		2027: "secondment=10 progression=0.6 coverage=0.9",
	} {
		mustView(t, db, func(tx *store.Tx) error {
			ts, err := tx.Targets(year)
			var got []string
			for _, tg := range ts {
				if d, ok := store.IndicatorByKey(tg.Indicator); ok && d.Key != store.IndSecondment && d.Key != store.IndTraining &&
					d.Key != store.IndProgression && d.Key != store.IndCoverage {
					continue // a default of an indicator newer than the stored set
				}
				got = append(got, targetText(tg))
			}
			if s := strings.Join(got, " "); s != want {
				t.Errorf("Targets(%d) = %q, want %q", year, s, want)
			}
			return err
		})
	}
}

func targetText(t store.Target) string {
	s := t.Indicator
	if len(t.Categories) > 0 {
		s += "[" + strings.Join(t.Categories, "、") + "]"
	}
	return s + "=" + jsonNum(t.Value)
}
