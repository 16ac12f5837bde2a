package app

import "testing"

// BenchmarkLargeTableSet measures handing 5,000 stints to the 互派互聘 table:
// search keys, and since issue 13 item 11 the columns sized to their
// longest text.
func BenchmarkLargeTableSet(b *testing.B) {
	a, tbl := largeTable(b)
	recs := tbl.all
	for b.Loop() {
		tbl.set(recs, a.secondments.same, nil)
	}
}
