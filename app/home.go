package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/handoff"
)

// homeScreen is the dashboard: the year's indicators against their targets
// and what to do next.
type homeScreen struct {
	a       *App
	box     *fyne.Container
	content fyne.CanvasObject
	figs    *store.Figures
	status  *handoff.Completeness // 报送情况 at a prefecture or province
	// the year's targets (for what the level above assigned) and activities
	// (for the periods a required meeting still lacks)
	targets    []store.Target
	activities []store.Activity

	// what the clerk reads first, kept for tests
	todo        []string
	schoolOrder []string // school names as listed, short ones first
	unitOrder   []string // above county level: lower units as listed
	gridOrder   []string // above county level: the 考核 grid's units as listed
}

// schoolLink is a school's name on 首页 that opens 互派互聘 searched to the
// school's records, so a school short of the target can be looked into and
// filled in. The search is its 学校标识码: a name can be part of another's.
func (h *homeScreen) schoolLink(s store.SchoolFigures) *widget.Hyperlink {
	l := widget.NewHyperlink(s.Name, nil)
	l.OnTapped = h.a.guard(func() { h.a.showSchoolSecondments(s.Code) })
	return l
}

func newHomeScreen(a *App) *homeScreen {
	h := &homeScreen{a: a, box: container.NewVBox()}
	h.content = container.NewVScroll(container.NewPadded(h.box))
	return h
}

func (h *homeScreen) Load() {
	year := h.a.year
	var f *store.Figures
	var st *handoff.Completeness
	var ts []store.Target
	var acts []store.Activity
	h.a.background(func() (err error) {
		if f, err = h.a.db.CachedIndicators(context.Background(), year); err != nil {
			return err
		}
		err = h.a.db.View(context.Background(), func(tx *store.Tx) (err error) {
			if ts, err = tx.Targets(year); err != nil {
				return err
			}
			acts, err = tx.Activities(year)
			return err
		})
		if err != nil {
			return err
		}
		if f.Unit.Level != store.LevelCounty {
			st, err = handoff.Status(context.Background(), h.a.db, year)
		}
		return err
	}, func(err error) {
		if err != nil {
			h.showError(err)
			return
		}
		h.status, h.targets, h.activities = st, ts, acts
		h.render(f)
	})
}

func (h *homeScreen) showError(err error) {
	h.box.RemoveAll()
	h.figs = nil
	if store.ErrorCode(err) == store.ENotFound {
		h.box.Add(boldLabel("欢迎使用" + appTitle))
		h.box.Add(widget.NewLabel("这个数据库还没有设置本单位。请先设置本单位，或填入示例数据看看程序怎么用。"))
		setup := widget.NewButton("设置本单位", func() { h.a.show("设置") })
		setup.Importance = widget.HighImportance
		h.box.Add(container.NewHBox(setup, widget.NewButton("填入示例数据", h.a.fillDemo)))
	} else {
		h.a.logErr(err)
		h.box.Add(label("无法计算指标："+store.ErrorMessage(err), widget.DangerImportance))
	}
	h.box.Refresh()
}

