package store_test

import (
	"reflect"
	"testing"

	"chanjiao/store"
)

func TestStaffRecordsStored(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	part := 8
	tr := store.Teachers{SchoolCode: codeA, Year: 2025, FullTime: 90, Professional: 50, Dual: 26, PartTime: &part}
	aw := store.Award{SchoolCode: codeA, Project: "云南省职业院校技能大赛 汽车维修赛项", Category: "技能大赛", Level: store.GradeProvince,
		Rank: "二等奖", WinnerType: "学生", Winners: "王五", Date: date("2025-05-10")}
	act := store.Activity{Type: store.ActivityJoint, Name: "上半年联席会议", Date: date("2025-06-30"), Lead: "县人民政府"}
	mustUpdate(t, db, func(tx *store.Tx) error {
		if _, err := tx.PutTeachers(&tr); err != nil {
			return err
		}
		if _, err := tx.PutAward(&aw); err != nil {
			return err
		}
		_, err := tx.PutActivity(&act)
		return err
	})
	mustView(t, db, func(tx *store.Tx) error {
		ts, err := tx.TeacherRows(2025)
		if err != nil || len(ts) != 1 || !reflect.DeepEqual(ts[0], tr) {
			t.Errorf("TeacherRows(2025) = %+v, %v; want [%+v]", ts, err, tr)
		}
		as, err := tx.Awards(2025)
		if err != nil || len(as) != 1 || !reflect.DeepEqual(as[0], aw) {
			t.Errorf("Awards(2025) = %+v, %v; want [%+v]", as, err, aw)
		}
		if as, _ := tx.Awards(2024); len(as) != 0 {
			t.Errorf("Awards(2024) = %+v, want none", as)
		}
		acts, err := tx.Activities(2025)
		if err != nil || len(acts) != 1 || acts[0].UnitCode == "" || acts[0].Lead != "县人民政府" || acts[0].Enterprises != nil {
			t.Errorf("Activities(2025) = %+v, %v", acts, err)
		}
		return nil
	})
	again := tr // the same school and year is the same row
	again.ID, again.Dual = 0, 30
	mustUpdate(t, db, func(tx *store.Tx) error {
		created, err := tx.PutTeachers(&again)
		if created || again.ID != tr.ID {
			t.Errorf("re-put: created=%v id=%d, want row %d updated", created, again.ID, tr.ID)
		}
		return err
	})
	f, err := db.Indicators(t.Context(), 2025)
	if err != nil {
		t.Fatal(err)
	}
	if f.Teachers.Dual != 30 || len(f.Awards) != 1 || len(f.Activities) != 1 || f.Activities[0].Count != 1 {
		t.Errorf("figures: teachers %+v, awards %+v, activities %+v", f.Teachers, f.Awards, f.Activities)
	}
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Lock(2025) })
	for name, fn := range map[string]func(tx *store.Tx) error{
		"teachers": func(tx *store.Tx) error { return tx.DeleteTeachers(tr.ID) },
		"award":    func(tx *store.Tx) error { return tx.DeleteAward(aw.ID) },
		"activity": func(tx *store.Tx) error { act.Name = "改名"; _, err := tx.PutActivity(&act); return err },
	} {
		t.Run(name, func(t *testing.T) { wantCode(t, db.Update(t.Context(), fn), store.EConflict) })
	}
}
