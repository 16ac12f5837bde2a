package reports

import (
	"fmt"
	"sort"

	"chanjiao/store"
)

// Above county level the printed tables stay short (shared/spec/returns.md,
// "Above county level"): the school- and major-level grids list one row per
// lower unit, and the rows by school move to 明细 tables (Returns.Details)
// with a 单位 column, grouped by lower unit with 小计 as before.

// unit is one row of a short table: a county at a prefecture; at a
// province a prefecture (depth 0) followed by its counties (depth 1).
type unit struct {
	code, name string
	depth      int
	schools    []string
	figures    *store.Figures
}

// units are the rows of the short tables, computed once per build: each
// unit's figures are the store's computation over its schools' records.
func (b *builder) units() []unit {
	if b.unitRows != nil {
		return b.unitRows
	}
	for _, g := range b.groups {
		b.unitRows = append(b.unitRows, unit{code: g.code, name: g.name, schools: g.schools, figures: g.figures})
		if b.d.Unit.Level != store.LevelProvince {
			continue
		}
		for _, c := range b.counties(g.schools) {
			b.unitRows = append(b.unitRows, unit{code: c.code, name: c.name, depth: 1, schools: c.schools, figures: b.subset(c.schools, true)})
		}
	}
	return b.unitRows
}

// regionName is a region code's name in the catalogue, else the code.
func (b *builder) regionName(code string) string {
	if reg, ok := b.ref.Region(code); ok {
		return reg.Name
	}
	return code
}

// unitValues gives a unit's cells after 序号 and 单位, from its schools and
// their pooled figures; the 合计 row gets the unit's own.
type unitValues func(schools []string, f *store.Figures) []Cell

// shortPart lists one row per lower unit with values, then 合计. At a
// province the prefectures' rows are bold and their counties' follow,
// indented.
func (b *builder) shortPart(caption string, cols []Column, values unitValues) *Part {
	p := &Part{Caption: caption, Columns: append([]Column{{"序号", 10, "C", false}, {"单位", 44, "L", false}}, cols...)}
	province := b.d.Unit.Level == store.LevelProvince
	seq := 0
	for _, u := range b.units() {
		row := Row{Cells: []Cell{Text(""), Text("　" + u.name)}}
		if u.depth == 0 {
			seq++
			row.Cells = []Cell{Int(seq), Text(u.name)}
			if province {
				row.Kind = RowSubtotal
			}
		}
		row.Cells = append(row.Cells, values(u.schools, u.figures)...)
		p.Rows = append(p.Rows, row)
	}
	total := append([]Cell{Text("合计"), Text("")}, values(b.allSchools(), b.r.Figures)...)
	p.Rows = append(p.Rows, Row{Kind: RowTotal, Cells: total})
	return p
}

// shorten turns part pi of a table into its short form above county level:
// the grid by school becomes a 明细 table (Returns.Details) and the short
// part takes its place. A county's table stays as it is.
func (b *builder) shorten(t *Table, pi int, short func() *Part) {
	if !b.grouping {
		return
	}
	d := *t
	d.Detail = true
	d.Parts = []*Part{b.withUnitColumn(t.Parts[pi])}
	b.r.Details = append(b.r.Details, &d)
	parts := append([]*Part(nil), t.Parts...)
	parts[pi] = short()
	t.Parts = parts
	what := map[int]string{8: "各载体的名单", 10: "各获奖项目的名单", 11: "各活动的名单"}[t.No]
	if what == "" {
		what = "按学校（专业）的明细"
	}
	t.Footnotes = append(append([]string(nil), t.Footnotes...),
		fmt.Sprintf("%s见 Excel 文件的“%s”工作表，以及导出时选择“同时生成明细表”所得的明细 PDF。", what, d.SheetName()))
}

// withUnitColumn is a grid by school with a 单位 column after 序号: the
// school's county.
func (b *builder) withUnitColumn(p *Part) *Part {
	out := &Part{Caption: p.Caption}
	out.Columns = append([]Column{p.Columns[0], {"单位", 22, "L", false}}, p.Columns[1:]...)
	for _, row := range p.Rows {
		name := row.unit
		if row.Kind == RowData && name == "" {
			name = b.regionName(b.schools[row.school].Region)
		}
		cells := append([]Cell{row.Cells[0], Text(name)}, row.Cells[1:]...)
		out.Rows = append(out.Rows, Row{Kind: row.Kind, Cells: cells, school: row.school})
	}
	return out
}

// unitSecondmentChart is 图1 above county level: per lower unit, the schools
// that met the 互派互聘 target against those assessed.
func (b *builder) unitSecondmentChart() BarChart {
	c := BarChart{Title: "图1 各单位互派互聘达标学校数（灰色为参加考核的学校数）", Unit: "所",
		Legend: [3]string{"达标学校（全部达标）", "达标学校（有学校未达标）", "参加考核的学校"}}
	for _, u := range b.units() {
		if u.depth > 0 {
			continue
		}
		assessed := u.figures.SecondmentSchoolsAssessed
		met := u.figures.SecondmentSchoolsMet
		c.Items = append(c.Items, BarItem{Label: u.name, Value: met, Target: &assessed, Short: met < assessed})
	}
	return c
}

// recorderPart lists the units that recorded some unit-owned records
// (carriers, activities), codes in code order, with cells counting the
// records of a set of them: at a prefecture one row per unit; at a province
// each prefecture (its own records and its units' together, bold) followed
// by the units under it, the province's own first as 本级. total is 合计's.
func (b *builder) recorderPart(caption string, cols []Column, codes []string, cells func(codes []string) []Cell, total []Cell) *Part {
	p := &Part{Caption: caption, Columns: append([]Column{{"序号", 10, "C", false}, {"单位", 60, "L", false}}, cols...)}
	province := b.d.Unit.Level == store.LevelProvince
	seq := 0
	row := func(name string, codes []string, top bool) {
		r := Row{Cells: append([]Cell{Text(""), Text("　" + name)}, cells(codes)...)}
		if top {
			seq++
			r.Cells[0], r.Cells[1] = Int(seq), Text(name)
			if province {
				r.Kind = RowSubtotal
			}
		}
		p.Rows = append(p.Rows, r)
	}
	if !province {
		for _, c := range codes {
			row(b.recorderName(c), []string{c}, true)
		}
	} else {
		byPrefecture := map[string][]string{}
		var prefectures []string
		for _, c := range codes {
			pc := b.lowerUnit(c)
			if c == b.d.Unit.Code {
				pc = c
			}
			if _, seen := byPrefecture[pc]; !seen {
				prefectures = append(prefectures, pc)
			}
			byPrefecture[pc] = append(byPrefecture[pc], c)
		}
		sort.Strings(prefectures)
		for _, pc := range prefectures {
			if pc == b.d.Unit.Code {
				row(b.recorderName(pc), byPrefecture[pc], true)
				continue
			}
			row(b.regionName(pc), byPrefecture[pc], true)
			for _, c := range byPrefecture[pc] {
				row(b.recorderName(c), []string{c}, false)
			}
		}
	}
	p.Rows = append(p.Rows, Row{Kind: RowTotal, Cells: append([]Cell{Text("合计"), Text("")}, total...)})
	return p
}
