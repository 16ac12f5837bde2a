package store_test

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"chanjiao/store"
)

func TestSecondments(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	s := stintA()
	mustUpdate(t, db, func(tx *store.Tx) error {
		created, err := tx.PutSecondment(&s)
		if !created || s.ID == 0 {
			t.Errorf("PutSecondment: created=%v id=%d", created, s.ID)
		}
		return err
	})
	mustView(t, db, func(tx *store.Tx) error {
		got, err := tx.Secondments(2025)
		if len(got) != 1 || !reflect.DeepEqual(got[0], s) {
			t.Errorf("Secondments(2025) = %+v, want [%+v]", got, s)
		}
		return err
	})
	t.Run("UpdateByID", func(t *testing.T) {
		s2 := s
		s2.End, s2.Note, s2.Gender, s2.Direction, s2.Post = time.Time{}, "", "", store.DirEnterpriseToSchool, "兼职教师"
		mustUpdate(t, db, func(tx *store.Tx) error {
			created, err := tx.PutSecondment(&s2)
			if created {
				t.Error("update by ID reported created")
			}
			return err
		})
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Secondments(0)
			if len(got) != 1 || !reflect.DeepEqual(got[0], s2) {
				t.Errorf("after update %+v, want %+v", got, s2)
			}
			return err
		})
	})
	t.Run("Errors", func(t *testing.T) {
		tests := []struct {
			name string
			edit func(*store.Secondment)
			code string
		}{
			{"ErrUnknownSchool", func(s *store.Secondment) { s.SchoolCode = "3653003199" }, store.ENotFound},
			{"ErrUnknownEnterprise", func(s *store.Secondment) { s.CreditCode = "915323230000000206" }, store.ENotFound},
			{"ErrIDCheckDigit", func(s *store.Secondment) { s.IDNumber = "110105194912310021" }, store.EInvalid},
			{"ErrEndBeforeStart", func(s *store.Secondment) { s.End = date("2025-02-01") }, store.EInvalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				bad := stintA()
				bad.Name = "错误记录"
				tt.edit(&bad)
				err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutSecondment(&bad); return err })
				wantCode(t, err, tt.code)
			})
		}
	})
	t.Run("Delete", func(t *testing.T) {
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteSecondment(s.ID) })
		err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteSecondment(s.ID) })
		wantCode(t, err, store.ENotFound)
	})
}

// TestSecondmentsYearFilter checks which stints tx.Secondments(2025) and the
// indicators of 2025 count: those whose [start, end] overlaps the year.
func TestSecondmentsYearFilter(t *testing.T) {
	tests := []struct {
		name, start, end string
		in2025           bool
	}{
		{"EndedBeforeYear", "2024-03-01", "2024-12-31", false},
		{"EndsOnNewYearsDay", "2024-09-01", "2025-01-01", true},
		{"EndsInYear", "2024-09-01", "2025-06-30", true},
		{"OngoingStartedEarlier", "2023-09-01", "", true},
		{"WithinYear", "2025-03-01", "2025-06-30", true},
		{"SpansYear", "2024-01-01", "2026-12-31", true},
		{"StartsOnLastDay", "2025-12-31", "", true},
		{"StartsAfterYear", "2026-01-01", "", false},
		{"StartsAfterYearWithEnd", "2026-01-02", "2026-03-01", false},
	}
	db := MustOpen(t)
	seed(t, db)
	mustUpdate(t, db, func(tx *store.Tx) error {
		for _, tt := range tests {
			s := store.Secondment{SchoolCode: codeA, CreditCode: entX, Name: tt.name, Direction: store.DirSchoolToEnterprise,
				Post: "挂职", Start: date(tt.start)}
			if tt.end != "" {
				s.End = date(tt.end)
			}
			if _, err := tx.PutSecondment(&s); err != nil {
				return err
			}
		}
		return nil
	})
	var got []store.Secondment
	mustView(t, db, func(tx *store.Tx) (err error) { got, err = tx.Secondments(2025); return err })
	in := map[string]bool{}
	for _, s := range got {
		in[s.Name] = true
	}
	want := 0
	for _, tt := range tests {
		if tt.in2025 {
			want++
		}
		t.Run(tt.name, func(t *testing.T) {
			if in[tt.name] != tt.in2025 {
				t.Errorf("stint [%s, %s] in Secondments(2025) = %v, want %v", tt.start, tt.end, in[tt.name], tt.in2025)
			}
		})
	}
	t.Run("Indicators", func(t *testing.T) {
		f, err := db.Indicators(t.Context(), 2025)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range f.Schools {
			if s.Code == codeA && s.Secondments.Persons != want {
				t.Errorf("persons at %s in 2025 = %d, want %d", codeA, s.Secondments.Persons, want)
			}
		}
	})
	t.Run("AllYears", func(t *testing.T) {
		var all []store.Secondment
		mustView(t, db, func(tx *store.Tx) (err error) { all, err = tx.Secondments(0); return err })
		if len(all) != len(tests) {
			t.Errorf("Secondments(0) has %d, want %d", len(all), len(tests))
		}
	})
}

