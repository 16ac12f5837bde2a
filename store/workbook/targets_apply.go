package workbook

import (
	"fmt"
	"slices"
	"strings"

	"chanjiao/store"
)

// applyTargets writes the 目标 rows: first each year's 任务清单 rows (the
// unit's own rows of that year then override their values, the assigned
// value staying recorded), then the unit's own rows, then what it assigns to
// each unit under it. Each row sets one target and leaves the others; a
// store call is made only where something changes, so importing the same
// sheet again changes nothing.
func (im *importer) applyTargets(res *Result) error {
	for _, scope := range []targetScope{acceptedTarget, ownTarget, assignedTarget} {
		groups, order := map[string][]targetRow{}, []string(nil)
		for _, r := range im.targets {
			if r.scope != scope {
				continue
			}
			g := fmt.Sprint(r.Unit, "/", r.Target.Year)
			if _, ok := groups[g]; !ok {
				order = append(order, g)
			}
			groups[g] = append(groups[g], r)
		}
		for _, g := range order {
			if err := im.applyTargetGroup(scope, groups[g], res); err != nil {
				return err
			}
		}
	}
	return nil
}

// applyTargetGroup writes the rows of one scope, unit and year.
func (im *importer) applyTargetGroup(scope targetScope, rows []targetRow, res *Result) error {
	tx, code, year := im.tx, rows[0].Unit, rows[0].Target.Year
	var current []store.Target
	var err error
	if scope == assignedTarget {
		current, err = tx.AssignedTargets(code, year)
	} else {
		current, err = tx.Targets(year)
	}
	if err != nil {
		return err
	}
	merged, changed := mergeTargets(current, rows, scope == acceptedTarget, res)
	if len(changed) == 0 {
		return nil
	}
	switch scope {
	case acceptedTarget: // only what the level above changed: a clerk's own value of the same assignment stays
		var ts []store.Target
		for _, r := range changed {
			ts = append(ts, r.Target)
		}
		err = tx.AcceptAssigned(year, ts, strings.Trim(im.regionName(rows[0].From), "“”"))
	case ownTarget:
		err = tx.SetTargets(year, merged)
	case assignedTarget:
		err = tx.AssignTargets(code, year, merged)
	}
	if err != nil {
		if we := store.WriteFailure(err); we != nil {
			return we
		}
		return &RefusedError{File: res.File, Issues: []Issue{{Sheet: SheetTargets, Row: rows[0].row, Message: store.ErrorMessage(err)}}}
	}
	return nil
}

// mergeTargets sets each row's target in current (or removes it), counting
// each row as added, updated or unchanged, and gives the rows that changed
// something. A training target replaces the training targets that share a
// 培训对象 with it: a 培训对象 has one target. A 任务清单 row is unchanged
// when that value was assigned already, whatever the clerk made of it since.
func mergeTargets(current []store.Target, rows []targetRow, accepted bool, res *Result) ([]store.Target, []targetRow) {
	out := slices.Clone(current)
	var changed []targetRow
	for _, r := range rows {
		key := store.TargetKey(r.Target)
		i := slices.IndexFunc(out, func(t store.Target) bool { return store.TargetKey(t) == key })
		same := i >= 0 && !r.Removed && out[i].Value == r.Target.Value
		if accepted {
			same = i >= 0 && out[i].Assigned != nil && *out[i].Assigned == r.Target.Value
		}
		switch {
		case same || (i < 0 && r.Removed):
			res.Unchanged[SheetTargets]++
			continue
		case i >= 0:
			res.Updated[SheetTargets]++
		default:
			res.Added[SheetTargets]++
		}
		changed = append(changed, r)
		out = slices.DeleteFunc(out, func(t store.Target) bool {
			return store.TargetKey(t) == key || sharesTrainingGroup(t, r.Target)
		})
		if !r.Removed {
			out = append(out, r.Target)
		}
	}
	store.SortTargets(out)
	return out, changed
}

// sharesTrainingGroup reports whether a and b are training targets with a
// 培训对象 in common.
func sharesTrainingGroup(a, b store.Target) bool {
	if a.Indicator != store.IndTraining || b.Indicator != store.IndTraining {
		return false
	}
	return slices.ContainsFunc(a.Categories, func(c string) bool { return slices.Contains(b.Categories, c) })
}