func (h *homeScreen) render(f *store.Figures) {
	h.figs = f
	h.box.RemoveAll()
	title := boldLabel(fmt.Sprintf("%d 年度概况 · %s", f.Year, f.Unit.Name))
	title.SizeName = theme.SizeNameSubHeadingText
	h.box.Add(title)

	// what to do next
	h.todo = nil
	short := f.SecondmentSchoolsAssessed - f.SecondmentSchoolsMet
	if secTarget, ok := f.SecondmentTarget(); short > 0 && ok {
		h.todo = append(h.todo, fmt.Sprintf("%d 所学校未达到互派互聘要求（每校至少 %d 人），请补录或督促", short, secTarget))
	}
	if p := f.Progression; p.Met != nil && !*p.Met {
		h.todo = append(h.todo, fmt.Sprintf("中职升学率 %s，低于目标 %s", store.FormatRate(p.Rate), store.FormatRate(p.Target)))
	}
	if c := f.Coverage; c.Met != nil && !*c.Met {
		h.todo = append(h.todo, fmt.Sprintf("3+2 贯通培养覆盖 %d/%d 所中职学校，低于目标 %s", c.Covered, c.Schools, store.FormatRate(c.Target)))
	}
	for _, t := range f.Training.Targets {
		if !t.Met {
			h.todo = append(h.todo, fmt.Sprintf("培训人次（%s）%d，低于目标 %d", store.CategoriesText(t.Categories), t.Count, t.Target))
		}
	}
	for _, as := range unmetMeasures(f) {
		h.todo = append(h.todo, fmt.Sprintf("%s %s，低于目标 %s", assessedName(as), assessedText(as, as.Done), assessedText(as, &as.Target)))
	}
	if f.Unit.Level == store.LevelCounty {
		h.todo = append(h.todo, dualShort(f)...)
	}
	h.todo = append(h.todo, missingPeriods(f, h.activities)...)
	if n := len(f.Warnings); n > 0 {
		h.todo = append(h.todo, fmt.Sprintf("%d 条记录有提示需要核实（见下方“待核实”）", n))
	}
	if st := h.status; st != nil {
		if n := len(st.Missing()); n > 0 {
			h.todo = append(h.todo, fmt.Sprintf("%d 个下级单位尚未报送 %d 年度数据（见下方“报送情况”）", n, f.Year))
		}
	} else if len(f.Schools) == 0 {
		h.todo = append(h.todo, "还没有学校记录：请到“学校”页新增，或导入工作簿")
	}
	todoBox := container.NewVBox()
	if lines := assignedLines(h.targets, f.Unit.Level); len(lines) > 0 {
		l := label(fmt.Sprintf("本年度目标中有 %d 项为上级下达（%s）：\n%s", len(lines), assignedBy(f.Unit.Level), strings.Join(lines, "\n")), widget.WarningImportance)
		l.Wrapping = fyne.TextWrapWord
		todoBox.Add(l)
	}
	if len(h.todo) == 0 {
		todoBox.Add(label("✓ 各项指标均已达到目标，可以生成报表。", widget.SuccessImportance))
	}
	for _, t := range h.todo {
		todoBox.Add(label("• "+t, widget.DangerImportance))
	}
	h.box.Add(widget.NewCard("下一步", "", todoBox))
	if h.status != nil {
		h.box.Add(h.a.statusCard(h.status))
	}

	if f.Unit.Level != store.LevelCounty {
		h.box.Add(h.assessmentCard(f))
		h.box.Add(h.unitsCard(f))
	} else {
		h.box.Add(h.schoolsCard(f))
	}
	h.box.Add(trainingCard(f))
	h.box.Add(ratesCard(f))
	h.box.Add(measuresCard(f))
	h.box.Add(h.staffCard(f))
	h.box.Add(warningsCard(f))
	h.box.Refresh()
}

// schoolsCard is a county's 互派互聘 per school, short ones first.
func (h *homeScreen) schoolsCard(f *store.Figures) fyne.CanvasObject {
	schools := append([]store.SchoolFigures(nil), f.Schools...)
	rank := func(s store.SchoolFigures) int {
		switch {
		case !s.Assessed:
			return 3
		case s.Secondments.Met != nil && !*s.Secondments.Met:
			return 0
		case s.Secondments.Met == nil:
			return 2
		}
		return 1
	}
	sort.SliceStable(schools, func(i, j int) bool {
		ri, rj := rank(schools[i]), rank(schools[j])
		if ri != rj {
			return ri < rj
		}
		if gi, gj := schools[i].Secondments.Gap(), schools[j].Secondments.Gap(); gi != gj {
			return gi > gj
		}
		return schools[i].Code < schools[j].Code
	})
	h.schoolOrder = nil
	grid := container.New(layout.NewFormLayout())
	for _, s := range schools {
		h.schoolOrder = append(h.schoolOrder, s.Name)
		sec := s.Secondments
		name := h.schoolLink(s)
		var right fyne.CanvasObject
		switch {
		case !s.Assessed:
			right = container.NewBorder(nil, nil, nil, widget.NewLabel(fmt.Sprintf("%d 人 · 不考核（%s）", sec.Persons, s.Type)), newBar(float64(sec.Persons), float64(max(sec.Persons, 1)), colorNone))
		case sec.Target == nil:
			right = container.NewBorder(nil, nil, nil, widget.NewLabel(fmt.Sprintf("%d 人 · 未设目标", sec.Persons)), newBar(float64(sec.Persons), float64(sec.Persons), colorNone))
		case sec.Met != nil && *sec.Met:
			right = container.NewBorder(nil, nil, nil, label(fmt.Sprintf("%d / %d 人 ✓ 达标", sec.Persons, *sec.Target), widget.SuccessImportance), newBar(float64(sec.Persons), float64(*sec.Target), colorMet))
		default:
			right = container.NewBorder(nil, nil, nil, label(fmt.Sprintf("%d / %d 人 差 %d 人", sec.Persons, *sec.Target, sec.Gap()), widget.DangerImportance), newBar(float64(sec.Persons), float64(*sec.Target), colorShort))
		}
		grid.Add(name)
		grid.Add(right)
	}
	secTitle := fmt.Sprintf("互派互聘：%d / %d 所学校达标", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed)
	sub := "按不重复人数计；未达标的学校排在前面；点学校名称查看其记录"
	if secTarget, ok := f.SecondmentTarget(); ok {
		sub = fmt.Sprintf("每校目标 %d 人（按不重复人数计）；未达标的学校排在前面；点学校名称查看其记录", secTarget)
	}
	if len(schools) == 0 {
		grid.Add(widget.NewLabel("（无学校）"))
		grid.Add(widget.NewLabel(""))
	}
	return widget.NewCard(secTitle, sub, grid)
}

