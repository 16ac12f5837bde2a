package reports

import (
	"chanjiao/store"
)

// 表7 校企合作协议与订单班情况

// table7Columns are 表7's figure columns, after 序号 and 学校名称 (or 单位).
func table7Columns() []Column {
	cols := []Column{{"有效协议数", 17, "R", false}, {"本年签订协议数", 17, "R", false}, {"本年签订意向书数", 17, "R", false}}
	for _, g := range classGroups {
		cols = append(cols, Column{g.label + " 班数", 17, "R", false}, Column{g.label + " 人数", 17, "R", false})
	}
	return cols
}

// classGroups are 表7's class columns: the order classes together, then
// each kind of apprenticeship.
var classGroups = []classGroup{
	{"订单班/冠名班/定向班", store.OrderClassTypes},
	{store.ClassApprentice, []string{store.ClassApprentice}},
	{store.ClassEnterprise, []string{store.ClassEnterprise}},
}

// classGroup is some 培养类型 counted together.
type classGroup struct {
	label string
	types []string
}

// count adds up the group's classes and students in the figures.
func (g classGroup) count(f *store.Figures) store.ClassCount {
	var n store.ClassCount
	for _, typ := range g.types {
		n.Classes += f.Classes[typ].Classes
		n.Students += f.Classes[typ].Students
	}
	return n
}

// table7Cells are a school's or a group's figures in table7Columns' order.
func table7Cells(f *store.Figures) []Cell {
	a := f.Agreements
	cells := []Cell{Int(a.InForce), Int(a.Signed), Int(a.IntentsSigned)}
	for _, g := range classGroups {
		n := g.count(f)
		cells = append(cells, Int(n.Classes), Int(n.Students))
	}
	return cells
}

func (b *builder) table7() *Table {
	t := b.newTable(7, "校企合作协议与订单班情况", true)
	t.Measure = "份、个、人"
	cols := table7Columns()
	p := &Part{Columns: append([]Column{{"序号", 10, "C", false}, {"学校名称", 56, "L", false}}, cols...)}
	total := func(label string, f *store.Figures) Row {
		return Row{Kind: RowTotal, Cells: append([]Cell{Text(label), Text("")}, table7Cells(f)...)}
	}
	b.eachGroup(p, func(g group, seq *int) []Row {
		var rows []Row
		for _, code := range g.schools {
			if !b.inTable7(code) {
				continue
			}
			*seq++
			cells := append([]Cell{Int(*seq), Text(b.schools[code].Name)}, table7Cells(b.figures[code])...)
			rows = append(rows, Row{school: code, Cells: cells})
		}
		return rows
	}, func(g group) Row { return total("小计", g.figures) })
	p.Rows = append(p.Rows, total("合计", b.r.Figures))
	t.Parts = []*Part{p}
	defer b.shorten(t, 0, func() *Part {
		return b.shortPart("", cols, func(_ []string, f *store.Figures) []Cell { return table7Cells(f) })
	})
	t.Footnotes = []string{
		"有效协议数为本年度内有效的合作协议和合作意向书（签订日期不晚于年末，且未约定到期日期或到期日期不早于年初）；本年签订数按签订日期所在年度统计。",
		"班数、人数为本年度的订单班、冠名班、定向班、现代学徒制班和企业新型学徒制班；订单班/冠名班/定向班人数合计即订单班学生数指标。目标：" +
			b.measureTargets(store.IndAgreements, store.IndOrderClasses, store.IndApprentices) + "。",
	}
	return t
}

// inTable7 says whether a school is listed in 表7: a school held to the
// targets, or any school with agreements in force or classes in the year.
func (b *builder) inTable7(code string) bool {
	return b.schoolFigures(code).Assessed || len(b.agrees[code])+len(b.classes[code]) > 0
}
