package store

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// The indicators a target can be set on (measures.md's table, in its order).
const (
	IndSecondment    = "secondment"             // 互派互聘 persons per school
	IndTraining      = "training"               // 培训人次 over a set of 培训对象
	IndProgression   = "progression"            // 中职升学率 (a fraction)
	IndCoverage      = "coverage"               // 3+2 贯通覆盖率 (a fraction)
	IndAgreements    = "agreement_coverage"     // 校企合作协议覆盖率 (a fraction)
	IndCarriers      = "carriers"               // carriers of a type at a level or above
	IndIntegrated    = "integrated_enterprises" // 产教融合型企业 at a level or above
	IndQualitySchool = "quality_schools"        // 优质学校 at a level or above
	IndQualityMajor  = "quality_majors"         // 优质专业 at a level or above
	IndOrderClasses  = "order_classes"          // 订单班, 冠名班 and 定向班
	IndApprentices   = "apprentices"            // 现代学徒制 students
	IndDualQualified = "dual_qualified"         // 双师型教师占比 (a fraction)
	IndPractice      = "enterprise_practice"    // 教师企业实践人次
	IndAwards        = "awards"                 // awards at a level or above
	IndActivities    = "activities"             // periods holding an activity of a type
)

// targetKind is what a target's value is.
type targetKind int

const (
	countTarget   targetKind = iota // a whole number
	rateTarget                      // a fraction from 0 to 1
	periodsTarget                   // how many periods of the year (ActivityPeriods)
)

// categoryKind is what a target's 分类 is.
type categoryKind int

const (
	noCategory       categoryKind = iota
	trainingGroups                // a set of 培训对象
	carrierTypeGrade              // 载体类型/级别
	gradeCategory                 // a 级别
	activityType                  // an 活动类型
)

// IndicatorDef is one row of measures.md's table of indicators: the one
// place that names an indicator and says what its target takes.
type IndicatorDef struct {
	Key      string
	Name     string // 指标, as the 目标 sheet, the screens and 表5 write it
	kind     targetKind
	category categoryKind
}

// IsRate reports whether the indicator's target is a fraction.
func (d IndicatorDef) IsRate() bool { return d.kind == rateTarget }

// Indicators lists every indicator a target can be set on, in measures.md's
// order: the order of the assessment list and of 表5.
var Indicators = []IndicatorDef{
	{IndSecondment, "每校互派互聘人数", countTarget, noCategory},
	{IndTraining, "职业技能培训人次", countTarget, trainingGroups},
	{IndProgression, "中职升学率", rateTarget, noCategory},
	{IndCoverage, "3+2贯通培养覆盖率", rateTarget, noCategory},
	{IndAgreements, "校企合作协议覆盖率", rateTarget, noCategory},
	{IndDualQualified, "双师型教师占比", rateTarget, noCategory},
	{IndCarriers, "产教融合载体数", countTarget, carrierTypeGrade},
	{IndIntegrated, "产教融合型企业数", countTarget, gradeCategory},
	{IndQualitySchool, "优质学校数", countTarget, gradeCategory},
	{IndQualityMajor, "优质专业数", countTarget, gradeCategory},
	{IndOrderClasses, "订单班数", countTarget, noCategory},
	{IndApprentices, "现代学徒制学生数", countTarget, noCategory},
	{IndPractice, "教师企业实践人次", countTarget, noCategory},
	{IndAwards, "获奖数", countTarget, gradeCategory},
	{IndActivities, "政校企活动频次", periodsTarget, activityType},
}

// IndicatorByKey finds an indicator's definition.
func IndicatorByKey(key string) (IndicatorDef, bool) {
	for _, d := range Indicators {
		if d.Key == key {
			return d, true
		}
	}
	return IndicatorDef{}, false
}

// IndicatorByName finds an indicator by its Chinese name.
func IndicatorByName(name string) (IndicatorDef, bool) {
	for _, d := range Indicators {
		if d.Name == name {
			return d, true
		}
	}
	return IndicatorDef{}, false
}

// CarrierCategory is the 分类 of a carriers target: 载体类型/级别.
func CarrierCategory(carrierType, grade string) string { return carrierType + "/" + grade }

// Target is the goal for one indicator in one year. Rates are fractions
// (0.6 for 60%); a training target names the 培训对象 it covers.
type Target struct {
	Year       int
	Indicator  string
	Categories []string // the 分类: 培训对象 for IndTraining (in TrainingGroups order), else one item or none
	Value      float64
	// Assigned is the value the level above set in its 任务清单 (州下达),
	// when it set one; Value may differ where the clerk changed it.
	Assigned *float64 `json:",omitempty"`
}

