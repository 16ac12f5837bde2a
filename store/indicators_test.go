package store

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The counting rules of shared/spec/indicators.md on hand-made Datasets.
// Compute trusts its Dataset (the year filters live in tx.Secondments and
// tx.Trainings, tested on a real database in store_test.go).

const (
	schoolA = "3653003101"
	schoolB = "3653003102"
	entX    = "914403001922038216"
	entY    = "91110000600037341L"
	entZ    = "915323230000000105"
	idP     = "11010519491231002X"
	idQ     = "440524188001010014"
)

func stint(school, credit, name, id, dir, start, end string) Secondment {
	s := Secondment{SchoolCode: school, CreditCode: credit, Name: name, IDNumber: id, Direction: dir, Post: "兼职教师",
		Start: day(start)}
	if end != "" {
		s.End = day(end)
	}
	return s
}

func secondaryA() School {
	return School{Code: schoolA, Name: "甲校", Type: "中等职业学校", Region: "532323", Ownership: "公办"}
}

func secondaryB() School {
	return School{Code: schoolB, Name: "乙校", Type: "中等职业学校", Region: "532323", Ownership: "公办"}
}

func dataset2025(schools ...School) Dataset {
	return Dataset{Unit: Unit{Code: "532323", Name: "牟定县", Level: LevelCounty}, Year: 2025, Schools: schools,
		Targets: DefaultTargets(2025)}
}

func schoolFigures(t *testing.T, f *Figures, code string) SchoolFigures {
	t.Helper()
	for _, s := range f.Schools {
		if s.Code == code {
			return s
		}
	}
	t.Fatalf("no figures for school %s in %+v", code, f.Schools)
	return SchoolFigures{}
}

func TestComputeSecondmentPersons(t *testing.T) {
	type counts struct{ Persons, SchoolToEnterprise, EnterpriseToSchool int }
	s2e, e2s := DirSchoolToEnterprise, DirEnterpriseToSchool
	tests := []struct {
		name   string
		stints []Secondment
		wantA  counts
		wantB  counts
	}{
		{"None", nil, counts{}, counts{}},
		{"TwoStintsSameIDCountOnce", []Secondment{
			stint(schoolA, entX, "张三", idP, s2e, "2025-01-01", "2025-03-31"),
			stint(schoolA, entY, "张三", idP, s2e, "2025-07-01", "2025-09-30"),
		}, counts{1, 1, 0}, counts{}},
		{"SameIDDifferentNameSpellingCountOnce", []Secondment{
			stint(schoolA, entX, "张三", idP, s2e, "2025-01-01", ""),
			stint(schoolA, entX, "张 三", idP, s2e, "2025-07-01", ""),
		}, counts{1, 1, 0}, counts{}},
		{"SameNameDifferentIDsTwoPersons", []Secondment{
			stint(schoolA, entX, "张三", idP, s2e, "2025-01-01", ""),
			stint(schoolA, entX, "张三", idQ, s2e, "2025-02-01", ""),
		}, counts{2, 2, 0}, counts{}},
		{"NoIDMergesWithIDSameSchoolNameEnterprise", []Secondment{
			stint(schoolA, entX, "张三", "", s2e, "2025-01-01", "2025-03-31"),
			stint(schoolA, entX, "张三", idP, s2e, "2025-07-01", ""),
		}, counts{1, 1, 0}, counts{}},
		{"NoIDOtherEnterpriseIsAnotherPerson", []Secondment{
			stint(schoolA, entY, "张三", "", s2e, "2025-01-01", "2025-03-31"),
			stint(schoolA, entX, "张三", idP, s2e, "2025-07-01", ""),
		}, counts{2, 2, 0}, counts{}},
		{"NoIDOtherSchoolNotMerged", []Secondment{
			stint(schoolB, entX, "张三", "", s2e, "2025-01-01", "2025-03-31"),
			stint(schoolA, entX, "张三", idP, s2e, "2025-07-01", ""),
		}, counts{1, 1, 0}, counts{1, 1, 0}},
		{"NoIDTwoStintsSameNameEnterpriseOnce", []Secondment{
			stint(schoolA, entX, "李四", "", e2s, "2025-01-01", "2025-03-31"),
			stint(schoolA, entX, "李四", "", e2s, "2025-09-01", ""),
		}, counts{1, 0, 1}, counts{}},
		{"NoIDDifferentNamesTwoPersons", []Secondment{
			stint(schoolA, entX, "李四", "", e2s, "2025-01-01", ""),
			stint(schoolA, entX, "王五", "", e2s, "2025-01-01", ""),
		}, counts{2, 0, 2}, counts{}},
		{"PersonKeyIsIdentity", []Secondment{
			func() Secondment {
				s := stint(schoolA, entX, "赵六", "", s2e, "2025-01-01", "")
				s.PersonKey = "k1"
				return s
			}(),
			func() Secondment {
				s := stint(schoolA, entY, "赵六", "", s2e, "2025-05-01", "")
				s.PersonKey = "k1"
				return s
			}(),
		}, counts{1, 1, 0}, counts{}},
		{"BothDirectionsTotalLessThanSum", []Secondment{
			stint(schoolA, entX, "张三", idP, s2e, "2025-01-01", "2025-03-31"),
			stint(schoolA, entX, "张三", idP, e2s, "2025-07-01", ""),
			stint(schoolA, entY, "李四", idQ, e2s, "2025-07-01", ""),
		}, counts{2, 1, 2}, counts{}},
		{"NoIDTakesTheSmallestOfTwoIDs", []Secondment{ // idP < idQ: the stint adds idP to 学校派往企业
			stint(schoolA, entX, "张三", idQ, s2e, "2025-01-01", "2025-03-31"),
			stint(schoolA, entX, "张三", idP, e2s, "2025-04-01", "2025-06-30"),
			stint(schoolA, entX, "张三", "", s2e, "2025-07-01", ""),
		}, counts{2, 2, 1}, counts{}},
		{"SamePersonAtTwoSchoolsCountsAtEach", []Secondment{
			stint(schoolA, entX, "张三", idP, s2e, "2025-01-01", ""),
			stint(schoolB, entX, "张三", idP, s2e, "2025-01-01", ""),
		}, counts{1, 1, 0}, counts{1, 1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dataset2025(secondaryA(), secondaryB())
			d.Secondments = tt.stints
			f := d.Compute(mustRef(t))
			for _, c := range []struct {
				code string
				want counts
			}{{schoolA, tt.wantA}, {schoolB, tt.wantB}} {
				sf := schoolFigures(t, f, c.code).Secondments
				got := counts{sf.Persons, sf.SchoolToEnterprise, sf.EnterpriseToSchool}
				if got != c.want {
					t.Errorf("school %s: got %+v, want %+v", c.code, got, c.want)
				}
			}
		})
	}
}

