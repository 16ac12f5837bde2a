package reports

import (
	"fmt"

	"chanjiao/store"
)

// 表9 师资与教师企业实践情况

// table9Columns are 表9's figure columns, after 序号 and 学校名称 (or 单位).
func table9Columns() []Column {
	return []Column{{"专任教师数", 20, "R", false}, {"专业课教师数", 20, "R", false}, {"双师型教师数", 20, "R", false},
		{"双师型占比", 20, "R", false}, {"兼职教师数", 20, "R", false}, {"教师企业实践人次", 24, "R", true}}
}

// table9Cells are a unit's or the whole year's pooled figures in
// table9Columns' order.
func table9Cells(f *store.Figures) []Cell {
	t := f.Teachers
	return []Cell{Int(t.FullTime), Int(t.Professional), Int(t.Dual), Rate(t.Rate), Int(t.PartTime), Int(f.EnterprisePractice)}
}

// schoolTable9Cells are a school's: its 师资 row ("—" without one) and its
// stints of 教师企业实践 from its own figures.
func (b *builder) schoolTable9Cells(code string) []Cell {
	f := b.figures[code]
	rows := b.staff[code]
	if len(rows) == 0 {
		return []Cell{Text("—"), Text("—"), Text("—"), Rate(nil), Text("—"), Int(f.EnterprisePractice)}
	}
	cells := table9Cells(f)
	cells[4] = OptInt(rows[0].PartTime)
	return cells
}

func (b *builder) table9() *Table {
	t := b.newTable(9, "师资与教师企业实践情况", true)
	t.Measure = "人、人次"
	cols := table9Columns()
	p := &Part{Columns: append([]Column{{"序号", 10, "C", false}, {"学校名称", 56, "L", false}}, cols...)}
	b.eachGroup(p, func(g group, seq *int) []Row {
		var rows []Row
		for _, code := range g.schools {
			if !b.inTable9(code) {
				continue
			}
			*seq++
			cells := append([]Cell{Int(*seq), Text(b.schools[code].Name)}, b.schoolTable9Cells(code)...)
			rows = append(rows, Row{school: code, Cells: cells})
		}
		return rows
	}, func(g group) Row { return Row{Cells: append([]Cell{Text(""), Text("")}, table9Cells(g.figures)...)} })
	p.Rows = append(p.Rows, b.table9Total())
	t.Parts = []*Part{p}
	defer b.shorten(t, 0, func() *Part {
		short := b.shortPart("", cols, func(_ []string, f *store.Figures) []Cell { return table9Cells(f) })
		short.Rows[len(short.Rows)-1] = b.table9Total()
		return short
	})
	t.Footnotes = []string{
		"双师型占比＝双师型教师数÷专业课教师数，合计栏按各校人数合并计算（不是各校比率的平均），截尾保留一位小数；未填报师资情况的学校显示“—”。",
		"教师企业实践人次为方向“学校派往企业”、岗位类型“实践锻炼”且与本年度有交集的互派互聘记录，每条记录计一人次。目标：" + b.dualTarget() +
			"；" + b.namedTargets("教师企业实践人次", store.IndPractice) + "。",
	}
	return t
}

// table9Total is 表9's 合计: the pooled share, and whether it meets the
// 双师型 target where one is set.
func (b *builder) table9Total() Row {
	f := b.r.Figures
	status := ""
	if f.Teachers.Target != nil {
		status = "双师型占比" + store.MetText(f.Teachers.Met)
	}
	return Row{Kind: RowTotal, Cells: append([]Cell{Text("合计"), Text(status)}, table9Cells(f)...)}
}

// dualTarget names the 双师型 target for a note.
func (b *builder) dualTarget() string {
	t := b.r.Figures.Teachers.Target
	if t == nil {
		return "双师型教师占比本年度未设目标"
	}
	return fmt.Sprintf("双师型教师占比不低于%s", store.FormatRate(t)) +
		b.source(store.IndDualQualified, "国务院《国家职业教育改革实施方案》")
}

// inTable9 says whether a school is listed in 表9: a school held to the
// targets, or any school with a 师资 row or stints of 教师企业实践.
func (b *builder) inTable9(code string) bool {
	return b.schoolFigures(code).Assessed || len(b.staff[code]) > 0 || b.figures[code].EnterprisePractice > 0
}
