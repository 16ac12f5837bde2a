package store

import (
	"testing"
)

// Rules and counting of measures.md's 师资, 获奖 and 政校企活动.

func intp(n int) *int { return &n }

func TestTeachersValidate(t *testing.T) {
	valid := func() Teachers {
		return Teachers{SchoolCode: schoolA, Year: 2025, FullTime: 100, Professional: 60, Dual: 30, PartTime: intp(12)}
	}
	tests := []struct {
		name string
		edit func(*Teachers)
		want []fw
	}{
		{"OK", func(*Teachers) {}, nil},
		{"OKNoPartTime", func(x *Teachers) { x.PartTime = nil }, nil},
		{"OKProfessionalEqualsFullTime", func(x *Teachers) { x.Professional = 100 }, nil},
		{"OKDualEqualsProfessional", func(x *Teachers) { x.Dual = 60 }, nil},
		{"ErrSchoolRequired", func(x *Teachers) { x.SchoolCode = "" }, []fw{errOn("学校标识码")}},
		{"ErrYearRequired", func(x *Teachers) { x.Year = 0 }, []fw{errOn("统计年度")}},
		{"ErrProfessionalOverFullTime", func(x *Teachers) { x.Professional = 101 }, []fw{errOn("专业课教师数")}},
		{"ErrDualOverProfessional", func(x *Teachers) { x.Dual = 61 }, []fw{errOn("双师型教师数")}},
		{"ErrNegativePartTime", func(x *Teachers) { x.PartTime = intp(-1) }, []fw{errOn("兼职教师数")}},
		{"ErrNegativeFullTime", func(x *Teachers) { x.FullTime, x.Professional, x.Dual = -1, -1, -1 },
			[]fw{errOn("专任教师数"), errOn("专业课教师数"), errOn("双师型教师数")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := valid()
			tt.edit(&x)
			assertProblems(t, x.Validate(mustRef(t)), tt.want...)
		})
	}
}

func TestAwardValidate(t *testing.T) {
	valid := func() Award {
		return Award{SchoolCode: schoolA, Project: "全国职业院校技能大赛 电子商务运营 赛项", Category: "技能大赛", Level: GradeProvince,
			Rank: "一等奖", WinnerType: "学生", Winners: "张三、李四", Date: day("2025-05-20")}
	}
	tests := []struct {
		name string
		edit func(*Award)
		want []fw
	}{
		{"OK", func(*Award) {}, nil},
		{"OKCountyLevel", func(a *Award) { a.Level = GradeCounty }, nil},
		{"ErrProjectRequired", func(a *Award) { a.Project = "" }, []fw{errOn("项目名称")}},
		{"ErrCategoryUnknown", func(a *Award) { a.Category = "体育比赛" }, []fw{errOn("类别")}},
		{"ErrLevelUnrecognized", func(a *Award) { a.Level = GradeUnrecognized }, []fw{errOn("级别")}},
		{"ErrRankUnknown", func(a *Award) { a.Rank = "第一名" }, []fw{errOn("等次")}},
		{"ErrWinnerTypeUnknown", func(a *Award) { a.WinnerType = "企业" }, []fw{errOn("获奖对象")}},
		{"ErrWinnersRequired", func(a *Award) { a.Winners = "" }, []fw{errOn("获奖者")}},
		{"ErrDateRequired", func(a *Award) { a.Date = day("0001-01-01") }, []fw{errOn("获奖日期")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid()
			tt.edit(&a)
			assertProblems(t, a.Validate(mustRef(t)), tt.want...)
		})
	}
}

func TestActivityValidate(t *testing.T) {
	valid := func() Activity {
		return Activity{Type: ActivityJoint, Name: "2025 年第一次产教融合联席会议", Date: day("2025-03-15"), Lead: "县教育体育局",
			Enterprises: intp(12), Schools: intp(3), Visited: intp(0)}
	}
	tests := []struct {
		name string
		edit func(*Activity)
		want []fw
	}{
		{"OK", func(*Activity) {}, nil},
		{"OKNoCounts", func(a *Activity) { a.Enterprises, a.Schools, a.Visited = nil, nil, nil }, nil},
		{"ErrTypeUnknown", func(a *Activity) { a.Type = "茶话会" }, []fw{errOn("活动类型")}},
		{"ErrNameRequired", func(a *Activity) { a.Name = "" }, []fw{errOn("活动名称")}},
		{"ErrDateRequired", func(a *Activity) { a.Date = day("0001-01-01") }, []fw{errOn("日期")}},
		{"ErrNegativeVisited", func(a *Activity) { a.Visited = intp(-2) }, []fw{errOn("走访企业数")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid()
			tt.edit(&a)
			assertProblems(t, a.Validate(mustRef(t)), tt.want...)
		})
	}
}