// trainingCard is 培训人次 by 培训对象 against the targets.
func trainingCard(f *store.Figures) fyne.CanvasObject {
	tgrid := container.New(layout.NewFormLayout())
	for _, g := range store.TrainingGroups {
		c := f.Training.ByCategory[g]
		var right fyne.CanvasObject
		if c.Target != nil {
			imp, col, text := widget.DangerImportance, colorShort, fmt.Sprintf("%d / %d 人次 差 %d", c.Count, *c.Target, *c.Target-c.Count)
			if *c.Met() {
				imp, col, text = widget.SuccessImportance, colorMet, fmt.Sprintf("%d / %d 人次 ✓ 达标", c.Count, *c.Target)
			}
			right = container.NewBorder(nil, nil, nil, label(text, imp), newBar(float64(c.Count), float64(*c.Target), col))
		} else {
			right = container.NewBorder(nil, nil, nil, widget.NewLabel(fmt.Sprintf("%d 人次", c.Count)), newBar(float64(c.Count), float64(max(f.Training.Total, 1)), colorNone))
		}
		tgrid.Add(widget.NewLabel(g))
		tgrid.Add(right)
	}
	for _, t := range f.Training.Targets {
		if len(t.Categories) < 2 {
			continue
		}
		imp, col, text := widget.DangerImportance, colorShort, fmt.Sprintf("%d / %d 人次 差 %d", t.Count, t.Target, t.Target-t.Count)
		if t.Met {
			imp, col, text = widget.SuccessImportance, colorMet, fmt.Sprintf("%d / %d 人次 ✓ 达标", t.Count, t.Target)
		}
		tgrid.Add(widget.NewLabel("合计：" + store.CategoriesText(t.Categories)))
		tgrid.Add(container.NewBorder(nil, nil, nil, label(text, imp), newBar(float64(t.Count), float64(t.Target), col)))
	}
	return widget.NewCard(fmt.Sprintf("职业技能培训：共 %d 人次", f.Training.Total), "按培训对象；按结束日期所在年度统计", tgrid)
}

// ratesCard is 升学率 and 贯通覆盖率 against their targets.
func ratesCard(f *store.Figures) fyne.CanvasObject {
	rgrid := container.New(layout.NewFormLayout())
	p := f.Progression
	rgrid.Add(widget.NewLabel("中职升学率"))
	rgrid.Add(rateBar(p.Rate, p.Target, p.Met, fmt.Sprintf("（%d / %d 名毕业生）", p.Progressed, p.Graduates)))
	c := f.Coverage
	rgrid.Add(widget.NewLabel("3+2 贯通覆盖率"))
	rgrid.Add(rateBar(c.Rate, c.Target, c.Met, fmt.Sprintf("（%d / %d 所中职学校）", c.Covered, c.Schools)))
	return widget.NewCard("升学与贯通培养", "", rgrid)
}

