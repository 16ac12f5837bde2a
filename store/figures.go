package store

import (
	"encoding/json"
)

// Figures are the indicators of shared/spec/indicators.md for one unit and
// year. Everything that shows a figure (check, the window, the returns, the
// data file) takes it from here. The JSON form is `check --json`'s contract.
type Figures struct {
	Unit                      UnitRef               `json:"unit"`
	Year                      int                   `json:"year"`
	Schools                   []SchoolFigures       `json:"schools"`
	SecondmentSchoolsMet      int                   `json:"secondment_schools_met"`
	SecondmentSchoolsAssessed int                   `json:"secondment_schools_assessed"`
	Training                  TrainingFigures       `json:"training"`
	Progression               RateFigure            `json:"progression"`
	Coverage                  CoverageFigure        `json:"coverage"`
	OrderClassStudents        int                   `json:"order_class_students"`
	PartnerEnterprises        int                   `json:"partner_enterprises"`
	IntegratedEnterprises     int                   `json:"integrated_enterprises"`
	QualitySchools            map[string]int        `json:"quality_schools"`
	QualityMajors             map[string]int        `json:"quality_majors"`
	Agreements                AgreementFigures      `json:"agreements"`
	Classes                   map[string]ClassCount `json:"classes"`
	Carriers                  []CarrierCount        `json:"carriers"`
	Teachers                  TeacherFigures        `json:"teachers"`
	EnterprisePractice        int                   `json:"enterprise_practice"`
	Awards                    []AwardCount          `json:"awards"`
	Activities                []ActivityCount       `json:"activities"`
	MajorsChange              MajorsChange          `json:"majors_change"`
	// Assessment is every targeted indicator's result, in measures.md's order.
	Assessment []Assessed `json:"assessment"`
	Warnings   []Warning  `json:"warnings"`
	// Units are, above county level, the figures of each lower unit whose
	// records are held; the figures above pool them (rates are never averaged).
	Units []*Figures `json:"units,omitempty"`
	// Sent is set on a lower unit's figures: false for a unit this unit
	// assigned targets to that has not sent its file (then only Unit, Year
	// and Assessment are given).
	Sent *bool `json:"sent,omitempty"`
}

// MarshalJSON gives a unit that has not sent only its name and assessment,
// as `check --json`'s units[] has it.
func (f *Figures) MarshalJSON() ([]byte, error) {
	type plain Figures // without this method
	if f.Sent != nil && !*f.Sent {
		return json.Marshal(struct {
			Unit       UnitRef    `json:"unit"`
			Year       int        `json:"year"`
			Sent       bool       `json:"sent"`
			Assessment []Assessed `json:"assessment"`
		}{f.Unit, f.Year, false, f.Assessment})
	}
	return json.Marshal((*plain)(f))
}

// UnitRef names a unit in figures.
type UnitRef struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Level string `json:"level"`
}

// SchoolFigures are one school's 互派互聘 figures.
type SchoolFigures struct {
	Code        string            `json:"code"`
	Name        string            `json:"name"`
	Type        string            `json:"type"`
	Assessed    bool              `json:"assessed"`
	Secondments SecondmentFigures `json:"secondments"`
	// AgreementsInForce counts the school's agreements of either type in
	// force in the year.
	AgreementsInForce int `json:"agreements_in_force"`
	// Teachers is the school's 双师型 share; nil without a 师资 row that year.
	Teachers *SchoolTeachers `json:"teachers"`
}

// SecondmentFigures counts distinct persons; Persons can be less than the two
// directions added, since one person may go both ways.
type SecondmentFigures struct {
	SchoolToEnterprise int   `json:"school_to_enterprise"`
	EnterpriseToSchool int   `json:"enterprise_to_school"`
	Persons            int   `json:"persons"`
	Target             *int  `json:"target"`
	Met                *bool `json:"met"` // nil when the school is not assessed or there is no target
}

// Gap is 差额: how many persons short of the target, 0 when met or unset.
func (s SecondmentFigures) Gap() int {
	if s.Target == nil || s.Persons >= *s.Target {
		return 0
	}
	return *s.Target - s.Persons
}

// TrainingFigures are 培训人次 by 培训对象 and against the year's targets.
type TrainingFigures struct {
	ByCategory map[string]CategoryCount
	Total      int
	Targets    []TrainingTarget
}

// CategoryCount is one 培训对象's count and its own target (a target set on
// that category alone), if any.
type CategoryCount struct {
	Count  int  `json:"count"`
	Target *int `json:"target"`
}

// Met is whether the category reached its own target; nil without one.
func (c CategoryCount) Met() *bool {
	if c.Target == nil {
		return nil
	}
	met := c.Count >= *c.Target
	return &met
}

// TrainingTarget is a target set on one or several 培训对象.
type TrainingTarget struct {
	Categories []string `json:"categories"`
	Count      int      `json:"count"`
	Target     int      `json:"target"`
	Met        bool     `json:"met"`
}

// MarshalJSON writes the four categories as keys beside total and targets,
// as the check contract has it.
func (t TrainingFigures) MarshalJSON() ([]byte, error) {
	m := map[string]any{"total": t.Total, "targets": t.Targets}
	for _, g := range TrainingGroups {
		m[g] = t.ByCategory[g]
	}
	return json.Marshal(m) // map keys come out sorted
}

// RateFigure is a pooled rate: Σ numerator / Σ denominator.
type RateFigure struct {
	Graduates  int      `json:"graduates"`
	Progressed int      `json:"progressed"`
	Rate       *float64 `json:"rate"`
	Target     *float64 `json:"target"`
	Met        *bool    `json:"met"`
}

// CoverageFigure is the share of 中等职业学校 with a 3+2 or 五年一贯制 major.
type CoverageFigure struct {
	Schools int      `json:"schools"`
	Covered int      `json:"covered"`
	Rate    *float64 `json:"rate"`
	Target  *float64 `json:"target"`
	Met     *bool    `json:"met"`
}

// Warning is a warning-level problem of a stored record.
type Warning struct {
	Table   string `json:"table"`
	Key     string `json:"key"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// AllSchoolsMet reports whether every assessed school reached its 互派互聘
// target: the county-wide result that 首页, the returns and the letter show.
func (f *Figures) AllSchoolsMet() bool {
	return f.SecondmentSchoolsMet >= f.SecondmentSchoolsAssessed
}

// SecondmentTarget is the persons-per-school target that applied to the
// assessed schools, if one was set.
func (f *Figures) SecondmentTarget() (int, bool) {
	for _, s := range f.Schools {
		if s.Assessed && s.Secondments.Target != nil {
			return *s.Secondments.Target, true
		}
	}
	return 0, false
}

// UnmarshalJSON reads what MarshalJSON writes, for figures kept in the
// database (figures_cache.go).
func (t *TrainingFigures) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	*t = TrainingFigures{ByCategory: map[string]CategoryCount{}}
	for k, v := range m {
		var err error
		switch k {
		case "total":
			err = json.Unmarshal(v, &t.Total)
		case "targets":
			err = json.Unmarshal(v, &t.Targets)
		default:
			var c CategoryCount
			err = json.Unmarshal(v, &c)
			t.ByCategory[k] = c
		}
		if err != nil {
			return err
		}
	}
	return nil
}
