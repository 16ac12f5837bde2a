package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/handoff"
	"chanjiao/store/workbook"
)

// tasksScreen is 任务下达 (issue 17), above county level: a grid of the units
// directly under this one × the indicators this unit has targets on (or has
// assigned), where the clerk types each unit's target and saves it per unit.
type tasksScreen struct {
	a       *App
	content fyne.CanvasObject
	title   *widget.Label
	msg     *widget.Label
	body    *fyne.Container

	cols []taskColumn
	rows []*taskRow
	sums []*widget.Label // per column: the units' sum against this unit's own target
}

// taskColumn is one indicator and 分类 of the grid, with this unit's own
// target on it (nil without one).
type taskColumn struct {
	ind  string
	cats []string
	own  *float64
}

// taskRow is one lower unit's targets as typed.
type taskRow struct {
	unit  store.UnitRef
	cells []*entry
	save  *widget.Button
	msg   *widget.Label
	dirty bool // typed into since read or saved
}

func newTasksScreen(a *App) *tasksScreen {
	s := &tasksScreen{a: a, title: boldLabel("任务下达"), msg: widget.NewLabel(""), body: container.NewVBox()}
	s.msg.Wrapping = fyne.TextWrapWord
	fill := a.action("从目标工作簿填入…", theme.UploadIcon(), func() {
		a.chooseFile("选择目标工作簿（.xlsx）", []string{".xlsx"}, func(path string) { a.importWorkbooks([]string{path}, nil) })
	})
	export := a.action("导出任务清单…", theme.DownloadIcon(), s.chooseExportFolder)
	saveAll := widget.NewButtonWithIcon("全部保存", theme.DocumentSaveIcon(), a.guard(s.saveAll))
	saveAll.Importance = widget.HighImportance
	note := label("列为本单位已设目标（在“设置”中设置）或已下达的指标；留空表示不下达，该单位按自己的目标考核。", widget.LowImportance)
	note.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewHBox(s.title, saveAll, fill, export), note, s.msg)
	s.content = container.NewBorder(top, nil, nil, nil, container.NewScroll(container.NewPadded(s.body)))
	return s
}

// Load reads the roster, this unit's own targets and what it assigned.
func (s *tasksScreen) Load() {
	a, year := s.a, s.a.year
	var u store.Unit
	var own []store.Target
	assigned := map[string][]store.Target{}
	var roster []store.UnitRef
	a.background(func() error {
		return a.db.View(context.Background(), func(tx *store.Tx) (err error) {
			if u, err = tx.Unit(); err != nil {
				return err
			}
			if own, err = tx.Targets(year); err != nil {
				return err
			}
			roster = handoff.Roster(a.db, u)
			codes, err := tx.AssignedUnits(year)
			if err != nil {
				return err
			}
			for _, c := range codes {
				if !hasUnit(roster, c) {
					roster = append(roster, store.UnitRef{Code: c, Name: c})
				}
			}
			for _, r := range roster {
				if assigned[r.Code], err = tx.AssignedTargets(r.Code, year); err != nil {
					return err
				}
			}
			return nil
		})
	}, func(err error) {
		if err != nil {
			s.body.RemoveAll()
			s.showMsg("无法读取："+store.ErrorMessage(err), widget.DangerImportance)
			if store.ErrorCode(err) != store.ENotFound {
				a.logErr(err)
			}
			return
		}
		s.title.SetText(fmt.Sprintf("%d 年度任务下达", year))
		s.showMsg("", widget.MediumImportance)
		if u.Level == store.LevelCounty {
			s.body.RemoveAll()
			s.showMsg("县级单位不向下级下达任务。", widget.MediumImportance)
			return
		}
		s.render(roster, own, assigned)
		s.content.Refresh() // the title's new text needs its room in the toolbar
	})
}

func hasUnit(units []store.UnitRef, code string) bool {
	for _, u := range units {
		if u.Code == code {
			return true
		}
	}
	return false
}

func (s *tasksScreen) showMsg(text string, imp widget.Importance) {
	s.msg.Importance = imp
	s.msg.SetText(text)
}

// taskKey names an indicator and 分类 as the store does (store.TargetKey).
func taskKey(ind string, cats []string) string {
	return store.TargetKey(store.Target{Indicator: ind, Categories: cats})
}

