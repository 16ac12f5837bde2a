package main

import (
	"fmt"

	"chanjiao/store"
)

// printFigures writes check's figures for a person to read.
func printFigures(e *env, f *store.Figures) {
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
