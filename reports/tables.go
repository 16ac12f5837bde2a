package reports

import (
	"fmt"
	"sort"
	"strings"

	"chanjiao/store"
	"chanjiao/store/refdata"
)

// builder lays the figures out as tables. Per-school and per-group figures
// are the store's own computation (Dataset.Compute) over that school's or
// group's records, so a row and its 合计 come from the same code.
type builder struct {
	ref *refdata.Reference
	d   store.Dataset
	r   *Returns

	schools  map[string]store.School
	majors   map[string][]store.Major
	stints   map[string][]store.Secondment
	trains   map[string][]store.Training
	figures  map[string]*store.Figures // per school code
	groups   []group
	grouping bool // a prefecture or province: rows grouped with 小计
}

// group is a lower unit's schools (a county's, at a prefecture).
type group struct {
	code, name string
	schools    []string // codes, in the order of Figures.Schools
	figures    *store.Figures
}

func (b *builder) splitBySchool() {
	b.schools = map[string]store.School{}
	b.majors = map[string][]store.Major{}
	b.stints = map[string][]store.Secondment{}
	b.trains = map[string][]store.Training{}
	b.figures = map[string]*store.Figures{}
	for _, s := range b.d.Schools {
		b.schools[s.Code] = s
	}
	for _, m := range b.d.Majors {
		b.majors[m.SchoolCode] = append(b.majors[m.SchoolCode], m)
	}
	for _, s := range b.d.Secondments {
		b.stints[s.SchoolCode] = append(b.stints[s.SchoolCode], s)
	}
	for _, t := range b.d.Trainings {
		b.trains[t.SchoolCode] = append(b.trains[t.SchoolCode], t)
	}
	for _, s := range b.d.Schools {
		b.figures[s.Code] = b.subset([]string{s.Code}, true)
	}
	b.grouping = b.d.Unit.Level != store.LevelCounty
	if !b.grouping {
		b.groups = []group{{figures: b.r.Figures}}
		for _, sf := range b.r.Figures.Schools {
			b.groups[0].schools = append(b.groups[0].schools, sf.Code)
		}
		return
	}
	byCode := map[string]*group{}
	var order []string
	for _, sf := range b.r.Figures.Schools {
		code := b.lowerUnit(b.schools[sf.Code].Region)
		g := byCode[code]
		if g == nil {
			g = &group{code: code, name: code}
			if reg, ok := b.ref.Region(code); ok {
				g.name = reg.Name
			}
			byCode[code] = g
			order = append(order, code)
		}
		g.schools = append(g.schools, sf.Code)
	}
	sort.Strings(order)
	for _, code := range order {
		g := byCode[code]
		g.figures = b.subset(g.schools, true)
		b.groups = append(b.groups, *g)
	}
}

// lowerUnit is the unit one level below this one that a region belongs to:
// the county at a prefecture, the prefecture at a province.
func (b *builder) lowerUnit(region string) string {
	if len(region) != 6 {
		return region
	}
	if b.d.Unit.Level == store.LevelProvince {
		return region[:4] + "00"
	}
	return region
}

// subset computes the figures of some schools' records with the store's
// computation. withStints false leaves out stints and trainings (the
// enterprises linked through majors alone).
func (b *builder) subset(codes []string, all bool) *store.Figures {
	sub := store.Dataset{Unit: b.d.Unit, Year: b.d.Year, Enterprises: b.d.Enterprises, Targets: b.d.Targets}
	for _, c := range codes {
		sub.Schools = append(sub.Schools, b.schools[c])
		sub.Majors = append(sub.Majors, b.majors[c]...)
		if all {
			sub.Secondments = append(sub.Secondments, b.stints[c]...)
			sub.Trainings = append(sub.Trainings, b.trains[c]...)
		}
	}
	return sub.Compute(b.ref)
}

func (b *builder) schoolFigures(code string) store.SchoolFigures {
	for _, sf := range b.r.Figures.Schools {
		if sf.Code == code {
			return sf
		}
	}
	return store.SchoolFigures{}
}

func (b *builder) newTable(no int, name string, landscape bool) *Table {
	return &Table{No: no, Code: fmt.Sprintf("CJRH-%d", no), Name: name, Landscape: landscape}
}

