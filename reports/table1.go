package reports

import (
	"fmt"

	"chanjiao/store"
)

// 表1 职业学校基本情况

func (b *builder) table1() *Table {
	t := b.newTable(1, "职业学校基本情况", true)
	t.Measure = "人、个"
	p := &Part{Columns: []Column{
		{"序号", 10, "C", false}, {"学校名称", 50, "L", false}, {"学校标识码", 24, "C", false}, {"办学类型", 22, "C", false},
		{"招生专业数", 16, "R", false}, {"在校生数", 16, "R", false}, {"毕业生数", 16, "R", false}, {"升学人数", 16, "R", false},
		{"升学率", 16, "R", false}, {"合作企业数", 16, "R", false}, {"优质学校等级", 26, "C", false},
	}}
	type sums struct{ open, enrolled, grads, progressed int }
	add := func(s *sums, code string) {
		for _, m := range b.majors[code] {
			if m.Status == store.StatusEnrolling {
				s.open++
			}
			s.enrolled += m.Enrolled
			s.grads += m.Graduates
			s.progressed += m.Progressed
		}
	}
	total := func(label string, codes []string, f *store.Figures) Row {
		var s sums
		for _, c := range codes {
			if b.inTable1(c) {
				add(&s, c)
			}
		}
		return Row{Kind: RowTotal, Cells: []Cell{Text(label), Text(""), Text(""), Text(""), Int(s.open), Int(s.enrolled),
			Int(s.grads), Int(s.progressed), Rate(f.Progression.Rate), Int(f.PartnerEnterprises), Text(store.QualityText(f.QualitySchools, ""))}}
	}
	b.eachGroup(p, func(g group, seq *int) []Row {
		var rows []Row
		for _, code := range g.schools {
			if !b.inTable1(code) {
				continue
			}
			*seq++
			s := b.schools[code]
			f := b.figures[code]
			var n sums
			add(&n, code)
			rows = append(rows, Row{school: code, Cells: []Cell{Int(*seq), Text(s.Name), Text(s.Code), Text(s.Type), Int(n.open), Int(n.enrolled),
				Int(n.grads), Int(n.progressed), Rate(f.Progression.Rate), Int(f.PartnerEnterprises), Text(s.Quality)}})
		}
		return rows
	}, func(g group) Row { return total("小计", g.schools, g.figures) })
	f := b.r.Figures
	p.Rows = append(p.Rows, total("合计", b.allSchools(), f))
	t.Parts = []*Part{p}
	defer b.shorten(t, 0, func() *Part {
		return b.shortPart("", []Column{{"学校数", 14, "R", false}, {"招生专业数", 16, "R", false}, {"在校生数", 16, "R", false},
			{"毕业生数", 16, "R", false}, {"升学人数", 16, "R", false}, {"升学率", 16, "R", false}, {"合作企业数", 16, "R", false},
			{"优质学校等级", 36, "C", false}}, func(codes []string, f *store.Figures) []Cell {
			n := 0
			for _, c := range codes {
				if b.inTable1(c) {
					n++
				}
			}
			return append([]Cell{Int(n)}, total("", codes, f).Cells[4:]...)
		})
	})
	t.Footnotes = []string{
		fmt.Sprintf("升学率为中职升学率：中职层次专业（专业代码61–79）升学人数÷毕业生数，高职专科、职业本科学校不计，显示“—”；合计栏为%s中职专业升学%d人÷毕业%d人。目标：%s。",
			b.area(), f.Progression.Progressed, f.Progression.Graduates, b.progressionTarget()),
		"招生专业数为状态为“招生”的专业；合作企业数为通过专业、互派互聘或培训与学校合作的企业，合计栏按统一社会信用代码去重。",
		"比率截尾保留一位小数（如59.96%记为59.9%），是否达标按未取舍的数值判定。",
	}
	return t
}

// inTable1 says whether a school is listed in 表1: a school held to the
// targets, or any school with records in the year.
func (b *builder) inTable1(code string) bool {
	return b.schoolFigures(code).Assessed || len(b.majors[code])+len(b.stints[code])+len(b.trains[code]) > 0
}

func (b *builder) allSchools() []string {
	var out []string
	for _, sf := range b.r.Figures.Schools {
		out = append(out, sf.Code)
	}
	return out
}

// area is how the letter and notes name the unit's territory.
func (b *builder) area() string {
	if b.r.Region != "" {
		return b.r.Region
	}
	return "本地区"
}
