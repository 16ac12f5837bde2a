package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/storetest"
)

// Records written in bulk over the ones already stored update them in
// place, as Put* would: a major keeps its id, takes its new fields and names
// only its new enterprises; an enterprise takes its new name. The bulk
// writer inserts new keys first and updates only what was stored, so this
// is the path a re-sent workbook or file takes.
func TestBulkWriteUpdatesStoredRecords(t *testing.T) {
	db := storetest.Demo(t)
	ctx := context.Background()
	year := db.Now().Year() - 1
	read := func() ([]store.UnitRecords, []store.Enterprise) { return demoRecords(t, db, year) }
	units, ents := read()
	u := &units[0]
	var m *store.Major
	for i := range u.Majors {
		if len(u.Majors[i].Enterprises) > 0 {
			m = &u.Majors[i]
			break
		}
	}
	if m == nil {
		t.Fatal("the demo has no major with a partner enterprise")
	}
	other := ents[0].CreditCode
	if slices.Contains(m.Enterprises, other) {
		other = ents[1].CreditCode
	}
	id, key := m.ID, m.Key()
	m.Name, m.Enrolled, m.Enterprises = m.Name+"（新）", m.Enrolled+7, []string{other}
	ents[0].Name += "（更名）"
	for i := range u.Schools {
		u.Schools[i].UnitCode = ""
	}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.AddRecords(units[:1], ents, "测试") }); err != nil {
		t.Fatal(err)
	}
	units, stored := read()
	var got *store.Major
	n := 0
	for i, x := range units[0].Majors {
		if x.Key() == key {
			got, n = &units[0].Majors[i], n+1
		}
	}
	switch {
	case n != 1:
		t.Fatalf("%d majors of key %s, want 1", n, key)
	case got.ID != id || got.Name != m.Name || got.Enrolled != m.Enrolled || !slices.Equal(got.Enterprises, []string{other}):
		t.Errorf("the major reads %d %q %d %v, want %d %q %d %v", got.ID, got.Name, got.Enrolled, got.Enterprises, id, m.Name, m.Enrolled, []string{other})
	}
	for _, e := range stored {
		if e.CreditCode == ents[0].CreditCode && e.Name != ents[0].Name {
			t.Errorf("enterprise %s is named %q, want %q", e.CreditCode, e.Name, ents[0].Name)
		}
	}
}

// A major given twice in one write (two rows of a workbook, say) is stored
// once, with the fields and the partner enterprises of its last row, as two
// Put* calls would leave it.
func TestBulkWriteTakesTheLastRowOfAKey(t *testing.T) {
	db := storetest.Demo(t)
	ctx := context.Background()
	year := db.Now().Year() - 1
	units, ents := demoRecords(t, db, year)
	first := units[0].Majors[0]
	first.Enterprises, first.Enrolled = []string{ents[0].CreditCode}, 11
	again := first
	again.Enterprises, again.Enrolled = []string{ents[1].CreditCode}, 22
	u := store.UnitRecords{Unit: units[0].Unit, Majors: []store.Major{first, again}}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.AddRecords([]store.UnitRecords{u}, nil, "测试") }); err != nil {
		t.Fatal(err)
	}
	units, _ = demoRecords(t, db, year)
	var got []store.Major
	for _, m := range units[0].Majors {
		if m.Key() == first.Key() {
			got = append(got, m)
		}
	}
	if len(got) != 1 || got[0].Enrolled != 22 || !slices.Equal(got[0].Enterprises, again.Enterprises) {
		t.Fatalf("the major reads %+v, want one with 22 enrolled and partner %v", got, again.Enterprises)
	}
}

// Rows are written 64 to a statement; when one fails in the database, the
// error still names that row, and nothing of the batch is kept. A trigger
// stands in for a failure no check before the write foresaw.
func TestBulkWriteNamesTheRowThatFails(t *testing.T) {
	db := storetest.Demo(t)
	ctx := context.Background()
	units, ents := demoRecords(t, db, db.Now().Year()-1)
	u := units[0]
	for u.Secondments = u.Secondments[:0]; len(u.Secondments) < 100; { // new keys, more than one statement's worth
		for _, s := range units[0].Secondments {
			s.Name += fmt.Sprintf("（新%d）", len(u.Secondments))
			u.Secondments = append(u.Secondments, s)
		}
	}
	u.Secondments = u.Secondments[:100]
	bad := u.Secondments[70]
	if _, err := db.SQL().Exec(fmt.Sprintf(`CREATE TRIGGER refuse_one BEFORE INSERT ON secondments WHEN NEW.name = '%s'
		BEGIN SELECT RAISE(ABORT, '测试中拒绝'); END`, bad.Name)); err != nil {
		t.Fatal(err)
	}
	count := func() (n int) {
		if err := db.SQL().QueryRow("SELECT count(*) FROM secondments").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	err := db.Update(ctx, func(tx *store.Tx) error { return tx.AddRecords([]store.UnitRecords{u}, ents, "测试") })
	if err == nil || !strings.Contains(err.Error(), "互派互聘 "+bad.Key()) {
		t.Fatalf("the error %v does not name 互派互聘 %s", err, bad.Key())
	}
	if after := count(); after != before {
		t.Errorf("%d stints after the refused write, %d before", after, before)
	}
}

// demoRecords reads the demo county 532301's records of year, which has
// majors and at least two enterprises.
func demoRecords(t *testing.T, db *store.DB, year int) ([]store.UnitRecords, []store.Enterprise) {
	t.Helper()
	var units []store.UnitRecords
	var ents []store.Enterprise
	err := db.View(context.Background(), func(tx *store.Tx) (err error) {
		units, ents, err = tx.YearRecords("532301", year)
		return err
	})
	if err != nil || len(units) == 0 || len(units[0].Majors) == 0 || len(ents) < 2 {
		t.Fatalf("the demo's records: %d units, %d enterprises (%v)", len(units), len(ents), err)
	}
	return units, ents
}
