package reports

import (
	"fmt"
	"strings"

	"chanjiao/store"
)

// 表5 主要指标完成情况

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
	)
	// measures.md's indicators: a row where the year has a target or a figure
	a := f.Agreements
	if a.Target != nil || a.InForce > 0 {
		rows = append(rows,
			rate("校企合作协议覆盖率", a.Target, a.Rate, a.Met, func(p *store.Figures) *float64 { return p.Agreements.Rate }),
			count("有效校企合作协议数（份）", Text("—"), a.InForce, Text("—"), func(p *store.Figures) int { return p.Agreements.InForce }),
			count("　其中：本年签订（份）", Text("—"), a.Signed+a.IntentsSigned, Text("—"),
				func(p *store.Figures) int { return p.Agreements.Signed + p.Agreements.IntentsSigned }))
	}
	targeted := func(key string, figure int, last func(*store.Figures) int, name string) {
		ts := b.assessed(f, key)
		if len(ts) == 0 && figure > 0 {
			rows = append(rows, count(name, Text("—"), figure, Text("—"), last))
		}
		for _, t := range ts {
			rows = append(rows, b.targetRow(t, count))
		}
	}
	targeted(store.IndOrderClasses, orderClasses(f), orderClasses, "订单班数（订单班、冠名班、定向班，个）")
	rows = append(rows, count("订单班学生数（人）", Text("—"), f.OrderClassStudents, Text("—"), func(p *store.Figures) int { return p.OrderClassStudents }))
	apprentices := func(p *store.Figures) int { return p.Classes[store.ClassApprentice].Students }
	targeted(store.IndApprentices, apprentices(f), apprentices, "现代学徒制学生数（人）")
	rows = append(rows,
		count("合作企业数（家）", Text("—"), f.PartnerEnterprises, Text("—"), func(p *store.Figures) int { return p.PartnerEnterprises }),
		count("　其中：产教融合型企业（家）", Text("—"), f.IntegratedEnterprises, Text("—"), func(p *store.Figures) int { return p.IntegratedEnterprises }),
	)
	targeted(store.IndIntegrated, 0, nil, "")
	carriers := func(p *store.Figures) int { _, n, _ := byLevel(p.Carriers); return n }
	if n := carriers(f); n > 0 {
		rows = append(rows, count("产教融合载体数（合计，个）", Text("—"), n, Text("—"), carriers))
	}
	targeted(store.IndCarriers, 0, nil, "")
	for _, l := range store.QualityLevels {
		level := l
		rows = append(rows, count("优质学校（"+level+"，所）", Text("—"), f.QualitySchools[level], Text("—"),
			func(p *store.Figures) int { return p.QualitySchools[level] }))
	}
	targeted(store.IndQualitySchool, 0, nil, "")
	for _, l := range store.QualityLevels {
		level := l
		rows = append(rows, count("优质专业（群）（"+level+"，个）", Text("—"), f.QualityMajors[level], Text("—"),
			func(p *store.Figures) int { return p.QualityMajors[level] }))
	}
	targeted(store.IndQualityMajor, 0, nil, "")
	// issue 16's indicators: 师资, 教师企业实践, 获奖, 政校企活动, 专业调整
	t9 := f.Teachers
	if t9.Target != nil || t9.Professional > 0 {
		rows = append(rows, rate("双师型教师占比", t9.Target, t9.Rate, t9.Met, func(p *store.Figures) *float64 { return p.Teachers.Rate }))
	}
	practice := func(p *store.Figures) int { return p.EnterprisePractice }
	targeted(store.IndPractice, practice(f), practice, "教师企业实践人次（人次）")
	if n := awardTotal(f); n > 0 {
		rows = append(rows, count("获奖数（合计，项）", Text("—"), n, Text("—"), awardTotal))
	}
	targeted(store.IndAwards, 0, nil, "")
	activities := func(p *store.Figures) int {
		n := 0
		for _, c := range p.Activities {
			n += c.Count
		}
		return n
	}
	if n := activities(f); n > 0 {
		rows = append(rows, count("政校企活动次数（合计，次）", Text("—"), n, Text("—"), activities))
	}
	targeted(store.IndActivities, 0, nil, "")
	if mc := f.MajorsChange; mc.Stopped+mc.Withdrawn+mc.Opened > 0 { // the year's majors changed
		for _, line := range []struct {
			name string
			n    func(store.MajorsChange) int
		}{
			{"招生专业数（个）", func(c store.MajorsChange) int { return c.Enrolling }},
			{"　停招专业数（个）", func(c store.MajorsChange) int { return c.Stopped }},
			{"　撤销专业数（个）", func(c store.MajorsChange) int { return c.Withdrawn }},
			{"　本年新设专业数（个）", func(c store.MajorsChange) int { return c.Opened }},
		} {
			rows = append(rows, count(line.name, Text("—"), line.n(mc), Text("—"), func(p *store.Figures) int { return line.n(p.MajorsChange) }))
		}
	}
	p.Rows = rows
	t.Parts = []*Part{p}
	prevNote := fmt.Sprintf("上年为%d年度数据；", b.d.Year-1)
	if prev == nil {
		prevNote = fmt.Sprintf("数据库中没有%d年度的数据，上年栏空白；", b.d.Year-1)
	}
	t.Footnotes = []string{
		"目标：互派互聘" + b.secondmentTarget() + "；职业技能培训" + b.trainingTargets() + "；中职升学率" + b.progressionTarget() +
			"；3+2贯通培养覆盖率" + b.coverageTarget() + b.otherTargets() + "。",
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

// countRow makes one of 表5's count rows: name, target, done, status, and
// 上年 from last.
type countRow func(name string, target Cell, done int, status Cell, last func(*store.Figures) int) Row

// targetRow is 表5's row of a target on one of measures.md's counts: the
// store's assessment of it this year and, for 上年, of the previous year
// against the same target.
func (b *builder) targetRow(a store.Assessed, count countRow) Row {
	name := store.IndicatorName(a.Indicator) + "（"
	if cat := categoryText(a); cat != "" {
		name += cat + "，"
	}
	name += measureUnits[a.Indicator] + "）"
	target, done := int(a.Target), int(*a.Done)
	status := Rate(completion(done, &target))
	if a.Indicator == store.IndActivities { // periods: met or not, not a share
		status = Text(store.MetText(a.Met))
	}
	last := func(*store.Figures) int {
		for _, p := range b.previousAssessment() {
			if p.Indicator == a.Indicator && categoryText(p) == categoryText(a) && p.Done != nil {
				return int(*p.Done)
			}
		}
		return 0
	}
	return count(name, Int(target), done, status, last)
}

// previousAssessment is the previous year's records assessed against this
// year's targets, for 表5's 上年 of a targeted count; nil without a
// previous year. It is worked out once, when a table asks.
func (b *builder) previousAssessment() []store.Assessed {
	if b.r.Previous == nil {
		return nil
	}
	if b.prevAssessed == nil {
		d := b.prev
		d.Targets = nil
		for _, t := range b.d.Targets {
			t.Year = d.Year
			d.Targets = append(d.Targets, t)
		}
		b.prevAssessed = d.Counts().Assessment
	}
	return b.prevAssessed
}

// orderClasses is the year's 订单班, 冠名班 and 定向班.
func orderClasses(f *store.Figures) int { return classGroups[0].count(f).Classes }

// otherTargets names, for 表5's note, the targets set on measures.md's
// indicators; "" when there are none, so a year without them keeps its note.
func (b *builder) otherTargets() string {
	keys := []string{store.IndAgreements, store.IndCarriers, store.IndIntegrated, store.IndQualitySchool,
		store.IndQualityMajor, store.IndOrderClasses, store.IndApprentices, store.IndDualQualified, store.IndPractice,
		store.IndAwards, store.IndActivities}
	if len(b.assessed(b.r.Figures, keys...)) == 0 {
		return ""
	}
	return "；" + b.measureTargets(keys...)
}
