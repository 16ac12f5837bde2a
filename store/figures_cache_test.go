package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"chanjiao/store"
	"chanjiao/store/storetest"
)

// The figures kept for the 首页 are the figures: the same `check --json`
// computed and kept; what is kept is what is shown (a kept row changed
// behind the program's back shows); and any write makes them computed
// again.
func TestKeptFiguresFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	db := storetest.Demo(t)
	year := storetest.Now.Year() - 1
	fresh := figuresJSON(t, db, year, false)
	if first := figuresJSON(t, db, year, true); !bytes.Equal(first, fresh) {
		t.Fatalf("computed and kept:\n%s\nwant\n%s", first, fresh)
	}
	if kept := figuresJSON(t, db, year, true); !bytes.Equal(kept, fresh) {
		t.Fatalf("read back:\n%s\nwant\n%s", kept, fresh)
	}

	// The kept row is what shows: here its unit renamed by hand.
	marked := bytes.Replace(fresh, []byte(`"楚雄市`), []byte(`"已保存的楚雄市`), 1)
	if _, err := db.SQL().Exec("UPDATE figures_cache SET figures = ? WHERE year = ?", marked, year); err != nil {
		t.Fatal(err)
	}
	if kept := figuresJSON(t, db, year, true); !bytes.Contains(kept, []byte("已保存的楚雄市")) {
		t.Fatalf("the kept figures were not used: %s", kept[:200])
	}

	// A clerk's edit: the kept year is stale and the edit shows.
	err := db.Update(ctx, func(tx *store.Tx) error {
		u, err := tx.Unit()
		if err != nil {
			return err
		}
		u.Name = "楚雄市教育局"
		return tx.SetUnit(u)
	})
	if err != nil {
		t.Fatal(err)
	}
	after := figuresJSON(t, db, year, true)
	if !bytes.Equal(after, figuresJSON(t, db, year, false)) || !bytes.Contains(after, []byte("楚雄市教育局")) ||
		bytes.Contains(after, []byte("已保存的")) {
		t.Fatalf("after an edit the kept figures were shown: %s", after[:200])
	}
}

func figuresJSON(t *testing.T, db *store.DB, year int, kept bool) []byte {
	t.Helper()
	get := db.Indicators
	if kept {
		get = db.CachedIndicators
	}
	f, err := get(context.Background(), year)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The figures read the stints in a second transaction beside the first: what
// they read is tx.Dataset's, whether the second saw the same state or (as
// after a write between the two) another one, whose rows are not used.
func TestFiguresReadTheDatasetOnTwoCores(t *testing.T) {
	ctx := context.Background()
	db := storetest.Demo(t)
	year := storetest.Now.Year() - 1
	var want store.Dataset
	err := db.View(ctx, func(tx *store.Tx) (err error) {
		want, err = tx.Dataset(year)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Secondments) == 0 {
		t.Fatal("the demo has no stints")
	}
	for _, ahead := range []int64{0, 1} {
		got, err := db.DatasetAsFiguresRead(ctx, year, ahead)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("read beside (the other transaction %d generations off) differs from tx.Dataset: %d stints, want %d",
				ahead, len(got.Secondments), len(want.Secondments))
		}
	}
}
