package reports

import (
	"fmt"
	"sort"
	"strings"

	"chanjiao/store"
)

// 表12 各县市主要指标完成情况 (prefecture and province): each lower unit's
// results against the targets this unit assigned it (measures.md "Targets
// sent down"), the store's units[].assessment.

// lowerUnits is what the store knows of the units under a prefecture or
// province beyond their records: their figures and assessment, and at a
// province each county's own targets from its prefecture's file.
type lowerUnits struct {
	Units   []*store.Figures          // units[] of check --json
	Targets map[string][]store.Target // county code → its file's targets, with what was assigned
}

// assessRow is one row of 表12: a lower unit's assessment; at a province a
// prefecture (depth 0) is followed by its counties (depth 1).
type assessRow struct {
	code, name string
	depth      int
	sent       bool
	assessment []store.Assessed
}

// assessRows are 表12's rows, worked out once (表4 shows their training
// targets too): the store's units[] in code order, and at a province each
// prefecture's counties assessed from their records as the store assesses
// a unit. A lower unit with schools the store gave no figures for (a
// build without a database) is assessed against this unit's targets.
func (b *builder) assessRows() []assessRow {
	if b.assessed12 != nil {
		return b.assessed12
	}
	byCode := map[string]*store.Figures{}
	var codes []string
	if b.lower != nil {
		for _, f := range b.lower.Units {
			byCode[f.Unit.Code] = f
			codes = append(codes, f.Unit.Code)
		}
	}
	schools := map[string][]string{}
	for _, g := range b.groups {
		schools[g.code] = g.schools
		if byCode[g.code] == nil {
			byCode[g.code] = g.figures
			codes = append(codes, g.code)
		}
	}
	sort.Strings(codes)
	rows := []assessRow{}
	for _, code := range codes {
		f := byCode[code]
		sent := f.Sent == nil || *f.Sent
		rows = append(rows, assessRow{code: code, name: b.regionName(code), sent: sent, assessment: f.Assessment})
		if b.d.Unit.Level != store.LevelProvince || !sent {
			continue
		}
		for _, c := range b.counties(schools[code]) {
			rows = append(rows, assessRow{code: c.code, name: c.name, depth: 1, sent: true, assessment: b.countyAssessment(c)})
		}
	}
	b.assessed12 = rows
	return rows
}

// countyAssessment is a county's assessment at a province, worked out with
// the other figures on every core (precompute).
func (b *builder) countyAssessment(c group) []store.Assessed {
	f, ok := b.subsets[assessedKey(c.code)]
	if !ok {
		f = b.countyFigures(c)
		b.subsets[assessedKey(c.code)] = f
	}
	return f.Assessment
}

func assessedKey(county string) string { return "assessed " + county }

// countyFigures assesses a county at a province as its prefecture did: its
// records (schools', and the carriers and activities it recorded) against
// what the prefecture assigned it, else its own targets, else the
// defaults; its own target is kept beside an assigned one it changed. It
// only reads the builder.
func (b *builder) countyFigures(c group) *store.Figures {
	d := b.dataset(c.schools, true)
	d.Unit = store.Unit{Code: c.code, Name: c.name, Level: store.LevelCounty}
	for _, cr := range b.d.Carriers {
		if cr.UnitCode == c.code {
			d.Carriers = append(d.Carriers, cr)
		}
	}
	for _, a := range b.d.Activities {
		if a.UnitCode == c.code {
			d.Activities = append(d.Activities, a)
		}
	}
	d.Targets = nil
	if b.lower != nil {
		d.OwnTargets = b.lower.Targets[c.code]
		for _, t := range d.OwnTargets {
			if t.Assigned != nil {
				t.Value = *t.Assigned
			}
			d.Targets = append(d.Targets, t)
		}
	}
	if len(d.Targets) == 0 {
		d.Targets = store.DefaultTargets(b.d.Year)
	}
	return d.LowerUnitCounts()
}

func assessKey(indicator, category string) string { return indicator + "|" + category }

func category(a store.Assessed) string {
	if a.Category == nil {
		return ""
	}
	return *a.Category
}

// indicatorsPerPart is how many indicators one grid of 表12 holds: three
// columns each, so a landscape page stays readable.
const indicatorsPerPart = 3

func (b *builder) table12() *Table {
	t := b.newTable(12, "各县市主要指标完成情况", true)
	rows := b.assessRows()
	columns := b.assessedColumns(rows)
	if len(columns) == 0 {
		p := &Part{Columns: []Column{{"序号", 10, "C", false}, {"单位", 60, "L", false}, {"说明", 120, "L", false}}}
		for i, r := range rows {
			p.Rows = append(p.Rows, Row{Cells: []Cell{Int(i + 1), Text(r.name), Text("未设考核目标")}})
		}
		t.Parts = []*Part{p}
	}
	for start := 0; start < len(columns); start += indicatorsPerPart {
		end := min(start+indicatorsPerPart, len(columns))
		t.Parts = append(t.Parts, b.assessPart(rows, columns[start:end], start == 0))
	}
	if len(t.Parts) > 1 {
		for i, p := range t.Parts {
			p.Caption = fmt.Sprintf("（%s）", chineseNumber(i+1))
		}
	}
	t.Footnotes = []string{
		"各单位按本单位下达的目标考核；未下达的指标按该单位自定的目标（无则按默认目标）。该单位改动了下达的目标时，目标栏在下达值后注明“自定”值。未报送数据文件的单位标“未报送”。",
		"每校互派互聘人数的完成为达到每校目标人数的学校数，目标为每校人数，参加考核的学校全部达标为达标；比率截尾保留一位小数，是否达标按未取舍的数值判定；政校企活动频次的完成、目标为期数。",
	}
	return t
}