// DefaultTargets are the policy defaults of shared/spec/indicators.md and
// measures.md: 10 persons per school, 升学率 60% from 2025, 3+2 coverage
// 100% from 2026, 双师型 half of the 专业课教师 (国务院《国家职业教育改革实施方案》),
// and the meetings the 曲靖 reply prescribes: 联席会议 each half-year,
// 交流会议 each quarter, 推进会议 each half-year. No training target.
func DefaultTargets(year int) []Target {
	ts := []Target{{Year: year, Indicator: IndSecondment, Value: 10}}
	if year >= 2025 {
		ts = append(ts, Target{Year: year, Indicator: IndProgression, Value: 0.6})
	}
	if year >= 2026 {
		ts = append(ts, Target{Year: year, Indicator: IndCoverage, Value: 1})
	}
	ts = append(ts, Target{Year: year, Indicator: IndDualQualified, Value: 0.5})
	for _, m := range []struct {
		typ     string
		periods float64
	}{{ActivityJoint, 2}, {ActivityExchange, 4}, {ActivityAdvance, 2}} {
		ts = append(ts, Target{Year: year, Indicator: IndActivities, Categories: []string{m.typ}, Value: m.periods})
	}
	return ts
}

// IndicatorName gives the Chinese name of an indicator.
func IndicatorName(ind string) string {
	if d, ok := IndicatorByKey(ind); ok {
		return d.Name
	}
	return ind
}

// Category is the target's 分类 as one text ("" when it has none).
func (t Target) Category() string { return strings.Join(t.Categories, "、") }

// ValidateTargets returns every problem of one year's set of targets.
func ValidateTargets(ts []Target) Problems {
	var ps Problems
	seen := map[string]string{}
	for _, t := range ts {
		def, ok := IndicatorByKey(t.Indicator)
		if !ok {
			ps.add("指标", "未知的指标 "+t.Indicator)
			continue
		}
		name := def.Name
		switch def.kind {
		case countTarget:
			if t.Value < 0 || t.Value != float64(int(t.Value)) {
				ps.add(name, "应为不小于 0 的整数")
			}
		case rateTarget:
			if t.Value < 0 || t.Value > 1 {
				ps.add(name, "应在 0% 至 100% 之间")
			}
		case periodsTarget:
			if !slices.Contains(ActivityPeriods, int(t.Value)) || t.Value != float64(int(t.Value)) {
				ps.add(name, "应为 1（每年）、2（每半年）、4（每季度）或 12（每月）")
			}
		}
		if def.category == trainingGroups {
			validateTrainingGroups(&ps, name, t.Categories, seen)
			continue
		}
		cat := t.Category()
		switch def.category {
		case noCategory:
			if cat != "" {
				ps.add(name, "不分类，分类应留空")
			}
		case gradeCategory:
			if !oneOf(cat, Grades) {
				ps.add(name, "分类应为级别："+listText(Grades)+"之一")
			}
		case activityType:
			if !oneOf(cat, ActivityTypes) {
				ps.add(name, "分类应为活动类型："+listText(ActivityTypes)+"之一")
			}
		case carrierTypeGrade:
			typ, grade := splitCarrierCategory(cat)
			if !oneOf(typ, CarrierTypes) || !oneOf(grade, Grades) {
				ps.add(name, "分类应写作“载体类型/级别”，如“县域产教联合体/州市级”")
			}
		}
		key := "#" + t.Indicator + "/" + cat
		if _, dup := seen[key]; dup {
			if cat == "" {
				ps.add(name, "同一年度只能设一个目标")
			} else {
				ps.add(name, "同一年度同一分类（"+cat+"）只能设一个目标")
			}
		}
		seen[key] = ""
	}
	return ps
}

// validateTrainingGroups checks a training target's 培训对象: each a known
// one, and none in two targets of the year.
func validateTrainingGroups(ps *Problems, name string, cats []string, seen map[string]string) {
	if len(cats) == 0 {
		ps.add(name, "至少选择一类培训对象")
	}
	for _, c := range cats {
		if !oneOf(c, TrainingGroups) {
			ps.add(name, "培训对象“"+c+"”应为"+listText(TrainingGroups)+"之一")
		} else if other, dup := seen[c]; dup {
			ps.add(name, fmt.Sprintf("培训对象“%s”同时出现在两个目标中（%s）", c, other))
		} else {
			seen[c] = strings.Join(cats, "、")
		}
	}
}

