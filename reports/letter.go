package reports

import (
	"fmt"
	"strings"

	"chanjiao/store"
)

// letterNames is how many schools the letter names above county level; the
// 明细 tables name them all.
const letterNames = 10

// someNames joins the names of the schools short of a target: all of them
// at a county, the first letterNames and 等 above.
func (b *builder) someNames(names []string) string {
	if b.grouping && len(names) > letterNames {
		return strings.Join(names[:letterNames], "、") + "等"
	}
	return strings.Join(names, "、")
}

// letter writes table 0, the cover letter, in 公文 form: its sentences are
// generated from the figures of the tables it introduces.
func (b *builder) letter() Letter {
	r := b.r
	f := r.Figures
	l := Letter{
		Title:     fmt.Sprintf("关于报送%d年度产教融合统计数据的报告", r.Year),
		Addressee: r.Authority + "：",
		Signer:    r.Unit.Name,
		Date:      FormatDate(r.Date),
	}
	n := func(v int) string { return groupThousands(v) } // 人次 only
	d := func(v int) string { return fmt.Sprint(v) }

	l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("现将%s%d年度产教融合统计数据报告如下。", r.Unit.Name, r.Year))

	// 一、基本情况 (表1, 表2)
	schools, majors, open, enrolled := 0, 0, 0, 0
	for _, sf := range f.Schools {
		if !b.inTable1(sf.Code) {
			continue
		}
		schools++
		for _, m := range b.majors[sf.Code] {
			majors++
			enrolled += m.Enrolled
			if m.Status == store.StatusEnrolling {
				open++
			}
		}
	}
	l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("一、基本情况。%s共有职业学校%d所，开设专业%d个（其中招生专业%d个），在校生%s人。",
		b.area(), schools, majors, open, d(enrolled)))

	// 二、互派互聘 (表3)
	met, assessed := f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed
	var short []string
	gap, persons := 0, 0
	for _, sf := range f.Schools {
		persons += sf.Secondments.Persons
		if sf.Assessed && sf.Secondments.Met != nil && !*sf.Secondments.Met {
			short = append(short, sf.Name)
			gap += sf.Secondments.Gap()
		}
	}
	sec := fmt.Sprintf("二、校企互派互聘。全年互派互聘%s人（各校合计）。", d(persons))
	switch target := b.secondmentTargetValue(); {
	case target == nil:
		sec += "本年度未设互派互聘目标。"
	case assessed == 0:
		sec += "本年度没有参加考核的学校。"
	case met == assessed:
		sec += fmt.Sprintf("参加考核的%d所学校全部达到每校每年不少于%d人的目标。", assessed, *target)
	default:
		sec += fmt.Sprintf("参加考核的%d所学校中，%d所达到每校每年不少于%d人的目标，%d所未达标（%s），共差%d人。",
			assessed, met, *target, assessed-met, b.someNames(short), gap)
	}
	l.Paragraphs = append(l.Paragraphs, sec)

	// 三、职业技能培训 (表4)
	tr := fmt.Sprintf("三、职业技能培训。全年完成职业技能培训%s人次", n(f.Training.Total))
	var parts []string
	for _, line := range b.trainingLines(f) {
		if line.target == nil {
			parts = append(parts, fmt.Sprintf("%s%s人次（未设目标）", line.label, n(line.count)))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s%s人次，目标%s人次，完成率%s，%s", line.label, n(line.count), n(*line.target),
			store.FormatRate(completion(line.count, line.target)), store.MetText(line.met)))
	}
	if len(parts) > 0 {
		tr += "。其中" + strings.Join(parts, "；")
	}
	l.Paragraphs = append(l.Paragraphs, tr+"。")

	// 四、升学与贯通培养 (表5)
	p, c := f.Progression, f.Coverage
	up := fmt.Sprintf("四、升学与贯通培养。中职毕业生%s人，升学%s人，中职升学率%s", d(p.Graduates), d(p.Progressed), store.FormatRate(p.Rate))
	if p.Target != nil && p.Met != nil {
		up += fmt.Sprintf("，目标不低于%s，%s", store.FormatRate(p.Target), store.MetText(p.Met))
	}
	up += fmt.Sprintf("；%d所中等职业学校中%d所开设3+2或五年一贯制贯通培养专业，覆盖率%s", c.Schools, c.Covered, store.FormatRate(c.Rate))
	if c.Target != nil && c.Met != nil {
		up += fmt.Sprintf("，目标%s，%s", store.FormatRate(c.Target), store.MetText(c.Met))
	}
	l.Paragraphs = append(l.Paragraphs, up+"。")

	// 五、校企合作 (表5, 表7, 表8)
	l.Paragraphs = append(l.Paragraphs, fmt.Sprintf("五、校企合作。全年与%d家企业开展合作，其中产教融合型企业%d家。%s%s%s",
		f.PartnerEnterprises, f.IntegratedEnterprises, agreementsSentence(f), classesSentence(f), carriersSentence(f)))

	// 六、师资 (表9), 七、获奖与政校企活动 (表10, 表11)
	l.Paragraphs = append(l.Paragraphs, "六、师资与获奖。"+teachersSentence(f)+awardsSentence(f),
		"七、政校企活动。"+b.activitiesSentence(f))

	l.Paragraphs = append(l.Paragraphs, "特此报告。")
	for _, t := range r.Tables {
		l.Attachments = append(l.Attachments, t.Caption())
	}
	return l
}