// assessedColumns are the indicators (and 分类) any row is assessed on, in
// measures.md's order.
func (b *builder) assessedColumns(rows []assessRow) []store.Assessed {
	seen := map[string]bool{}
	var ts []store.Target
	sample := map[string]store.Assessed{}
	for _, r := range rows {
		for _, a := range r.assessment {
			k := assessKey(a.Indicator, category(a))
			if seen[k] {
				continue
			}
			seen[k], sample[k] = true, a
			t := store.Target{Indicator: a.Indicator}
			if a.Category != nil {
				t.Categories = strings.Split(*a.Category, "、")
			}
			ts = append(ts, t)
		}
	}
	store.SortTargets(ts)
	out := make([]store.Assessed, len(ts))
	for i, t := range ts {
		out[i] = sample[assessKey(t.Indicator, t.Category())]
	}
	return out
}

// assessPart is one grid of 表12: the rows, with 达标指标数 in the first.
func (b *builder) assessPart(rows []assessRow, columns []store.Assessed, first bool) *Part {
	p := &Part{Columns: []Column{{"序号", 12, "C", false}, {"单位", 44, "L", false}}}
	if first {
		p.Columns = append(p.Columns, Column{"达标指标数", 24, "C", false})
	}
	for _, a := range columns {
		p.Columns = append(p.Columns, Column{assessedName(a) + "：完成", 24, "R", false}, Column{"目标", 24, "R", false}, Column{"达标", 18, "C", false})
	}
	seq := 0
	for _, r := range rows {
		row := Row{Cells: []Cell{Text(""), Text("　" + r.name)}}
		if r.depth == 0 {
			seq++
			row.Cells = []Cell{Int(seq), Text(r.name)}
			if b.d.Unit.Level == store.LevelProvince {
				row.Kind = RowSubtotal
			}
		}
		if first {
			row.Cells = append(row.Cells, Text(metCount(r)))
		}
		for _, col := range columns {
			row.Cells = append(row.Cells, assessCells(r, col)...)
		}
		p.Rows = append(p.Rows, row)
	}
	p.Rows = append(p.Rows, b.assessTotal(rows, columns, first))
	return p
}

// assessTotal is 表12's 合计: per indicator, the lower units (not a
// province's counties) that met it of those assessed that sent their file;
// the units that met every indicator of theirs under 达标指标数.
func (b *builder) assessTotal(rows []assessRow, columns []store.Assessed, first bool) Row {
	cells := []Cell{Text("合计"), Text("")}
	if first {
		all, sent := 0, 0
		for _, r := range rows {
			if r.depth == 0 && r.sent {
				sent++
				if met, n := metOf(r.assessment); met == n {
					all++
				}
			}
		}
		cells = append(cells, Text(fmt.Sprintf("全部达标%d/%d", all, sent)))
	}
	for _, col := range columns {
		met, of := 0, 0
		for _, r := range rows {
			if r.depth > 0 || !r.sent {
				continue
			}
			for _, a := range r.assessment {
				if assessKey(a.Indicator, category(a)) == assessKey(col.Indicator, category(col)) {
					of++
					if a.Met != nil && *a.Met {
						met++
					}
				}
			}
		}
		cells = append(cells, Text(""), Text(""), Text(fmt.Sprintf("%d/%d", met, of)))
	}
	return Row{Kind: RowTotal, Cells: cells}
}

// metOf counts the indicators met in an assessment, and those assessed.
func metOf(as []store.Assessed) (met, n int) {
	for _, a := range as {
		if a.Met != nil && *a.Met {
			met++
		}
	}
	return met, len(as)
}

// metCount is 达标指标数 n/N, or 未报送.
func metCount(r assessRow) string {
	if !r.sent {
		return "未报送"
	}
	met, n := metOf(r.assessment)
	return fmt.Sprintf("%d/%d", met, n)
}

// assessCells are a row's 完成, 目标 and 达标 of one indicator; "—" where
// the unit is not assessed on it.
func assessCells(r assessRow, col store.Assessed) []Cell {
	key := assessKey(col.Indicator, category(col))
	for _, a := range r.assessment {
		if assessKey(a.Indicator, category(a)) != key {
			continue
		}
		rate := false
		if def, ok := store.IndicatorByKey(a.Indicator); ok && def.IsRate() {
			rate = true
		}
		value := func(v float64) Cell {
			if rate {
				return Rate(&v)
			}
			return Int(int(v))
		}
		done := Text("未报送")
		switch {
		case r.sent && a.Done == nil:
			done = Rate(nil)
		case r.sent:
			done = value(*a.Done)
		}
		target := value(a.Target)
		if a.OwnTarget != nil {
			target = Text(target.Display(false) + "（自定" + value(*a.OwnTarget).Display(false) + "）")
		}
		return []Cell{done, target, Text(store.MetText(a.Met))}
	}
	return []Cell{Text("—"), Text("—"), Text("—")}
}

// chineseNumber writes 1–10 as 一 … 十, for the parts' captions.
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n >= 1 && n <= 10 {
		return digits[n]
	}
	return fmt.Sprint(n)
}
