package handoff

import (
	"encoding/json"

	"chanjiao/store"
)

// legacyOrderClasses reads the 订单班人数 that a version-1 file still gives
// each major and, as the database migration does, makes each count > 0 an
// 订单班 class, unless the unit's records already have a class of that
// school, year and major: nothing a county sent before the upgrade is lost.
func legacyOrderClasses(recordsJSON []byte, r *Records) error {
	var old struct {
		Units []struct {
			Majors []struct{ OrderClass int }
		}
	}
	if err := json.Unmarshal(recordsJSON, &old); err != nil {
		return err
	}
	for i := range r.Units {
		u := &r.Units[i]
		if i >= len(old.Units) || len(old.Units[i].Majors) != len(u.Majors) {
			continue // cannot happen: the same JSON read twice
		}
		have := map[string]bool{}
		names := map[string]bool{} // the classes' keys: two majors of one name make two classes
		for _, c := range u.Classes {
			have[store.Major{SchoolCode: c.SchoolCode, Year: c.Year, Code: c.MajorCode}.Key()] = true
			names[c.Key()] = true
		}
		for j, m := range u.Majors {
			if n := old.Units[i].Majors[j].OrderClass; n > 0 && !have[m.Key()] {
				c := store.LegacyOrderClassNamed(m, n, func(name string) bool {
					return names[store.Class{SchoolCode: m.SchoolCode, Year: m.Year, Name: name}.Key()]
				})
				names[c.Key()] = true
				u.Classes = append(u.Classes, c)
			}
		}
	}
	return nil
}
