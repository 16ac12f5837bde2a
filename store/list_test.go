package store_test

import (
	"reflect"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/storetest"
)

// The 互派互聘 list reads its rows with ListedSecondments and a row whole
// with SecondmentByID before the form opens: the two must give what
// Secondments gives, the list rows only without the person key data files
// carry, and with the masked 身份证号 only where there is no number.
func TestListedSecondmentsAreTheStintsWithoutTheirTravellingKeys(t *testing.T) {
	db := storetest.Demo(t)
	var keyed store.Secondment
	mustUpdate(t, db, func(tx *store.Tx) error {
		all, err := tx.Secondments(0)
		if err != nil || len(all) < 10 {
			t.Fatalf("demo stints: %d, %v", len(all), err)
		}
		// a stint received from below: its person travels as a key, its
		// number masked
		keyed = all[len(all)/2]
		keyed.IDNumber, keyed.PersonKey, keyed.IDMasked = "", strings.Repeat("5a", 32), "530102********1382"
		keyed.Name, keyed.Note = "姓\t名", "备注\t含制表符"
		_, err = tx.PutSecondment(&keyed)
		return err
	})
	mustView(t, db, func(tx *store.Tx) error {
		for _, year := range []int{0, storetest.Now.Year(), storetest.Now.Year() - 1, 1990} {
			want, err := tx.Secondments(year)
			if err != nil {
				return err
			}
			for i := range want {
				want[i].PersonKey = ""
				if want[i].IDNumber != "" {
					want[i].IDMasked = ""
				}
			}
			got, err := tx.ListedSecondments(year)
			if err != nil {
				return err
			}
			if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
				t.Errorf("ListedSecondments(%d): %d rows, want the %d of Secondments less their keys", year, len(got), len(want))
			}
		}
		listed, err := tx.ListedSecondments(0)
		if err != nil {
			return err
		}
		for _, s := range listed {
			if s.ID == keyed.ID && s.ShownID() != "530102********1382" {
				t.Errorf("the received stint shows 身份证号 %q, want its masked form", s.ShownID())
			}
		}
		whole, err := tx.SecondmentByID(keyed.ID)
		if err != nil || !reflect.DeepEqual(whole, keyed) {
			t.Errorf("SecondmentByID = %+v, %v; want %+v", whole, err, keyed)
		}
		_, err = tx.SecondmentByID(-1)
		if store.ErrorCode(err) != store.ENotFound || !strings.Contains(store.ErrorMessage(err), "已不存在") {
			t.Errorf("SecondmentByID(-1): %v", err)
		}
		return nil
	})
}