func TestTrainings(t *testing.T) {
	db := MustOpen(t)
	seed(t, db)
	tr := trainingA()
	mustUpdate(t, db, func(tx *store.Tx) error {
		created, err := tx.PutTraining(&tr)
		if !created || tr.ID == 0 {
			t.Errorf("PutTraining: created=%v id=%d", created, tr.ID)
		}
		return err
	})
	mustView(t, db, func(tx *store.Tx) error {
		got, err := tx.Trainings(2025)
		if len(got) != 1 || !reflect.DeepEqual(got[0], tr) {
			t.Errorf("Trainings(2025) = %+v, want [%+v]", got, tr)
		}
		return err
	})
	t.Run("UpdateByIDClearsOptional", func(t *testing.T) {
		t2 := tr
		t2.Count, t2.Hours, t2.End, t2.CreditCode = 160, 0, time.Time{}, ""
		mustUpdate(t, db, func(tx *store.Tx) error {
			created, err := tx.PutTraining(&t2)
			if created {
				t.Error("update by ID reported created")
			}
			return err
		})
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Trainings(0)
			if len(got) != 1 || !reflect.DeepEqual(got[0], t2) {
				t.Errorf("after update %+v, want %+v", got, t2)
			}
			return err
		})
	})
	t.Run("Errors", func(t *testing.T) {
		tests := []struct {
			name string
			edit func(*store.Training)
			code string
		}{
			{"ErrUnknownSchool", func(tr *store.Training) { tr.SchoolCode = "3653003199" }, store.ENotFound},
			{"ErrUnknownEnterprise", func(tr *store.Training) { tr.CreditCode = "915323230000000206" }, store.ENotFound},
			{"ErrCountZero", func(tr *store.Training) { tr.Count = 0 }, store.EInvalid},
			{"ErrCategory", func(tr *store.Training) { tr.Category = "学生" }, store.EInvalid},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				bad := trainingA()
				bad.Name = "错误培训"
				tt.edit(&bad)
				err := db.Update(t.Context(), func(tx *store.Tx) error { _, err := tx.PutTraining(&bad); return err })
				wantCode(t, err, tt.code)
			})
		}
	})
	t.Run("Delete", func(t *testing.T) {
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteTraining(tr.ID) })
		err := db.Update(t.Context(), func(tx *store.Tx) error { return tx.DeleteTraining(tr.ID) })
		wantCode(t, err, store.ENotFound)
	})
}

// TestTrainingsYearFilter checks that a programme counts in the year of its
// end date, or of its start date when it has none.
func TestTrainingsYearFilter(t *testing.T) {
	tests := []struct {
		name, start, end string
		count            int
		in2025           bool
	}{
		{"EndsInYearStartedBefore", "2024-12-20", "2025-01-05", 1, true},
		{"WithinYear", "2025-04-01", "2025-04-10", 10, true},
		{"NoEndStartsInYear", "2025-11-01", "", 100, true},
		{"EndsNextYear", "2025-12-20", "2026-01-05", 1000, false},
		{"NoEndStartedBefore", "2024-11-01", "", 10000, false},
		{"EndedBefore", "2024-03-01", "2024-03-05", 100000, false},
	}
	db := MustOpen(t)
	seed(t, db)
	want := 0
	mustUpdate(t, db, func(tx *store.Tx) error {
		for _, tt := range tests {
			tr := store.Training{SchoolCode: codeA, Name: tt.name, Category: "社会人员", Count: tt.count, Start: date(tt.start)}
			if tt.end != "" {
				tr.End = date(tt.end)
			}
			if tt.in2025 {
				want += tt.count
			}
			if _, err := tx.PutTraining(&tr); err != nil {
				return err
			}
		}
		return nil
	})
	var got []store.Training
	mustView(t, db, func(tx *store.Tx) (err error) { got, err = tx.Trainings(2025); return err })
	in := map[string]bool{}
	for _, tr := range got {
		in[tr.Name] = true
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if in[tt.name] != tt.in2025 {
				t.Errorf("training [%s, %s] in Trainings(2025) = %v, want %v", tt.start, tt.end, in[tt.name], tt.in2025)
			}
		})
	}
	t.Run("Indicators", func(t *testing.T) {
		f, err := db.Indicators(t.Context(), 2025)
		if err != nil {
			t.Fatal(err)
		}
		if f.Training.Total != want || f.Training.ByCategory["社会人员"].Count != want {
			t.Errorf("training total %d, 社会人员 %d; want %d", f.Training.Total, f.Training.ByCategory["社会人员"].Count, want)
		}
	})
}