// eachGroup lays out the rows of every group, with a 小计 row per group at
// a prefecture or province; seq numbers the data rows across groups.
func (b *builder) eachGroup(p *Part, rows func(g group, seq *int) []Row, subtotal func(g group) Row) {
	seq := 0
	for _, g := range b.groups {
		rs := rows(g, &seq)
		if b.grouping {
			p.Rows = append(p.Rows, Row{Kind: RowGroup, Cells: padCells(len(p.Columns), Text(g.name))})
		}
		p.Rows = append(p.Rows, rs...)
		if b.grouping {
			st := subtotal(g)
			st.Kind = RowSubtotal
			st.Cells[0] = Text("小计")
			p.Rows = append(p.Rows, st)
		}
	}
}

func padCells(n int, first Cell) []Cell {
	cs := make([]Cell, n)
	for i := range cs {
		cs[i] = Text("")
	}
	cs[0] = first
	return cs
}

// --- 表1 职业学校基本情况 -------------------------------------------------

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
			rows = append(rows, Row{Cells: []Cell{Int(*seq), Text(s.Name), Text(s.Code), Text(s.Type), Int(n.open), Int(n.enrolled),
				Int(n.grads), Int(n.progressed), Rate(f.Progression.Rate), Int(f.PartnerEnterprises), Text(s.Quality)}})
		}
		return rows
	}, func(g group) Row { return total("小计", g.schools, g.figures) })
	f := b.r.Figures
	p.Rows = append(p.Rows, total("合计", b.allSchools(), f))
	t.Parts = []*Part{p}
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

// --- 表2 专业设置情况 ----------------------------------------------------

func (b *builder) table2() *Table {
	t := b.newTable(2, "专业设置情况", true)
	t.Measure = "人、家"
	p := &Part{Columns: []Column{
		{"序号", 10, "C", false}, {"学校名称", 44, "L", false}, {"专业代码", 18, "C", false}, {"专业名称", 40, "L", false},
		{"层次", 16, "C", false}, {"状态", 12, "C", false}, {"在校生数", 16, "R", false}, {"订单班人数", 18, "R", false},
		{"贯通培养", 18, "C", false}, {"合作企业数", 16, "R", false}, {"优质专业等级", 26, "C", false},
	}}
	total := func(label string, codes []string, f *store.Figures) Row {
		enrolled, n := 0, 0
		for _, c := range codes {
			for _, m := range b.majors[c] {
				enrolled += m.Enrolled
				n++
			}
		}
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
				rows = append(rows, Row{Cells: []Cell{Int(*seq), Text(s.Name), Text(m.Code), Text(m.Name), Text(level), Text(m.Status),
					Int(m.Enrolled), Int(m.OrderClass), Text(m.Through), Int(len(m.Enterprises)), Text(m.Quality)}})
			}
		}
		return rows
	}, func(g group) Row { return total("小计", g.schools, g.figures) })
	p.Rows = append(p.Rows, total("合计", b.allSchools(), b.r.Figures))
	t.Parts = []*Part{p}
	t.Footnotes = []string{
		"合作企业数：各专业为该专业的合作企业家数；合计栏为通过专业合作的企业按统一社会信用代码去重后的家数。",
		"订单班人数合计即订单班学生数指标；优质专业合计栏为各等级专业（群）个数。",
	}
	return t
}

// --- 表3 校企互派互聘情况 -------------------------------------------------

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
			rows = append(rows, Row{Cells: []Cell{Int(*seq), Text(sf.Name), Int(sec.SchoolToEnterprise), Int(sec.EnterpriseToSchool),
				Int(sec.Persons), target, status, gap}})
		}
		return rows
	}, func(g group) Row { return total("小计", g.schools, g.figures) })
	p.Rows = append(p.Rows, total("合计", b.allSchools(), b.r.Figures))
	t.Parts = []*Part{p}
	t.Footnotes = []string{
		"目标：" + b.secondmentTarget() + "。差额＝目标－人数（达标为0）。",
		"人数按身份证号（或人员标识）去重，同一人在年度内多次派驻只计一次；合计(人)为不重复人数，可能少于两个方向之和。普通高中及已停办学校不参加考核。",
	}
	return t
}

func inTable3(sf store.SchoolFigures) bool { return sf.Assessed || sf.Secondments.Persons > 0 }

// --- 表4 职业技能培训情况 -------------------------------------------------

// trainingLine is one line of 表4's first part and of the training chart: a
// target (on one or several 培训对象) or a 培训对象 without a target.
type trainingLine struct {
	label   string
	count   int
	target  *int
	met     *bool
	members []string // the 培训对象 of a target on several
}

