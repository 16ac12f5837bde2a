package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/backup"
)

// settingsScreen holds the unit, its signatories and the year's targets.
type settingsScreen struct {
	a       *App
	content fyne.CanvasObject

	unitForm                                 *form
	suggested                                string // the name last suggested from the code; the name field holds it until the clerk types
	region                                   *codeField
	name, head, stats, preparer, phone, auth *entry
	docNo                                    *entry
	level                                    *widget.Select
	unitMsg                                  *widget.Label

	targetForm                       *form
	targetsTitle                     *widget.Label
	secTarget, progTarget, covTarget *entry
	trainBox                         *fyne.Container
	trainRows                        []*trainRow
	// the targets of the agreements, classes and carriers (measures.md)
	agrTarget, orderTarget, apprTarget *entry
	// the targets of 师资, 获奖 and 政校企活动 (issue 16)
	dualTarget, practiceTarget *entry
	catBoxes                   map[string]*fyne.Container // per indicator with a 分类
	catRows                    []*categoryRow
	actBox                     *fyne.Container
	actRows                    []*activityRow
	assignedNote               *widget.Label  // the targets the level above assigned (州下达)
	kept                       []store.Target // targets this page does not show, saved as they were
	targetMsg                  *widget.Label
	carry                      *widget.Button

	// year locking (报出)
	lockState          *widget.Label
	lockBtn, unlockBtn *widget.Button
	unlock             *unlockDialog // the open 解锁 question, for tests

	// backups and the 操作记录
	backupBtn, restoreBtn, auditBtn *widget.Button
	safetyMsg                       *widget.Label
	autoBackup                      string
	audit                           *auditView // the open 操作记录, for tests

	about *widget.Label

	// the signing key's fingerprint, in 本单位 and 关于
	keyFingerprint  string
	fingerprints    []*widget.Label
	copyFingerprint []*widget.Button
}

type trainRow struct {
	cats   *widget.CheckGroup
	value  *entry
	remove *widget.Button
	obj    fyne.CanvasObject
}

