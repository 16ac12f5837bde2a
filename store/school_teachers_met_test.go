package store_test

import (
	"testing"

	"chanjiao/store"
)

// A school's 双师型 share meets the target on exact values, at the boundary
// too, and has no result without 专业课教师.
func TestSchoolTeachersMet(t *testing.T) {
	for _, c := range []struct {
		dual, professional int
		target             float64
		want               string
	}{{17, 34, 0.5, "达标"}, {16, 34, 0.5, "未达标"}, {3, 5, 0.6, "达标"}, {2, 3, 0.667, "未达标"}, {0, 0, 0.5, "—"}} {
		s := store.SchoolTeachers{Dual: c.dual, Professional: c.professional}
		if got := store.MetText(s.Met(c.target)); got != c.want {
			t.Errorf("%d / %d against %g: %s, want %s", c.dual, c.professional, c.target, got, c.want)
		}
	}
}
