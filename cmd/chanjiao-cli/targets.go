package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"chanjiao/store"
)

func init() {
	register(command{name: "targets", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.Var(new(setFlags), "set", "指标[/分类]=值（可重复）")
	}, run: runTargets})
}

// setFlags collects the repeated --set arguments in the order given.
type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

func (e *env) sets() []string { return *e.fs.Lookup("set").Value.(*setFlags) }

// targetChange is one --set: the target it sets, or, with remove, the
// indicator and 分类 whose target it removes.
type targetChange struct {
	arg    string
	target store.Target
	remove bool
}

// runTargets lists the targets in force for a year, or, with --set, changes
// some of them first: each --set replaces the target of its indicator and
// 分类 and leaves the others, all in one transaction (SetTargets logs it).
func runTargets(e *env, args []string) error {
	var changes []targetChange
	year, db, err := e.yearDB(args, func() (err error) {
		changes, err = parseTargetSets(e.sets())
		return err
	})
	if err != nil {
		return err
	}
	defer db.Close()
	for i := range changes {
		changes[i].target.Year = year
	}
	var ts []store.Target
	apply := func(tx *store.Tx) (err error) {
		if ts, err = tx.Targets(year); err != nil || len(changes) == 0 {
			return err
		}
		if ts, err = applyTargetChanges(ts, changes); err != nil {
			return err
		}
		return tx.SetTargets(year, ts)
	}
	if len(changes) == 0 {
		err = db.View(context.Background(), apply)
	} else {
		err = db.Update(context.Background(), apply)
	}
	if err != nil {
		return err
	}
	if len(changes) > 0 {
		fmt.Fprintf(e.stdout, "已修改 %d 年度目标 %d 项。\n", year, len(changes))
	}
	printTargets(e, year, ts)
	return nil
}

// parseTargetSets reads every --set, refusing the first bad one by its
// argument, and two that set the same target.
func parseTargetSets(args []string) ([]targetChange, error) {
	var out []targetChange
	seen := map[string]string{}
	for _, arg := range args {
		c, err := parseTargetSet(arg)
		if err != nil {
			return nil, err
		}
		k := targetKey(c.target)
		if other, dup := seen[k]; dup {
			return nil, store.Errorf(store.EInvalid, "--set “%s”与“%s”设置的是同一个目标，请只保留一个", arg, other)
		}
		seen[k] = arg
		out = append(out, c)
	}
	return out, nil
}

// parseTargetSet reads one '指标[/分类]=值'; the value 无 removes the target.
func parseTargetSet(arg string) (targetChange, error) {
	bad := func(format string, a ...any) (targetChange, error) {
		return targetChange{}, store.Errorf(store.EInvalid, "--set “%s”：%s", arg, fmt.Sprintf(format, a...))
	}
	spec, value, ok := strings.Cut(arg, "=")
	if !ok {
		return bad("应写作“指标=值”或“指标/分类=值”，例如 校企合作协议覆盖率=80%%")
	}
	name, category, _ := strings.Cut(strings.TrimSpace(spec), "/")
	def, ok := store.IndicatorByName(strings.TrimSpace(name))
	if !ok {
		return bad("没有指标“%s”，指标应为%s之一", name, indicatorNames())
	}
	t := store.Target{Indicator: def.Key}
	if category = strings.TrimSpace(category); category != "" {
		if def.Key == store.IndTraining {
			t.Categories = store.SplitList(category)
			slices.SortStableFunc(t.Categories, func(a, b string) int { // as the figures list them
				return groupRank(a) - groupRank(b)
			})
		} else {
			t.Categories = []string{category}
		}
	}
	remove := strings.TrimSpace(value) == "无"
	if !remove {
		v, err := parseTargetValue(def, strings.TrimSpace(value))
		if err != nil {
			return bad("%s", err.Error())
		}
		t.Value = v
	}
	// a removal's value (0) is always valid: its indicator and 分类 are checked
	if ps := store.ValidateTargets([]store.Target{t}); len(ps) > 0 {
		return bad("%s", problemsText(ps))
	}
	return targetChange{arg: arg, target: t, remove: remove}, nil
}

// parseTargetValue reads a count, or a rate written 80% or 0.8.
func parseTargetValue(def store.IndicatorDef, s string) (float64, error) {
	if def.IsRate() {
		pct := strings.TrimRight(s, "%％")
		v, err := strconv.ParseFloat(pct, 64)
		switch {
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			return 0, fmt.Errorf("目标值“%s”应为比率，写作 80%% 或 0.8", s)
		case pct != s:
			v /= 100
		case v > 1:
			return 0, fmt.Errorf("目标值“%s”应为比率，写作 %s%% 或 %g", s, s, v/100)
		}
		return math.Round(v*1e6) / 1e6, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("目标值“%s”应为不小于 0 的整数", s)
	}
	return float64(n), nil
}

// applyTargetChanges replaces, removes or adds each change's target in ts.
// A training target whose 培训对象 overlap another's is refused: the clerk
// removes the other one (=无) in the same call.
func applyTargetChanges(ts []store.Target, changes []targetChange) ([]store.Target, error) {
	out := slices.Clone(ts)
	for _, c := range changes {
		k := targetKey(c.target)
		out = slices.DeleteFunc(out, func(t store.Target) bool { return targetKey(t) == k })
		if !c.remove {
			out = append(out, c.target)
		}
	}
	for _, c := range changes {
		if c.remove || c.target.Indicator != store.IndTraining {
			continue
		}
		for _, t := range out {
			if t.Indicator == store.IndTraining && targetKey(t) != targetKey(c.target) && overlaps(t.Categories, c.target.Categories) {
				return nil, store.Errorf(store.EInvalid, "--set “%s”：培训对象与已有目标“%s/%s”重叠；请同时用 --set '%s/%s=无' 删除该目标",
					c.arg, store.IndicatorName(t.Indicator), t.Category(), store.IndicatorName(t.Indicator), t.Category())
			}
		}
	}
	store.SortTargets(out)
	return out, nil
}

// targetKey is a target's indicator and 分类, its 培训对象 in any order.
func targetKey(t store.Target) string {
	cats := slices.Clone(t.Categories)
	slices.Sort(cats)
	return t.Indicator + "/" + strings.Join(cats, "、")
}

// groupRank is a 培训对象's place in store.TrainingGroups.
func groupRank(g string) int {
	if i := slices.Index(store.TrainingGroups, g); i >= 0 {
		return i
	}
	return len(store.TrainingGroups)
}

func overlaps(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
}

func indicatorNames() string {
	var names []string
	for _, d := range store.Indicators {
		names = append(names, d.Name)
	}
	return strings.Join(names, "、")
}

func problemsText(ps store.Problems) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Message)
	}
	return strings.Join(parts, "；")
}

// printTargets lists a year's targets: 指标, 分类, 目标值 (rates as %).
func printTargets(e *env, year int, ts []store.Target) {
	if len(ts) == 0 {
		fmt.Fprintf(e.stdout, "%d 年度没有设置目标。\n", year)
		return
	}
	fmt.Fprintf(e.stdout, "%d 年度目标：\n指标\t分类\t目标值\n", year)
	for _, t := range ts {
		cat := t.Category()
		if cat == "" {
			cat = "—"
		}
		value := strconv.FormatFloat(t.Value, 'f', -1, 64)
		if def, _ := store.IndicatorByKey(t.Indicator); def.IsRate() {
			value = store.FormatRate(&t.Value)
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", store.IndicatorName(t.Indicator), cat, value)
	}
}