// taskColumns are the indicators of this unit's own targets and of every
// target assigned, in measures.md's order.
func taskColumns(own []store.Target, assigned map[string][]store.Target) []taskColumn {
	var all []store.Target
	seen := map[string]bool{}
	add := func(t store.Target) {
		if k := taskKey(t.Indicator, t.Categories); !seen[k] {
			seen[k] = true
			all = append(all, store.Target{Indicator: t.Indicator, Categories: t.Categories}) // the store gives 培训对象 in order
		}
	}
	for _, t := range own {
		add(t)
	}
	for _, ts := range assigned {
		for _, t := range ts {
			add(t)
		}
	}
	store.SortTargets(all)
	ownBy := map[string]float64{}
	for _, t := range own {
		ownBy[taskKey(t.Indicator, t.Categories)] = t.Value
	}
	cols := make([]taskColumn, len(all))
	for i, t := range all {
		cols[i] = taskColumn{ind: t.Indicator, cats: t.Categories}
		if v, ok := ownBy[taskKey(t.Indicator, t.Categories)]; ok {
			cols[i].own = &v
		}
	}
	return cols
}

func (c taskColumn) name() string {
	name := store.IndicatorName(c.ind)
	if len(c.cats) > 0 {
		name += "（" + store.CategoriesText(c.cats) + "）"
	}
	return name
}

// summed tells whether the units' targets add up to this unit's: a count of
// the unit's own (not a rate, a per-school number or a number of periods).
func (c taskColumn) summed() bool {
	def, _ := store.IndicatorByKey(c.ind)
	return !def.IsRate() && c.ind != store.IndSecondment && c.ind != store.IndActivities
}

// hint is what a cell takes.
func (c taskColumn) hint() string {
	switch def, _ := store.IndicatorByKey(c.ind); {
	case def.IsRate():
		return "百分数"
	case c.ind == store.IndActivities:
		return "1/2/4/12"
	}
	return "整数"
}

// valueText writes a target's value as a cell shows it.
func (c taskColumn) valueText(v float64) string {
	if def, _ := store.IndicatorByKey(c.ind); def.IsRate() {
		return percentText(v) + "%"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// parse reads a cell: ok false when blank (not assigned).
func (c taskColumn) parse(text string) (v float64, ok bool, err error) {
	text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	if text == "" {
		return 0, false, nil
	}
	if def, _ := store.IndicatorByKey(c.ind); def.IsRate() {
		v, err = strconv.ParseFloat(text, 64)
		if err != nil {
			return 0, true, fmt.Errorf("应为百分数，如 60")
		}
		return v / 100, true, nil
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		return 0, true, fmt.Errorf("应为整数")
	}
	return float64(n), true, nil
}

const (
	taskUnitWidth = 170
	taskCellWidth = 130
)

// fixed gives obj a fixed width (and its own height, or h when larger).
func fixed(obj fyne.CanvasObject, w, h float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, max(h, obj.MinSize().Height)), obj)
}

func (s *tasksScreen) render(roster []store.UnitRef, own []store.Target, assigned map[string][]store.Target) {
	s.body.RemoveAll()
	s.cols, s.rows, s.sums = taskColumns(own, assigned), nil, nil
	if len(roster) == 0 {
		s.showMsg("没有下级单位（请核对本单位的区划代码）。", widget.WarningImportance)
		return
	}
	if len(s.cols) == 0 {
		s.showMsg("本单位尚未设置任何目标：请先在“设置”中设置本单位的年度目标，再在此分解下达。", widget.WarningImportance)
		return
	}
	head := container.NewHBox(fixed(boldLabel("单位"), taskUnitWidth, 0))
	for _, c := range s.cols {
		l := boldLabel(c.name())
		l.Wrapping = fyne.TextWrapWord
		head.Add(fixed(l, taskCellWidth, 64))
	}
	s.body.Add(head)
	for _, u := range roster {
		s.body.Add(s.unitRow(u, assigned[u.Code]))
	}
	sumRow := container.NewHBox(fixed(boldLabel("合计 / 本单位目标"), taskUnitWidth, 0))
	for range s.cols {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		s.sums = append(s.sums, l)
		sumRow.Add(fixed(l, taskCellWidth, 0))
	}
	s.body.Add(widget.NewSeparator())
	s.body.Add(sumRow)
	s.updateSums()
	s.body.Refresh()
}

func (s *tasksScreen) unitRow(u store.UnitRef, ts []store.Target) fyne.CanvasObject {
	r := &taskRow{unit: u, msg: label("", widget.DangerImportance)}
	by := map[string]float64{}
	for _, t := range ts {
		by[taskKey(t.Indicator, t.Categories)] = t.Value
	}
	line := container.NewHBox(fixed(widget.NewLabel(u.Name), taskUnitWidth, 0))
	for _, c := range s.cols {
		e := newEntry(s.a, c.hint())
		if v, ok := by[taskKey(c.ind, c.cats)]; ok {
			e.SetText(c.valueText(v))
		}
		e.OnChanged = func(string) { r.dirty = true; s.updateSums(); r.msg.SetText("") }
		r.cells = append(r.cells, e)
		line.Add(fixed(e, taskCellWidth, 0))
	}
	r.save = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.a.guard(func() { s.saveRow(r, nil) }))
	line.Add(r.save)
	line.Add(r.msg)
	s.rows = append(s.rows, r)
	return line
}

