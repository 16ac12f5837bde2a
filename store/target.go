package store

import (
	"fmt"
	"sort"
	"strings"
)

// The indicators a target can be set on.
const (
	IndSecondment  = "secondment"  // 互派互聘 persons per school
	IndTraining    = "training"    // 培训人次 over a set of 培训对象
	IndProgression = "progression" // 中职升学率 (a fraction)
	IndCoverage    = "coverage"    // 3+2 贯通覆盖率 (a fraction)
)

// Target is the goal for one indicator in one year. Rates are fractions
// (0.6 for 60%); a training target names the 培训对象 it covers.
type Target struct {
	Year       int
	Indicator  string
	Categories []string // only for IndTraining, in TrainingGroups order
	Value      float64
}

// DefaultTargets are the policy defaults of shared/spec/indicators.md: 10
// persons per school, 升学率 60% from 2025, 3+2 coverage 100% from 2026, no
// training target.
func DefaultTargets(year int) []Target {
	ts := []Target{{Year: year, Indicator: IndSecondment, Value: 10}}
	if year >= 2025 {
		ts = append(ts, Target{Year: year, Indicator: IndProgression, Value: 0.6})
	}
	if year >= 2026 {
		ts = append(ts, Target{Year: year, Indicator: IndCoverage, Value: 1})
	}
	return ts
}

// IndicatorName gives the Chinese name of an indicator.
func IndicatorName(ind string) string {
	switch ind {
	case IndSecondment:
		return "每校互派互聘人数"
	case IndTraining:
		return "职业技能培训人次"
	case IndProgression:
		return "中职升学率"
	case IndCoverage:
		return "3+2贯通培养覆盖率"
	}
	return ind
}

// Validate returns every problem of one year's set of targets.
func ValidateTargets(ts []Target) Problems {
	var ps Problems
	seen := map[string]string{}
	for _, t := range ts {
		name := IndicatorName(t.Indicator)
		switch t.Indicator {
		case IndSecondment:
			if t.Value < 0 || t.Value != float64(int(t.Value)) {
				ps.add(name, "应为不小于 0 的整数")
			}
		case IndProgression, IndCoverage:
			if t.Value < 0 || t.Value > 1 {
				ps.add(name, "应在 0% 至 100% 之间")
			}
		case IndTraining:
			if t.Value < 0 || t.Value != float64(int(t.Value)) {
				ps.add(name, "应为不小于 0 的整数")
			}
			if len(t.Categories) == 0 {
				ps.add(name, "至少选择一类培训对象")
			}
			for _, c := range t.Categories {
				if !oneOf(c, TrainingGroups) {
					ps.add(name, "培训对象“"+c+"”应为"+listText(TrainingGroups)+"之一")
				} else if other, dup := seen[c]; dup {
					ps.add(name, fmt.Sprintf("培训对象“%s”同时出现在两个目标中（%s）", c, other))
				} else {
					seen[c] = strings.Join(t.Categories, "、")
				}
			}
			continue
		default:
			ps.add("指标", "未知的指标 "+t.Indicator)
		}
		if _, dup := seen["#"+t.Indicator]; dup {
			ps.add(name, "同一年度只能设一个目标")
		}
		seen["#"+t.Indicator] = ""
	}
	return ps
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

// Targets returns the targets of a year: the ones stored for it, or the
// defaults when none are.
func (tx *Tx) Targets(year int) ([]Target, error) {
	rows, err := tx.query(`SELECT indicator, categories, value FROM targets WHERE year = ?
		ORDER BY CASE indicator WHEN 'secondment' THEN 0 WHEN 'training' THEN 1 WHEN 'progression' THEN 2 ELSE 3 END, categories`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Target
	stored := false
	for rows.Next() {
		t := Target{Year: year}
		var cats string
		if err := rows.Scan(&t.Indicator, &cats, &t.Value); err != nil {
			return nil, err
		}
		stored = true
		if t.Indicator == "none" {
			continue
		}
		if cats != "" {
			t.Categories = strings.Split(cats, "、")
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !stored {
		return DefaultTargets(year), nil
	}
	return out, nil
}

// SetTargets replaces a year's targets. An indicator left out has no target
// that year.
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
	if err := tx.Log(ActSetting, "targets", fmt.Sprint(year), "", "", strings.Join(parts, "；")); err != nil {
		return err
	}
	if _, err := tx.exec("DELETE FROM targets WHERE year = ?", year); err != nil {
		return err
	}
	if len(ts) == 0 {
		// keep "no targets at all" distinct from "defaults": a row that sets nothing
		_, err := tx.exec("INSERT INTO targets (year, indicator, categories, value) VALUES (?, 'none', '', 0)", year)
		return err
	}
	for _, t := range ts {
		cats := strings.Join(canonicalCategories(t.Categories), "、")
		if _, err := tx.exec("INSERT INTO targets (year, indicator, categories, value) VALUES (?, ?, ?, ?)", year, t.Indicator, cats, t.Value); err != nil {
			return err
		}
	}
	return nil
}
