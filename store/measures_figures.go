package store

import (
	"cmp"
	"fmt"
	"slices"
)

// AgreementFigures are the 校企合作协议 of a year (measures.md).
type AgreementFigures struct {
	Signed          int      `json:"signed"`         // 合作协议 signed in the year
	IntentsSigned   int      `json:"intents_signed"` // 合作意向书 signed in the year
	InForce         int      `json:"in_force"`       // of either type, every school
	SchoolsCovered  int      `json:"schools_covered"`
	SchoolsAssessed int      `json:"schools_assessed"`
	Rate            *float64 `json:"rate"`
	Target          *float64 `json:"target"`
	Met             *bool    `json:"met"`
}

// ClassCount is one 培养类型's classes and students in a year.
type ClassCount struct {
	Classes  int `json:"classes"`
	Students int `json:"students"`
}

// CarrierCount is the carriers of one type counted at one level in a year.
type CarrierCount struct {
	Type  string `json:"type"`
	Level string `json:"level"`
	Count int    `json:"count"`
	New   int    `json:"new"`
}

// Assessed is one targeted indicator's result (the assessment list).
type Assessed struct {
	Indicator string   `json:"indicator"`
	Category  *string  `json:"category"`
	Done      *float64 `json:"done"`
	Target    float64  `json:"target"`
	Met       *bool    `json:"met"`
	Of        *int     `json:"of,omitempty"` // secondment: the assessed schools
	// OwnTarget is, for a lower unit measured against what this unit
	// assigned it, the unit's own target where it differs (or nil).
	OwnTarget *float64 `json:"own_target,omitempty"`
}

// agreementFigures counts the agreements of d's year; covered tells, per
// school code, whether it has a 合作协议 in force.
func agreementFigures(d Dataset, targets map[string]Target) (AgreementFigures, map[string]int) {
	var f AgreementFigures
	inForce := map[string]int{}
	covered := map[string]bool{}
	for _, a := range d.Agreements {
		if a.Signed.Year() == d.Year {
			if a.Type == AgreementFormal {
				f.Signed++
			} else {
				f.IntentsSigned++
			}
		}
		if a.InForce(d.Year) {
			f.InForce++
			inForce[a.SchoolCode]++
			if a.Type == AgreementFormal {
				covered[a.SchoolCode] = true
			}
		}
	}
	for _, s := range d.Schools {
		if s.Assessed(d.Year) {
			f.SchoolsAssessed++
			if covered[s.Code] {
				f.SchoolsCovered++
			}
		}
	}
	t, ok := targets[IndAgreements]
	f.Rate, f.Target, f.Met = pooledRate(f.SchoolsCovered, f.SchoolsAssessed, t, ok)
	return f, inForce
}

// classFigures counts the classes of the year by 培养类型 (all five, zeros
// included).
func classFigures(cs []Class, year int) map[string]ClassCount {
	out := map[string]ClassCount{}
	for _, t := range ClassTypes {
		out[t] = ClassCount{}
	}
	for _, c := range cs {
		if c.Year != year {
			continue
		}
		n := out[c.Type]
		n.Classes++
		n.Students += c.Students
		out[c.Type] = n
	}
	return out
}

// OrderClassStudents gives each major's 订单班人数, keyed by Major.Key():
// Σ 学生人数 of its 订单班, 冠名班 and 定向班 of the major's year.
func (d Dataset) OrderClassStudents() map[string]int {
	out := map[string]int{}
	for _, c := range d.Classes {
		if c.OrderClass() {
			out[Major{SchoolCode: c.SchoolCode, Year: c.Year, Code: c.MajorCode}.Key()] += c.Students
		}
	}
	return out
}

// carrierFigures counts the carriers by type and the level they count at in
// year, in the 载体类型 order, then 国家级 … 未认定.
func carrierFigures(cs []Carrier, year int) []CarrierCount {
	by := map[[2]string]*CarrierCount{}
	out := []CarrierCount{}
	for _, c := range cs {
		level, counted := c.CountedAs(year)
		if !counted {
			continue
		}
		k := [2]string{c.Type, level}
		if by[k] == nil {
			by[k] = &CarrierCount{Type: c.Type, Level: level}
		}
		by[k].Count++
		if c.NewIn(year) {
			by[k].New++
		}
	}
	for _, n := range by {
		out = append(out, *n)
	}
	slices.SortFunc(out, func(a, b CarrierCount) int {
		return cmp.Or(rankIn(a.Type, CarrierTypes)-rankIn(b.Type, CarrierTypes), GradeRank(a.Level)-GradeRank(b.Level))
	})
	return out
}

// classWarnings flags, per school, major and year, classes (other than
// 企业新型学徒制) whose students add up to more than the major's 在校生数.
func classWarnings(cs []Class, ms []Major) []Warning {
	enrolled := map[string]int{}
	for _, m := range ms {
		enrolled[m.Key()] = m.Enrolled
	}
	sum := map[string]int{}
	var keys []string
	for _, c := range cs {
		if c.Type == ClassEnterprise || c.MajorCode == "" {
			continue
		}
		k := Major{SchoolCode: c.SchoolCode, Year: c.Year, Code: c.MajorCode}.Key()
		if _, ok := sum[k]; !ok {
			keys = append(keys, k)
		}
		sum[k] += c.Students
	}
	out := []Warning{}
	for _, k := range keys {
		if e, ok := enrolled[k]; ok && sum[k] > e {
			out = append(out, Warning{Table: "订单班与学徒制", Key: k, Field: "学生人数",
				Message: ClassesOverEnrolled(sum[k], e)})
		}
	}
	return out
}

// ClassesOverEnrolled is the warning's text, shared with the workbook import.
func ClassesOverEnrolled(students, enrolled int) string {
	return fmt.Sprintf("该专业本年度各班（企业新型学徒制除外）学生人数合计 %d 人，多于专业在校生数 %d 人，请核对", students, enrolled)
}