// rateBar shows a rate against its target, green when met, red when not.
func rateBar(rate, target *float64, met *bool, detail string) fyne.CanvasObject {
	text := store.FormatRate(rate) + "  " + detail
	imp, col := widget.MediumImportance, colorNone
	if target != nil {
		text += "  目标 " + store.FormatRate(target)
		if met != nil && *met {
			imp, col = widget.SuccessImportance, colorMet
			text += " ✓ 达标"
		} else if met != nil {
			imp, col = widget.DangerImportance, colorShort
		}
	} else {
		text += "  （未设目标）"
	}
	v := 0.0
	if rate != nil {
		v = *rate
	}
	return container.NewBorder(nil, nil, nil, label(text, imp), newBar(v, 1, col))
}

// warningsCard lists the first 50 warnings to look into.
func warningsCard(f *store.Figures) fyne.CanvasObject {
	wbox := container.NewVBox()
	if len(f.Warnings) == 0 {
		wbox.Add(label("没有需要核实的提示。", widget.SuccessImportance))
	} else {
		var lines []string
		for i, w := range f.Warnings {
			if i == 50 {
				lines = append(lines, fmt.Sprintf("……另有 %d 条", len(f.Warnings)-50))
				break
			}
			lines = append(lines, fmt.Sprintf("%s %s · %s：%s", w.Table, w.Key, w.Field, w.Message))
		}
		l := widget.NewLabel(strings.Join(lines, "\n"))
		l.Wrapping = fyne.TextWrapWord
		wbox.Add(widget.NewAccordion(widget.NewAccordionItem(fmt.Sprintf("查看 %d 条提示", len(f.Warnings)), l)))
	}
	return widget.NewCard(fmt.Sprintf("待核实：%d 条提示", len(f.Warnings)), "提示不影响保存和报送，但请核对", wbox)
}

// unitsCard is, above county level, one row per lower unit: whether it has
// reported, its schools meeting the 互派互聘 target, and which of its
// targets it is behind on. A bar per school would be 1,900 bars at a
// province; the schools are in the returns' 明细.
func (h *homeScreen) unitsCard(f *store.Figures) fyne.CanvasObject {
	figs := map[string]*store.Figures{}
	for _, u := range f.Units {
		figs[u.Unit.Code] = u
	}
	type row struct {
		code, name string
		sent       bool
		f          *store.Figures
		behind     []string // the targets it falls short of
	}
	var rows []row
	add := func(code, name string, sent bool, uf *store.Figures) {
		r := row{code: code, name: name, sent: sent, f: uf}
		if uf != nil && sent {
			r.behind = unmetTargets(uf)
		}
		rows = append(rows, r)
	}
	if h.status != nil {
		for _, u := range h.status.Units {
			add(u.Code, u.Name, u.Sent, figs[u.Code])
			delete(figs, u.Code)
		}
	}
	for _, u := range f.Units { // held but not on the roster
		if _, left := figs[u.Unit.Code]; left {
			add(u.Unit.Code, u.Unit.Name, u.Sent == nil || *u.Sent, u)
		}
	}
	rank := func(r row) int {
		switch {
		case !r.sent:
			return 0
		case len(r.behind) > 0:
			return 1
		}
		return 2
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if ri, rj := rank(rows[i]), rank(rows[j]); ri != rj {
			return ri < rj
		}
		return rows[i].code < rows[j].code
	})
	h.unitOrder = nil
	grid := container.New(layout.NewFormLayout())
	for _, r := range rows {
		h.unitOrder = append(h.unitOrder, r.name)
		var right fyne.CanvasObject
		switch {
		case !r.sent:
			right = label("未报送", widget.DangerImportance)
		case r.f == nil:
			right = widget.NewLabel("已报送（无学校记录）")
		default:
			u := r.f
			text := fmt.Sprintf("互派互聘 %d/%d 校达标 · 培训 %d 人次 · 升学率 %s · 合作协议覆盖率 %s", u.SecondmentSchoolsMet, u.SecondmentSchoolsAssessed,
				u.Training.Total, store.FormatRate(u.Progression.Rate), store.FormatRate(u.Agreements.Rate))
			col, imp := colorMet, widget.SuccessImportance
			if len(r.behind) > 0 {
				col, imp = colorShort, widget.DangerImportance
				text += " · 未达标：" + strings.Join(r.behind, "、")
			} else {
				text += " · ✓ 各项达标"
			}
			l := label(text, imp)
			l.Wrapping = fyne.TextWrapWord
			right = container.NewVBox(l, newBar(float64(u.SecondmentSchoolsMet), float64(max(u.SecondmentSchoolsAssessed, 1)), col))
		}
		grid.Add(widget.NewLabel(r.name))
		grid.Add(right)
	}
	if len(rows) == 0 {
		grid.Add(widget.NewLabel("（无下级单位）"))
		grid.Add(widget.NewLabel(""))
	}
	level := "县（市、区）"
	if f.Unit.Level == store.LevelProvince {
		level = "州（市）"
	}
	return widget.NewCard(fmt.Sprintf("各%s：互派互聘 %d / %d 所学校达标", level, f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed),
		"未报送的排在最前，其次是有指标未达标的；条形为互派互聘达标学校占比，各校明细见报表的明细表", grid)
}