func TestSecondmentOverlaps(t *testing.T) {
	tests := []struct {
		name       string
		start, end string
		want       bool
	}{
		{"EndedBeforeYear", "2024-03-01", "2024-12-31", false},
		{"EndsOnFirstDayOfYear", "2024-03-01", "2025-01-01", true},
		{"EndsInYear", "2024-09-01", "2025-06-30", true},
		{"OngoingStartedEarlier", "2023-09-01", "", true},
		{"WithinYear", "2025-03-01", "2025-06-30", true},
		{"SpansYear", "2024-09-01", "2026-06-30", true},
		{"StartsOnLastDayOfYear", "2025-12-31", "", true},
		{"StartsAfterYear", "2026-01-01", "", false},
		{"StartsAfterYearWithEnd", "2026-01-01", "2026-06-30", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := stint(schoolA, entX, "张三", "", DirSchoolToEnterprise, tt.start, tt.end)
			if got := s.Overlaps(2025); got != tt.want {
				t.Errorf("Overlaps(2025) of [%s, %s] = %v, want %v", tt.start, tt.end, got, tt.want)
			}
		})
	}
}

// persons makes n distinct persons' stints at a school.
func persons(school string, n int) []Secondment {
	var out []Secondment
	for i := range n {
		out = append(out, stint(school, entX, fmt.Sprintf("教师%02d", i), "", DirSchoolToEnterprise, "2025-03-01", "2025-06-30"))
	}
	return out
}

func TestComputeSecondmentTarget(t *testing.T) {
	highSchool := School{Code: "3453003101", Name: "一中", Type: "普通高中", Region: "532323", Ownership: "公办"}
	closedNow := School{Code: "3653003103", Name: "今年停办", Type: "中等职业学校", Region: "532323", Ownership: "公办", ClosedYear: 2025}
	closedEarlier := School{Code: "3653003104", Name: "早已停办", Type: "技工学校", Region: "532323", Ownership: "公办", ClosedYear: 2020}
	closingLater := School{Code: "3653003105", Name: "明年停办", Type: "技工学校", Region: "532323", Ownership: "公办", ClosedYear: 2026}

	type want struct {
		assessed bool
		persons  int
		met      *bool // nil = not decided
		gap      int
	}
	yes, no := true, false
	tests := []struct {
		name            string
		schools         []School
		stints          []Secondment
		targets         []Target
		want            map[string]want
		met, assessedOf int
	}{
		{"TenMeets", []School{secondaryA()}, persons(schoolA, 10), DefaultTargets(2025),
			map[string]want{schoolA: {true, 10, &yes, 0}}, 1, 1},
		{"NineShortByOne", []School{secondaryA()}, persons(schoolA, 9), DefaultTargets(2025),
			map[string]want{schoolA: {true, 9, &no, 1}}, 0, 1},
		{"OverTarget", []School{secondaryA()}, persons(schoolA, 14), DefaultTargets(2025),
			map[string]want{schoolA: {true, 14, &yes, 0}}, 1, 1},
		{"NoneShortByTen", []School{secondaryA()}, nil, DefaultTargets(2025),
			map[string]want{schoolA: {true, 0, &no, 10}}, 0, 1},
		{"OwnTargetFive", []School{secondaryA()}, persons(schoolA, 5), []Target{{Year: 2025, Indicator: IndSecondment, Value: 5}},
			map[string]want{schoolA: {true, 5, &yes, 0}}, 1, 1},
		{"NoTargetNotDecided", []School{secondaryA()}, persons(schoolA, 3), nil,
			map[string]want{schoolA: {true, 3, nil, 0}}, 0, 1},
		{"HighSchoolNotAssessed", []School{secondaryA(), highSchool}, append(persons(schoolA, 10), persons(highSchool.Code, 2)...), DefaultTargets(2025),
			map[string]want{schoolA: {true, 10, &yes, 0}, highSchool.Code: {false, 2, nil, 8}}, 1, 1},
		{"ClosedThisYearNotAssessed", []School{secondaryA(), closedNow}, nil, DefaultTargets(2025),
			map[string]want{schoolA: {true, 0, &no, 10}, closedNow.Code: {false, 0, nil, 10}}, 0, 1},
		{"ClosedEarlierNotAssessed", []School{closedEarlier}, persons(closedEarlier.Code, 12), DefaultTargets(2025),
			map[string]want{closedEarlier.Code: {false, 12, nil, 0}}, 0, 0},
		{"ClosingNextYearAssessed", []School{closingLater}, persons(closingLater.Code, 12), DefaultTargets(2025),
			map[string]want{closingLater.Code: {true, 12, &yes, 0}}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dataset2025(tt.schools...)
			d.Secondments, d.Targets = tt.stints, tt.targets
			f := d.Compute(mustRef(t))
			if f.SecondmentSchoolsMet != tt.met || f.SecondmentSchoolsAssessed != tt.assessedOf {
				t.Errorf("met/assessed = %d/%d, want %d/%d", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed, tt.met, tt.assessedOf)
			}
			if len(f.Schools) != len(tt.schools) {
				t.Errorf("%d school figures, want %d", len(f.Schools), len(tt.schools))
			}
			for code, w := range tt.want {
				sf := schoolFigures(t, f, code)
				if sf.Assessed != w.assessed {
					t.Errorf("%s: Assessed = %v, want %v", code, sf.Assessed, w.assessed)
				}
				if sf.Secondments.Persons != w.persons {
					t.Errorf("%s: Persons = %d, want %d", code, sf.Secondments.Persons, w.persons)
				}
				if !reflect.DeepEqual(sf.Secondments.Met, w.met) {
					t.Errorf("%s: Met = %v, want %v", code, boolText(sf.Secondments.Met), boolText(w.met))
				}
				if got := sf.Secondments.Gap(); got != w.gap {
					t.Errorf("%s: Gap() = %d, want %d", code, got, w.gap)
				}
			}
		})
	}
}

