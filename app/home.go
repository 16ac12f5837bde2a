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

	// what the clerk reads first, kept for tests
	todo        []string
	schoolOrder []string // school names as listed, short ones first
	unitOrder   []string // above county level: lower units as listed
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
	h.a.background(func() (err error) {
		if f, err = h.a.db.Indicators(context.Background(), year); err != nil {
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
		h.status = st
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
		h.box.Add(h.unitsCard(f))
	} else {
		h.box.Add(h.schoolsCard(f))
	}
	h.box.Add(trainingCard(f))
	h.box.Add(ratesCard(f))
	h.box.Add(measuresCard(f))
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
		if uf != nil {
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
			add(u.Unit.Code, u.Unit.Name, true, u)
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

// assessedName is a target's indicator with its 分类.
func assessedName(as store.Assessed) string {
	name := store.IndicatorName(as.Indicator)
	if as.Category != nil {
		name += "（" + *as.Category + "及以上）"
	}
	return name
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
		if measureIndicators[as.Indicator] && as.Met != nil && !*as.Met {
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
