package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// reportsScreen shows the year's key figures, the numbers the returns carry.
// (Writing the returns as files comes with the reports package.)
type reportsScreen struct {
	a       *App
	heading *widget.Label
	rows    [][4]string
	table   *widget.Table
	content fyne.CanvasObject
	status  *widget.Label
}

func newReportsScreen(a *App) *reportsScreen {
	r := &reportsScreen{a: a}
	r.heading = boldLabel("报表")
	r.status = label("", widget.DangerImportance)
	r.status.Hide()
	r.table = widget.NewTable(
		func() (int, int) { return len(r.rows), 4 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(r.rows) {
				l.SetText("")
				return
			}
			row := r.rows[id.Row]
			l.TextStyle.Bold = row[1] == "" && row[2] == "" && row[3] == ""
			switch row[3] {
			case "达标":
				l.Importance = widget.SuccessImportance
			case "未达标":
				l.Importance = widget.DangerImportance
			default:
				l.Importance = widget.MediumImportance
			}
			l.SetText(row[id.Col])
		})
	r.table.ShowHeaderRow = true
	r.table.CreateHeader = func() fyne.CanvasObject { return boldLabel("") }
	r.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		titles := []string{"指标", "数值", "目标", "结果"}
		if id.Col >= 0 && id.Col < 4 {
			o.(*widget.Label).SetText(titles[id.Col])
		}
	}
	for i, w := range []float32{360, 200, 120, 90} {
		r.table.SetColumnWidth(i, w)
	}
	note := label("以下为本年度报表所用的主要指标，均由录入的记录计算得出。", widget.LowImportance)
	r.content = container.NewBorder(container.NewVBox(r.heading, note, r.status), nil, nil, nil, r.table)
	return r
}

func (r *reportsScreen) Load() {
	year := r.a.year
	r.heading.SetText(fmt.Sprintf("报表：%d 年度主要指标", year))
	var f *store.Figures
	r.a.background(func() (err error) {
		f, err = r.a.db.Indicators(context.Background(), year)
		return err
	}, func(err error) {
		if err != nil {
			r.rows = nil
			r.status.SetText("无法计算指标：" + store.ErrorMessage(err))
			r.status.Show()
			r.table.Refresh()
			return
		}
		r.status.Hide()
		r.rows = figureRows(f)
		r.table.Refresh()
	})
}

func metText(met *bool) string {
	switch {
	case met == nil:
		return ""
	case *met:
		return "达标"
	}
	return "未达标"
}

// figureRows lays the figures out as 指标 / 数值 / 目标 / 结果.
func figureRows(f *store.Figures) [][4]string {
	var rows [][4]string
	add := func(a, b, c, d string) { rows = append(rows, [4]string{a, b, c, d}) }
	add("一、互派互聘", "", "", "")
	met := f.SecondmentSchoolsMet >= f.SecondmentSchoolsAssessed
	add("达标学校数", fmt.Sprintf("%d / %d 所", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed), "全部达标", metText(&met))
	for _, s := range f.Schools {
		sec := s.Secondments
		target := ""
		if sec.Target != nil && s.Assessed {
			target = fmt.Sprintf("%d 人", *sec.Target)
		}
		val := fmt.Sprintf("%d 人（派出 %d，聘入 %d）", sec.Persons, sec.SchoolToEnterprise, sec.EnterpriseToSchool)
		res := metText(sec.Met)
		if !s.Assessed {
			res = "不考核"
		}
		add("　"+s.Name, val, target, res)
	}
	add("二、职业技能培训", "", "", "")
	add("培训人次合计", fmt.Sprintf("%d 人次", f.Training.Total), "", "")
	for _, g := range store.TrainingGroups {
		c := f.Training.ByCategory[g]
		target, res := "", ""
		if c.Target != nil {
			target = fmt.Sprintf("%d 人次", *c.Target)
			m := c.Count >= *c.Target
			res = metText(&m)
		}
		add("　"+g, fmt.Sprintf("%d 人次", c.Count), target, res)
	}
	for _, t := range f.Training.Targets {
		if len(t.Categories) > 1 {
			m := t.Met
			add("　合计："+store.CategoriesText(t.Categories), fmt.Sprintf("%d 人次", t.Count), fmt.Sprintf("%d 人次", t.Target), metText(&m))
		}
	}
	add("三、升学与贯通培养", "", "", "")
	p := f.Progression
	add("中职升学率", fmt.Sprintf("%s（%d / %d）", pct(p.Rate), p.Progressed, p.Graduates), pctOr(p.Target), metText(p.Met))
	c := f.Coverage
	add("3+2 贯通培养覆盖率", fmt.Sprintf("%s（%d / %d 所）", pct(c.Rate), c.Covered, c.Schools), pctOr(c.Target), metText(c.Met))
	add("四、校企合作", "", "", "")
	add("订单班学生数", fmt.Sprintf("%d 人", f.OrderClassStudents), "", "")
	add("合作企业数", fmt.Sprintf("%d 家", f.PartnerEnterprises), "", "")
	add("其中产教融合型企业", fmt.Sprintf("%d 家", f.IntegratedEnterprises), "", "")
	add("优质学校", levelCounts(f.QualitySchools, "所"), "", "")
	add("优质专业", levelCounts(f.QualityMajors, "个"), "", "")
	add("五、数据质量", "", "", "")
	add("待核实的提示", fmt.Sprintf("%d 条", len(f.Warnings)), "", "")
	return rows
}

func pctOr(v *float64) string {
	if v == nil {
		return "未设"
	}
	return pct(v)
}

func levelCounts(m map[string]int, unit string) string {
	if len(m) == 0 {
		return "0"
	}
	var out string
	for _, lv := range store.QualityLevels {
		if n, ok := m[lv]; ok {
			if out != "" {
				out += "，"
			}
			out += fmt.Sprintf("%s %d %s", lv, n, unit)
		}
	}
	return out
}