// canonicalCategories orders categories as TrainingGroups does.
func canonicalCategories(cs []string) []string {
	out := append([]string(nil), cs...)
	rank := func(c string) int {
		for i, g := range TrainingGroups {
			if g == c {
				return i
			}
		}
		return len(TrainingGroups)
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

// targetKey names a target by its indicator and 分类.
func targetKey(t Target) string {
	return t.Indicator + "|" + strings.Join(canonicalCategories(t.Categories), "、")
}

// Targets returns the targets of a year: the defaults, each replaced or
// removed where a target of the same indicator and 分类 was set.
func (tx *Tx) Targets(year int) ([]Target, error) {
	eff := map[string]Target{}
	for _, t := range DefaultTargets(year) {
		eff[targetKey(t)] = t
	}
	rows, err := tx.query(`SELECT indicator, categories, value, removed, assigned FROM targets WHERE year = ?`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		t := Target{Year: year}
		var cats string
		var removed bool
		if err := rows.Scan(&t.Indicator, &cats, &t.Value, &removed, &t.Assigned); err != nil {
			return nil, err
		}
		if cats != "" {
			t.Categories = strings.Split(cats, "、")
		}
		if removed {
			delete(eff, targetKey(t))
		} else {
			eff[targetKey(t)] = t
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Target, 0, len(eff))
	for _, t := range eff {
		out = append(out, t)
	}
	SortTargets(out)
	return out, nil
}

// SetTargets makes ts the year's targets: a default left out is removed. A
// value the level above assigned stays recorded beside the clerk's own.
func (tx *Tx) SetTargets(year int, ts []Target) error {
	if err := ValidateTargets(ts).Err(); err != nil {
		return err
	}
	if err := tx.checkUnlocked(year); err != nil {
		return err
	}
	var parts []string
	for _, t := range ts {
		parts = append(parts, fmt.Sprintf("%s%s=%g", IndicatorName(t.Indicator), CategoriesText(t.Categories), t.Value))
	}
	if len(parts) == 0 {
		parts = []string{"不设目标"}
	}
	if err := tx.Log(ActSetting, "targets", fmt.Sprint(year), "", "", strings.Join(parts, "；")); err != nil {
		return err
	}
	assigned, err := tx.assignedOwn(year)
	if err != nil {
		return err
	}
	if _, err := tx.exec("DELETE FROM targets WHERE year = ?", year); err != nil {
		return err
	}
	kept := map[string]bool{}
	for _, t := range ts {
		k := targetKey(t)
		kept[k] = true
		var a *float64 // only a 任务清单 sets it (SetAssignedTargets), never the clerk's set
		if v, ok := assigned[k]; ok {
			a = &v
		}
		if err := tx.putTargetRow(year, t, false, a); err != nil {
			return err
		}
	}
	for _, t := range DefaultTargets(year) {
		if !kept[targetKey(t)] {
			if err := tx.putTargetRow(year, t, true, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// assignedOwn gives the values the level above assigned this unit for year.
func (tx *Tx) assignedOwn(year int) (map[string]float64, error) {
	rows, err := tx.query("SELECT indicator, categories, assigned FROM targets WHERE year = ? AND assigned IS NOT NULL", year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var t Target
		var cats string
		var v float64
		if err := rows.Scan(&t.Indicator, &cats, &v); err != nil {
			return nil, err
		}
		if cats != "" {
			t.Categories = strings.Split(cats, "、")
		}
		out[targetKey(t)] = v
	}
	return out, rows.Err()
}

func (tx *Tx) putTargetRow(year int, t Target, removed bool, assigned *float64) error {
	_, err := tx.exec(`INSERT OR REPLACE INTO targets (year, indicator, categories, value, removed, assigned) VALUES (?, ?, ?, ?, ?, ?)`,
		year, t.Indicator, strings.Join(canonicalCategories(t.Categories), "、"), t.Value, removed, assigned)
	return err
}

// SortTargets orders targets as measures.md's table lists the indicators,
// and one indicator's by 分类: training by its first 培训对象, carriers by type
// then level, levels highest first.
func SortTargets(ts []Target) {
	slices.SortStableFunc(ts, func(a, b Target) int {
		return cmp.Or(indicatorRank(a.Indicator)-indicatorRank(b.Indicator), compareCategories(a, b))
	})
}

func indicatorRank(key string) int {
	for i, d := range Indicators {
		if d.Key == key {
			return i
		}
	}
	return len(Indicators)
}

func compareCategories(a, b Target) int {
	switch def, _ := IndicatorByKey(a.Indicator); def.category {
	case trainingGroups:
		return firstRank(a.Categories, TrainingGroups) - firstRank(b.Categories, TrainingGroups)
	case gradeCategory:
		return GradeRank(a.Category()) - GradeRank(b.Category())
	case carrierTypeGrade:
		at, ag := splitCarrierCategory(a.Category())
		bt, bg := splitCarrierCategory(b.Category())
		return cmp.Or(rankIn(at, CarrierTypes)-rankIn(bt, CarrierTypes), GradeRank(ag)-GradeRank(bg))
	case activityType:
		return rankIn(a.Category(), ActivityTypes) - rankIn(b.Category(), ActivityTypes)
	}
	return strings.Compare(a.Category(), b.Category())
}

func firstRank(cats, list []string) int {
	if len(cats) == 0 {
		return len(list)
	}
	return rankIn(canonicalCategories(cats)[0], list)
}

// scanTarget reads indicator, categories, value and assigned into a target
// of year.
func scanTarget(year int) func(*sql.Rows) (Target, error) {
	return func(rows *sql.Rows) (Target, error) {
		t := Target{Year: year}
		var cats string
		err := rows.Scan(&t.Indicator, &cats, &t.Value, &t.Assigned)
		if cats != "" {
			t.Categories = strings.Split(cats, "、")
		}
		return t, err
	}
}

func scanString(rows *sql.Rows) (s string, err error) { err = rows.Scan(&s); return s, err }