func newSettingsScreen(a *App) *settingsScreen {
	s := &settingsScreen{a: a}

	// the unit
	f := newForm(a)
	s.unitForm = f
	s.level = f.choice("级别", store.LevelNames(), store.LevelName(store.LevelCounty), false)
	s.region = newCodeField(a, "本单位区划", "", "6 位区划代码，如 532301",
		func() []choiceItem {
			switch store.LevelOfName(s.level.Selected) {
			case store.LevelProvince:
				return regionItems(a.db.Ref, 2)
			case store.LevelPrefecture:
				return regionItems(a.db.Ref, 4)
			}
			return regionItems(a.db.Ref, 6)
		},
		func(c string) string { return regionFullName(a.db.Ref, store.NormalizeUnitCode(c)) })
	s.region.onChange = s.suggestName
	f.code("区划代码", s.region)
	s.name = f.text("单位名称", "", "如 楚雄市教育体育局")
	s.head = f.text("单位负责人", "", "")
	s.stats = f.text("统计负责人", "", "")
	s.preparer = f.text("填表人", "", "")
	s.phone = f.text("联系电话", "", "")
	s.auth = f.text("制表机关", "", "留空则为上级教育行政部门")
	s.docNo = f.text("文号", "", "可留空")
	f.validate = func() store.Problems { u := s.readUnit(); return u.Validate(a.db.Ref) }
	f.save = widget.NewButtonWithIcon("保存本单位", theme.DocumentSaveIcon(), a.guard(s.saveUnit))
	f.save.Importance = widget.HighImportance
	s.unitMsg = widget.NewLabel("")
	unitCard := widget.NewCard("本单位", "报表上的单位和签章人", container.NewVBox(f.grid, f.reason, container.NewHBox(f.save, s.unitMsg), s.fingerprintRow()))

	// the targets
	t := newForm(a)
	s.targetForm = t
	s.secTarget = t.text(store.IndicatorName(store.IndSecondment), "", "人；留空则不设目标")
	s.progTarget = t.text(store.IndicatorName(store.IndProgression), "", "百分数，如 60；留空则不设目标")
	s.covTarget = t.text(store.IndicatorName(store.IndCoverage), "", "百分数，如 100；留空则不设目标")
	s.trainBox = container.NewVBox()
	addTrain := widget.NewButtonWithIcon("添加培训目标", theme.ContentAddIcon(), func() { s.addTrainRow(nil, 0); t.check() })
	t.add(store.IndicatorName(store.IndTraining), container.NewVBox(s.trainBox, container.NewHBox(addTrain)))
	s.agrTarget = t.text(store.IndicatorName(store.IndAgreements), "", "百分数，如 80；留空则不设目标")
	s.orderTarget = t.text(store.IndicatorName(store.IndOrderClasses), "", "个班（订单班、冠名班、定向班）；留空则不设目标")
	s.apprTarget = t.text(store.IndicatorName(store.IndApprentices), "", "人；留空则不设目标")
	s.catBoxes = map[string]*fyne.Container{}
	for _, ind := range []string{store.IndIntegrated, store.IndCarriers} {
		s.addCategoryBox(ind)
	}
	s.dualTarget = t.text(store.IndicatorName(store.IndDualQualified), "", "百分数，如 50；留空则不设目标")
	s.practiceTarget = t.text(store.IndicatorName(store.IndPractice), "", "人次；留空则不设目标")
	s.addCategoryBox(store.IndAwards)
	s.actBox = container.NewVBox()
	addAct := widget.NewButtonWithIcon("添加"+store.IndicatorName(store.IndActivities)+"目标", theme.ContentAddIcon(), func() { s.addActivityRow("", 0); t.check() })
	t.add(store.IndicatorName(store.IndActivities), container.NewVBox(s.actBox, container.NewHBox(addAct)))
	t.validate = func() store.Problems { ts, ps := s.readTargets(); return merge(ps, store.ValidateTargets(ts)) }
	t.save = widget.NewButtonWithIcon("保存目标", theme.DocumentSaveIcon(), a.guard(s.saveTargets))
	t.save.Importance = widget.HighImportance
	defaults := widget.NewButton("恢复政策默认值", func() { s.showTargets(store.DefaultTargets(a.year)); t.check() })
	s.carry = widget.NewButton("从上一年复制专业和目标…", a.guard(s.askCarry))
	s.targetMsg = widget.NewLabel("")
	s.targetsTitle = boldLabel("")
	s.assignedNote = label("", widget.WarningImportance)
	s.assignedNote.Wrapping = fyne.TextWrapWord
	s.assignedNote.Hide()
	targetCard := widget.NewCard("年度目标", "一个培训目标可以涵盖几类培训对象（如 企业职工 + 农村劳动力 合计）；按级别的目标计该级别及以上的",
		container.NewVBox(s.targetsTitle, s.assignedNote, t.grid, t.reason, container.NewHBox(t.save, defaults, s.carry, s.targetMsg)))

	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(unitCard, targetCard,
		s.lockCard(), s.safetyCard(), s.aboutCard())))
	return s
}

// suggestName follows the code with the name's suggestion (本单位 +
// 教育体育局) once the code is finished, six digits known in the reference
// data, and only while the name field holds no text of the clerk's own.
func (s *settingsScreen) suggestName(code string) {
	if s.name == nil || (trim(s.name.Text) != "" && s.name.Text != s.suggested) {
		return
	}
	s.suggested = ""
	if r, ok := s.a.db.Ref.Region(code); ok && len(code) == 6 {
		s.suggested = r.Name + "教育体育局"
	}
	s.name.SetText(s.suggested)
}

