package store_test

import (
	"testing"
	"time"

	"chanjiao/store"
)

// A date outside 1950–2100 is refused by the records themselves, so neither
// the window nor a data file can store what an export could not re-import.
func TestDatesOutsideTheRangeAreRefused(t *testing.T) {
	ref := mustRef(t)
	day := func(s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		return date(s)
	}
	for _, c := range []struct{ start, end, field string }{
		{"1025-03-01", "", "开始日期"},
		{"0001-01-01", "", "开始日期"},
		{"2025-03-01", "2201-01-01", "结束日期"},
	} {
		s := stintA()
		s.Start, s.End = day(c.start), day(c.end)
		tr := trainingA()
		tr.Start, tr.End = day(c.start), day(c.end)
		for what, ps := range map[string]store.Problems{"互派互聘": s.Validate(ref), "培训": tr.Validate(ref)} {
			found := false
			for _, p := range ps {
				found = found || p.Field == c.field && !p.Warning
			}
			if !found {
				t.Errorf("%s %s–%s: no error on %s: %v", what, c.start, c.end, c.field, ps)
			}
		}
	}
	s := stintA()
	s.Start, s.End = date("1950-01-01"), date("2100-12-31")
	if ps := s.Validate(ref); ps.HasErrors() {
		t.Errorf("the range's own ends refused: %v", ps)
	}
}
