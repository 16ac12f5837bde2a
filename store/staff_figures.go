package store

import (
	"cmp"
	"slices"
)

// TeacherFigures are the 师资 rows of a year pooled (measures.md `teachers`).
type TeacherFigures struct {
	FullTime     int      `json:"full_time"`
	Professional int      `json:"professional"`
	Dual         int      `json:"dual_qualified"`
	PartTime     int      `json:"part_time"` // Σ of the 兼职教师数 given
	Rate         *float64 `json:"rate"`      // Dual / Professional; nil without 专业课教师
	Target       *float64 `json:"target"`
	Met          *bool    `json:"met"`
}

// SchoolTeachers is one school's 双师型 share.
type SchoolTeachers struct {
	Professional int      `json:"professional"`
	Dual         int      `json:"dual_qualified"`
	Rate         *float64 `json:"rate"`
}

// Met tells whether the school's share reaches target, decided on exact
// values as the pooled share is; nil without 专业课教师.
func (s SchoolTeachers) Met(target float64) *bool {
	if s.Professional == 0 {
		return nil
	}
	return boolPtr(rateMet(s.Dual, s.Professional, target))
}

// AwardCount is the awards of one 类别 at one 级别.
type AwardCount struct {
	Category string `json:"category"`
	Level    string `json:"level"`
	Count    int    `json:"count"`
}

// ActivityCount is the activities of one type, with the enterprises visited.
type ActivityCount struct {
	Type    string `json:"type"`
	Count   int    `json:"count"`
	Visited int    `json:"visited"`
}

// MajorsChange is how the year's majors stand (measures.md `majors_change`).
type MajorsChange struct {
	Enrolling int `json:"enrolling"`
	Stopped   int `json:"stopped"`
	Withdrawn int `json:"withdrawn"`
	Opened    int `json:"opened"` // 开设年份 = the year
}

// teacherFigures pools the year's 师资 rows, and gives each school's share.
func teacherFigures(rows []Teachers, year int, targets map[string]Target) (TeacherFigures, map[string]*SchoolTeachers) {
	var f TeacherFigures
	per := map[string]*SchoolTeachers{}
	for _, r := range rows {
		if r.Year != year {
			continue
		}
		f.FullTime += r.FullTime
		f.Professional += r.Professional
		f.Dual += r.Dual
		if r.PartTime != nil {
			f.PartTime += *r.PartTime
		}
		s := &SchoolTeachers{Professional: r.Professional, Dual: r.Dual}
		s.Rate, _, _ = pooledRate(r.Dual, r.Professional, Target{}, false)
		per[r.SchoolCode] = s
	}
	t, ok := targets[IndDualQualified]
	f.Rate, f.Target, f.Met = pooledRate(f.Dual, f.Professional, t, ok)
	return f, per
}

// enterprisePractice counts the stints of teachers sent to enterprises for
// 实践锻炼 that overlap the year: each stint once (人次, not persons).
func enterprisePractice(stints []Secondment, year int) int {
	n := 0
	for _, s := range stints {
		if s.Direction == DirSchoolToEnterprise && s.Post == PostPractice && s.Overlaps(year) {
			n++
		}
	}
	return n
}

// awardFigures counts the year's awards by 类别 and 级别, in the lists' order.
func awardFigures(as []Award, year int) []AwardCount {
	by := map[[2]string]int{}
	for _, a := range as {
		if a.Date.Year() == year {
			by[[2]string{a.Category, a.Level}]++
		}
	}
	out := []AwardCount{}
	for k, n := range by {
		out = append(out, AwardCount{Category: k[0], Level: k[1], Count: n})
	}
	slices.SortFunc(out, func(a, b AwardCount) int {
		return cmp.Or(rankIn(a.Category, AwardCategories)-rankIn(b.Category, AwardCategories), GradeRank(a.Level)-GradeRank(b.Level))
	})
	return out
}

// activityFigures counts the year's activities by type, in the type order.
func activityFigures(as []Activity, year int) []ActivityCount {
	by := map[string]*ActivityCount{}
	for _, a := range as {
		if a.Date.Year() != year {
			continue
		}
		if by[a.Type] == nil {
			by[a.Type] = &ActivityCount{Type: a.Type}
		}
		by[a.Type].Count++
		if a.Visited != nil {
			by[a.Type].Visited += *a.Visited
		}
	}
	out := []ActivityCount{}
	for _, t := range ActivityTypes {
		if c := by[t]; c != nil {
			out = append(out, *c)
		}
	}
	return out
}

// ActivityPeriodsHeld splits year into n calendar periods (n of
// ActivityPeriods: the year, half-years, quarters, months) and tells which
// of them hold at least one activity of type typ.
func ActivityPeriodsHeld(as []Activity, typ string, year, n int) []bool {
	held := make([]bool, n)
	for _, a := range as {
		if a.Type == typ && a.Date.Year() == year {
			held[(int(a.Date.Month())-1)*n/12] = true
		}
	}
	return held
}

// PeriodName names period i of n in a clerk's words: 上半年, 第三季度, 5月.
func PeriodName(i, n int) string {
	switch n {
	case 2:
		return []string{"上半年", "下半年"}[i]
	case 4:
		return []string{"第一季度", "第二季度", "第三季度", "第四季度"}[i]
	case 12:
		return []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"}[i]
	}
	return "全年"
}

// majorsChange counts the year's majors by 状态 and those opened in it.
func majorsChange(ms []Major, year int) MajorsChange {
	var c MajorsChange
	for _, m := range ms {
		switch m.Status {
		case StatusEnrolling:
			c.Enrolling++
		case StatusSuspended:
			c.Stopped++
		case StatusClosed:
			c.Withdrawn++
		}
		if m.OpenedYear == year {
			c.Opened++
		}
	}
	return c
}
