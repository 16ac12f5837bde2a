package reports

import (
	"strings"

	"chanjiao/store"
)

// 表4 职业技能培训情况

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
			rows = append(rows, Row{school: code, Cells: cells})
		}
		return rows
	}, func(g group) Row { return Row{Cells: byCategory("小计", g.figures.Training)} })
	p2.Rows = append(p2.Rows, Row{Kind: RowTotal, Cells: byCategory("合计", f.Training)})
	t.Parts = []*Part{p1, p2}
	if b.grouping {
		t.Parts = append(t.Parts, b.unitTrainingTargets())
		defer func() {
			t.Footnotes = append(t.Footnotes, "三、各单位培训目标为本单位下达给该单位的目标（未下达的为该单位自定的目标）；未报送数据文件的单位只列目标。")
		}()
	}
	defer b.shorten(t, 1, func() *Part {
		return b.shortPart(p2.Caption, cols[2:], func(_ []string, f *store.Figures) []Cell { return byCategory("", f.Training)[2:] })
	})
	t.Footnotes = []string{
		"目标：" + b.trainingTargets() + "。",
		"培训人次按培训结束日期（无结束日期的按开始日期）所在年度统计；完成率＝完成人次÷目标人次，截尾保留一位小数。",
	}
	return t
}

// unitTrainingTargets is 表4's third part above county level: each lower
// unit's training targets (those this unit assigned it, else its own) with
// what it did, from the store's assessment of it (表12's rows).
// A unit that has not sent its file shows its targets, 未报送.
func (b *builder) unitTrainingTargets() *Part {
	p := &Part{Caption: "三、各单位培训目标", Columns: []Column{
		{"序号", 10, "C", false}, {"单位", 50, "L", false}, {"培训对象", 70, "L", false}, {"目标人次", 30, "R", true},
		{"完成人次", 30, "R", true}, {"完成率", 26, "R", false}, {"是否达标", 26, "C", false},
	}}
	seq := 0
	for _, r := range b.assessRows() {
		if r.depth > 0 { // a province lists its prefectures, its units[]
			continue
		}
		seq++
		lead := []Cell{Int(seq), Text(r.name)}
		ts := assessedOf(r.assessment, store.IndTraining)
		if len(ts) == 0 {
			p.Rows = append(p.Rows, Row{Cells: append(lead, Text("本年度未设目标"), Text("—"), Text("—"), Text("—"), Text("—"))})
		}
		for i, a := range ts {
			if i > 0 {
				lead = []Cell{Text(""), Text("")}
			}
			target := int(a.Target)
			cells := []Cell{Text(category(a)), Int(target), Text("未报送"), Text("—"), Text("—")}
			if r.sent {
				done := int(*a.Done)
				cells = []Cell{Text(category(a)), Int(target), Int(done), Rate(completion(done, &target)), Text(store.MetText(a.Met))}
			}
			p.Rows = append(p.Rows, Row{Cells: append(lead, cells...)})
		}
	}
	return p
}

func (b *builder) trainingChart() BarChart {
	c := BarChart{Title: "图2 职业技能培训完成人次与目标（按培训对象）", Unit: "人次"}
	for _, l := range b.trainingLines(b.r.Figures) {
		c.Items = append(c.Items, BarItem{Label: l.label, Value: l.count, Target: l.target, Short: l.met != nil && !*l.met})
	}
	return c
}