// unmetTargets names the targets a unit's figures fall short of.
func unmetTargets(f *store.Figures) []string {
	var out []string
	if f.SecondmentSchoolsMet < f.SecondmentSchoolsAssessed {
		if _, ok := f.SecondmentTarget(); ok {
			out = append(out, "互派互聘")
		}
	}
	for _, t := range f.Training.Targets {
		if !t.Met {
			out = append(out, "培训（"+store.CategoriesText(t.Categories)+"）")
		}
	}
	if p := f.Progression; p.Met != nil && !*p.Met {
		out = append(out, "中职升学率")
	}
	if c := f.Coverage; c.Met != nil && !*c.Met {
		out = append(out, "贯通覆盖率")
	}
	for _, as := range unmetMeasures(f) {
		out = append(out, assessedName(as))
	}
	for _, as := range f.Assessment {
		if as.Indicator == store.IndActivities && as.Met != nil && !*as.Met {
			out = append(out, assessedName(as))
		}
	}
	return out
}

// measuresCard is the agreements' coverage, the classes by 培养类型 and the
// carriers by type and level, with every target of those indicators.
func measuresCard(f *store.Figures) fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	row := func(name string, right fyne.CanvasObject) {
		grid.Add(widget.NewLabel(name))
		grid.Add(right)
	}
	ag := f.Agreements
	row("校企合作协议", widget.NewLabel(fmt.Sprintf("本年度有效 %d 份；新签合作协议 %d 份、合作意向书 %d 份", ag.InForce, ag.Signed, ag.IntentsSigned)))
	row(store.IndicatorName(store.IndAgreements), rateBar(ag.Rate, ag.Target, ag.Met,
		fmt.Sprintf("（%d / %d 所学校有有效的合作协议）", ag.SchoolsCovered, ag.SchoolsAssessed)))
	for _, t := range store.ClassTypes {
		c := f.Classes[t]
		row(t, widget.NewLabel(fmt.Sprintf("%d 个班 · %d 人", c.Classes, c.Students)))
	}
	for _, t := range carrierLines(f.Carriers) {
		l := widget.NewLabel(t.text)
		l.Wrapping = fyne.TextWrapWord
		row(t.kind, l)
	}
	if len(f.Carriers) == 0 {
		row("产教融合载体", widget.NewLabel("本年度没有计入的载体"))
	}
	for _, as := range f.Assessment {
		if def, ok := store.IndicatorByKey(as.Indicator); ok && measureIndicators[as.Indicator] && !def.IsRate() {
			row(assessedName(as), countBar(as))
		}
	}
	return widget.NewCard("校企合作与产教融合载体", "协议按本年度是否有效计；班级按统计年度计；载体按本年度所处级别计", grid)
}

// measureIndicators are the indicators measuresCard shows the targets of.
var measureIndicators = map[string]bool{store.IndAgreements: true, store.IndCarriers: true, store.IndIntegrated: true,
	store.IndQualitySchool: true, store.IndQualityMajor: true, store.IndOrderClasses: true, store.IndApprentices: true}