// safetyCard holds 备份到U盘, 从备份恢复 and the 操作记录.
func (s *settingsScreen) safetyCard() fyne.CanvasObject {
	a := s.a
	s.backupBtn = a.action("备份到U盘…", theme.DownloadIcon(), s.chooseBackupFolder)
	s.restoreBtn = a.action("从备份恢复…", theme.HistoryIcon(), s.chooseRestoreFile)
	s.auditBtn = widget.NewButtonWithIcon("操作记录…", theme.ListIcon(), a.guard(func() { s.audit = a.showAudit() }))
	s.safetyMsg = widget.NewLabel("")
	s.safetyMsg.Wrapping = fyne.TextWrapWord
	s.safetyMsg.Hide()
	note := widget.NewLabel("程序每次启动时自动备份到 " + backup.Dir(a.db.Path) +
		"（保留最近 10 份，以及近一年每月 1 份）。另存到U盘可防电脑损坏；恢复前会先保存当前数据。")
	note.Wrapping = fyne.TextWrapWord
	return widget.NewCard("数据安全", "备份、恢复和操作记录",
		container.NewVBox(note, container.NewHBox(s.backupBtn, s.restoreBtn, s.auditBtn), s.safetyMsg))
}

// setSafety shows the outcome of a backup or a restore on the card.
func (s *settingsScreen) setSafety(text string, imp widget.Importance) {
	s.safetyMsg.Importance = imp
	s.safetyMsg.SetText(text)
	s.safetyMsg.Show()
}

func (s *settingsScreen) readUnit() store.Unit {
	u := s.a.unit
	u.Code = store.NormalizeUnitCode(s.region.value())
	u.Name, u.Level = trim(s.name.Text), store.LevelOfName(s.level.Selected)
	u.Head, u.StatsHead, u.Preparer = trim(s.head.Text), trim(s.stats.Text), trim(s.preparer.Text)
	u.Phone, u.Authority, u.DocNo = trim(s.phone.Text), trim(s.auth.Text), trim(s.docNo.Text)
	return u
}

func (s *settingsScreen) Load() {
	a, year := s.a, s.a.year
	var u store.Unit
	var ts []store.Target
	var uerr error
	a.background(func() error {
		return a.db.View(context.Background(), func(tx *store.Tx) (err error) {
			u, uerr = tx.Unit()
			if uerr != nil && store.ErrorCode(uerr) != store.ENotFound {
				return uerr
			}
			ts, err = tx.Targets(year)
			return err
		})
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if uerr == nil {
			s.level.SetSelected(store.LevelName(u.Level))
			s.region.set(u.Code)
			s.name.SetText(u.Name)
			s.head.SetText(u.Head)
			s.stats.SetText(u.StatsHead)
			s.preparer.SetText(u.Preparer)
			s.phone.SetText(u.Phone)
			s.auth.SetText(u.Authority)
			s.docNo.SetText(u.DocNo)
			s.unitMsg.SetText("")
		} else {
			s.unitMsg.SetText("尚未设置本单位，请填写后保存")
		}
		s.targetsTitle.SetText(fmt.Sprintf("%d 年度的目标", year))
		s.carry.SetText(fmt.Sprintf("从 %d 年复制专业和目标…", year-1))
		s.showTargets(ts)
		s.targetMsg.SetText("")
		s.unitForm.check()
		s.targetForm.check()
	})
	s.loadLock()
	s.loadFingerprint()
	s.about.SetText(aboutText(a))
}

// save is Ctrl+S on this page: it saves both parts when they are valid.
func (s *settingsScreen) save() {
	if !s.unitForm.save.Disabled() {
		s.saveUnit()
	}
	if !s.targetForm.save.Disabled() {
		s.saveTargets()
	}
}

func (s *settingsScreen) saveUnit() {
	a := s.a
	u := s.readUnit()
	if u.Validate(a.db.Ref).HasErrors() {
		return
	}
	a.background(func() error {
		return a.db.Update(context.Background(), func(tx *store.Tx) error { return tx.SetUnit(u) })
	}, func(err error) {
		if err != nil {
			a.logErr(err)
			s.unitMsg.Importance = widget.DangerImportance
			s.unitMsg.SetText("未保存：" + store.ErrorMessage(err))
			return
		}
		s.unitMsg.Importance = widget.SuccessImportance
		s.unitMsg.SetText("已保存")
		a.loadUnit()
		a.dataChanged(s)
	})
}

