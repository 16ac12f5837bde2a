package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chanjiao/store"
	"chanjiao/store/storetest"
)

// A large county: 互派互聘 with 5,000 stints. Speed is measured by the
// benchmarks below, each against a baseline over the same 5,000 records
// without widgets, measured in the same run; the ratio is reported as
// x-baseline. The test only checks that the results are right.

const largeRows = 5000

// largeTable opens the 互派互聘 screen of the demo county and fills its table
// with 5,000 stints named 人员0000 … 人员4999, spread over the demo's
// schools and enterprises.
func largeTable(tb testing.TB) (*App, *recordTable[store.Secondment]) {
	tb.Helper()
	fa := test.NewTempApp(tb)
	a := newApp(fa, storetest.Demo(tb), true)
	a.win.Resize(fyne.NewSize(1200, 760))
	a.show("互派互聘")
	s := a.secondments
	base := s.tbl.all
	if len(base) == 0 {
		tb.Fatal("no demo stints")
	}
	s.tbl.set(largeRecords(base), s.same, nil)
	return a, s.tbl
}

func largeRecords(base []store.Secondment) []store.Secondment {
	recs := make([]store.Secondment, largeRows)
	for i := range recs {
		r := base[i%len(base)]
		r.ID = int64(i + 1)
		r.Name = fmt.Sprintf("人员%04d", i)
		recs[i] = r
	}
	return recs
}

// shuffled is a fixed permutation of the table's rows, so every sort starts
// from the same disorder.
func shuffled(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

func TestLargeTableSearchAndSort(t *testing.T) {
	_, tbl := largeTable(t)
	if got := tbl.count.Text; got != "共 5000 条" {
		t.Fatalf("count %q", got)
	}
	test.Type(tbl.search, "人员12")
	if len(tbl.view) != 100 {
		t.Fatalf("人员12 finds %d rows, want 100 (人员1200 … 人员1299)", len(tbl.view))
	}
	mustContain(t, tbl.count.Text, "找到 100 条（共 5000 条）")
	for _, r := range tbl.rows() {
		if !strings.HasPrefix(r.Name, "人员12") {
			t.Fatalf("row %q does not match", r.Name)
		}
	}
	// two terms narrow further: only the stints at one school
	school := tbl.cellText(0, 0)
	want := 0
	for _, r := range tbl.rows() {
		if tbl.cols[0].text(r) == school {
			want++
		}
	}
	typeInto(tbl.search, "人员12 "+school)
	if len(tbl.view) != want || want == 0 || want == 100 {
		t.Fatalf("人员12 %s finds %d rows, want %d", school, len(tbl.view), want)
	}
	typeInto(tbl.search, "")
	if len(tbl.view) != largeRows {
		t.Fatalf("cleared search shows %d rows", len(tbl.view))
	}
	// sort by 姓名 from a shuffled order, then reversed
	copy(tbl.view, shuffled(largeRows))
	tbl.sortBy(2)
	rows := tbl.rows()
	for i := 1; i < len(rows); i++ {
		if rows[i-1].Name > rows[i].Name {
			t.Fatalf("not sorted at %d: %s before %s", i, rows[i-1].Name, rows[i].Name)
		}
	}
	tbl.sortBy(2)
	if tbl.cellText(0, 2) != "人员4999" {
		t.Fatalf("descending sort starts with %s", tbl.cellText(0, 2))
	}
}

var searchQueries = []string{"人员12", "人员1"}

// BenchmarkLargeTableSearch: one keystroke in the search box of a 5,000-row
// table (filter, sort, count, table refresh), against the baseline of a
// plain strings.Contains filter over the same records' text, no widgets.
// The table sub-benchmark reports its time as a multiple of the baseline's
// (x-baseline), both measured in this run.
func BenchmarkLargeTableSearch(b *testing.B) {
	recs := largeRecords(demoStints(b))
	var baseNs float64
	b.Run("baseline", func(b *testing.B) {
		keys := plainKeys(recs)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if len(plainFilter(keys, searchQueries[i%2])) == 0 {
				b.Fatal("no match")
			}
		}
		b.StopTimer()
		baseNs = nsPerOp(b)
	})
	b.Run("table", func(b *testing.B) {
		_, tbl := largeTable(b)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			tbl.search.SetText(searchQueries[i%2])
		}
		b.StopTimer()
		reportRatio(b, baseNs)
	})
}

func plainFilter(keys []string, query string) []int {
	terms := strings.Fields(strings.ToLower(query))
	view := make([]int, 0, len(keys))
	for j, k := range keys {
		ok := true
		for _, term := range terms {
			if !strings.Contains(k, term) {
				ok = false
				break
			}
		}
		if ok {
			view = append(view, j)
		}
	}
	return view
}

// BenchmarkLargeTableSort: a click on the 姓名 header of a 5,000-row table
// (Chinese collation, table refresh) from the same shuffled order each time,
// against the baseline of sort.Slice of the same records by name in byte
// order, no widgets.
func BenchmarkLargeTableSort(b *testing.B) {
	recs := largeRecords(demoStints(b))
	perm := shuffled(largeRows)
	var baseNs float64
	b.Run("baseline", func(b *testing.B) {
		start := make([]store.Secondment, len(recs))
		for i, p := range perm {
			start[i] = recs[p]
		}
		work := make([]store.Secondment, len(recs))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			copy(work, start)
			sort.Slice(work, func(i, j int) bool { return work[i].Name < work[j].Name })
		}
		b.StopTimer()
		baseNs = nsPerOp(b)
	})
	b.Run("table", func(b *testing.B) {
		_, tbl := largeTable(b)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			copy(tbl.view, perm)
			tbl.sortCol = -1
			tbl.sortBy(2)
		}
		b.StopTimer()
		reportRatio(b, baseNs)
	})
}

// demoStints are the demo county's stints of the default year, read without
// a window.
func demoStints(tb testing.TB) []store.Secondment {
	tb.Helper()
	db := storetest.Demo(tb)
	var recs []store.Secondment
	err := db.View(context.Background(), func(tx *store.Tx) (err error) {
		recs, err = tx.Secondments(db.Now().Year() - 1)
		return err
	})
	if err != nil || len(recs) == 0 {
		tb.Fatalf("demo stints: %d, %v", len(recs), err)
	}
	return recs
}

// plainKeys is the lower-case text of each record, as a search would look
// at it.
func plainKeys(recs []store.Secondment) []string {
	keys := make([]string, len(recs))
	for i, r := range recs {
		keys[i] = strings.ToLower(strings.Join([]string{r.SchoolCode, r.CreditCode, r.Name, r.Gender,
			store.MaskID(r.IDNumber), r.Direction, r.Post, store.FormatDate(r.Start), store.FormatDate(r.End), r.Note}, "\x00"))
	}
	return keys
}

func nsPerOp(b *testing.B) float64 {
	if b.N == 0 {
		return 0
	}
	return float64(b.Elapsed().Nanoseconds()) / float64(b.N)
}

// reportRatio adds the baseline's time and ours as a multiple of it; when
// the baseline did not run (a -bench pattern that left it out) only our
// time is reported.
func reportRatio(b *testing.B, baseNs float64) {
	if baseNs <= 0 || b.N == 0 {
		return
	}
	b.ReportMetric(baseNs, "baseline-ns/op")
	b.ReportMetric(nsPerOp(b)/baseNs, "x-baseline")
}
