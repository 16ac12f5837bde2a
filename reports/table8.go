package reports

import (
	"fmt"
	"strings"

	"chanjiao/store"
)

// 表8 产教融合载体情况: the carriers counted in the year, then a count grid by
// 载体类型 and 级别 with the targets set on them.

// levelColumns are the count columns by the level a carrier counts at,
// then its 合计 and 本年新增.
func levelColumns() []Column {
	var cols []Column
	for _, g := range store.CarrierGrades {
		cols = append(cols, Column{g, 14, "R", false})
	}
	return append(cols, Column{"合计", 14, "R", false}, Column{"其中本年新增", 16, "R", false})
}

// levelCells are counts in levelColumns' order.
func levelCells(cs []store.CarrierCount) []Cell {
	by, total, fresh := byLevel(cs)
	var cells []Cell
	for _, g := range store.CarrierGrades {
		cells = append(cells, Int(by[g]))
	}
	return append(cells, Int(total), Int(fresh))
}

// byLevel adds up carrier counts by level, in all, and the new ones.
func byLevel(cs []store.CarrierCount) (by map[string]int, total, fresh int) {
	by = map[string]int{}
	for _, c := range cs {
		by[c.Level] += c.Count
		total += c.Count
		fresh += c.New
	}
	return by, total, fresh
}

// carrierGroup is the carriers (counted in the year) that one unit recorded.
type carrierGroup struct {
	code, name string
	carriers   []store.Carrier
}

// carrierGroups splits the carriers counted in the year by the unit that
// recorded them, in code order (Dataset.Carriers' order).
func (b *builder) carrierGroups() []carrierGroup {
	var out []carrierGroup
	for _, c := range b.d.Carriers {
		if _, counted := c.CountedAs(b.d.Year); !counted {
			continue
		}
		if n := len(out); n == 0 || out[n-1].code != c.UnitCode {
			out = append(out, carrierGroup{code: c.UnitCode, name: b.recorderName(c.UnitCode)})
		}
		out[len(out)-1].carriers = append(out[len(out)-1].carriers, c)
	}
	return out
}

// recorderName names the unit that recorded carriers: a county, or a
// prefecture's (this unit's) own as 本级.
func (b *builder) recorderName(code string) string {
	if code == b.d.Unit.Code || (b.d.Unit.Level == store.LevelProvince && strings.HasSuffix(code, "00")) {
		return b.regionName(code) + "（本级）"
	}
	return b.regionName(code)
}

// carrierCounts are the store's counts of some carriers by type and level.
func (b *builder) carrierCounts(cs []store.Carrier) []store.CarrierCount {
	return store.Dataset{Unit: b.d.Unit, Year: b.d.Year, Carriers: cs}.Counts().Carriers
}

func (b *builder) table8() *Table {
	t := b.newTable(8, "产教融合载体情况", true)
	t.Measure = "个、家"
	list := b.carrierList()
	t.Parts = []*Part{list, b.carrierGrid()}
	defer b.shorten(t, 0, b.carrierUnitsPart)
	t.Footnotes = []string{
		fmt.Sprintf("列出%d年度计数的载体：成立年份不晚于本年度且未撤销（撤销年份晚于本年度）。级别为本年度的认定级别：认定年份晚于本年度或尚未认定的计为“未认定”；本年新增为成立年份在本年度的载体。", b.d.Year),
		"成员企业数合计栏按统一社会信用代码去重。“及以上”含所列级别及更高级别（国家级＞省级＞州市级＞县级）。目标：" +
			b.measureTargets(store.IndCarriers) + "。",
	}
	return t
}

