package demo_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/storetest"
)

var ctx = context.Background()

// files returns the database file and its WAL, to check a refusal changed
// nothing.
func files(t *testing.T, db *store.DB) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{db.Path, db.Path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(append(all, b...), '|')
	}
	return all
}

func refused(t *testing.T, db *store.DB, fill func(context.Context, *store.DB) error, wants ...string) {
	t.Helper()
	before := files(t, db)
	err := fill(ctx, db)
	if err == nil {
		t.Fatal("demo filled a database it should refuse")
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("refusal %q does not say %q", err, w)
		}
	}
	if !bytes.Equal(files(t, db), before) {
		t.Error("a refused demo changed the database")
	}
}

func schoolCount(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.View(ctx, func(tx *store.Tx) error {
		s, err := tx.Schools()
		n = len(s)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// A county already set up as 牟定县 would get 楚雄市's schools counted as its
// own: the demo says so and where it belongs.
func TestFillRefusesAnotherUnit(t *testing.T) {
	db := storetest.Open(t, &store.Unit{Code: "532323", Name: "牟定县教育体育局", Level: store.LevelCounty})
	refused(t, db, demo.Fill, "牟定县教育体育局（532323）", "楚雄市（532301）", "新的空数据库", "--db")
	if n := schoolCount(t, db); n != 0 {
		t.Fatalf("%d schools after a refusal", n)
	}
}

// A database with records, even only enterprises, is refused.
func TestFillRefusesRecords(t *testing.T) {
	db := storetest.Open(t, &store.Unit{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty})
	if err := db.Update(ctx, func(tx *store.Tx) error {
		_, err := tx.PutEnterprise(&store.Enterprise{CreditCode: "91532301MA6K0000X0", Name: "楚雄某公司", Region: "532301"})
		return err
	}); err != nil {
		t.Skipf("cannot store the enterprise: %v", err)
	}
	refused(t, db, demo.Fill, "1 家企业", "空数据库")
	refused(t, db, demo.FillAnyUnit, "1 家企业")
}

// The demo's own unit, an unset unit and, for tests, any unit are filled.
func TestFillAccepts(t *testing.T) {
	for name, c := range map[string]struct {
		unit *store.Unit
		fill func(context.Context, *store.DB) error
	}{
		"unset":         {nil, demo.Fill},
		"楚雄市":           {&store.Unit{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty}, demo.Fill},
		"南华县 for tests": {&store.Unit{Code: "532324", Name: "南华县教育体育局", Level: store.LevelCounty}, demo.FillAnyUnit},
	} {
		t.Run(name, func(t *testing.T) {
			db := storetest.Open(t, c.unit)
			if err := c.fill(ctx, db); err != nil {
				t.Fatal(err)
			}
			if n := schoolCount(t, db); n < 6 {
				t.Fatalf("%d schools", n)
			}
		})
	}
}
