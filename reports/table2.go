package reports

import (
	"fmt"

	"chanjiao/store"
	"chanjiao/store/refdata"
)

// 表2 专业设置情况

func (b *builder) table2() *Table {
	t := b.newTable(2, "专业设置情况", true)
	t.Measure = "人、家"
	p := &Part{Columns: []Column{
		{"序号", 10, "C", false}, {"学校名称", 44, "L", false}, {"专业代码", 18, "C", false}, {"专业名称", 40, "L", false},
		{"层次", 16, "C", false}, {"状态", 12, "C", false}, {"在校生数", 16, "R", false}, {"订单班人数", 18, "R", false},
		{"贯通培养", 18, "C", false}, {"合作企业数", 16, "R", false}, {"优质专业等级", 26, "C", false},
	}}
	count := func(codes []string) (majors, enrolled, schools int) {
		for _, c := range codes {
			for _, m := range b.majors[c] {
				enrolled += m.Enrolled
				majors++
			}
			if len(b.majors[c]) > 0 {
				schools++
			}
		}
		return majors, enrolled, schools
	}
	total := func(label string, codes []string, f *store.Figures) Row {
		n, enrolled, _ := count(codes)
		linked := b.subset(codes, false) // enterprises linked through majors alone
		return Row{Kind: RowTotal, Cells: []Cell{Text(label), Text(fmt.Sprintf("共%d个专业", n)), Text(""), Text(""), Text(""), Text(""),
			Int(enrolled), Int(f.OrderClassStudents), Text(""), Int(linked.PartnerEnterprises), Text(store.QualityText(f.QualityMajors, ""))}}
	}
	b.eachGroup(p, func(g group, seq *int) []Row {
		var rows []Row
		for _, code := range g.schools {
			s := b.schools[code]
			for _, m := range b.majors[code] {
				*seq++
				level := refdata.LevelOfCode(m.Code)
				rows = append(rows, Row{school: code, Cells: []Cell{Int(*seq), Text(s.Name), Text(m.Code), Text(m.Name), Text(level), Text(m.Status),
					Int(m.Enrolled), Int(b.orderClass[m.Key()]), Text(m.Through), Int(len(m.Enterprises)), Text(m.Quality)}})
			}
		}
		return rows
	}, func(g group) Row { return total("小计", g.schools, g.figures) })
	p.Rows = append(p.Rows, total("合计", b.allSchools(), b.r.Figures))
	t.Parts = []*Part{p}
	defer b.shorten(t, 0, func() *Part {
		return b.shortPart("", []Column{{"学校数", 14, "R", false}, {"专业数", 14, "R", false}, {"在校生数", 16, "R", false},
			{"订单班人数", 18, "R", false}, {"合作企业数", 16, "R", false}, {"优质专业等级", 40, "C", false}},
			func(codes []string, f *store.Figures) []Cell {
				n, _, schools := count(codes)
				c := total("", codes, f).Cells
				return []Cell{Int(schools), Int(n), c[6], c[7], c[9], c[10]}
			})
	})
	t.Footnotes = []string{
		"合作企业数：各专业为该专业的合作企业家数；合计栏为通过专业合作的企业按统一社会信用代码去重后的家数。",
		"订单班人数合计即订单班学生数指标；优质专业合计栏为各等级专业（群）个数。",
	}
	return t
}