// updateSums shows under each column the units' sum against this unit's
// own target, or, for a rate, the own target alone.
func (s *tasksScreen) updateSums() {
	for i, c := range s.cols {
		own := "未设"
		if c.own != nil {
			own = c.valueText(*c.own)
		}
		if !c.summed() {
			s.sums[i].Importance = widget.MediumImportance
			s.sums[i].SetText("本单位 " + own)
			continue
		}
		sum := 0.0
		for _, r := range s.rows {
			if v, ok, err := c.parse(r.cells[i].Text); ok && err == nil {
				sum += v
			}
		}
		s.sums[i].Importance = widget.MediumImportance
		if c.own != nil {
			if sum < *c.own {
				s.sums[i].Importance = widget.DangerImportance
			} else {
				s.sums[i].Importance = widget.SuccessImportance
			}
		}
		s.sums[i].SetText(c.valueText(sum) + " / " + own)
	}
}

// read gives the row's targets, or what keeps them from being saved.
func (s *tasksScreen) read(r *taskRow) ([]store.Target, error) {
	var ts []store.Target
	var bad []string
	for i, c := range s.cols {
		v, ok, err := c.parse(r.cells[i].Text)
		switch {
		case err != nil:
			bad = append(bad, c.name()+err.Error())
		case ok:
			ts = append(ts, store.Target{Year: s.a.year, Indicator: c.ind, Categories: c.cats, Value: v})
		}
	}
	if len(bad) == 0 {
		if err := store.ValidateTargets(ts).Err(); err != nil {
			bad = append(bad, store.ErrorMessage(err))
		}
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%s：%s", r.unit.Name, strings.Join(bad, "；"))
	}
	return ts, nil
}

// saveRow saves one unit's targets in one transaction; done, if set, is
// told whether it was saved.
func (s *tasksScreen) saveRow(r *taskRow, done func(ok bool)) {
	a, year := s.a, s.a.year
	ts, err := s.read(r)
	if err != nil {
		r.msg.Importance = widget.DangerImportance
		r.msg.SetText("未保存")
		s.showMsg("未保存 "+err.Error(), widget.DangerImportance)
		if done != nil {
			done(false)
		}
		return
	}
	a.background(func() error {
		return a.db.Update(context.Background(), func(tx *store.Tx) error { return tx.AssignTargets(r.unit.Code, year, ts) })
	}, func(err error) {
		if err != nil {
			a.logErr(err)
			r.msg.Importance = widget.DangerImportance
			r.msg.SetText("未保存")
			s.showMsg(r.unit.Name+" 未保存："+store.ErrorMessage(err), widget.DangerImportance)
		} else {
			r.dirty = false
			r.msg.Importance = widget.SuccessImportance
			r.msg.SetText("已保存")
			s.showMsg(fmt.Sprintf("已保存%s %d 年度的任务", r.unit.Name, year), widget.SuccessImportance)
			a.dataChanged(s)
		}
		if done != nil {
			done(err == nil)
		}
	})
}

// saveAll saves every unit's row, each in its own transaction, and says
// how many were saved.
func (s *tasksScreen) saveAll() {
	var rows []*taskRow
	for _, r := range s.rows {
		if r.dirty {
			rows = append(rows, r)
		}
	}
	saved := 0
	var next func(i int)
	next = func(i int) {
		if i == len(rows) {
			s.showMsg(fmt.Sprintf("已保存 %d 个单位的任务", saved), widget.SuccessImportance)
			return
		}
		s.saveRow(rows[i], func(ok bool) {
			if ok {
				saved++
			}
			if ok { // the first refused row stops the rest, its message showing
				next(i + 1)
			}
		})
	}
	next(0)
}

func (s *tasksScreen) chooseExportFolder() {
	s.a.chooseSaveFolder("导出任务清单到文件夹", s.exportTo)
}

// exportTo writes a 任务清单 for each unit with targets assigned, as
// `chanjiao-cli tasks export` does.
func (s *tasksScreen) exportTo(dir string) {
	a, year := s.a, s.a.year
	var written []string
	a.longWork("导出任务清单", func(context.Context) (err error) {
		written, err = workbook.WriteTaskLists(a.db, year, dir)
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		names := make([]string, len(written))
		for i, p := range written {
			names[i] = filepath.Base(p)
		}
		a.showMessage("已导出任务清单", fmt.Sprintf("已在 %s 写入 %d 份任务清单，请分别发给各单位导入：\n%s", dir, len(written), strings.Join(names, "\n")))
	})
}