// agreementsSentence is the letter's sentence on 表7's agreements.
func agreementsSentence(f *store.Figures) string {
	a := f.Agreements
	s := fmt.Sprintf("本年度有效校企合作协议%d份，其中本年签订合作协议%d份、合作意向书%d份", a.InForce, a.Signed, a.IntentsSigned)
	if a.Target != nil {
		s += fmt.Sprintf("；校企合作协议覆盖率%s（%d/%d所），目标不低于%s，%s", store.FormatRate(a.Rate), a.SchoolsCovered, a.SchoolsAssessed,
			store.FormatRate(a.Target), store.MetText(a.Met))
	}
	return s + "。"
}

// classesSentence is the letter's sentence on 表7's classes.
func classesSentence(f *store.Figures) string {
	var parts []string
	for _, g := range classGroups {
		n := g.count(f)
		name := strings.ReplaceAll(g.label, "/", "、")
		if len(g.types) == 1 {
			name += "班"
		}
		parts = append(parts, fmt.Sprintf("%s%d个、学生%d人", name, n.Classes, n.Students))
	}
	return "开办" + strings.Join(parts, "，") + "。"
}

// carriersSentence is the letter's sentence on 表8: the carriers counted in
// the year by level.
func carriersSentence(f *store.Figures) string {
	by, total, fresh := byLevel(f.Carriers)
	if total == 0 {
		return "本年度没有计入统计的产教融合载体。"
	}
	var parts []string
	for _, g := range store.CarrierGrades {
		if by[g] > 0 {
			parts = append(parts, fmt.Sprintf("%s%d个", g, by[g]))
		}
	}
	return fmt.Sprintf("计入统计的产教融合载体%d个（%s），其中本年新增%d个。", total, strings.Join(parts, "、"), fresh)
}

// teachersSentence is the letter's sentence on 表9: the 双师型 share against
// its target, and the 教师企业实践人次.
func teachersSentence(f *store.Figures) string {
	t := f.Teachers
	s := "本年度未填报师资情况"
	if t.Professional > 0 {
		s = fmt.Sprintf("双师型教师%d人，占专业课教师%d人的%s", t.Dual, t.Professional, store.FormatRate(t.Rate))
		if t.Target != nil {
			s += fmt.Sprintf("，目标不低于%s，%s", store.FormatRate(t.Target), store.MetText(t.Met))
		}
	}
	s += fmt.Sprintf("；教师企业实践%s人次", groupThousands(f.EnterprisePractice))
	for _, a := range assessedOf(f.Assessment, store.IndPractice) {
		s += fmt.Sprintf("，目标%s人次，%s", groupThousands(int(a.Target)), store.MetText(a.Met))
	}
	return s + "。"
}

// awardsSentence is the letter's sentence on 表10: the awards by level and
// each target on them.
func awardsSentence(f *store.Figures) string {
	total := awardTotal(f)
	if total == 0 {
		return "本年度没有获奖记录。"
	}
	by := map[string]int{}
	for _, c := range f.Awards {
		by[c.Level] += c.Count
	}
	var parts []string
	for _, g := range store.Grades {
		if by[g] > 0 {
			parts = append(parts, fmt.Sprintf("%s%d项", g, by[g]))
		}
	}
	s := fmt.Sprintf("全年获奖%d项（%s）", total, strings.Join(parts, "、"))
	for _, a := range assessedOf(f.Assessment, store.IndAwards) {
		s += fmt.Sprintf("，%s及以上%d项，目标%d项，%s", category(a), int(*a.Done), int(a.Target), store.MetText(a.Met))
	}
	return s + "。"
}

// activitiesSentence is the letter's sentence on 表11: each required
// meeting held against what is required, naming the periods still without
// one, then how many other activities were held.
func (b *builder) activitiesSentence(f *store.Figures) string {
	var parts []string
	required := map[string]bool{}
	counts := map[string]int{}
	for _, c := range f.Activities {
		counts[c.Type] = c.Count
	}
	for _, a := range assessedOf(f.Assessment, store.IndActivities) {
		typ, n := category(a), int(a.Target)
		required[typ] = true
		s := fmt.Sprintf("%s%d次，要求%s1次，%s", typ, counts[typ], periodsText(n), store.MetText(a.Met))
		switch missing := b.missingPeriods(typ, n); {
		case len(missing) == n:
			s += "（全年尚无" + typ + "）"
		case len(missing) > 0:
			s += "（" + strings.Join(missing, "、") + "尚无" + typ + "）"
		}
		parts = append(parts, s)
	}
	others := 0
	for _, c := range f.Activities {
		if !required[c.Type] {
			others += c.Count
		}
	}
	if others > 0 {
		parts = append(parts, fmt.Sprintf("其他政校企活动%d次", others))
	}
	if len(parts) == 0 {
		return "本年度没有政校企活动记录。"
	}
	return "召开" + strings.Join(parts, "；") + "。"
}