// The period rule at each boundary: an activity on 6-30 and one on 7-1 fill
// both half-years; two in one half-year leave the other empty; quarters split
// on 3-31/4-1, 6-30/7-1 and 9-30/10-1.
func TestActivityPeriods(t *testing.T) {
	act := func(dates ...string) []Activity {
		var out []Activity
		for _, d := range dates {
			out = append(out, Activity{Type: ActivityJoint, Name: d, Date: day(d)})
		}
		return out
	}
	tests := []struct {
		name  string
		as    []Activity
		n     int
		wantN int
	}{
		{"HalfYearsBothSidesOfJuly", act("2025-06-30", "2025-07-01"), 2, 2},
		{"TwoInFirstHalfOnly", act("2025-01-10", "2025-06-30"), 2, 1},
		{"TwoInSecondHalfOnly", act("2025-07-01", "2025-12-31"), 2, 1},
		{"QuarterBoundaries", act("2025-03-31", "2025-04-01", "2025-09-30", "2025-10-01"), 4, 4},
		{"ThirdQuarterMissing", act("2025-01-01", "2025-06-30", "2025-10-01"), 4, 3},
		{"OtherYearDoesNotCount", act("2024-12-31", "2026-01-01"), 1, 0},
		{"Months", act("2025-01-31", "2025-02-01", "2025-12-31"), 12, 3},
		{"OtherTypeDoesNotCount", []Activity{{Type: ActivityExchange, Name: "x", Date: day("2025-05-01")}}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dataset2025(secondaryA())
			d.Activities = tt.as
			d.Targets = []Target{{Indicator: IndActivities, Categories: []string{ActivityJoint}, Value: float64(tt.n)}}
			f := d.Compute(mustRef(t))
			if len(f.Assessment) != 1 {
				t.Fatalf("assessment = %+v", f.Assessment)
			}
			a := f.Assessment[0]
			if *a.Done != float64(tt.wantN) || *a.Met != (tt.wantN == tt.n) || a.Target != float64(tt.n) {
				t.Errorf("done %v met %v target %v, want %d periods of %d", *a.Done, *a.Met, a.Target, tt.wantN, tt.n)
			}
		})
	}
	held := ActivityPeriodsHeld(act("2025-01-05", "2025-05-05", "2025-10-05"), ActivityJoint, 2025, 4)
	var missing []string
	for i, h := range held {
		if !h {
			missing = append(missing, PeriodName(i, 4))
		}
	}
	if len(missing) != 1 || missing[0] != "第三季度" {
		t.Errorf("missing quarters = %v, want [第三季度]", missing)
	}
}

func TestComputeStaff(t *testing.T) {
	d := dataset2025(secondaryA(), secondaryB())
	d.Teachers = []Teachers{
		{SchoolCode: schoolA, Year: 2025, FullTime: 100, Professional: 60, Dual: 33, PartTime: intp(10)},
		{SchoolCode: schoolB, Year: 2025, FullTime: 50, Professional: 40, Dual: 17},
	}
	d.Targets = append(DefaultTargets(2025), Target{Indicator: IndPractice, Value: 2}, // 双师型 50% is a default
		Target{Indicator: IndAwards, Categories: []string{GradeProvince}, Value: 2})
	st := func(dir, post, start, end string) Secondment {
		s := stint(schoolA, entX, start, "", dir, start, end)
		s.Post = post
		return s
	}
	d.Secondments = []Secondment{
		st(DirSchoolToEnterprise, PostPractice, "2024-11-01", "2025-01-01"), // overlaps by one day
		st(DirSchoolToEnterprise, PostPractice, "2025-12-31", ""),           // starts on the last day
		st(DirSchoolToEnterprise, PostPractice, "2024-01-01", "2024-12-31"), // ended the year before
		st(DirEnterpriseToSchool, PostPractice, "2025-03-01", ""),           // the other direction
		st(DirSchoolToEnterprise, "挂职", "2025-03-01", ""),                   // another post
	}
	aw := func(cat, level, date string) Award {
		return Award{SchoolCode: schoolA, Project: cat + level + date, Category: cat, Level: level, Rank: "一等奖", WinnerType: "学生", Winners: "甲", Date: day(date)}
	}
	d.Awards = []Award{aw("技能大赛", GradeNational, "2025-06-01"), aw("技能大赛", GradeProvince, "2025-07-01"),
		aw("教学能力比赛", GradeProvince, "2025-01-01"), aw("技能大赛", GradeCounty, "2025-12-31")}
	d.Majors = []Major{major(schoolA, "710201", 10, 5), major(schoolA, "740101", 10, 5), major(schoolB, "710201", 10, 5)}
	d.Majors[0].OpenedYear, d.Majors[1].Status, d.Majors[2].Status = 2025, StatusSuspended, StatusClosed
	f := d.Compute(mustRef(t))
	if tf := f.Teachers; tf.FullTime != 150 || tf.Professional != 100 || tf.Dual != 50 || tf.PartTime != 10 || *tf.Rate != 0.5 || !*tf.Met {
		t.Errorf("teachers = %+v", tf)
	}
	if s := schoolFigures(t, f, schoolB).Teachers; s == nil || s.Professional != 40 || *s.Rate != 17.0/40 {
		t.Errorf("B's teachers = %+v", s)
	}
	if f.EnterprisePractice != 2 {
		t.Errorf("enterprise_practice = %d, want 2", f.EnterprisePractice)
	}
	if got := jsonText(f.Awards); got != `[{"category":"技能大赛","level":"国家级","count":1},{"category":"技能大赛","level":"省级","count":1},{"category":"技能大赛","level":"县级","count":1},{"category":"教学能力比赛","level":"省级","count":1}]` {
		t.Errorf("awards = %s", got)
	}
	if f.MajorsChange != (MajorsChange{Enrolling: 1, Stopped: 1, Withdrawn: 1, Opened: 1}) {
		t.Errorf("majors_change = %+v", f.MajorsChange)
	}
	done := map[string]string{}
	for _, a := range f.Assessment {
		done[a.Indicator] = jsonText(a.Done) + " " + jsonText(a.Met)
	}
	for k, want := range map[string]string{IndDualQualified: "0.5 true", IndPractice: "2 true", IndAwards: "3 true"} {
		if done[k] != want {
			t.Errorf("assessment %s = %q, want %q", k, done[k], want)
		}
	}
	// no 专业课教师: no rate, and the target is neither met nor missed
	d.Teachers = []Teachers{{SchoolCode: schoolA, Year: 2025, FullTime: 5}}
	if f := d.Compute(mustRef(t)); f.Teachers.Rate != nil || f.Teachers.Met != nil {
		t.Errorf("teachers without 专业课教师 = %+v", f.Teachers)
	}
}
