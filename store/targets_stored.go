package store

import (
	"cmp"
	"slices"
	"strings"
)

// SetTarget is a target a unit set for a year, as the 目标 sheet writes it:
// a value, or a default removed (Removed).
type SetTarget struct {
	Target
	Removed bool
}

// TargetKey names a target by its indicator and 分类 (the 培训对象 in their
// list's order): two targets of one year with the same key are one target.
func TargetKey(t Target) string { return targetKey(t) }

// TargetsSet gives the targets of year that were set (by the clerk, a 目标
// sheet or a 任务清单), in the table's order: every stored override row,
// except one equal to its default and never assigned (SetTargets stores the
// whole set, an unchanged default included, and that is no choice of the
// unit's). A removed default is given with Removed.
func (tx *Tx) TargetsSet(year int) ([]SetTarget, error) {
	defaults := map[string]float64{}
	for _, t := range DefaultTargets(year) {
		defaults[targetKey(t)] = t.Value
	}
	rows, err := tx.query(`SELECT indicator, categories, value, removed, assigned FROM targets WHERE year = ?`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SetTarget
	for rows.Next() {
		s := SetTarget{Target: Target{Year: year}}
		var cats string
		if err := rows.Scan(&s.Indicator, &cats, &s.Value, &s.Removed, &s.Assigned); err != nil {
			return nil, err
		}
		if cats != "" {
			s.Categories = strings.Split(cats, "、")
		}
		if v, ok := defaults[targetKey(s.Target)]; ok && !s.Removed && s.Assigned == nil && v == s.Value {
			continue
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b SetTarget) int { // as SortTargets orders targets
		return cmp.Or(indicatorRank(a.Indicator)-indicatorRank(b.Indicator), compareCategories(a.Target, b.Target))
	})
	return out, nil
}