// staffIndicators are those staffCard shows; 政校企活动频次 is told by the
// periods still lacking a meeting instead.
var staffIndicators = map[string]bool{store.IndDualQualified: true, store.IndPractice: true, store.IndAwards: true}

// assessedName is a target's indicator with its 分类 (a 级别 counts that
// level and above; an 活动类型 or 培训对象 is named as it is).
func assessedName(as store.Assessed) string {
	name := store.IndicatorName(as.Indicator)
	if as.Category == nil {
		return name
	}
	if as.Indicator == store.IndActivities || as.Indicator == store.IndTraining {
		return name + "（" + *as.Category + "）"
	}
	return name + "（" + *as.Category + "及以上）"
}

// countBar shows a counted indicator against its target.
func countBar(as store.Assessed) fyne.CanvasObject {
	done := 0.0
	if as.Done != nil {
		done = *as.Done
	}
	imp, col, text := widget.DangerImportance, colorShort, fmt.Sprintf("%g / %g 差 %g", done, as.Target, as.Target-done)
	if as.Met != nil && *as.Met {
		imp, col, text = widget.SuccessImportance, colorMet, fmt.Sprintf("%g / %g ✓ 达标", done, as.Target)
	}
	return container.NewBorder(nil, nil, nil, label(text, imp), newBar(done, max(as.Target, 1), col))
}

type carrierLine struct{ kind, text string }

// carrierLines is one line per 载体类型: its count at each level and how
// many are new this year.
func carrierLines(cs []store.CarrierCount) []carrierLine {
	var out []carrierLine
	for i := 0; i < len(cs); {
		j, total, added := i, 0, 0
		var parts []string
		for ; j < len(cs) && cs[j].Type == cs[i].Type; j++ {
			parts = append(parts, fmt.Sprintf("%s %d", cs[j].Level, cs[j].Count))
			total += cs[j].Count
			added += cs[j].New
		}
		text := fmt.Sprintf("%d 个（%s）", total, strings.Join(parts, "、"))
		if added > 0 {
			text += fmt.Sprintf("，本年新增 %d 个", added)
		}
		out = append(out, carrierLine{cs[i].Type, text})
		i = j
	}
	return out
}

// unmetMeasures are the targets of the agreements', classes' and carriers'
// indicators that the year falls short of.
func unmetMeasures(f *store.Figures) []store.Assessed {
	var out []store.Assessed
	for _, as := range f.Assessment {
		if (measureIndicators[as.Indicator] || staffIndicators[as.Indicator]) && as.Met != nil && !*as.Met {
			out = append(out, as)
		}
	}
	return out
}

// assessedText writes a done or target value as its indicator counts it.
func assessedText(as store.Assessed, v *float64) string {
	if def, _ := store.IndicatorByKey(as.Indicator); def.IsRate() {
		return store.FormatRate(v)
	}
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%g", *v)
}

// dualTarget is the year's 双师型教师占比 target, if set.
func dualTarget(f *store.Figures) (float64, bool) {
	if t := f.Teachers.Target; t != nil {
		return *t, true
	}
	return 0, false
}

// dualShort names the schools whose 双师型 share is under the target.
func dualShort(f *store.Figures) []string {
	target, ok := dualTarget(f)
	if !ok {
		return nil
	}
	var out []string
	for _, s := range f.Schools {
		if s.Teachers == nil {
			continue
		}
		if met := s.Teachers.Met(target); met != nil && !*met {
			out = append(out, fmt.Sprintf("%s 双师型教师占比 %s，低于目标 %s", s.Name, store.FormatRate(s.Teachers.Rate), store.FormatRate(&target)))
		}
	}
	return out
}

// missingPeriods says, for each meeting type with a frequency target, which
// periods of the year hold no such meeting yet: 第三季度尚无政校企交流会议.
func missingPeriods(f *store.Figures, acts []store.Activity) []string {
	var out []string
	for _, as := range f.Assessment {
		if as.Indicator != store.IndActivities || as.Category == nil {
			continue
		}
		n := int(as.Target)
		var missing []string
		for i, held := range store.ActivityPeriodsHeld(acts, *as.Category, f.Year, n) {
			if !held {
				missing = append(missing, store.PeriodName(i, n))
			}
		}
		if len(missing) > 0 {
			out = append(out, strings.Join(missing, "、")+"尚无"+*as.Category)
		}
	}
	return out
}

