package reports

import (
	"fmt"

	"chanjiao/store"
)

// 表3 校企互派互聘情况

func (b *builder) table3() *Table {
	t := b.newTable(3, "校企互派互聘情况", true)
	t.Measure = "人"
	p := &Part{Columns: []Column{
		{"序号", 10, "C", false}, {"学校名称", 56, "L", false}, {"学校派往企业(人)", 24, "R", false}, {"企业派往学校(人)", 24, "R", false},
		{"合计(人)", 20, "R", false}, {"目标(人)", 20, "R", false}, {"是否达标", 26, "C", false}, {"差额(人)", 20, "R", false},
	}}
	total := func(label string, codes []string, f *store.Figures) Row {
		var s2e, e2s, persons, gap int
		for _, c := range codes {
			sf := b.schoolFigures(c)
			if !inTable3(sf) {
				continue
			}
			s2e += sf.Secondments.SchoolToEnterprise
			e2s += sf.Secondments.EnterpriseToSchool
			persons += sf.Secondments.Persons
			if sf.Assessed {
				gap += sf.Secondments.Gap()
			}
		}
		return Row{Kind: RowTotal, Cells: []Cell{Text(label), Text(""), Int(s2e), Int(e2s), Int(persons), Text("—"),
			Text(fmt.Sprintf("达标学校%d/%d", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)), Int(gap)}}
	}
	b.eachGroup(p, func(g group, seq *int) []Row {
		var rows []Row
		for _, code := range g.schools {
			sf := b.schoolFigures(code)
			if !inTable3(sf) {
				continue
			}
			*seq++
			sec := sf.Secondments
			target, status, gap := Text("—"), Text("不考核"), Text("—")
			if sf.Assessed {
				target, gap = OptInt(sec.Target), Int(sec.Gap())
				status = Text(store.MetText(sec.Met))
			}
			rows = append(rows, Row{school: code, Cells: []Cell{Int(*seq), Text(sf.Name), Int(sec.SchoolToEnterprise), Int(sec.EnterpriseToSchool),
				Int(sec.Persons), target, status, gap}})
		}
		return rows
	}, func(g group) Row { return total("小计", g.schools, g.figures) })
	p.Rows = append(p.Rows, total("合计", b.allSchools(), b.r.Figures))
	t.Parts = []*Part{p}
	defer b.shorten(t, 0, func() *Part {
		return b.shortPart("", []Column{{"学校派往企业(人)", 24, "R", false}, {"企业派往学校(人)", 24, "R", false},
			{"合计(人)", 20, "R", false}, {"达标学校", 26, "C", false}, {"差额(人)", 20, "R", false}},
			func(codes []string, f *store.Figures) []Cell {
				c := total("", codes, f).Cells
				return []Cell{c[2], c[3], c[4], c[6], c[7]}
			})
	})
	t.Footnotes = []string{
		"目标：" + b.secondmentTarget() + "。差额＝目标－人数（达标为0）。",
		"人数按身份证号（或人员标识）去重，同一人在年度内多次派驻只计一次；合计(人)为不重复人数，可能少于两个方向之和。普通高中及已停办学校不参加考核。",
	}
	return t
}

func inTable3(sf store.SchoolFigures) bool { return sf.Assessed || sf.Secondments.Persons > 0 }

// --- charts -----------------------------------------------------------------

func (b *builder) secondmentChart() BarChart {
	c := BarChart{Unit: "人", Target: b.secondmentTargetValue()}
	c.Title = "图1 各校互派互聘人数"
	if c.Target != nil {
		c.Title += fmt.Sprintf("（虚线为目标：每校不少于%d人）", *c.Target)
	}
	for _, sf := range b.r.Figures.Schools {
		if !sf.Assessed {
			continue
		}
		c.Items = append(c.Items, BarItem{Label: sf.Name, Value: sf.Secondments.Persons,
			Short: sf.Secondments.Met != nil && !*sf.Secondments.Met})
	}
	return c
}
