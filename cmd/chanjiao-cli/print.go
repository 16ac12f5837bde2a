package main

import (
	"context"
	"fmt"
	"strings"

	"chanjiao/store"
)

// printCheck writes check's figures for a person to read, with the
// periods still lacking a required meeting, which need the year's
// activities themselves.
func printCheck(e *env, db *store.DB, f *store.Figures) error {
	var acts []store.Activity
	if err := db.View(context.Background(), func(tx *store.Tx) (err error) {
		acts, err = tx.Activities(f.Year)
		return err
	}); err != nil {
		return err
	}
	printFigures(e, f, acts)
	return nil
}

// printFigures writes the figures; acts are the activities of f's year.
func printFigures(e *env, f *store.Figures, acts []store.Activity) {
	w := e.stdout
	fmt.Fprintf(w, "%s（%s）%d 年度产教融合指标\n\n", f.Unit.Name, f.Unit.Code, f.Year)
	fmt.Fprintf(w, "互派互聘：达标学校 %d / %d（参加考核）\n", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)
	for _, s := range f.Schools {
		sec := s.Secondments
		status := "不考核"
		switch {
		case sec.Met == nil:
		case *sec.Met:
			status = "达标"
		default:
			status = fmt.Sprintf("未达标，差 %d 人", sec.Gap())
		}
		target := "—"
		if sec.Target != nil {
			target = fmt.Sprint(*sec.Target)
		}
		fmt.Fprintf(w, "  %s %s：%d 人（派往企业 %d，来自企业 %d），目标 %s，%s\n",
			s.Code, s.Name, sec.Persons, sec.SchoolToEnterprise, sec.EnterpriseToSchool, target, status)
	}
	fmt.Fprintf(w, "\n职业技能培训：共 %d 人次\n", f.Training.Total)
	for _, g := range store.TrainingGroups {
		fmt.Fprintf(w, "  %s：%d 人次\n", g, f.Training.ByCategory[g].Count)
	}
	for _, t := range f.Training.Targets {
		fmt.Fprintf(w, "  目标（%s）：%d / %d 人次，%s\n", store.CategoriesText(t.Categories), t.Count, t.Target, store.MetText(&t.Met))
	}
	p := f.Progression
	fmt.Fprintf(w, "\n中职升学率：%s（毕业 %d 人，升学 %d 人），目标 %s，%s\n", store.FormatRate(p.Rate), p.Graduates, p.Progressed, store.FormatRate(p.Target), store.MetText(p.Met))
	c := f.Coverage
	fmt.Fprintf(w, "3+2 贯通覆盖率：%s（%d / %d 所中等职业学校），目标 %s，%s\n", store.FormatRate(c.Rate), c.Covered, c.Schools, store.FormatRate(c.Target), store.MetText(c.Met))
	fmt.Fprintf(w, "订单班学生：%d 人；合作企业：%d 家（其中产教融合型企业 %d 家）\n", f.OrderClassStudents, f.PartnerEnterprises, f.IntegratedEnterprises)
	printMeasures(e, f)
	printStaff(e, f)
	printActivities(e, f, acts)
	m := f.MajorsChange
	fmt.Fprintf(w, "专业变化：招生 %d 个，停止招生 %d 个，撤销 %d 个；本年新开设 %d 个\n", m.Enrolling, m.Stopped, m.Withdrawn, m.Opened)
	if len(f.Warnings) > 0 {
		fmt.Fprintf(w, "\n警告 %d 条（请核实或填写说明）：\n", len(f.Warnings))
		for _, x := range f.Warnings {
			fmt.Fprintf(w, "  %s %s %s：%s\n", x.Table, x.Key, x.Field, x.Message)
		}
	}
}

// printMeasures writes the agreements, classes and carriers of the year.
func printMeasures(e *env, f *store.Figures) {
	w := e.stdout
	a := f.Agreements
	fmt.Fprintf(w, "\n校企合作协议：有效 %d 份；本年签订合作协议 %d 份、合作意向书 %d 份\n", a.InForce, a.Signed, a.IntentsSigned)
	fmt.Fprintf(w, "  协议覆盖率：%s（%d / %d 所参加考核的学校有有效合作协议），目标 %s，%s\n",
		store.FormatRate(a.Rate), a.SchoolsCovered, a.SchoolsAssessed, store.FormatRate(a.Target), store.MetText(a.Met))
	fmt.Fprintln(w, "订单班与学徒制：")
	for _, typ := range store.ClassTypes {
		fmt.Fprintf(w, "  %s：%d 个班，%d 人\n", typ, f.Classes[typ].Classes, f.Classes[typ].Students)
	}
	if len(f.Carriers) == 0 {
		fmt.Fprintln(w, "产教融合载体：无")
		return
	}
	fmt.Fprintln(w, "产教融合载体：")
	for _, c := range f.Carriers {
		fmt.Fprintf(w, "  %s（%s）：%d 个，其中本年新建 %d 个\n", c.Type, c.Level, c.Count, c.New)
	}
}