// staffCard is 师资 (the 双师型 share pooled and per school against the
// target), 教师企业实践人次, the awards by level and the 政校企活动 by type
// with the periods a required meeting still lacks.
func (h *homeScreen) staffCard(f *store.Figures) fyne.CanvasObject {
	grid := container.New(layout.NewFormLayout())
	row := func(name fyne.CanvasObject, right fyne.CanvasObject) {
		grid.Add(name)
		grid.Add(right)
	}
	t := f.Teachers
	row(widget.NewLabel(store.IndicatorName(store.IndDualQualified)), rateBar(t.Rate, t.Target, t.Met,
		fmt.Sprintf("（%d / %d 名专业课教师）", t.Dual, t.Professional)))
	if f.Unit.Level == store.LevelCounty {
		target, hasTarget := dualTarget(f)
		for _, s := range f.Schools {
			if s.Teachers == nil {
				continue
			}
			var met *bool
			var tp *float64
			if hasTarget {
				met, tp = s.Teachers.Met(target), &target
			}
			row(h.schoolLink(s), rateBar(s.Teachers.Rate, tp, met, fmt.Sprintf("（%d / %d）", s.Teachers.Dual, s.Teachers.Professional)))
		}
	}
	row(widget.NewLabel("获奖与企业实践"), wrapLabel(staffLine(f)))
	for _, as := range f.Assessment {
		if as.Indicator == store.IndPractice || as.Indicator == store.IndAwards {
			row(widget.NewLabel(assessedName(as)), countBar(as))
		}
	}
	var acts []string
	for _, c := range f.Activities {
		text := fmt.Sprintf("%s %d 次", c.Type, c.Count)
		if c.Visited > 0 {
			text += fmt.Sprintf("（走访企业 %d 家）", c.Visited)
		}
		acts = append(acts, text)
	}
	if len(acts) == 0 {
		acts = []string{"本年度没有记录"}
	}
	row(widget.NewLabel("政校企活动"), wrapLabel(strings.Join(acts, "、")))
	for _, as := range f.Assessment {
		if as.Indicator != store.IndActivities || as.Category == nil {
			continue
		}
		n := int(as.Target)
		var marks []string
		for i, held := range store.ActivityPeriodsHeld(h.activities, *as.Category, f.Year, n) {
			mark := "✗"
			if held {
				mark = "✓"
			}
			marks = append(marks, store.PeriodName(i, n)+" "+mark)
		}
		imp := widget.DangerImportance
		if as.Met != nil && *as.Met {
			imp = widget.SuccessImportance
		}
		l := label(fmt.Sprintf("%s：%s", frequencyName(n), strings.Join(marks, "  ")), imp)
		l.Wrapping = fyne.TextWrapWord
		row(widget.NewLabel(*as.Category), l)
	}
	return widget.NewCard("师资、获奖与政校企活动", "双师型教师占比 = 双师型教师数 ÷ 专业课教师数；获奖按获奖日期所在年度计；点学校名称查看其记录", grid)
}

// staffLine is the awards by level and 教师企业实践人次 in a line.
func staffLine(f *store.Figures) string {
	by := map[string]int{}
	total := 0
	for _, c := range f.Awards {
		by[c.Level] += c.Count
		total += c.Count
	}
	var parts []string
	for _, g := range store.Grades {
		if by[g] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", g, by[g]))
		}
	}
	awards := fmt.Sprintf("获奖 %d 项", total)
	if len(parts) > 0 {
		awards += "（" + strings.Join(parts, "、") + "）"
	}
	return fmt.Sprintf("%s；教师企业实践 %d 人次", awards, f.EnterprisePractice)
}

func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// assessmentColumn is one indicator and 分类 of the 考核 grid.
type assessmentColumn struct {
	ind string
	cat *string
}