func boolText(b *bool) string {
	if b == nil {
		return "nil"
	}
	return fmt.Sprint(*b)
}

func TestSecondmentFiguresGap(t *testing.T) {
	ten := 10
	for _, tt := range []struct {
		name    string
		target  *int
		persons int
		want    int
	}{
		{"NoTarget", nil, 3, 0}, {"Short", &ten, 7, 3}, {"Exactly", &ten, 10, 0}, {"Over", &ten, 12, 0}, {"Zero", &ten, 0, 10},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := (SecondmentFigures{Persons: tt.persons, Target: tt.target}).Gap(); got != tt.want {
				t.Errorf("Gap() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestComputeSchoolsSorted(t *testing.T) {
	d := dataset2025(secondaryB(), secondaryA())
	f := d.Compute(mustRef(t))
	if len(f.Schools) != 2 || f.Schools[0].Code != schoolA || f.Schools[1].Code != schoolB {
		t.Errorf("schools not in code order: %+v", f.Schools)
	}
}

func training(category string, count int, start, end string) Training {
	tr := Training{SchoolCode: schoolA, Name: category + "培训", Category: category, Count: count, Start: day(start)}
	if end != "" {
		tr.End = day(end)
	}
	return tr
}

func TestTrainingCountedIn(t *testing.T) {
	for _, tt := range []struct {
		name, start, end string
		want             int
	}{
		{"ByEnd", "2024-12-20", "2025-01-05", 2025},
		{"ByEndSameYear", "2025-04-01", "2025-04-10", 2025},
		{"ByStartWhenNoEnd", "2024-12-20", "", 2024},
		{"EndNextYear", "2025-12-20", "2026-01-05", 2026},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := training("在校学生", 1, tt.start, tt.end).CountedIn(); got != tt.want {
				t.Errorf("CountedIn() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestComputeTraining(t *testing.T) {
	trs := []Training{
		training("在校学生", 90, "2025-05-06", "2025-05-09"),
		training("在校学生", 10, "2025-06-01", ""),
		training("企业职工", 300, "2025-03-01", "2025-03-05"),
		training("社会人员", 50, "2025-03-01", "2025-03-05"),
		training("农村劳动力", 150, "2025-04-01", "2025-04-10"),
	}
	tg := func(v float64, cats ...string) Target {
		return Target{Year: 2025, Indicator: IndTraining, Categories: cats, Value: v}
	}
	tests := []struct {
		name        string
		targets     []Target
		ownTarget   map[string]int // categories with their own target
		wantTargets []TrainingTarget
	}{
		{"NoTargets", DefaultTargets(2025), nil, []TrainingTarget{}},
		{"SingleCategoryMet", []Target{tg(100, "在校学生")}, map[string]int{"在校学生": 100},
			[]TrainingTarget{{Categories: []string{"在校学生"}, Count: 100, Target: 100, Met: true}}},
		{"SingleCategoryShort", []Target{tg(101, "在校学生")}, map[string]int{"在校学生": 101},
			[]TrainingTarget{{Categories: []string{"在校学生"}, Count: 100, Target: 101, Met: false}}},
		{"MultiCategoryPooled", []Target{tg(350, "社会人员", "企业职工")}, nil,
			[]TrainingTarget{{Categories: []string{"企业职工", "社会人员"}, Count: 350, Target: 350, Met: true}}},
		{"MultiCategoryShort", []Target{tg(400, "企业职工", "社会人员")}, nil,
			[]TrainingTarget{{Categories: []string{"企业职工", "社会人员"}, Count: 350, Target: 400, Met: false}}},
		{"ChuxiongSplit", []Target{tg(200, "在校学生"), tg(300, "企业职工", "社会人员"), tg(500, "农村劳动力")},
			map[string]int{"在校学生": 200, "农村劳动力": 500},
			[]TrainingTarget{
				{Categories: []string{"在校学生"}, Count: 100, Target: 200, Met: false},
				{Categories: []string{"企业职工", "社会人员"}, Count: 350, Target: 300, Met: true},
				{Categories: []string{"农村劳动力"}, Count: 150, Target: 500, Met: false},
			}},
	}
	wantCounts := map[string]int{"在校学生": 100, "企业职工": 300, "社会人员": 50, "农村劳动力": 150}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dataset2025(secondaryA())
			d.Trainings, d.Targets = trs, tt.targets
			f := d.Compute(mustRef(t))
			if f.Training.Total != 600 {
				t.Errorf("Total = %d, want 600", f.Training.Total)
			}
			if len(f.Training.ByCategory) != len(TrainingGroups) {
				t.Errorf("ByCategory has %d entries, want %d", len(f.Training.ByCategory), len(TrainingGroups))
			}
			for _, g := range TrainingGroups {
				cc := f.Training.ByCategory[g]
				if cc.Count != wantCounts[g] {
					t.Errorf("%s: count %d, want %d", g, cc.Count, wantCounts[g])
				}
				own, ok := tt.ownTarget[g]
				switch {
				case ok && (cc.Target == nil || *cc.Target != own):
					t.Errorf("%s: own target %v, want %d", g, cc.Target, own)
				case !ok && cc.Target != nil:
					t.Errorf("%s: own target %d, want none", g, *cc.Target)
				}
			}
			if !reflect.DeepEqual(f.Training.Targets, tt.wantTargets) {
				t.Errorf("Targets = %+v, want %+v", f.Training.Targets, tt.wantTargets)
			}
		})
	}
}

func major(school, code string, graduates, progressed int) Major {
	return Major{SchoolCode: school, Year: 2025, Code: code, Name: "专业" + code, Status: "招生",
		Enrolled: graduates * 3, Graduates: graduates, Progressed: progressed}
}

func TestComputeProgression(t *testing.T) {
	f64 := func(v float64) *float64 { return &v }
	yes, no := true, false
	tests := []struct {
		name                  string
		year                  int
		majors                []Major
		graduates, progressed int
		rate, target          *float64
		met                   *bool
	}{
		{"ThreeOfFiveMeets", 2025, []Major{major(schoolA, "710201", 5, 3)}, 5, 3, f64(0.6), f64(0.6), &yes},
		{"FiveNinetyNineOfThousandShort", 2025, []Major{major(schoolA, "710201", 1000, 599)}, 1000, 599, f64(0.599), f64(0.6), &no},
		{"SixHundredOfThousandMeets", 2025, []Major{major(schoolA, "710201", 1000, 600)}, 1000, 600, f64(0.6), f64(0.6), &yes},
		{"PooledNotAveraged", 2025, []Major{major(schoolA, "710201", 10, 10), major(schoolB, "740101", 90, 45)},
			100, 55, f64(0.55), f64(0.6), &no},
		{"OnlySecondaryCodes", 2025, []Major{
			major(schoolA, "610101", 10, 6), major(schoolA, "790101", 10, 6),
			major(schoolA, "510201", 100, 0), major(schoolA, "210101", 100, 0), major(schoolA, "800101", 100, 0), major(schoolA, "600101", 100, 0),
		}, 20, 12, f64(0.6), f64(0.6), &yes},
		{"NoGraduatesNoRate", 2025, []Major{major(schoolA, "710201", 0, 0)}, 0, 0, nil, f64(0.6), nil},
		{"NoMajorsNoRate", 2025, nil, 0, 0, nil, f64(0.6), nil},
		{"NoTargetBefore2025", 2024, []Major{major(schoolA, "710201", 5, 3)}, 5, 3, f64(0.6), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dataset2025(secondaryA(), secondaryB())
			d.Year, d.Majors, d.Targets = tt.year, tt.majors, DefaultTargets(tt.year)
			p := d.Compute(mustRef(t)).Progression
			if p.Graduates != tt.graduates || p.Progressed != tt.progressed {
				t.Errorf("graduates/progressed = %d/%d, want %d/%d", p.Graduates, p.Progressed, tt.graduates, tt.progressed)
			}
			if !reflect.DeepEqual(p.Rate, tt.rate) {
				t.Errorf("Rate = %v, want %v", floatText(p.Rate), floatText(tt.rate))
			}
			if !reflect.DeepEqual(p.Target, tt.target) {
				t.Errorf("Target = %v, want %v", floatText(p.Target), floatText(tt.target))
			}
			if !reflect.DeepEqual(p.Met, tt.met) {
				t.Errorf("Met = %v, want %v", boolText(p.Met), boolText(tt.met))
			}
		})
	}
}

func floatText(f *float64) string {
	if f == nil {
		return "nil"
	}
	return fmt.Sprint(*f)
}

func TestRateMet(t *testing.T) {
	for _, tt := range []struct {
		num, den int
		target   float64
		want     bool
	}{
		{3, 5, 0.6, true}, {599, 1000, 0.6, false}, {600, 1000, 0.6, true}, {5996, 10000, 0.6, false},
		{1, 1, 1, true}, {99, 100, 1, false}, {0, 10, 0, true}, {1, 3, 0.3333, true}, {1, 3, 0.3334, false},
	} {
		t.Run(fmt.Sprintf("%d/%d>=%g", tt.num, tt.den, tt.target), func(t *testing.T) {
			if got := rateMet(tt.num, tt.den, tt.target); got != tt.want {
				t.Errorf("rateMet(%d, %d, %g) = %v, want %v", tt.num, tt.den, tt.target, got, tt.want)
			}
		})
	}
}

func TestComputeCoverage(t *testing.T) {
	college := School{Code: "4153003101", Name: "高职", Type: "高职专科", Region: "532323", Ownership: "公办"}
	closed := School{Code: "3653003109", Name: "停办中职", Type: "中等职业学校", Region: "532323", Ownership: "公办", ClosedYear: 2024}
	with := func(school, through string) Major {
		m := major(school, "710201", 10, 5)
		m.Through = through
		return m
	}
	f64 := func(v float64) *float64 { return &v }
	yes, no := true, false
	tests := []struct {
		name             string
		year             int
		schools          []School
		majors           []Major
		schoolsN, coverN int
		rate, target     *float64
		met              *bool
	}{
		{"HalfCovered2025NoTarget", 2025, []School{secondaryA(), secondaryB()}, []Major{with(schoolA, "3+2"), with(schoolB, "")},
			2, 1, f64(0.5), nil, nil},
		{"HalfCovered2026Unmet", 2026, []School{secondaryA(), secondaryB()}, []Major{with(schoolA, "3+2"), with(schoolB, "无")},
			2, 1, f64(0.5), f64(1), &no},
		{"FiveYearCounts", 2026, []School{secondaryA(), secondaryB()}, []Major{with(schoolA, "3+2"), with(schoolB, "五年一贯制")},
			2, 2, f64(1), f64(1), &yes},
		{"ThreePlusFourDoesNot", 2026, []School{secondaryA()}, []Major{with(schoolA, "3+4")},
			1, 0, f64(0), f64(1), &no},
		{"SchoolCountedOnceWithTwoMajors", 2026, []School{secondaryA()}, []Major{with(schoolA, "3+2"), with(schoolA, "五年一贯制")},
			1, 1, f64(1), f64(1), &yes},
		{"OnlySecondarySchoolsRunning", 2026, []School{secondaryA(), college, closed},
			[]Major{with(schoolA, "3+2"), with(college.Code, "3+2"), with(closed.Code, "3+2")},
			1, 1, f64(1), f64(1), &yes},
		{"NoSecondarySchools", 2026, []School{college}, []Major{with(college.Code, "3+2")},
			0, 0, nil, f64(1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dataset2025(tt.schools...)
			d.Year, d.Majors, d.Targets = tt.year, tt.majors, DefaultTargets(tt.year)
			c := d.Compute(mustRef(t)).Coverage
			if c.Schools != tt.schoolsN || c.Covered != tt.coverN {
				t.Errorf("covered/schools = %d/%d, want %d/%d", c.Covered, c.Schools, tt.coverN, tt.schoolsN)
			}
			if !reflect.DeepEqual(c.Rate, tt.rate) {
				t.Errorf("Rate = %v, want %v", floatText(c.Rate), floatText(tt.rate))
			}
			if !reflect.DeepEqual(c.Target, tt.target) {
				t.Errorf("Target = %v, want %v", floatText(c.Target), floatText(tt.target))
			}
			if !reflect.DeepEqual(c.Met, tt.met) {
				t.Errorf("Met = %v, want %v", boolText(c.Met), boolText(tt.met))
			}
		})
	}
}

func TestComputePartnersAndCounts(t *testing.T) {
	ents := []Enterprise{
		{CreditCode: entX, Name: "X", Grade: "省级"},
		{CreditCode: entY, Name: "Y"},
		{CreditCode: entZ, Name: "Z", Grade: "国家级"},
		{CreditCode: "915323230000000206", Name: "W（未合作）", Grade: "国家级"},
	}
	mA := major(schoolA, "710201", 10, 5)
	mA.Enterprises, mA.Quality = []string{entX, entY}, "省级"
	mB := major(schoolB, "740101", 10, 5)
	mB.Enterprises, mB.Quality = []string{entX}, "国家级"
	trWith := training("企业职工", 20, "2025-03-01", "")
	trWith.CreditCode = entZ
	a, b := secondaryA(), secondaryB()
	a.Quality = "省级"
	tests := []struct {
		name                          string
		majors                        []Major
		stints                        []Secondment
		trainings                     []Training
		partners, integrated          int
		orderClass                    int
		qualitySchools, qualityMajors map[string]int
	}{
		{"Nothing", nil, nil, []Training{training("在校学生", 5, "2025-03-01", "")}, 0, 0, 0,
			map[string]int{"省级": 1}, map[string]int{}},
		{"MajorsOnly", []Major{mA, mB}, nil, nil, 2, 1, 20,
			map[string]int{"省级": 1}, map[string]int{"省级": 1, "国家级": 1}},
		{"DistinctAcrossKinds", []Major{mA, mB}, []Secondment{
			stint(schoolA, entX, "张三", idP, DirSchoolToEnterprise, "2025-01-01", ""),
			stint(schoolB, entY, "李四", idQ, DirEnterpriseToSchool, "2025-01-01", ""),
		}, []Training{trWith, training("在校学生", 5, "2025-03-01", "")}, 3, 2, 20,
			map[string]int{"省级": 1}, map[string]int{"省级": 1, "国家级": 1}},
		{"StintsOnly", nil, []Secondment{stint(schoolA, entY, "张三", "", DirSchoolToEnterprise, "2025-01-01", "")}, nil, 1, 0, 0,
			map[string]int{"省级": 1}, map[string]int{}},
		{"TrainingOnly", nil, nil, []Training{trWith}, 1, 1, 0,
			map[string]int{"省级": 1}, map[string]int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dataset2025(a, b)
			d.Enterprises, d.Majors, d.Secondments, d.Trainings = ents, tt.majors, tt.stints, tt.trainings
			for _, m := range tt.majors { // 订单班人数 comes from the majors' order classes
				d.Classes = append(d.Classes, Class{SchoolCode: m.SchoolCode, Year: m.Year, Name: m.Name + "订单班", Type: ClassOrder,
					MajorCode: m.Code, Students: map[string]int{"710201": 12, "740101": 8}[m.Code]})
			}
			f := d.Compute(mustRef(t))
			if f.PartnerEnterprises != tt.partners || f.IntegratedEnterprises != tt.integrated {
				t.Errorf("partners/integrated = %d/%d, want %d/%d", f.PartnerEnterprises, f.IntegratedEnterprises, tt.partners, tt.integrated)
			}
			if f.OrderClassStudents != tt.orderClass {
				t.Errorf("OrderClassStudents = %d, want %d", f.OrderClassStudents, tt.orderClass)
			}
			if !reflect.DeepEqual(f.QualitySchools, tt.qualitySchools) {
				t.Errorf("QualitySchools = %v, want %v", f.QualitySchools, tt.qualitySchools)
			}
			if !reflect.DeepEqual(f.QualityMajors, tt.qualityMajors) {
				t.Errorf("QualityMajors = %v, want %v", f.QualityMajors, tt.qualityMajors)
			}
		})
	}
}

func TestComputeWarnings(t *testing.T) {
	d := dataset2025(secondaryA())
	d.Enterprises = []Enterprise{{CreditCode: entX, Name: "对"}, {CreditCode: "914403001922038217", Name: "校验位错"}}
	m := major(schoolA, "710201", 10, 5)
	m.SchoolType, m.Name = "中等职业学校", "计算机"
	d.Majors = []Major{m}
	f := d.Compute(mustRef(t))
	var got []string
	for _, w := range f.Warnings {
		got = append(got, w.Table+"|"+w.Key+"|"+w.Field)
	}
	want := []string{"合作企业|914403001922038217|统一社会信用代码", "专业|3653003101/2025/710201|专业名称"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings = %v, want %v", got, want)
	}
}

// TestComputeFiguresJSON pins the shape of `check --json`.
func TestComputeFiguresJSON(t *testing.T) {
	tests := []struct {
		name    string
		targets []Target
		check   func(t *testing.T, m map[string]any)
	}{
		{"Defaults2024", DefaultTargets(2024), func(t *testing.T, m map[string]any) {
			expectJSON(t, m, "secondment_schools_met", 0.0)
			expectJSON(t, m, "secondment_schools_assessed", 1.0)
			expectJSON(t, m, "progression.target", nil)
			expectJSON(t, m, "progression.rate", 0.5)
			expectJSON(t, m, "progression.met", nil)
			expectJSON(t, m, "coverage.target", nil)
			expectJSON(t, m, "training.total", 90.0)
			expectJSON(t, m, "training.在校学生", map[string]any{"count": 90.0, "target": nil})
			expectJSON(t, m, "training.企业职工", map[string]any{"count": 0.0, "target": nil})
			expectJSON(t, m, "training.社会人员", map[string]any{"count": 0.0, "target": nil})
			expectJSON(t, m, "training.农村劳动力", map[string]any{"count": 0.0, "target": nil})
			expectJSON(t, m, "training.targets", []any{})
		}},
		{"NoTargetsAtAll", nil, func(t *testing.T, m map[string]any) {
			schools := m["schools"].([]any)
			sec := schools[0].(map[string]any)["secondments"]
			want := map[string]any{"school_to_enterprise": 1.0, "enterprise_to_school": 0.0, "persons": 1.0, "target": nil, "met": nil}
			if !reflect.DeepEqual(sec, want) {
				t.Errorf("schools[0].secondments = %v, want %v", sec, want)
			}
		}},
		{"TrainingTarget", []Target{{Indicator: IndTraining, Categories: []string{"在校学生"}, Value: 100}, {Indicator: IndProgression, Value: 0.5}}, func(t *testing.T, m map[string]any) {
			expectJSON(t, m, "training.在校学生", map[string]any{"count": 90.0, "target": 100.0})
			expectJSON(t, m, "training.targets", []any{map[string]any{"categories": []any{"在校学生"}, "count": 90.0, "target": 100.0, "met": false}})
			expectJSON(t, m, "progression.target", 0.5)
			expectJSON(t, m, "progression.met", true)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dataset2025(secondaryA())
			d.Year = 2024
			mj := major(schoolA, "710201", 10, 5)
			mj.SchoolType, mj.Name = "中等职业学校", "计算机应用"
			d.Majors = []Major{mj}
			d.Secondments = []Secondment{stint(schoolA, entX, "张三", idP, DirSchoolToEnterprise, "2024-03-01", "")}
			d.Trainings = []Training{training("在校学生", 90, "2024-05-06", "2024-05-09")}
			d.Targets = tt.targets
			b, err := json.Marshal(d.Compute(mustRef(t)))
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			wantKeys := []string{"activities", "agreements", "assessment", "awards", "carriers", "classes", "coverage", "enterprise_practice",
				"integrated_enterprises", "majors_change", "order_class_students", "partner_enterprises", "progression",
				"quality_majors", "quality_schools", "schools", "secondment_schools_assessed", "secondment_schools_met", "teachers", "training",
				"unit", "warnings", "year"}
			if !reflect.DeepEqual(keys, wantKeys) {
				t.Errorf("top-level keys = %v, want %v", keys, wantKeys)
			}
			var tkeys []string
			for k := range m["training"].(map[string]any) {
				tkeys = append(tkeys, k)
			}
			sort.Strings(tkeys)
			if want := []string{"targets", "total", "企业职工", "农村劳动力", "在校学生", "社会人员"}; !reflect.DeepEqual(tkeys, want) {
				t.Errorf("training keys = %v, want %v", tkeys, want)
			}
			expectJSON(t, m, "unit", map[string]any{"code": "532323", "name": "牟定县", "level": "county"})
			expectJSON(t, m, "year", 2024.0)
			expectJSON(t, m, "warnings", []any{})
			tt.check(t, m)
		})
	}
}

// expectJSON checks the value at a dotted path of decoded JSON.
func expectJSON(t *testing.T, m map[string]any, path string, want any) {
	t.Helper()
	var v any = m
	for _, k := range splitPath(path) {
		obj, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: %v is not an object", path, v)
			return
		}
		if v, ok = obj[k]; !ok {
			t.Errorf("%s: key %q missing", path, k)
			return
		}
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("%s = %#v, want %#v", path, v, want)
	}
}

