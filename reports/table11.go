package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"chanjiao/store"
)

// 表11 政校企活动情况: the activities of the year, then each type's count
// against the frequency required of it.

// activityGroup is the activities of the year that one unit recorded.
type activityGroup struct {
	code, name string
	acts       []store.Activity
}

// activityGroups splits the year's activities by the unit that recorded
// them, in code order, each unit's by date.
func (b *builder) activityGroups() []activityGroup {
	acts := slices.Clone(b.d.Activities)
	slices.SortStableFunc(acts, func(x, y store.Activity) int {
		return cmp.Or(cmp.Compare(x.UnitCode, y.UnitCode), x.Date.Compare(y.Date),
			slices.Index(store.ActivityTypes, x.Type)-slices.Index(store.ActivityTypes, y.Type), cmp.Compare(x.Name, y.Name))
	})
	var out []activityGroup
	for _, a := range acts {
		if n := len(out); n == 0 || out[n-1].code != a.UnitCode {
			out = append(out, activityGroup{code: a.UnitCode, name: b.recorderName(a.UnitCode)})
		}
		out[len(out)-1].acts = append(out[len(out)-1].acts, a)
	}
	return out
}

// typeColumns are count columns by 活动类型, then 合计.
func typeColumns() []Column {
	var cols []Column
	for _, t := range store.ActivityTypes {
		cols = append(cols, Column{t, 18, "R", false})
	}
	return append(cols, Column{"合计", 16, "R", false})
}

// typeCells count some activities by type with the store's counting.
func (b *builder) typeCells(acts []store.Activity) []Cell {
	counts := store.Dataset{Unit: b.d.Unit, Year: b.d.Year, Activities: acts}.Counts().Activities
	by, total := map[string]int{}, 0
	for _, c := range counts {
		by[c.Type], total = c.Count, total+c.Count
	}
	var cells []Cell
	for _, t := range store.ActivityTypes {
		cells = append(cells, Int(by[t]))
	}
	return append(cells, Int(total))
}

func (b *builder) table11() *Table {
	t := b.newTable(11, "政校企活动情况", true)
	t.Measure = "次、家"
	t.Parts = []*Part{b.activityList(), b.activityTypes()}
	defer b.shorten(t, 0, func() *Part {
		groups := b.activityGroups()
		byCode := map[string][]store.Activity{}
		var codes []string
		for _, g := range groups {
			byCode[g.code] = g.acts
			codes = append(codes, g.code)
		}
		cells := func(codes []string) []Cell {
			var acts []store.Activity
			for _, c := range codes {
				acts = append(acts, byCode[c]...)
			}
			return b.typeCells(acts)
		}
		return b.recorderPart("一、各单位活动次数", typeColumns(), codes, cells, b.typeCells(b.d.Activities))
	})
	t.Footnotes = []string{
		"活动属于记录它的单位；按活动日期所在年度统计。频次要求把全年分为相应的期间（每半年：1—6月、7—12月；每季度：自然季度；每月：自然月），每个期间至少开展一次该类活动为达标。目标：" +
			b.namedTargets("政校企活动频次", store.IndActivities) + "。",
	}
	return t
}

// activityList is 表11's first part: one row per activity of the year,
// grouped by the unit that recorded it above county level.
func (b *builder) activityList() *Part {
	p := &Part{Caption: "一、活动名单", Columns: []Column{
		{"序号", 10, "C", false}, {"活动类型", 30, "C", false}, {"活动名称", 90, "L", false}, {"日期", 24, "C", false},
		{"参加企业数", 20, "R", false}, {"走访企业数", 20, "R", false},
	}}
	total := func(label string, acts []store.Activity) Row {
		ents, visited := 0, 0
		for _, a := range acts {
			ents += deref(a.Enterprises)
			visited += deref(a.Visited)
		}
		return Row{Kind: RowTotal, Cells: []Cell{Text(label), Text(""), Text(fmt.Sprintf("共%d次", len(acts))), Text(""), Int(ents), Int(visited)}}
	}
	seq := 0
	var all []store.Activity
	for _, g := range b.activityGroups() {
		var rows []Row
		for _, a := range g.acts {
			seq++
			rows = append(rows, Row{unit: g.name, Cells: []Cell{Int(seq), Text(a.Type), Text(a.Name), Text(a.Date.Format("2006-01-02")),
				OptInt(a.Enterprises), OptInt(a.Visited)}})
		}
		b.appendGroup(p, g.name, rows, func() Row { return total("小计", g.acts) })
		all = append(all, g.acts...)
	}
	p.Rows = append(p.Rows, total("合计", all))
	return p
}

func deref(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

// activityTypes is 表11's second part: each type held or required, its
// count, and against a frequency target the periods held and those still
// without one.
func (b *builder) activityTypes() *Part {
	p := &Part{Caption: "二、按活动类型统计", Columns: []Column{{"序号", 10, "C", false}, {"活动类型", 34, "L", false},
		{"次数", 16, "R", false}, {"走访企业数", 20, "R", false}, {"要求", 20, "C", false}, {"已开展期数", 20, "R", false},
		{"是否达标", 18, "C", false}, {"尚未开展的期间", 70, "L", false}}}
	f := b.r.Figures
	counts := map[string]store.ActivityCount{}
	for _, c := range f.Activities {
		counts[c.Type] = c
	}
	targets := map[string]store.Assessed{}
	for _, a := range b.assessed(f, store.IndActivities) {
		targets[*a.Category] = a
	}
	seq, met := 0, 0
	for _, typ := range store.ActivityTypes {
		c, a := counts[typ], targets[typ]
		if c.Count == 0 && a.Category == nil {
			continue
		}
		seq++
		cells := []Cell{Int(seq), Text(typ), Int(c.Count), Int(c.Visited)}
		if a.Category == nil {
			p.Rows = append(p.Rows, Row{Cells: append(cells, Text("—"), Text("—"), Text("—"), Text(""))})
			continue
		}
		if a.Met != nil && *a.Met {
			met++
		}
		n := int(a.Target)
		p.Rows = append(p.Rows, Row{Cells: append(cells, Text(periodsText(n)), Text(fmt.Sprintf("%d/%d", int(*a.Done), n)),
			Text(store.MetText(a.Met)), Text(strings.Join(b.missingPeriods(typ, n), "、")))})
	}
	status := Text("")
	if len(targets) > 0 {
		status = Text(fmt.Sprintf("达标%d/%d", met, len(targets)))
	}
	total, visited := 0, 0
	for _, c := range f.Activities {
		total, visited = total+c.Count, visited+c.Visited
	}
	p.Rows = append(p.Rows, Row{Kind: RowTotal, Cells: []Cell{Text("合计"), Text(""), Int(total), Int(visited),
		Text(""), Text(""), status, Text("")}})
	return p
}

// missingPeriods names the periods of the year (of n) without an activity
// of type typ, as the store splits the year.
func (b *builder) missingPeriods(typ string, n int) []string {
	var out []string
	for i, held := range store.ActivityPeriodsHeld(b.d.Activities, typ, b.d.Year, n) {
		if !held {
			out = append(out, store.PeriodName(i, n))
		}
	}
	return out
}