// assessmentCard is, above county level, the 考核 grid: a row per lower
// unit, a column per indicator assessed, each cell done / target in green
// (met) or red (not); units meeting the most come first, those that have
// not sent their file are marked 未报送.
func (h *homeScreen) assessmentCard(f *store.Figures) fyne.CanvasObject {
	var cols []assessmentColumn
	seen := map[string]bool{}
	colKey := func(as store.Assessed) string {
		if as.Category == nil {
			return as.Indicator
		}
		return as.Indicator + "|" + *as.Category
	}
	for _, u := range f.Units {
		for _, as := range u.Assessment {
			if k := colKey(as); !seen[k] {
				seen[k] = true
				cols = append(cols, assessmentColumn{as.Indicator, as.Category})
			}
		}
	}
	sortAssessmentColumns(cols)
	type unitRow struct {
		u        *store.Figures
		sent     bool
		met, all int
	}
	var rows []unitRow
	for _, u := range f.Units {
		r := unitRow{u: u, sent: u.Sent == nil || *u.Sent}
		for _, as := range u.Assessment {
			if as.Met != nil {
				r.all++
				if *as.Met {
					r.met++
				}
			}
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.sent != b.sent {
			return a.sent
		}
		if a.met != b.met {
			return a.met > b.met
		}
		return a.u.Unit.Code < b.u.Unit.Code
	})
	h.gridOrder = nil
	n := len(cols) + 2
	grid := container.NewGridWithColumns(n)
	grid.Add(boldLabel("单位"))
	for _, c := range cols {
		grid.Add(wrapLabel(assessedName(store.Assessed{Indicator: c.ind, Category: c.cat})))
	}
	grid.Add(boldLabel("达标"))
	for _, r := range rows {
		h.gridOrder = append(h.gridOrder, r.u.Unit.Name)
		grid.Add(widget.NewLabel(r.u.Unit.Name))
		by := map[string]store.Assessed{}
		for _, as := range r.u.Assessment {
			by[colKey(as)] = as
		}
		for _, c := range cols {
			k := c.ind
			if c.cat != nil {
				k += "|" + *c.cat
			}
			as, ok := by[k]
			switch {
			case !ok:
				grid.Add(widget.NewLabel("—"))
			case !r.sent:
				grid.Add(label("未报送 · 目标 "+assessedText(as, &as.Target), widget.DangerImportance))
			default:
				grid.Add(assessedCell(as))
			}
		}
		if r.sent {
			grid.Add(widget.NewLabel(fmt.Sprintf("%d / %d", r.met, r.all)))
		} else {
			grid.Add(label("未报送", widget.DangerImportance))
		}
	}
	if len(rows) == 0 || len(cols) == 0 {
		return widget.NewCard("考核", "", widget.NewLabel("尚未向下级单位下达目标，也没有收到下级单位设有目标的数据。"))
	}
	return widget.NewCard("考核：各单位主要指标完成情况", "完成 / 目标；绿色达标，红色未达标；“自定”为下级单位改过的本单位目标；达标项多的排在前面",
		container.NewHScroll(grid))
}

// assessedCell is one unit's result on one indicator: done / target, green
// when met, red when not, the unit's own target beside where it changed it.
func assessedCell(as store.Assessed) fyne.CanvasObject {
	text := assessedText(as, as.Done) + " / " + assessedText(as, &as.Target)
	if as.Of != nil { // 互派互聘: the schools reaching the persons per school
		text = fmt.Sprintf("%s / %d 校达标（每校 %s 人）", assessedText(as, as.Done), *as.Of, assessedText(as, &as.Target))
	}
	if as.OwnTarget != nil {
		text += "（自定 " + assessedText(as, as.OwnTarget) + "）"
	}
	imp := widget.MediumImportance
	if as.Met != nil {
		imp = widget.DangerImportance
		if *as.Met {
			imp = widget.SuccessImportance
			text += " ✓"
		}
	}
	l := label(text, imp)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// sortAssessmentColumns orders the columns as measures.md lists the
// indicators.
func sortAssessmentColumns(cols []assessmentColumn) {
	ts := make([]store.Target, len(cols))
	for i, c := range cols {
		ts[i] = store.Target{Indicator: c.ind}
		if c.cat != nil {
			ts[i].Categories = []string{*c.cat}
		}
	}
	store.SortTargets(ts)
	for i, t := range ts {
		cols[i].ind = t.Indicator
		cols[i].cat = nil
		if len(t.Categories) > 0 {
			c := t.Categories[0]
			cols[i].cat = &c
		}
	}
}