func splitPath(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		if p[i] == '.' {
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

// exampleDataset is shared/examples/532323-example.xlsx encoded by hand: 2
// schools, 10 enterprises, 2 majors, 12 stints and 2 trainings in 2025.
func exampleDataset() Dataset {
	d := Dataset{Unit: Unit{Code: "532323", Name: "牟定县", Level: LevelCounty}, Year: 2025, Targets: DefaultTargets(2025)}
	d.Schools = []School{
		{Code: "3653003101", Name: "牟定县职业高级中学", Type: "中等职业学校", Region: "532323", Ownership: "公办", Quality: "州市级"},
		{Code: "3653003102", Name: "牟定县民族中等专业学校", Type: "中等职业学校", Region: "532323", Ownership: "公办", Quality: "省级"},
	}
	for _, e := range [][2]string{
		{"915323237A1B2C3D9B", "云南滇中汽车服务有限公司"}, {"915323235K6L7M8N12", "楚雄彝绣文化产业有限公司"},
		{"915323232P3Q4R5T0M", "云南紫溪茶业有限公司"}, {"915323239U8W7X6Y54", "楚雄州人民医院后勤服务有限公司"},
		{"9153232311223344XL", "云南智联信息技术有限公司"}, {"91532323556677885R", "滇中电子商务产业园有限公司"},
		{"91532323A1B1C1D173", "楚雄高新区机电设备有限公司"}, {"91532323E2F2G2H26Q", "云南彝乡旅游开发有限公司"},
		{"91532323J3K3L3M35E", "楚雄农垦现代农业有限公司"}, {"91532323N4P4Q4R444", "云南康养健康管理有限公司"},
	} {
		d.Enterprises = append(d.Enterprises, Enterprise{CreditCode: e[0], Name: e[1], Region: "532323"})
	}
	d.Majors = []Major{
		{SchoolCode: "3653003101", SchoolType: "中等职业学校", Year: 2025, Code: "710201", Name: "计算机应用", OpenedYear: 2018, Status: "招生",
			Enrolled: 200, Graduates: 60, Progressed: 40, Through: "3+2"},
		{SchoolCode: "3653003102", SchoolType: "中等职业学校", Year: 2025, Code: "740101", Name: "旅游服务与管理", OpenedYear: 2018, Status: "招生",
			Enrolled: 120, Graduates: 40, Progressed: 18},
	}
	// the example's 订单班人数 20, as the migration and the import make it a class
	d.Classes = []Class{LegacyOrderClass(d.Majors[0], 20)}
	credits := []string{"915323237A1B2C3D9B", "915323235K6L7M8N12", "915323232P3Q4R5T0M", "915323239U8W7X6Y54"}
	for i := range 12 {
		school := "3653003101"
		if i%2 == 1 {
			school = "3653003102"
		}
		s := stint(school, credits[i%4], fmt.Sprintf("教师%02d", i), "", DirSchoolToEnterprise, "2025-03-01", "2025-06-30")
		s.Gender, s.Post = "女", "实践锻炼"
		d.Secondments = append(d.Secondments, s)
	}
	d.Trainings = []Training{
		{SchoolCode: "3653003101", Name: "电工技能培训", Category: "农村劳动力", Count: 150, Hours: 8, Start: day("2025-04-01"), End: day("2025-04-10")},
		{SchoolCode: "3653003102", Name: "导游服务培训", Category: "在校学生", Count: 90, Hours: 8, Start: day("2025-05-06"), End: day("2025-05-09")},
	}
	return d
}

// TestComputeExample532323 reproduces the figures listed in
// shared/examples/README.md.
func TestComputeExample532323(t *testing.T) {
	f := exampleDataset().Compute(mustRef(t))
	ten, no := 10, false
	for _, code := range []string{"3653003101", "3653003102"} {
		t.Run("Secondments"+code, func(t *testing.T) {
			got := schoolFigures(t, f, code).Secondments
			want := SecondmentFigures{Persons: 6, SchoolToEnterprise: 6, EnterpriseToSchool: 0, Target: &ten, Met: &no}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v (target %v, met %v), want persons 6, 6/0, target 10, met false", got, got.Target, boolText(got.Met))
			}
			if got.Gap() != 4 {
				t.Errorf("Gap() = %d, want 4", got.Gap())
			}
		})
	}
	t.Run("SchoolsMet", func(t *testing.T) {
		if f.SecondmentSchoolsMet != 0 || f.SecondmentSchoolsAssessed != 2 {
			t.Errorf("met/assessed = %d/%d, want 0/2", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)
		}
	})
	t.Run("Training", func(t *testing.T) {
		got := []int{f.Training.ByCategory["在校学生"].Count, f.Training.ByCategory["企业职工"].Count,
			f.Training.ByCategory["社会人员"].Count, f.Training.ByCategory["农村劳动力"].Count, f.Training.Total}
		if want := []int{90, 0, 0, 150, 240}; !reflect.DeepEqual(got, want) {
			t.Errorf("training 在校学生/企业职工/社会人员/农村劳动力/total = %v, want %v", got, want)
		}
	})
	t.Run("Progression", func(t *testing.T) {
		p := f.Progression
		if p.Graduates != 100 || p.Progressed != 58 || p.Rate == nil || *p.Rate != 0.58 {
			t.Errorf("progression = %d/%d rate %s, want 100/58 rate 0.58", p.Progressed, p.Graduates, floatText(p.Rate))
		}
		if p.Met == nil || *p.Met {
			t.Errorf("progression met = %s, want false (58%% < 60%%)", boolText(p.Met))
		}
	})
	t.Run("Others", func(t *testing.T) {
		if f.Coverage.Schools != 2 || f.Coverage.Covered != 1 {
			t.Errorf("coverage = %d/%d, want 1/2", f.Coverage.Covered, f.Coverage.Schools)
		}
		if f.OrderClassStudents != 20 || f.PartnerEnterprises != 4 || f.IntegratedEnterprises != 0 {
			t.Errorf("order class %d, partners %d, integrated %d; want 20, 4, 0", f.OrderClassStudents, f.PartnerEnterprises, f.IntegratedEnterprises)
		}
	})
	t.Run("Pure", func(t *testing.T) {
		again := exampleDataset().Compute(mustRef(t))
		a, _ := json.Marshal(f)
		b, _ := json.Marshal(again)
		if string(a) != string(b) {
			t.Errorf("Compute is not deterministic:\n%s\n%s", a, b)
		}
	})
}

// TestRegroupIsGroupByInPlace: regroup gives each unit the rows groupBy
// does, in the same order, as parts of the rows themselves, which it only
// reorders; a part cannot grow into the next.
func TestRegroupIsGroupByInPlace(t *testing.T) {
	type row struct {
		unit string
		n    int
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 2, 7, 100, 1000} {
		rows := make([]row, size)
		for i := range rows {
			rows[i] = row{unit: []string{"", "5301", "5303", "5325"}[rng.IntN(4)], n: i}
		}
		unitOf := func(r row) string { return r.unit }
		want := groupBy(rows, unitOf)
		before := slices.Clone(rows)
		got := regroup(rows, unitOf)
		if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("size %d: regroup = %v, want %v", size, got, want)
		}
		slices.SortFunc(rows, func(a, b row) int { return a.n - b.n })
		if !slices.Equal(rows, before) {
			t.Fatalf("size %d: regroup lost or made rows", size)
		}
		for u, part := range got {
			if cap(part) != len(part) {
				t.Errorf("size %d: unit %s's part has room for %d more rows", size, u, cap(part)-len(part))
			}
		}
	}
}