// printStaff writes the 师资, 教师企业实践 and awards of the year.
func printStaff(e *env, f *store.Figures) {
	w := e.stdout
	t := f.Teachers
	fmt.Fprintf(w, "\n师资：专任教师 %d 人，专业课教师 %d 人，双师型教师 %d 人，兼职教师 %d 人\n", t.FullTime, t.Professional, t.Dual, t.PartTime)
	fmt.Fprintf(w, "  双师型教师占比：%s（%d / %d 名专业课教师），目标 %s，%s\n",
		store.FormatRate(t.Rate), t.Dual, t.Professional, store.FormatRate(t.Target), store.MetText(t.Met))
	for _, s := range f.Schools {
		if s.Teachers == nil {
			continue
		}
		met := "—"
		if t.Target != nil {
			met = store.MetText(s.Teachers.Met(*t.Target))
		}
		fmt.Fprintf(w, "  %s %s：双师型 %d / %d 人，%s，%s\n", s.Code, s.Name, s.Teachers.Dual, s.Teachers.Professional,
			store.FormatRate(s.Teachers.Rate), met)
	}
	fmt.Fprintf(w, "教师企业实践：%d 人次（学校派往企业、岗位类型%s）%s\n", f.EnterprisePractice, store.PostPractice,
		targetText(f, store.IndPractice))

	total := 0
	for _, a := range f.Awards {
		total += a.Count
	}
	fmt.Fprintf(w, "获奖：%d 项\n", total)
	for _, c := range store.AwardCategories {
		var levels []string
		for _, a := range f.Awards {
			if a.Category == c {
				levels = append(levels, fmt.Sprintf("%s %d 项", a.Level, a.Count))
			}
		}
		if len(levels) > 0 {
			fmt.Fprintf(w, "  %s：%s\n", c, strings.Join(levels, "，"))
		}
	}
	for _, a := range assessedOf(f, store.IndAwards) {
		fmt.Fprintf(w, "  目标（%s及以上）：%s / %g 项，%s\n", *a.Category, count(a.Done), a.Target, store.MetText(a.Met))
	}
}

// printActivities writes the 政校企活动 by type and, for each type with a
// frequency target, the periods of the year that still lack one.
func printActivities(e *env, f *store.Figures, acts []store.Activity) {
	w := e.stdout
	if len(f.Activities) == 0 {
		fmt.Fprintln(w, "政校企活动：无")
	} else {
		fmt.Fprintln(w, "政校企活动：")
	}
	for _, a := range f.Activities {
		visited := ""
		if a.Visited > 0 {
			visited = fmt.Sprintf("，走访企业 %d 家", a.Visited)
		}
		fmt.Fprintf(w, "  %s：%d 次%s\n", a.Type, a.Count, visited)
	}
	for _, a := range assessedOf(f, store.IndActivities) {
		typ, n := *a.Category, int(a.Target)
		var missing []string
		for i, held := range store.ActivityPeriodsHeld(acts, typ, f.Year, n) {
			if !held {
				missing = append(missing, store.PeriodName(i, n))
			}
		}
		line := fmt.Sprintf("  %s频次：%s / %d 个%s有活动，%s", typ, count(a.Done), n, periodUnit(n), store.MetText(a.Met))
		if len(missing) > 0 {
			line += fmt.Sprintf("，%s尚无%s", strings.Join(missing, "、"), typ)
		}
		fmt.Fprintln(w, line)
	}
}

// periodUnit names the periods a year is split into for a target of n.
func periodUnit(n int) string {
	switch n {
	case 2:
		return "半年"
	case 4:
		return "季度"
	case 12:
		return "月份"
	}
	return "年度"
}

// assessedOf returns the assessment entries of one indicator that have a
// 分类 (awards' level, activities' type).
func assessedOf(f *store.Figures, indicator string) []store.Assessed {
	var out []store.Assessed
	for _, a := range f.Assessment {
		if a.Indicator == indicator && a.Category != nil {
			out = append(out, a)
		}
	}
	return out
}

// targetText is "，目标 20，未达标" for an indicator's target without 分类,
// or "" when the year has none.
func targetText(f *store.Figures, indicator string) string {
	for _, a := range f.Assessment {
		if a.Indicator == indicator && a.Category == nil {
			return fmt.Sprintf("，目标 %g，%s", a.Target, store.MetText(a.Met))
		}
	}
	return ""
}

// count shows an assessed count, "—" when there is none.
func count(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprint(*v)
}