func targetsText(ts []store.Target) string {
	var parts []string
	for _, t := range ts {
		p := fmt.Sprintf("%s=%g", t.Indicator, t.Value)
		if len(t.Categories) > 0 {
			p = t.Indicator + "[" + strings.Join(t.Categories, "、") + "]" + fmt.Sprintf("=%g", t.Value)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestTargets(t *testing.T) {
	training := func(v float64, cats ...string) store.Target {
		return store.Target{Indicator: store.IndTraining, Categories: cats, Value: v}
	}
	tests := []struct {
		name string
		set  map[int][]store.Target // years set, in order of the map's sorted keys; nil list = SetTargets(y, nil)
		year int
		want string
	}{
		{"Default2024", nil, 2024, "secondment=10 dual_qualified=0.5 activities[联席会议]=2 activities[政校企交流会议]=4 activities[政校企推进会议]=2"},
		{"Default2025", nil, 2025, "secondment=10 progression=0.6 dual_qualified=0.5 activities[联席会议]=2 activities[政校企交流会议]=4 activities[政校企推进会议]=2"},
		{"Default2026", nil, 2026, "secondment=10 progression=0.6 coverage=1 dual_qualified=0.5 activities[联席会议]=2 activities[政校企交流会议]=4 activities[政校企推进会议]=2"},
		{"EmptyMeansNoTargets", map[int][]store.Target{2025: {}}, 2025, ""},
		{"EmptyForOneYearOnly", map[int][]store.Target{2025: {}}, 2026, "secondment=10 progression=0.6 coverage=1 dual_qualified=0.5 activities[联席会议]=2 activities[政校企交流会议]=4 activities[政校企推进会议]=2"},
		{"OwnTargetsReplaceDefaults", map[int][]store.Target{2025: {{Indicator: store.IndSecondment, Value: 12}}}, 2025, "secondment=12"},
		{"Ordered", map[int][]store.Target{2025: {
			{Indicator: store.IndCoverage, Value: 0.5}, {Indicator: store.IndProgression, Value: 0.65},
			training(20000, "社会人员", "企业职工"), training(30000, "在校学生"), {Indicator: store.IndSecondment, Value: 10},
		}}, 2025, "secondment=10 training[在校学生]=30000 training[企业职工、社会人员]=20000 progression=0.65 coverage=0.5"}, // measures.md: training by its first 培训对象
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			years := make([]int, 0, len(tt.set))
			for y := range tt.set {
				years = append(years, y)
			}
			sort.Ints(years)
			for _, y := range years {
				mustUpdate(t, db, func(tx *store.Tx) error { return tx.SetTargets(y, tt.set[y]) })
			}
			mustView(t, db, func(tx *store.Tx) error {
				got, err := tx.Targets(tt.year)
				if s := targetsText(got); s != tt.want {
					t.Errorf("Targets(%d) = %q, want %q", tt.year, s, tt.want)
				}
				for _, g := range got {
					if g.Year != tt.year {
						t.Errorf("target %s has year %d, want %d", g.Indicator, g.Year, tt.year)
					}
				}
				return err
			})
		})
	}
	t.Run("ErrInvalidKeepsPrevious", func(t *testing.T) {
		db := MustOpen(t)
		mustUpdate(t, db, func(tx *store.Tx) error {
			return tx.SetTargets(2025, []store.Target{{Indicator: store.IndSecondment, Value: 8}})
		})
		err := db.Update(t.Context(), func(tx *store.Tx) error {
			return tx.SetTargets(2025, []store.Target{{Indicator: store.IndProgression, Value: 60}})
		})
		wantCode(t, err, store.EInvalid)
		mustView(t, db, func(tx *store.Tx) error {
			got, err := tx.Targets(2025)
			if s := targetsText(got); s != "secondment=8" {
				t.Errorf("Targets after refused set = %q, want secondment=8", s)
			}
			return err
		})
	})
	t.Run("NoTargetsInIndicators", func(t *testing.T) {
		db := MustOpen(t)
		seed(t, db)
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.SetTargets(2025, nil) })
		f, err := db.Indicators(t.Context(), 2025)
		if err != nil {
			t.Fatal(err)
		}
		if f.SecondmentSchoolsAssessed != 3 || f.SecondmentSchoolsMet != 0 {
			t.Errorf("met/assessed = %d/%d, want 0/3", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)
		}
		for _, s := range f.Schools {
			if s.Secondments.Target != nil || s.Secondments.Met != nil {
				t.Errorf("%s: target %v met %v, want none", s.Code, s.Secondments.Target, s.Secondments.Met)
			}
		}
		if f.Progression.Target != nil {
			t.Errorf("progression target %v, want none", *f.Progression.Target)
		}
	})
}