// sortGrouped sorts as slices.SortFunc does, whatever the rows' order: in
// blocks each sorted (a province's stints, one block per file received), at
// random, or already sorted.
func TestSortGroupedIsSortFunc(t *testing.T) {
	type row struct {
		school string
		n      int
	}
	cmpRows := func(a, b row) int { return cmp.Or(strings.Compare(a.school, b.school), a.n-b.n) }
	rng := rand.New(rand.NewPCG(3, 4))
	for _, size := range []int{0, 1, 2, 7, 100, 1000} {
		rows := make([]row, size)
		for i := range rows {
			rows[i] = row{school: fmt.Sprintf("36530%d", rng.IntN(9)), n: rng.IntN(50)}
		}
		want := slices.Clone(rows)
		slices.SortFunc(want, cmpRows)
		blocks := slices.Clone(want) // sorted blocks in reverse order
		slices.SortStableFunc(blocks, func(a, b row) int { return -cmp.Compare(a.n/10, b.n/10) })
		for name, in := range map[string][]row{"random": rows, "blocks": blocks, "sorted": slices.Clone(want)} {
			sortGrouped(in, func(r row) string { return r.school }, cmpRows)
			if !slices.Equal(in, want) {
				t.Fatalf("size %d, %s: sortGrouped gave %v, want %v", size, name, in, want)
			}
		}
	}
}