func (s *settingsScreen) showTargets(ts []store.Target) {
	s.secTarget.SetText("")
	s.progTarget.SetText("")
	s.covTarget.SetText("")
	s.agrTarget.SetText("")
	s.orderTarget.SetText("")
	s.apprTarget.SetText("")
	s.dualTarget.SetText("")
	s.practiceTarget.SetText("")
	s.actRows = nil
	s.actBox.RemoveAll()
	s.showAssigned(ts)
	s.trainRows = nil
	s.trainBox.RemoveAll()
	s.catRows, s.kept = nil, nil
	for _, b := range s.catBoxes {
		b.RemoveAll()
	}
	for _, t := range ts {
		switch t.Indicator {
		case store.IndAgreements:
			s.agrTarget.SetText(percentText(t.Value))
		case store.IndOrderClasses:
			s.orderTarget.SetText(strconv.Itoa(int(t.Value)))
		case store.IndApprentices:
			s.apprTarget.SetText(strconv.Itoa(int(t.Value)))
		case store.IndIntegrated, store.IndCarriers, store.IndAwards:
			s.addCategoryRow(t.Indicator, t.Category(), int(t.Value))
		case store.IndDualQualified:
			s.dualTarget.SetText(percentText(t.Value))
		case store.IndPractice:
			s.practiceTarget.SetText(strconv.Itoa(int(t.Value)))
		case store.IndActivities:
			s.addActivityRow(t.Category(), int(t.Value))
		case store.IndSecondment:
			s.secTarget.SetText(strconv.Itoa(int(t.Value)))
		case store.IndProgression:
			s.progTarget.SetText(percentText(t.Value))
		case store.IndCoverage:
			s.covTarget.SetText(percentText(t.Value))
		case store.IndTraining:
			s.addTrainRow(t.Categories, int(t.Value))
		default:
			s.kept = append(s.kept, t)
		}
	}
}

func percentText(v float64) string {
	return strconv.FormatFloat(v*100, 'f', -1, 64)
}

func (s *settingsScreen) addTrainRow(cats []string, value int) {
	r := &trainRow{}
	r.cats = widget.NewCheckGroup(store.TrainingGroups, func([]string) { s.targetForm.check() })
	r.cats.Horizontal = true
	r.cats.SetSelected(cats)
	r.value = newEntry(s.a, "人次")
	if value > 0 {
		r.value.SetText(strconv.Itoa(value))
	}
	r.value.OnChanged = func(string) { s.targetForm.touch(store.IndicatorName(store.IndTraining)) }
	r.value.onLeave = func() { s.targetForm.leave(store.IndicatorName(store.IndTraining)) }
	rm := removeButton(&s.trainRows, r, s.trainBox, func() fyne.CanvasObject { return r.obj }, s.targetForm.check)
	r.remove = rm
	valueBox := container.NewGridWrap(fyne.NewSize(110, r.value.MinSize().Height), r.value)
	r.obj = container.NewBorder(nil, nil, nil, container.NewHBox(valueBox, rm), r.cats)
	s.trainRows = append(s.trainRows, r)
	s.trainBox.Add(r.obj)
}

// categoryRow is one target of an indicator with a 分类 (产教融合型企业数 at
// a 级别, 产教融合载体数 of a 载体类型 at a 级别): the 分类's parts as
// drop-downs, and the value.
type categoryRow struct {
	ind   string
	parts []*widget.Select
	value *entry
	obj   fyne.CanvasObject
}

// categoryParts are the drop-downs of an indicator's 分类.
func categoryParts(ind string) [][]string {
	if ind == store.IndCarriers {
		return [][]string{store.CarrierTypes, store.Grades}
	}
	return [][]string{store.Grades}
}

