package app

import (
	"context"
	"database/sql"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chanjiao/store"
	"chanjiao/store/demo/province"
	"chanjiao/store/storetest"
)

// BenchmarkProvinceWindow measures issue 14's window at a Yunnan-shaped
// province (1,935 schools, ~160,000 互派互聘 rows): 首页 loading its figures
// (computed after a write, or kept from before) and 互派互聘 opening its list, each against the floor of reading the same
// rows raw (one SELECT per table, scanned into plain values, no checks and
// no widgets) in the same run. The list also reports the heap it holds;
// search and sort time the clerk's first search and a click on a header.
//
//	go test -run '^$' -bench ProvinceWindow -benchtime 3x ./app
func BenchmarkProvinceWindow(b *testing.B) {
	dir := b.TempDir()
	ctx := context.Background()
	counties, err := province.Files(ctx, storetest.Ref(b), dir, 2025, province.Yunnan)
	if err != nil {
		b.Fatal(err)
	}
	path, _, err := province.Flow(ctx, storetest.Ref(b), counties, dir, 2025)
	if err != nil {
		b.Fatal(err)
	}
	var floorNs, floorCPU float64
	b.Run("floor", func(b *testing.B) {
		cpu := cpuNs()
		for i := 0; i < b.N; i++ {
			if n := rawRead(b, path); n < 150000 {
				b.Fatalf("read %d rows", n)
			}
		}
		floorNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		floorCPU = reportCPU(b, cpu, 0)
	})
	a := provinceWindow(b, path)
	home := func(b *testing.B, changed bool) {
		cpu := cpuNs()
		for i := 0; i < b.N; i++ {
			if changed { // a write since: the figures are computed again
				b.StopTimer()
				err := a.db.Update(context.Background(), func(tx *store.Tx) error {
					u, err := tx.Unit()
					if err != nil {
						return err
					}
					return tx.SetUnit(u)
				})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			a.home.Load()
			if len(a.home.unitOrder) != 16 {
				b.Fatalf("首页 lists %d units, want the 16 prefectures", len(a.home.unitOrder))
			}
		}
		reportRatio(b, floorNs)
		reportCPU(b, cpu, floorCPU)
	}
	// after a write (receiving, an edit): computed from every record
	b.Run("home-changed", func(b *testing.B) { home(b, true) })
	// the window opened again, nothing written since: the kept figures
	b.Run("home", func(b *testing.B) { home(b, false) })
	b.Run("list", func(b *testing.B) {
		a.show("互派互聘")
		b.ResetTimer()
		cpu := cpuNs()
		for i := 0; i < b.N; i++ {
			a.secondments.Load()
			if n := len(a.secondments.tbl.all); n < 150000 {
				b.Fatalf("the list holds %d stints", n)
			}
		}
		b.StopTimer()
		reportRatio(b, floorNs)
		reportCPU(b, cpu, floorCPU)
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
	})
	// what the clerk waits for once the list is open: the first search
	// (which makes every row's search text), and a click on 企业's header
	tbl := a.secondments.tbl
	b.Run("search", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			a.secondments.Load()
			school := tbl.cellText(0, 0)
			b.StartTimer()
			tbl.search.SetText(school)
			if len(tbl.view) == 0 || len(tbl.view) == len(tbl.all) {
				b.Fatalf("searching %s finds %d of %d stints", school, len(tbl.view), len(tbl.all))
			}
			b.StopTimer()
			tbl.search.SetText("")
			b.StartTimer()
		}
	})
	b.Run("sort", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			tbl.sortCol = -1
			tbl.sortBy(1)
		}
	})
}

// reportCPU reports the CPU time per op the process used since cpu (with
// its ratio to floorCPU when that is set) and returns it: on a machine
// shared with other work the wall time says more about that work than
// about what is measured.
func reportCPU(b *testing.B, cpu int64, floorCPU float64) float64 {
	per := float64(cpuNs()-cpu) / float64(b.N)
	b.ReportMetric(per, "cpu-ns/op")
	if floorCPU > 0 {
		b.ReportMetric(per/floorCPU, "cpu-x-baseline")
	}
	return per
}

// provinceWindow opens the window on the database at path, at a laptop's
// size, with the window's memory limit.
func provinceWindow(b *testing.B, path string) *App {
	LimitMemory()
	b.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	db, err := store.Open(path, storetest.Ref(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	a := newApp(test.NewTempApp(b), db, true)
	a.win.Resize(fyne.NewSize(1366, 728))
	return a
}

// rawRead reads the year's majors, stints and trainings with plain SQL.
func rawRead(tb testing.TB, path string) int {
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	n := 0
	for _, q := range []string{
		"SELECT school_id, code, name, enrolled, graduates, progressed FROM majors WHERE year = 2025",
		"SELECT school_id, enterprise_id, name, id_number, direction, post, start_date, end_date FROM secondments",
		"SELECT school_id, name, category, count, start_date, end_date FROM trainings",
	} {
		rows, err := raw.Query(q)
		if err != nil {
			tb.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			n++
		}
		rows.Close()
	}
	return n
}

// BenchmarkProvinceListOpen opens a province's window on the database at
// CHANJIAO_PROVINCE_DB (one written by BenchmarkProvinceWindow's generator,
// or store/demo/province's TestWriteProvince) and goes to 互派互聘, as a clerk
// does, so that /usr/bin/time -v can give the window's peak RSS:
//
//	CHANJIAO_PROVINCE_DB=/tmp/yunnan/530000.db /usr/bin/time -v \
//		./app.test -test.run '^$' -test.bench ProvinceListOpen -test.benchtime 1x
func BenchmarkProvinceListOpen(b *testing.B) {
	path := os.Getenv("CHANJIAO_PROVINCE_DB")
	if path == "" {
		b.Skip("CHANJIAO_PROVINCE_DB is not set")
	}
	a := provinceWindow(b, path)
	for i := 0; i < b.N; i++ {
		a.show("首页")
		a.show("互派互聘")
		if n := len(a.secondments.tbl.all); n < 150000 {
			b.Fatalf("the list holds %d stints", n)
		}
	}
}
