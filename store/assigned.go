package store

import (
	"fmt"
	"strings"
)

// The 任务清单 (measures.md, "Targets sent down"): a prefecture, or a
// province, assigns each unit directly under it targets for a year; the unit
// takes them in as its own, marked as assigned; the figures of each unit
// above county level are then measured against what was assigned (考核).

// AssignTargets replaces the targets this unit assigns to the unit code
// directly under it for year. An indicator and 分类 left out is not
// assigned: the unit's own target counts for it.
func (tx *Tx) AssignTargets(code string, year int, ts []Target) error {
	u, err := tx.Unit()
	if err != nil {
		return err
	}
	child, ok := tx.lowerUnitRef(u, code)
	if !ok {
		return Errorf(EInvalid, "区划代码 %s 不是%s直属的下级单位，不能向其下达目标", code, u.Name)
	}
	if err := ValidateTargets(ts).Err(); err != nil {
		return err
	}
	if err := tx.checkUnlocked(year); err != nil {
		return err
	}
	if _, err := tx.exec("DELETE FROM assigned_targets WHERE unit_code = ? AND year = ?", code, year); err != nil {
		return err
	}
	var parts []string
	for _, t := range ts {
		if _, err := tx.exec("INSERT INTO assigned_targets (unit_code, year, indicator, categories, value) VALUES (?, ?, ?, ?, ?)",
			code, year, t.Indicator, strings.Join(canonicalCategories(t.Categories), "、"), t.Value); err != nil {
			return err
		}
		parts = append(parts, fmt.Sprintf("%s%s=%g", IndicatorName(t.Indicator), CategoriesText(t.Categories), t.Value))
	}
	if len(parts) == 0 {
		parts = []string{"不下达目标"}
	}
	return tx.Log(ActSetting, "assigned_targets", code+"/"+fmt.Sprint(year), "", "",
		fmt.Sprintf("向%s下达 %d 年度目标：%s", child.Name, year, strings.Join(parts, "；")))
}

// AssignedTargets gives the targets this unit assigned to code for year.
func (tx *Tx) AssignedTargets(code string, year int) ([]Target, error) {
	ts, err := queryAll(tx, scanTarget(year), `SELECT indicator, categories, value, NULL FROM assigned_targets
		WHERE unit_code = ? AND year = ?`, code, year)
	SortTargets(ts)
	return ts, err
}

// AssignedUnits lists the units this unit assigned targets to for year.
func (tx *Tx) AssignedUnits(year int) ([]string, error) {
	return queryAll(tx, scanString, "SELECT DISTINCT unit_code FROM assigned_targets WHERE year = ? ORDER BY unit_code", year)
}

// AcceptAssigned takes in the targets the level above assigned this unit
// for year (its 任务清单): each becomes the unit's target of that indicator
// and 分类, marked as assigned; the others stay as they were.
func (tx *Tx) AcceptAssigned(year int, ts []Target, from string) error {
	if err := ValidateTargets(ts).Err(); err != nil {
		return err
	}
	if err := tx.checkUnlocked(year); err != nil {
		return err
	}
	current, err := tx.Targets(year)
	if err != nil {
		return err
	}
	// the defaults and the clerk's targets stay: store the current set first
	if err := tx.SetTargets(year, current); err != nil {
		return err
	}
	var parts []string
	for _, t := range ts {
		v := t.Value
		if err := tx.putTargetRow(year, t, false, &v); err != nil {
			return err
		}
		parts = append(parts, fmt.Sprintf("%s%s=%g", IndicatorName(t.Indicator), CategoriesText(t.Categories), t.Value))
	}
	return tx.Log(ActSetting, "targets", fmt.Sprint(year), "", "",
		fmt.Sprintf("接收%s下达的 %d 年度任务清单：%s", from, year, strings.Join(parts, "；")))
}

// LowerUnit names the unit code directly under u (false when it is not
// one): from the files received, or from the region codes.
func (tx *Tx) LowerUnit(u Unit, code string) (UnitRef, bool) { return tx.lowerUnitRef(u, code) }

// lowerUnitRef finds code among the units directly under u: those whose
// files were received, or, from the region codes, its counties or
// prefectures.
func (tx *Tx) lowerUnitRef(u Unit, code string) (UnitRef, bool) {
	level := LevelCounty
	if u.Level == LevelProvince {
		level = LevelPrefecture
	}
	ref := UnitRef{Code: code, Name: code, Level: level}
	if !Under(ref, u) {
		return ref, false
	}
	if known, err := tx.knownUnits(); err == nil {
		if k, ok := known[code]; ok {
			return k, true
		}
	}
	lookup := code
	if level == LevelPrefecture {
		lookup = code[:4]
	}
	r, ok := tx.Ref().Region(lookup)
	if ok {
		ref.Name = r.Name
	}
	return ref, ok || tx.Ref() == nil || tx.Ref().Missing
}
