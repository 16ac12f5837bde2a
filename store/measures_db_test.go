package store_test

import (
	"reflect"
	"testing"

	"chanjiao/store"
)

// The store operations of agreements, classes and carriers on a real file:
// round trip, natural keys, the class's major, carriers' members, locks.

func TestAgreementsStored(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	a := store.Agreement{SchoolCode: codeA, CreditCode: entX, Name: "合作办学协议", Type: store.AgreementFormal,
		Signed: date("2024-09-01"), Expires: date("2025-12-31"), Contents: []string{"实习实训", "订单培养"}}
	mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutAgreement(&a); return err })
	a.Contents = []string{"订单培养", "实习实训"} // stored in the list's order
	mustView(t, db, func(tx *store.Tx) error {
		for year, want := range map[int]int{2024: 1, 2025: 1, 2026: 0, 2023: 0} {
			got, err := tx.Agreements(year)
			if err != nil {
				return err
			}
			if len(got) != want || (want == 1 && !reflect.DeepEqual(got[0], a)) {
				t.Errorf("Agreements(%d) = %+v, want %d like %+v", year, got, want, a)
			}
		}
		return nil
	})
	again := a // the same natural key updates in place
	again.ID, again.Type = 0, store.AgreementIntent
	mustUpdate(t, db, func(tx *store.Tx) error {
		created, err := tx.PutAgreement(&again)
		if created || again.ID != a.ID {
			t.Errorf("re-put by natural key: created=%v id=%d, want the row %d updated", created, again.ID, a.ID)
		}
		return err
	})
	unknown := a
	unknown.ID, unknown.CreditCode = 0, "91532323MA6K8LLX0C"
	err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutAgreement(&unknown); return err })
	wantCode(t, err, store.ENotFound)

	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Lock(2025) })
	err = db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteAgreement(a.ID) })
	wantCode(t, err, store.EConflict) // in force in the locked 2025
}

func TestClassNeedsTheSchoolsMajor(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	m := majorA()
	mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutMajor(&m); return err })
	c := store.Class{SchoolCode: codeA, Year: 2025, Name: "比亚迪订单班", Type: store.ClassOrder, MajorCode: "710201", CreditCode: entX, Students: 30}
	mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutClass(&c); return err })

	other := c
	other.ID, other.Name, other.Year = 0, "次年订单班", 2026 // no such major in 2026
	err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutClass(&other); return err })
	wantCode(t, err, store.EInvalid)

	apprentices := store.Class{SchoolCode: codeA, Year: 2026, Name: "企业新型学徒制班", Type: store.ClassEnterprise, Students: 12}
	mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutClass(&apprentices); return err }) // needs no major

	f, err := db.Indicators(t.Context(), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if f.OrderClassStudents != 30 || f.Classes[store.ClassOrder].Classes != 1 {
		t.Errorf("order_class_students = %d, classes = %v, want 30 and one 订单班", f.OrderClassStudents, f.Classes)
	}
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Lock(2025) })
	c.Students = 31
	err = db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutClass(&c); return err })
	wantCode(t, err, store.EConflict)
}

func TestCarriersStored(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	c := store.Carrier{Type: "县域产教联合体", Name: "牟定县产教联合体", Level: store.GradePrefecture, Recognized: 2024, Founded: 2023,
		LeadSchool: codeA, MemberSchools: []string{codeB, codeA}, MemberEnterprises: []string{entY, entX}, Note: "州级示范"}
	mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutCarrier(&c); return err })
	mustView(t, db, func(tx *store.Tx) error {
		got, err := tx.Carriers()
		want := c
		want.MemberSchools, want.MemberEnterprises = []string{codeA, codeB}, []string{entY, entX}
		if len(got) != 1 || got[0].UnitCode == "" || !reflect.DeepEqual(got[0].MemberSchools, want.MemberSchools) ||
			len(got[0].MemberEnterprises) != 2 || got[0].LeadSchool != codeA || got[0].Note != "州级示范" {
			t.Errorf("Carriers() = %+v, want %+v under this unit", got, want)
		}
		return err
	})
	unknownMember := c
	unknownMember.ID, unknownMember.Name, unknownMember.MemberSchools = 0, "另一个", []string{"3653009999"}
	err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutCarrier(&unknownMember); return err })
	wantCode(t, err, store.ENotFound)

	// a locked 2025 keeps how the carrier counted that year: setting its
	// 撤销年份 to 2026 is allowed, to 2025 is not
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Lock(2025) })
	c.Revoked = 2026
	mustUpdate(t, db, func(tx *store.Tx) error { _, err := tx.PutCarrier(&c); return err })
	c.Revoked = 2025
	err = db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutCarrier(&c); return err })
	wantCode(t, err, store.EConflict)
	err = db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteCarrier(c.ID) })
	wantCode(t, err, store.EConflict)
}
