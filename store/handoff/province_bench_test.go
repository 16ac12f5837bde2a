package handoff_test

import (
	"cmp"
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"chanjiao/store"
	"chanjiao/store/demo/province"
	"chanjiao/store/handoff"
	"chanjiao/store/refdata"
	"chanjiao/store/storetest"
)

// BenchmarkProvinceFlow measures issue 14's whole hand-off (every
// prefecture receives its counties' files and sends its own, the province
// receives the 16) on Yunnan-shaped data, against its floor measured in the
// same run and in the same shape: the same rows written twice (at the
// prefectures, side by side, then at the province as each prefecture's come)
// by raw prepared inserts, with no checks at all. It also reports what each
// machine waits for, the slowest prefecture's and the province's, and their
// sum, the flow's time were the machines to take turns; and, timing each
// unit alone (own-machines), the flow as the bureaus live it, each on its
// own laptop: the slowest prefecture, then the province.
//
//	go test -run '^$' -bench ProvinceFlow -benchtime 1x ./store/handoff
func BenchmarkProvinceFlow(b *testing.B) {
	counties := countyFiles(b, province.Yunnan)
	var floorNs, floorCPU float64
	b.Run("floor", func(b *testing.B) {
		prefs, members := province.ByPrefecture(counties)
		byPref := map[string][]handoff.Records{}
		for code, cs := range members {
			byPref[code] = readAll(b, cs)
		}
		b.ResetTimer()
		cpu0 := cpuSeconds()
		for i := 0; i < b.N; i++ {
			dir := b.TempDir()
			ref := storetest.Ref(b)
			err := province.SideBySide(context.Background(), 0, prefs, func(_ context.Context, code string) ([]handoff.Records, error) {
				return byPref[code], rawInsert(filepath.Join(dir, code+".db"), ref, byPref[code])
			}, func(_ string, recs []handoff.Records) error {
				return rawInsert(filepath.Join(dir, "province.db"), ref, recs)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		floorNs, floorCPU = nsPerOp(b), (cpuSeconds()-cpu0)/float64(b.N)
		b.ReportMetric(floorCPU, "cpu-s/op")
	})
	b.Run("flow", func(b *testing.B) {
		m := timeFlow(b, counties, 0)
		b.ReportMetric(nsPerOp(b)/1e9, "s/op")
		b.ReportMetric(nsPerOp(b)/floorNs, "x-floor")
		b.ReportMetric(m.cpu, "cpu-s/op")
		b.ReportMetric(m.cpu/floorCPU, "cpu-x-floor")
		// what each machine waits for: a prefecture's laptop (the slowest of
		// the 16) and the province's; and all of them, one after another
		b.ReportMetric(m.slowestPref, "slowest-prefecture-s")
		b.ReportMetric(m.prov, "province-s")
		b.ReportMetric(m.machines, "machines-in-turn-s")
	})
	// The flow as it happens: every bureau on its own laptop, so each unit
	// is timed alone here, one after another. The prefectures work at the
	// same time, and the province receives once the last file is in: the
	// wait is the slowest prefecture's time and then the province's.
	b.Run("own-machines", func(b *testing.B) {
		m := timeFlow(b, counties, 1)
		b.ReportMetric(m.slowestPref, "slowest-prefecture-s")
		b.ReportMetric(m.prov, "province-s")
		b.ReportMetric(m.slowestPref+m.prov, "own-machines-s")
	})
}

// flowTimes are a flow's times in seconds, each the mean over b.N runs.
type flowTimes struct{ cpu, slowestPref, prov, machines float64 }

// timeFlow runs the province's flow b.N times with atOnce prefectures at a
// time (see province.TimedFlow), checking that the province got every
// school.
func timeFlow(b *testing.B, counties []province.County, atOnce int) flowTimes {
	var t flowTimes
	for i := 0; i < b.N; i++ {
		cpu0 := cpuSeconds()
		path, _, took, err := province.TimedFlow(context.Background(), storetest.Ref(b), counties, b.TempDir(), provinceYear, atOnce)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		t.cpu += cpuSeconds() - cpu0
		var slowest float64
		for code, d := range took {
			t.machines += d.Seconds()
			if code == "530000" {
				t.prov += d.Seconds()
			} else {
				slowest = max(slowest, d.Seconds())
			}
		}
		t.slowestPref += slowest
		db, err := store.Open(path, storetest.Ref(b))
		if err != nil {
			b.Fatal(err)
		}
		requireSchools(b, db, 1935)
		db.Close()
		b.StartTimer()
	}
	b.StopTimer()
	n := float64(b.N)
	return flowTimes{t.cpu / n, t.slowestPref / n, t.prov / n, t.machines / n}
}

func nsPerOp(b *testing.B) float64 { return float64(b.Elapsed().Nanoseconds()) / float64(b.N) }

func requireSchools(tb testing.TB, db *store.DB, want int) {
	tb.Helper()
	f, err := db.Indicators(context.Background(), provinceYear)
	if err != nil {
		tb.Fatal(err)
	}
	if len(f.Schools) != want {
		tb.Fatalf("the province has %d schools, want %d", len(f.Schools), want)
	}
}

func readAll(tb testing.TB, counties []province.County) []handoff.Records {
	var out []handoff.Records
	for _, c := range counties {
		bu, err := handoff.ReadFile(c.File, "")
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, bu.Records)
	}
	return out
}

// rawInsert writes the records into a database with one prepared
// statement per table, in one transaction: the least any receiving can do.
// It runs on the floor's workers, so it returns its error, not failing tb.
func rawInsert(path string, ref *refdata.Reference, all []handoff.Records) error {
	db, err := store.Open(path, ref)
	if err != nil {
		return err
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer raw.Close()
	tx, err := raw.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var failed error
	prep := func(q string) *sql.Stmt {
		st, err := tx.Prepare(q)
		failed = cmp.Or(failed, err)
		return st
	}
	ent := prep("INSERT INTO enterprises (credit_code, name, industry, grade, region, contact, phone) VALUES (?, ?, ?, ?, ?, ?, ?)")
	school := prep("INSERT INTO schools (code, name, type, region, ownership, quality, contact, phone, unit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
	major := prep(`INSERT INTO majors (school_id, year, code, name, status, enrolled, graduates, progressed, through, quality)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	stint := prep(`INSERT INTO secondments (school_id, enterprise_id, name, gender, id_number, direction, post, start_date, end_date)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	training := prep("INSERT INTO trainings (school_id, name, category, count, hours, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?)")
	class := prep("INSERT INTO classes (school_id, year, name, type, major_code, enterprise_id, students) VALUES (?, ?, ?, ?, ?, ?, ?)")
	if failed != nil {
		return failed
	}
	must := func(r sql.Result, err error) int64 {
		if failed = cmp.Or(failed, err); err != nil {
			return 0
		}
		id, _ := r.LastInsertId()
		return id
	}
	ents, schools := map[string]int64{}, map[string]int64{}
	for _, r := range all {
		for _, e := range r.Enterprises {
			ents[e.CreditCode] = must(ent.Exec(e.CreditCode, e.Name, e.Industry, e.Grade, e.Region, e.Contact, e.Phone))
		}
		for _, u := range r.Units {
			for _, s := range u.Schools {
				schools[s.Code] = must(school.Exec(s.Code, s.Name, s.Type, s.Region, s.Ownership, s.Quality, s.Contact, s.Phone, u.Unit.Code))
			}
			for _, m := range u.Majors {
				must(major.Exec(schools[m.SchoolCode], m.Year, m.Code, m.Name, m.Status, m.Enrolled, m.Graduates, m.Progressed, m.Through, m.Quality))
			}
			for _, s := range u.Secondments {
				must(stint.Exec(schools[s.SchoolCode], ents[s.CreditCode], s.Name, s.Gender, s.IDNumber, s.Direction, s.Post,
					store.FormatDate(s.Start), store.FormatDate(s.End)))
			}
			for _, t := range u.Trainings {
				must(training.Exec(schools[t.SchoolCode], t.Name, t.Category, t.Count, t.Hours, store.FormatDate(t.Start), store.FormatDate(t.End)))
			}
			for _, c := range u.Classes { // the generator's 订单班, one per major that has one
				var ent any
				if c.CreditCode != "" {
					ent = ents[c.CreditCode]
				}
				must(class.Exec(schools[c.SchoolCode], c.Year, c.Name, c.Type, c.MajorCode, ent, c.Students))
			}
		}
	}
	if failed != nil {
		return failed
	}
	return tx.Commit()
}

// BenchmarkProvinceReceiving measures the province's machine alone: the 16
// prefectures' files received into a new database, with nothing else
// running, against the same rows written by raw prepared inserts.
//
//	go test -run '^$' -bench ProvinceReceiving -benchtime 1x ./store/handoff
func BenchmarkProvinceReceiving(b *testing.B) {
	dir := b.TempDir()
	if _, _, err := province.Flow(context.Background(), storetest.Ref(b), countyFiles(b, province.Yunnan), dir, provinceYear); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*"+handoff.Ext))
	if err != nil || len(files) != 16 {
		b.Fatalf("the prefectures sent %d files (%v)", len(files), err)
	}
	var floorNs float64
	b.Run("floor", func(b *testing.B) {
		var recs []handoff.Records
		for _, f := range files {
			bu, err := handoff.ReadFile(f, "")
			if err != nil {
				b.Fatal(err)
			}
			recs = append(recs, bu.Records)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := rawInsert(filepath.Join(b.TempDir(), "province.db"), storetest.Ref(b), recs); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		floorNs = nsPerOp(b)
	})
	b.Run("receive", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			db, err := store.Open(filepath.Join(b.TempDir(), "province.db"), storetest.Ref(b))
			if err == nil {
				err = db.Update(context.Background(), func(tx *store.Tx) error {
					return tx.SetUnit(store.Unit{Code: "530000", Name: "云南省教育厅", Level: store.LevelProvince})
				})
			}
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			handoff.ReceiveAll(context.Background(), db, files, "", handoff.Options{Trust: true}, func(f string, _ *handoff.Plan, err error) {
				if err != nil {
					b.Fatalf("%s: %v", filepath.Base(f), err)
				}
			})
			b.StopTimer()
			requireSchools(b, db, 1935)
			db.Close()
			b.StartTimer()
		}
		b.StopTimer()
		b.ReportMetric(nsPerOp(b)/1e9, "s/op")
		b.ReportMetric(nsPerOp(b)/floorNs, "x-floor")
	})
}
