package reports

import (
	"cmp"
	"fmt"
	"slices"

	"chanjiao/store"
)

// 表10 获奖情况: the awards of the year, then a count grid by 类别 and 级别,
// then the targets set on them.

// gradeColumns are count columns by 级别, then 合计.
func gradeColumns() []Column {
	var cols []Column
	for _, g := range store.Grades {
		cols = append(cols, Column{g, 16, "R", false})
	}
	return append(cols, Column{"合计", 16, "R", false})
}

// awardGradeCells count some awards by level in gradeColumns' order; only
// those of category when it is not "".
func awardGradeCells(as []store.AwardCount, category string) []Cell {
	by, total := map[string]int{}, 0
	for _, a := range as {
		if category == "" || a.Category == category {
			by[a.Level] += a.Count
			total += a.Count
		}
	}
	var cells []Cell
	for _, g := range store.Grades {
		cells = append(cells, Int(by[g]))
	}
	return append(cells, Int(total))
}

func (b *builder) table10() *Table {
	t := b.newTable(10, "获奖情况", true)
	t.Measure = "项"
	t.Parts = []*Part{b.awardList(), b.awardGrid()}
	if p := b.targetPart(store.IndAwards); p != nil {
		t.Parts = append(t.Parts, p)
	}
	defer b.shorten(t, 0, func() *Part {
		p := b.shortPart("一、各单位获奖数", gradeColumns(), func(_ []string, f *store.Figures) []Cell { return awardGradeCells(f.Awards, "") })
		return withoutEmptyUnits(p)
	})
	t.Footnotes = []string{
		"按获奖日期所在年度统计；“及以上”含所列级别及更高级别（国家级＞省级＞州市级＞县级）。目标：" + b.namedTargets("获奖数", store.IndAwards) + "。",
	}
	return t
}

// awardList is 表10's first part: one row per award of the year, by school
// (grouped by lower unit above county level), each school's by date.
func (b *builder) awardList() *Part {
	p := &Part{Caption: "一、获奖名单", Columns: []Column{
		{"序号", 12, "C", false}, {"学校名称", 50, "L", false}, {"项目名称", 66, "L", false}, {"类别", 22, "C", false},
		{"级别", 16, "C", false}, {"等次", 16, "C", false}, {"获奖对象", 16, "C", false}, {"获奖者", 40, "L", false},
		{"获奖日期", 24, "C", false},
	}}
	count := func(label string, n int) Row {
		return Row{Kind: RowTotal, Cells: append([]Cell{Text(label), Text(""), Text(fmt.Sprintf("共%d项", n))}, padCells(6, Text(""))...)}
	}
	b.eachGroup(p, func(g group, seq *int) []Row {
		var rows []Row
		for _, code := range g.schools {
			for _, a := range b.schoolAwards(code) {
				*seq++
				rows = append(rows, Row{school: code, Cells: []Cell{Int(*seq), Text(b.schools[code].Name), Text(a.Project), Text(a.Category),
					Text(a.Level), Text(a.Rank), Text(a.WinnerType), Text(a.Winners), Text(a.Date.Format("2006-01-02"))}})
			}
		}
		return rows
	}, func(g group) Row { return count("小计", awardTotal(g.figures)) })
	p.Rows = append(p.Rows, count("合计", awardTotal(b.r.Figures)))
	return p
}

// awardTotal is the year's awards of every category and level.
func awardTotal(f *store.Figures) int {
	n := 0
	for _, c := range f.Awards {
		n += c.Count
	}
	return n
}

// schoolAwards are a school's awards of the year by date, then project.
func (b *builder) schoolAwards(code string) []store.Award {
	as := slices.Clone(b.awards[code])
	slices.SortStableFunc(as, func(x, y store.Award) int {
		return cmp.Or(x.Date.Compare(y.Date), cmp.Compare(x.Project, y.Project))
	})
	return as
}

// awardGrid is 表10's second part: the awards by 类别 and 级别.
func (b *builder) awardGrid() *Part {
	p := &Part{Caption: "二、按类别和级别统计", Columns: append([]Column{{"序号", 10, "C", false}, {"类别", 40, "L", false}}, gradeColumns()...)}
	f := b.r.Figures
	for i, c := range store.AwardCategories {
		p.Rows = append(p.Rows, Row{Cells: append([]Cell{Int(i + 1), Text(c)}, awardGradeCells(f.Awards, c)...)})
	}
	p.Rows = append(p.Rows, Row{Kind: RowTotal, Cells: append([]Cell{Text("合计"), Text("")}, awardGradeCells(f.Awards, "")...)})
	return p
}

// targetPart lists the year's targets on counted indicators with what was
// done, from the store's assessment; nil when none is set.
func (b *builder) targetPart(keys ...string) *Part {
	ts := b.assessed(b.r.Figures, keys...)
	if len(ts) == 0 {
		return nil
	}
	p := &Part{Caption: "三、目标完成情况", Columns: []Column{{"序号", 10, "C", false}, {"指标", 80, "L", false},
		{"目标", 20, "R", false}, {"完成", 20, "R", false}, {"是否达标", 20, "C", false}}}
	for i, a := range ts {
		p.Rows = append(p.Rows, Row{Cells: []Cell{Int(i + 1), Text(assessedName(a)), Int(int(a.Target)), Int(int(*a.Done)), Text(store.MetText(a.Met))}})
	}
	return p
}

// withoutEmptyUnits drops the units whose counts are all 0 from a short
// part (as 表8 lists only the units that recorded carriers), numbering the
// rest again; 合计 stays.
func withoutEmptyUnits(p *Part) *Part {
	out := &Part{Caption: p.Caption, Columns: p.Columns}
	seq := 0
	for _, r := range p.Rows {
		if r.Kind != RowTotal && r.Cells[len(r.Cells)-1].Int == 0 {
			continue
		}
		if r.Kind != RowTotal && r.Cells[0].Kind == CellInt {
			seq++
			r.Cells = append([]Cell{Int(seq)}, r.Cells[1:]...)
		}
		out.Rows = append(out.Rows, r)
	}
	return out
}