func (b *builder) trainingLines(f *store.Figures) []trainingLine {
	var out []trainingLine
	done := map[string]bool{}
	for _, c := range store.TrainingGroups {
		if done[c] {
			continue
		}
		var tt *store.TrainingTarget
		for i := range f.Training.Targets {
			for _, tc := range f.Training.Targets[i].Categories {
				if tc == c {
					tt = &f.Training.Targets[i]
				}
			}
		}
		if tt == nil {
			done[c] = true
			out = append(out, trainingLine{label: c, count: f.Training.ByCategory[c].Count})
			continue
		}
		target, met := tt.Target, tt.Met
		l := trainingLine{label: store.CategoriesText(tt.Categories), count: tt.Count, target: &target, met: &met}
		if len(tt.Categories) > 1 {
			l.members = tt.Categories
		}
		for _, tc := range tt.Categories {
			done[tc] = true
		}
		out = append(out, l)
	}
	return out
}

// completion is count ÷ target for display, nil without a target.
func completion(count int, target *int) *float64 {
	if target == nil || *target <= 0 {
		return nil
	}
	v := float64(count) / float64(*target)
	return &v
}

func (b *builder) table4() *Table {
	t := b.newTable(4, "职业技能培训情况", true)
	t.Measure = "人次"
	f := b.r.Figures
	p1 := &Part{Caption: "一、按培训对象", Columns: []Column{
		{"序号", 10, "C", false}, {"培训对象", 70, "L", false}, {"目标人次", 36, "R", true}, {"完成人次", 36, "R", true},
		{"完成率", 30, "R", false}, {"是否达标", 30, "C", false},
	}}
	targetSum, covered := 0, 0
	for i, l := range b.trainingLines(f) {
		p1.Rows = append(p1.Rows, Row{Cells: []Cell{Int(i + 1), Text(l.label), OptInt(l.target), Int(l.count),
			Rate(completion(l.count, l.target)), Text(store.MetText(l.met))}})
		if l.target != nil {
			targetSum += *l.target
			covered += len(strings.Split(l.label, "、"))
		}
		for _, m := range l.members {
			p1.Rows = append(p1.Rows, Row{Kind: RowDetail, Cells: []Cell{Text(""), Text("其中：" + m), Text("—"),
				Int(f.Training.ByCategory[m].Count), Text("—"), Text("")}})
		}
	}
	totalTarget, totalRate := Text("—"), Rate(nil)
	if targetSum > 0 {
		totalTarget = Int(targetSum)
	}
	if covered == len(store.TrainingGroups) {
		totalRate = Rate(completion(f.Training.Total, &targetSum))
	}
	p1.Rows = append(p1.Rows, Row{Kind: RowTotal, Cells: []Cell{Text("合计"), Text(""), totalTarget, Int(f.Training.Total), totalRate, Text("")}})

	cols := []Column{{"序号", 10, "C", false}, {"学校名称", 70, "L", false}}
	for _, c := range store.TrainingGroups {
		cols = append(cols, Column{c, 29, "R", true})
	}
	cols = append(cols, Column{"合计", 30, "R", true})
	p2 := &Part{Caption: "二、按学校", Columns: cols}
	byCategory := func(label string, tf store.TrainingFigures) []Cell {
		cells := []Cell{Text(label), Text("")}
		for _, c := range store.TrainingGroups {
			cells = append(cells, Int(tf.ByCategory[c].Count))
		}
		return append(cells, Int(tf.Total))
	}
	b.eachGroup(p2, func(g group, seq *int) []Row {
		var rows []Row
		for _, code := range g.schools {
			if !b.schoolFigures(code).Assessed && len(b.trains[code]) == 0 {
				continue
			}
			*seq++
			cells := byCategory("", b.figures[code].Training)
			cells[0], cells[1] = Int(*seq), Text(b.schools[code].Name)
			rows = append(rows, Row{Cells: cells})
		}
		return rows
	}, func(g group) Row { return Row{Cells: byCategory("小计", g.figures.Training)} })
	p2.Rows = append(p2.Rows, Row{Kind: RowTotal, Cells: byCategory("合计", f.Training)})
	t.Parts = []*Part{p1, p2}
	t.Footnotes = []string{
		"目标：" + b.trainingTargets() + "。",
		"培训人次按培训结束日期（无结束日期的按开始日期）所在年度统计；完成率＝完成人次÷目标人次，截尾保留一位小数。",
	}
	return t
}