// TestWarningsInRecordOrder: the stints' warnings come in the stints'
// order (school, start, name, enterprise) whatever order the dataset holds
// them in, as split leaves them regrouped by unit.
func TestWarningsInRecordOrder(t *testing.T) {
	var stints []Secondment
	for _, school := range []string{schoolA, schoolB} {
		for _, start := range []string{"2025-03-01", "2025-01-01"} {
			for _, name := range []string{"乙", "甲"} {
				s := stint(school, entX, name, idP, DirSchoolToEnterprise, start, "")
				s.Gender = "男" // idP is a woman's: a warning
				stints = append(stints, s)
			}
		}
	}
	d := dataset2025(secondaryA(), secondaryB())
	var want []string
	for _, s := range slices.SortedFunc(slices.Values(stints), compareSecondments) {
		want = append(want, s.Key())
	}
	for i := 0; i < 5; i++ {
		d.Secondments = slices.Clone(stints)
		rand.New(rand.NewPCG(uint64(i), 3)).Shuffle(len(stints), func(a, b int) {
			d.Secondments[a], d.Secondments[b] = d.Secondments[b], d.Secondments[a]
		})
		var got []string
		for _, w := range d.Compute(mustRef(t)).Warnings {
			if w.Table == "互派互聘" {
				got = append(got, w.Key)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("shuffle %d: warnings for %v, want %v", i, got, want)
		}
	}
}