func (s *settingsScreen) addCategoryRow(ind, category string, value int) {
	name := store.IndicatorName(ind)
	r := &categoryRow{ind: ind}
	chosen := strings.Split(category, "/")
	box := container.NewHBox()
	for i, opts := range categoryParts(ind) {
		sel := widget.NewSelect(opts, func(string) { s.targetForm.touch(name) })
		sel.PlaceHolder = "请选择"
		if i < len(chosen) && chosen[i] != "" {
			sel.Selected = chosen[i]
		}
		r.parts = append(r.parts, sel)
		width := float32(110) // a 级别
		if len(opts) > len(store.Grades) {
			width = 220 // a 载体类型: 行业产教融合共同体 uncut
		}
		box.Add(container.NewGridWrap(fyne.NewSize(width, sel.MinSize().Height), sel))
	}
	box.Add(widget.NewLabel("及以上"))
	r.value = newEntry(s.a, "个")
	if value > 0 {
		r.value.SetText(strconv.Itoa(value))
	}
	r.value.OnChanged = func(string) { s.targetForm.touch(name) }
	r.value.onLeave = func() { s.targetForm.leave(name) }
	rm := removeButton(&s.catRows, r, s.catBoxes[ind], func() fyne.CanvasObject { return r.obj }, s.targetForm.check)
	valueBox := container.NewGridWrap(fyne.NewSize(110, r.value.MinSize().Height), r.value)
	r.obj = container.NewBorder(nil, nil, nil, container.NewHBox(valueBox, rm), box)
	s.catRows = append(s.catRows, r)
	s.catBoxes[ind].Add(r.obj)
}

// removeButton is a target row's delete button: it takes r out of rows and
// its line (obj, made after the button) out of box.
func removeButton[T comparable](rows *[]T, r T, box *fyne.Container, obj func() fyne.CanvasObject, done func()) *widget.Button {
	b := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		*rows = slices.DeleteFunc(*rows, func(x T) bool { return x == r })
		box.Remove(obj())
		done()
	})
	b.Importance = widget.LowImportance
	return b
}

// addCategoryBox adds the rows of an indicator with a 分类 and its 添加 button.
func (s *settingsScreen) addCategoryBox(ind string) {
	s.catBoxes[ind] = container.NewVBox()
	add := widget.NewButtonWithIcon("添加"+store.IndicatorName(ind)+"目标", theme.ContentAddIcon(), func() { s.addCategoryRow(ind, "", 0); s.targetForm.check() })
	s.targetForm.add(store.IndicatorName(ind), container.NewVBox(s.catBoxes[ind], container.NewHBox(add)))
}

// frequencies are the 政校企活动频次 a target can ask for, by periods a year.
var frequencies = []struct {
	name    string
	periods int
}{{"每年", 1}, {"每半年", 2}, {"每季度", 4}, {"每月", 12}}

func frequencyNames() []string {
	var out []string
	for _, f := range frequencies {
		out = append(out, f.name)
	}
	return out
}

func frequencyName(periods int) string {
	for _, f := range frequencies {
		if f.periods == periods {
			return f.name
		}
	}
	return ""
}

// activityRow is one 政校企活动频次 target: an 活动类型 held at least once in
// every period of a frequency.
type activityRow struct {
	typ, freq *widget.Select
	remove    *widget.Button
	obj       fyne.CanvasObject
}

func (s *settingsScreen) addActivityRow(typ string, periods int) {
	name := store.IndicatorName(store.IndActivities)
	r := &activityRow{}
	r.typ = widget.NewSelect(store.ActivityTypes, func(string) { s.targetForm.touch(name) })
	r.typ.PlaceHolder = "活动类型"
	r.typ.Selected = typ
	r.freq = widget.NewSelect(frequencyNames(), func(string) { s.targetForm.touch(name) })
	r.freq.PlaceHolder = "频次"
	r.freq.Selected = frequencyName(periods)
	rm := removeButton(&s.actRows, r, s.actBox, func() fyne.CanvasObject { return r.obj }, s.targetForm.check)
	r.remove = rm
	h := r.typ.MinSize().Height
	r.obj = container.NewBorder(nil, nil, nil, rm, container.NewHBox(container.NewGridWrap(fyne.NewSize(200, h), r.typ),
		container.NewGridWrap(fyne.NewSize(110, h), r.freq), widget.NewLabel("至少举办一次")))
	s.actRows = append(s.actRows, r)
	s.actBox.Add(r.obj)
}