// carrierList is 表8's first part: one row per carrier counted in the year,
// grouped by the unit that recorded it above county level.
func (b *builder) carrierList() *Part {
	p := &Part{Caption: "一、载体名单", Columns: []Column{
		{"序号", 10, "C", false}, {"载体类型", 34, "L", false}, {"载体名称", 80, "L", false}, {"级别", 16, "C", false},
		{"认定年份", 16, "C", false}, {"牵头学校", 56, "L", false}, {"成员企业数", 16, "R", false},
	}}
	total := func(label string, cs []store.Carrier) Row {
		ents := map[string]bool{}
		for _, c := range cs {
			for _, e := range c.MemberEnterprises {
				ents[e] = true
			}
		}
		return Row{Kind: RowTotal, Cells: []Cell{Text(label), Text(""), Text(fmt.Sprintf("共%d个", len(cs))), Text(""), Text(""), Text(""), Int(len(ents))}}
	}
	seq := 0
	var all []store.Carrier
	for _, g := range b.carrierGroups() {
		var rows []Row
		for _, c := range g.carriers {
			seq++
			level, _ := c.CountedAs(b.d.Year)
			recognized := Text("—")
			if level != store.GradeUnrecognized {
				recognized = Text(fmt.Sprint(c.Recognized))
			}
			lead := c.LeadSchool
			if s, ok := b.schools[lead]; ok {
				lead = s.Name
			}
			rows = append(rows, Row{unit: g.name, Cells: []Cell{Int(seq), Text(c.Type), Text(c.Name), Text(level), recognized,
				Text(lead), Int(len(c.MemberEnterprises))}})
		}
		b.appendGroup(p, g.name, rows, func() Row { return total("小计", g.carriers) })
		all = append(all, g.carriers...)
	}
	p.Rows = append(p.Rows, total("合计", all))
	return p
}

// carrierGrid is 表8's second part: the carriers by type and level, with
// each target set on a type and level against what was done.
func (b *builder) carrierGrid() *Part {
	p := &Part{Caption: "二、按载体类型和级别统计", Columns: append(append([]Column{{"序号", 10, "C", false}, {"载体类型", 34, "L", false}},
		levelColumns()...), Column{"目标级别", 22, "C", false}, Column{"目标数", 14, "R", false}, Column{"完成数", 14, "R", false},
		Column{"是否达标", 16, "C", false})}
	f := b.r.Figures
	targets := b.assessed(f, store.IndCarriers)
	byType := map[string][]store.CarrierCount{}
	for _, c := range f.Carriers {
		byType[c.Type] = append(byType[c.Type], c)
	}
	targetsOf := map[string][]store.Assessed{}
	for _, a := range targets {
		typ, _, _ := strings.Cut(*a.Category, "/")
		targetsOf[typ] = append(targetsOf[typ], a)
	}
	targetCells := func(a store.Assessed) []Cell {
		_, grade, _ := strings.Cut(*a.Category, "/")
		return []Cell{Text(grade + "及以上"), Int(int(a.Target)), Int(int(*a.Done)), Text(store.MetText(a.Met))}
	}
	seq := 0
	for _, typ := range store.CarrierTypes {
		if len(byType[typ]) == 0 && len(targetsOf[typ]) == 0 {
			continue
		}
		seq++
		cells := append([]Cell{Int(seq), Text(typ)}, levelCells(byType[typ])...)
		ts := targetsOf[typ]
		if len(ts) == 0 {
			p.Rows = append(p.Rows, Row{Cells: append(cells, Text("—"), Text("—"), Text("—"), Text("—"))})
			continue
		}
		p.Rows = append(p.Rows, Row{Cells: append(cells, targetCells(ts[0])...)})
		for _, a := range ts[1:] { // another level's target on the same type
			blank := padCells(len(cells), Text(""))
			p.Rows = append(p.Rows, Row{Kind: RowDetail, Cells: append(blank, targetCells(a)...)})
		}
	}
	met := 0
	for _, a := range targets {
		if a.Met != nil && *a.Met {
			met++
		}
	}
	status := Text("")
	if len(targets) > 0 {
		status = Text(fmt.Sprintf("达标%d/%d", met, len(targets)))
	}
	p.Rows = append(p.Rows, Row{Kind: RowTotal, Cells: append(append([]Cell{Text("合计"), Text("")}, levelCells(f.Carriers)...),
		Text(""), Text(""), Text(""), status)})
	return p
}

// carrierUnitsPart is 表8's list above county level: one row per unit
// that recorded carriers with its counts by level (at a province each
// prefecture, then the units under it), then 合计.
func (b *builder) carrierUnitsPart() *Part {
	byCode := map[string][]store.Carrier{}
	var codes []string
	for _, g := range b.carrierGroups() {
		byCode[g.code] = g.carriers
		codes = append(codes, g.code)
	}
	cells := func(codes []string) []Cell {
		var cs []store.Carrier
		for _, c := range codes {
			cs = append(cs, byCode[c]...)
		}
		return levelCells(b.carrierCounts(cs))
	}
	return b.recorderPart("一、各单位载体数", levelColumns(), codes, cells, levelCells(b.r.Figures.Carriers))
}