// --- 表5 主要指标完成情况 -------------------------------------------------

func (b *builder) table5() *Table {
	t := b.newTable(5, "主要指标完成情况", false)
	p := &Part{Columns: []Column{
		{"指标", 62, "L", false}, {"目标", 22, "R", true}, {"完成", 22, "R", true},
		{"完成率/状态", 24, "C", false}, {"上年", 22, "R", true}, {"比上年增减", 26, "R", true},
	}}
	f, prev := b.r.Figures, b.r.Previous
	count := func(name string, target Cell, done int, status Cell, last func(*store.Figures) int) Row {
		lastCell, change := Text(""), Text("")
		if prev != nil {
			lastCell, change = Int(last(prev)), Change(done-last(prev))
		}
		return Row{Cells: []Cell{Text(name), target, Int(done), status, lastCell, change}}
	}
	rate := func(name string, target, done *float64, met *bool, last func(*store.Figures) *float64) Row {
		status := Text(store.MetText(met))
		switch {
		case target == nil:
			status = Text("未设目标")
		case done == nil:
			status = Text("无数据")
		}
		lastCell, change := Text(""), Text("")
		if prev != nil {
			lastCell = Rate(last(prev))
			a, okA := permille(done)
			z, okZ := permille(last(prev))
			if okA && okZ {
				change = Points(a - z)
			} else {
				change = Text("—")
			}
		}
		return Row{Cells: []Cell{Text(name), Rate(target), Rate(done), status, lastCell, change}}
	}
	persons := func(f *store.Figures) int {
		n := 0
		for _, s := range f.Schools {
			n += s.Secondments.Persons
		}
		return n
	}

	var rows []Row
	assessed := f.SecondmentSchoolsAssessed
	secTarget := b.secondmentTargetValue()
	if secTarget != nil {
		rows = append(rows, count("互派互聘达标学校数（所）", Int(assessed), f.SecondmentSchoolsMet,
			Rate(completion(f.SecondmentSchoolsMet, &assessed)), func(p *store.Figures) int { return p.SecondmentSchoolsMet }))
	} else {
		rows = append(rows, Row{Cells: []Cell{Text("互派互聘达标学校数（所）"), Text("—"), Text("—"), Text("未设目标"), Text(""), Text("")}})
	}
	rows = append(rows, count("互派互聘人数（各校合计，人）", Text("—"), persons(f), Text("—"), persons))
	lines := b.trainingLines(f)
	targetSum := 0
	for _, l := range lines {
		if l.target != nil {
			targetSum += *l.target
		}
	}
	total := Text("—")
	if targetSum > 0 {
		total = Int(targetSum)
	}
	rows = append(rows, count("职业技能培训人次（合计）", total, f.Training.Total, Text("—"), func(p *store.Figures) int { return p.Training.Total }))
	for _, l := range lines {
		if l.target == nil {
			continue
		}
		cats := strings.Split(l.label, "、")
		rows = append(rows, count("　其中："+l.label, Int(*l.target), l.count, Rate(completion(l.count, l.target)),
			func(p *store.Figures) int { return trainingCount(p, cats) }))
	}
	rows = append(rows,
		rate("中职升学率", f.Progression.Target, f.Progression.Rate, f.Progression.Met, func(p *store.Figures) *float64 { return p.Progression.Rate }),
		rate("3+2贯通培养覆盖率", f.Coverage.Target, f.Coverage.Rate, f.Coverage.Met, func(p *store.Figures) *float64 { return p.Coverage.Rate }),
		count("订单班学生数（人）", Text("—"), f.OrderClassStudents, Text("—"), func(p *store.Figures) int { return p.OrderClassStudents }),
		count("合作企业数（家）", Text("—"), f.PartnerEnterprises, Text("—"), func(p *store.Figures) int { return p.PartnerEnterprises }),
		count("　其中：产教融合型企业（家）", Text("—"), f.IntegratedEnterprises, Text("—"), func(p *store.Figures) int { return p.IntegratedEnterprises }),
	)
	for _, l := range store.QualityLevels {
		level := l
		rows = append(rows, count("优质学校（"+level+"，所）", Text("—"), f.QualitySchools[level], Text("—"),
			func(p *store.Figures) int { return p.QualitySchools[level] }))
	}
	for _, l := range store.QualityLevels {
		level := l
		rows = append(rows, count("优质专业（群）（"+level+"，个）", Text("—"), f.QualityMajors[level], Text("—"),
			func(p *store.Figures) int { return p.QualityMajors[level] }))
	}
	p.Rows = rows
	t.Parts = []*Part{p}
	prevNote := fmt.Sprintf("上年为%d年度数据；", b.d.Year-1)
	if prev == nil {
		prevNote = fmt.Sprintf("数据库中没有%d年度的数据，上年栏空白；", b.d.Year-1)
	}
	t.Footnotes = []string{
		"目标：互派互聘" + b.secondmentTarget() + "；职业技能培训" + b.trainingTargets() + "；中职升学率" + b.progressionTarget() +
			"；3+2贯通培养覆盖率" + b.coverageTarget() + "。",
		prevNote + "比率截尾保留一位小数，比上年增减按所示比率计算（个百分点）；是否达标按未取舍的数值判定。",
	}
	return t
}