func (r *activityRow) read(year int) (store.Target, store.Problems) {
	var ps store.Problems
	name := store.IndicatorName(store.IndActivities)
	if r.typ.Selected == "" || r.freq.Selected == "" {
		ps = append(ps, store.Problem{Field: name, Message: "请选择活动类型和频次，或删除这一行"})
	}
	periods := 0
	for _, f := range frequencies {
		if f.name == r.freq.Selected {
			periods = f.periods
		}
	}
	return store.Target{Year: year, Indicator: store.IndActivities, Categories: []string{r.typ.Selected}, Value: float64(periods)}, ps
}

// showAssigned lists the targets the level above assigned (州下达), with the
// assigned value beside the clerk's where the clerk changed it.
func (s *settingsScreen) showAssigned(ts []store.Target) {
	lines := assignedLines(ts, s.a.unit.Level)
	if len(lines) == 0 {
		s.assignedNote.Hide()
		return
	}
	s.assignedNote.SetText(strings.Join(lines, "\n"))
	s.assignedNote.Show()
}

// assignedBy is who assigns a unit of level its targets: 州下达 for a
// county, 省下达 for a prefecture.
func assignedBy(level string) string {
	if level == store.LevelPrefecture {
		return "省下达"
	}
	return "州下达"
}

// assignedLines are the assigned targets, one a line: 中职升学率 州下达 65%
// （本单位已改为 60%）.
func assignedLines(ts []store.Target, level string) []string {
	var out []string
	for _, t := range ts {
		if t.Assigned == nil {
			continue
		}
		line := fmt.Sprintf("%s %s %s", targetName(t), assignedBy(level), targetValueText(t, *t.Assigned))
		if *t.Assigned != t.Value {
			line += fmt.Sprintf("（本单位已改为 %s）", targetValueText(t, t.Value))
		}
		out = append(out, line)
	}
	return out
}

// targetName is a target's indicator with its 分类.
func targetName(t store.Target) string {
	name := store.IndicatorName(t.Indicator)
	if c := t.Category(); c != "" {
		name += "（" + c + "）"
	}
	return name
}

// targetValueText writes a target's value v as its indicator counts it.
func targetValueText(t store.Target, v float64) string {
	switch def, _ := store.IndicatorByKey(t.Indicator); {
	case def.IsRate():
		return percentText(v) + "%"
	case t.Indicator == store.IndActivities:
		return frequencyName(int(v))
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// read gives the row's target and what keeps it from being one.
func (r *categoryRow) read(year int) (store.Target, store.Problems) {
	var ps store.Problems
	name := store.IndicatorName(r.ind)
	var parts []string
	for _, p := range r.parts {
		if p.Selected == "" {
			ps = append(ps, store.Problem{Field: name, Message: "请选择分类，或删除这一行"})
		}
		parts = append(parts, p.Selected)
	}
	n, err := strconv.Atoi(trim(r.value.Text))
	if err != nil {
		ps = append(ps, store.Problem{Field: name, Message: "目标应为整数，或删除这一行"})
	}
	return store.Target{Year: year, Indicator: r.ind, Categories: []string{strings.Join(parts, "/")}, Value: float64(n)}, ps
}

// readTargets reads the target fields; blank means no target.
func (s *settingsScreen) readTargets() ([]store.Target, store.Problems) {
	var ts []store.Target
	var ps store.Problems
	year := s.a.year
	for _, r := range []struct {
		e   *entry
		ind string
	}{{s.secTarget, store.IndSecondment}, {s.orderTarget, store.IndOrderClasses}, {s.apprTarget, store.IndApprentices},
		{s.practiceTarget, store.IndPractice}} {
		if v := trim(r.e.Text); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				ps = append(ps, store.Problem{Field: store.IndicatorName(r.ind), Message: "应为整数"})
			}
			ts = append(ts, store.Target{Year: year, Indicator: r.ind, Value: float64(n)})
		}
	}
	for _, r := range []struct {
		e   *entry
		ind string
	}{{s.progTarget, store.IndProgression}, {s.covTarget, store.IndCoverage}, {s.agrTarget, store.IndAgreements},
		{s.dualTarget, store.IndDualQualified}} {
		if v := strings.TrimSuffix(trim(r.e.Text), "%"); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				ps = append(ps, store.Problem{Field: store.IndicatorName(r.ind), Message: "应为百分数，如 60"})
			}
			ts = append(ts, store.Target{Year: year, Indicator: r.ind, Value: f / 100})
		}
	}
	for _, r := range s.catRows {
		t, p := r.read(year)
		ps = append(ps, p...)
		ts = append(ts, t)
	}
	for _, r := range s.actRows {
		t, p := r.read(year)
		ps = append(ps, p...)
		ts = append(ts, t)
	}
	ts = append(ts, s.kept...)
	for _, r := range s.trainRows {
		n := 0
		if v := trim(r.value.Text); v != "" {
			var err error
			if n, err = strconv.Atoi(v); err != nil {
				ps = append(ps, store.Problem{Field: store.IndicatorName(store.IndTraining), Message: "人次应为整数"})
			}
		} else {
			ps = append(ps, store.Problem{Field: store.IndicatorName(store.IndTraining), Message: "请填写目标人次，或删除这一行"})
		}
		ts = append(ts, store.Target{Year: year, Indicator: store.IndTraining, Categories: append([]string(nil), r.cats.Selected...), Value: float64(n)})
	}
	return ts, ps
}