// trainingCount is a year's 培训人次 over some 培训对象: the count of the
// year's target on exactly these, else the sum of their counts.
func trainingCount(f *store.Figures, cats []string) int {
	for _, t := range f.Training.Targets {
		if strings.Join(t.Categories, "、") == strings.Join(cats, "、") {
			return t.Count
		}
	}
	n := 0
	for _, c := range cats {
		n += f.Training.ByCategory[c].Count
	}
	return n
}

// --- the targets, named in the footnotes ----------------------------------

func (b *builder) isDefault(ind string) bool {
	var stored, def []store.Target
	for _, t := range b.d.Targets {
		if t.Indicator == ind {
			stored = append(stored, t)
		}
	}
	for _, t := range store.DefaultTargets(b.d.Year) {
		if t.Indicator == ind {
			def = append(def, t)
		}
	}
	return fmt.Sprint(stored) == fmt.Sprint(def)
}

func (b *builder) source(ind, policy string) string {
	if b.isDefault(ind) {
		return "（默认目标，依据" + policy + "）"
	}
	return fmt.Sprintf("（%s设定的%d年度目标）", b.d.Unit.Name, b.d.Year)
}

func (b *builder) secondmentTargetValue() *int {
	for _, s := range b.r.Figures.Schools {
		if s.Secondments.Target != nil {
			return s.Secondments.Target
		}
	}
	for _, t := range b.d.Targets {
		if t.Indicator == store.IndSecondment {
			v := int(t.Value)
			return &v
		}
	}
	return nil
}

func (b *builder) secondmentTarget() string {
	v := b.secondmentTargetValue()
	if v == nil {
		return "本年度未设目标"
	}
	return fmt.Sprintf("每校每年与相应企业互派互聘不少于%d人", *v) +
		b.source(store.IndSecondment, "曲靖市政府对市政协六届一次会议第327号提案的答复，2022")
}

func (b *builder) trainingTargets() string {
	var parts []string
	for _, t := range b.r.Figures.Training.Targets {
		parts = append(parts, fmt.Sprintf("%s不少于%s人次", store.CategoriesText(t.Categories), groupThousands(t.Target)))
	}
	if len(parts) == 0 {
		return "本年度未设目标"
	}
	return strings.Join(parts, "，") + b.source(store.IndTraining, "楚雄州职业教育提质增效工作实施方案，2024")
}

func (b *builder) progressionTarget() string {
	t := b.r.Figures.Progression.Target
	if t == nil {
		return "本年度未设目标"
	}
	return "不低于" + store.FormatRate(t) + b.source(store.IndProgression, "楚雄州职业教育提质增效工作实施方案，2024")
}

func (b *builder) coverageTarget() string {
	t := b.r.Figures.Coverage.Target
	if t == nil {
		return "本年度未设目标"
	}
	return "达到" + store.FormatRate(t) + b.source(store.IndCoverage, "楚雄州职业教育提质增效工作实施方案，2024")
}

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

func (b *builder) trainingChart() BarChart {
	c := BarChart{Title: "图2 职业技能培训完成人次与目标（按培训对象）", Unit: "人次"}
	for _, l := range b.trainingLines(b.r.Figures) {
		c.Items = append(c.Items, BarItem{Label: l.label, Value: l.count, Target: l.target, Short: l.met != nil && !*l.met})
	}
	return c
}