func (s *settingsScreen) saveTargets() {
	a, year := s.a, s.a.year
	ts, ps := s.readTargets()
	if merge(ps, store.ValidateTargets(ts)).HasErrors() {
		return
	}
	a.background(func() error {
		return a.db.Update(context.Background(), func(tx *store.Tx) error { return tx.SetTargets(year, ts) })
	}, func(err error) {
		if err != nil {
			a.logErr(err)
			s.targetMsg.Importance = widget.DangerImportance
			s.targetMsg.SetText("未保存：" + store.ErrorMessage(err))
			return
		}
		s.targetMsg.Importance = widget.SuccessImportance
		s.targetMsg.SetText(fmt.Sprintf("%d 年度目标已保存", year))
		a.dataChanged(s)
	})
}

// askCarry offers to start the year from last year's majors (without their
// figures) and targets.
func (s *settingsScreen) askCarry() {
	a, year := s.a, s.a.year
	a.ask("从上一年复制", fmt.Sprintf("将把 %d 年的专业（不含在校生、毕业生等数字，已撤销的除外）和年度目标复制到 %d 年。\n%d 年已有的专业保持不变；%d 年的目标将被 %d 年的目标替换。",
		year-1, year, year, year, year-1), "复制", func() {
		var added int
		a.background(func() error {
			var err error
			added, err = a.db.CarryForward(context.Background(), year)
			return err
		}, func(err error) {
			if err != nil {
				a.showError(err)
				return
			}
			a.showMessage("复制完成", fmt.Sprintf("已复制 %d 个专业和 %d 年的目标到 %d 年。请在“专业”页填写本年度的数字。", added, year-1, year))
			a.changed()
		})
	})
}

// OpenScreen shows a screen by its name: a navigation title (首页, 学校, …,
// 设置), a tab of one (校企合作协议) or one of the settings' windows (操作记录, 关于). The end-to-end test
// starts the program on each in turn. It reports whether the name was known.
func (a *App) OpenScreen(name string) bool {
	switch name {
	case "操作记录":
		a.show("设置")
		a.settings.audit = a.showAudit()
		return true
	case "关于", "数据安全", "年度锁定":
		a.show("设置")
		a.settings.scrollToEnd()
		return true
	}
	for _, p := range a.pages {
		if p.title == name {
			a.show(name)
			return true
		}
	}
	if a.measures.has(name) || a.staff.has(name) { // a tab of 合作与载体 or 师资与活动
		a.show(name)
		return true
	}
	return false
}
