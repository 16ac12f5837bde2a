package app

// 下发模板: one workbook per school, pre-filled for it (workbook.Templates),
// written into a folder (the USB stick) for the schools to fill in. 收取 (the
// filled workbooks back) is in import.go.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

// showTemplates is 下发填报模板…: it reads the schools, then asks for the
// year, the schools and the folder.
func (a *App) showTemplates() {
	if !a.canStart("下发填报模板", "请先在“设置”中设置本单位，再生成填报模板。") {
		return
	}
	var schools []store.School
	a.background(func() error {
		return a.db.View(context.Background(), func(tx *store.Tx) (err error) {
			schools, err = tx.Schools()
			return err
		})
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if len(schools) == 0 {
			a.showMessage("下发填报模板", "数据库中还没有学校。请先在“学校”页新增学校，或导入一份含学校的工作簿。")
			return
		}
		a.templatesDialog(schools)
	})
}

// runningIn are the schools still running in year, by code.
func runningIn(schools []store.School, year int) []store.School {
	var out []store.School
	for _, s := range schools {
		if s.ClosedYear == 0 || s.ClosedYear > year {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func (a *App) templatesDialog(schools []store.School) {
	year := a.year
	intro := "为选中的每所学校生成一份Excel填报表，文件名为“学校名称_年度_填报表.xlsx”。" +
		"表中已填好该校的基本信息、上一年度的专业（本年度数字留空）和本地的合作企业，并带有填表说明和下拉选项。" +
		"把文件拷给各校填写，收回后按“收取填报表…”导入。"
	p := a.newPrompt("下发填报模板", intro)
	p.selects = map[string]*widget.Select{}

	dir := ""
	if l := a.lastFolder(); l != nil {
		dir = l.Path()
	}
	dirLabel := widget.NewLabel("")
	dirLabel.Truncation = fyne.TextTruncateEllipsis
	msg := label("", widget.DangerImportance)
	msg.Wrapping = fyne.TextWrapWord
	count := widget.NewLabel("")
	list := container.NewVBox()
	checked := map[string]bool{} // by code; a school not yet shown is checked
	var shown []store.School
	var ok *widget.Button

	selectedCodes := func() []string {
		var codes []string
		for _, s := range shown {
			if c := p.checks[s.Code]; c != nil && c.Checked {
				codes = append(codes, s.Code)
			}
		}
		return codes
	}
	check := func() {
		n := len(selectedCodes())
		count.SetText(fmt.Sprintf("已选 %d 所，共 %d 所", n, len(shown)))
		switch {
		case len(shown) == 0:
			msg.SetText(fmt.Sprintf("%d 年没有仍在办学的学校。", year))
		case n == 0:
			msg.SetText("请至少选择一所学校。")
		case dir == "":
			msg.SetText("请选择保存填报表的文件夹（如U盘）。")
		default:
			msg.SetText("")
		}
		if msg.Text == "" {
			msg.Hide()
		} else {
			msg.Show()
		}
		if dir == "" {
			dirLabel.SetText("（未选择）")
		} else {
			dirLabel.SetText(dir)
		}
		if ok != nil {
			if msg.Text == "" {
				ok.Enable()
			} else {
				ok.Disable()
			}
		}
	}
	fill := func() {
		shown = runningIn(schools, year)
		list.RemoveAll()
		for k := range p.checks {
			delete(p.checks, k)
		}
		for _, s := range shown {
			code := s.Code
			c := widget.NewCheck(s.Name+"（"+code+"）", func(on bool) { checked[code] = on; check() })
			on, seen := checked[code]
			c.SetChecked(on || !seen)
			p.checks[code] = c
			list.Add(c)
		}
		list.Refresh()
		check()
	}

	var years []string
	now := a.db.Now().Year()
	for y := now + 1; y >= now-8; y-- {
		years = append(years, yearText(y))
	}
	yearSel := widget.NewSelect(years, func(s string) {
		if y := parseYear(s); y != 0 && y != year {
			year = y
			fill()
		}
	})
	yearSel.SetSelected(yearText(year))
	p.selects["年度"] = yearSel

	all := widget.NewButton("全选", a.guard(func() {
		for _, s := range shown {
			p.checks[s.Code].SetChecked(true)
		}
	}))
	none := widget.NewButton("全不选", a.guard(func() {
		for _, s := range shown {
			p.checks[s.Code].SetChecked(false)
		}
	}))
	p.buttons["全选"], p.buttons["全不选"] = all, none

	p.setDir = func(d string) { dir = d; check() }
	choose := widget.NewButton("选择文件夹…", a.guard(func() {
		a.chooseFolder("保存填报表到文件夹（如U盘）", func(d string) { p.setDir(d) })
	}))
	p.buttons["选择文件夹…"] = choose

	p.closeButton("取消", widget.MediumImportance, nil)
	ok = p.button("生成填报表", widget.HighImportance, func() {
		check()
		if msg.Text != "" {
			return
		}
		var picked []store.School
		for _, s := range shown {
			if p.checks[s.Code].Checked {
				picked = append(picked, s)
			}
		}
		p.close()
		a.startTemplates(year, picked, dir)
	})
	p.onEsc = p.close
	fill()

	introLabel := widget.NewLabel(intro)
	introLabel.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("统计年度"), container.NewHBox(yearSel),
		widget.NewLabel("保存到"), container.NewBorder(nil, nil, nil, choose, dirLabel),
	)
	schoolsHead := container.NewHBox(boldLabel("学校"), count, layoutSpacer(), all, none)
	top := container.NewVBox(introLabel, form, widget.NewSeparator(), schoolsHead)
	p.show(container.NewBorder(top, msg, nil, nil, container.NewVScroll(list)), fyne.NewSize(720, 620))
}

// templateGroups splits the schools by the file name their template gets, in
// code order: schools sharing a name go together, so workbook.Templates names
// their files apart (with the 学校标识码), as it does when given them all.
func templateGroups(schools []store.School, year int) [][]store.School {
	by := map[string]int{}
	var groups [][]store.School
	for _, s := range schools {
		name := workbook.TemplateFileName(s.Name, year)
		i, ok := by[name]
		if !ok {
			i = len(groups)
			by[name] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], s)
	}
	return groups
}

// templatePaths are the files workbook.Templates writes for a group.
func templatePaths(dir string, g []store.School, year int) []string {
	var out []string
	for _, s := range g {
		name := workbook.TemplateFileName(s.Name, year)
		if len(g) > 1 {
			name = workbook.TemplateFileName(s.Name+"_"+s.Code, year)
		}
		out = append(out, filepath.Join(dir, name))
	}
	return out
}

// startTemplates asks before overwriting files already in the folder (it may
// hold last round's returns), then writes the templates.
func (a *App) startTemplates(year int, schools []store.School, dir string) {
	groups := templateGroups(schools, year)
	var existing []string
	a.background(func() error {
		for _, g := range groups {
			for _, p := range templatePaths(dir, g, year) {
				if _, err := os.Stat(p); err == nil {
					existing = append(existing, filepath.Base(p))
				}
			}
		}
		return nil
	}, func(error) {
		if len(existing) == 0 {
			a.writeTemplates(year, groups, dir)
			return
		}
		shown := existing
		more := ""
		if len(shown) > 10 {
			shown, more = shown[:10], fmt.Sprintf("\n……等 %d 个文件", len(existing))
		}
		a.ask("覆盖已有文件？", fmt.Sprintf("以下文件已在文件夹“%s”中，生成填报表将替换它们（如是学校填好交回的，请先另存到别处）：\n%s%s",
			dir, strings.Join(shown, "\n"), more), "替换并生成", func() { a.writeTemplates(year, groups, dir) })
	})
}

// writeTemplates writes the templates off the UI goroutine with progress,
// a group of schools at a time (so 取消 stops between files), then lists the
// files written.
func (a *App) writeTemplates(year int, groups [][]store.School, dir string) {
	var written []string
	total := 0
	for _, g := range groups {
		total += len(g)
	}
	a.longTask(fmt.Sprintf("生成 %d 年度填报表", year), func(ctx context.Context, p *progress) error {
		for _, g := range groups {
			if err := ctx.Err(); err != nil {
				return err
			}
			p.set(fmt.Sprintf("正在生成（%d/%d）：%s", len(written)+1, total, g[0].Name), float64(len(written))/float64(total))
			var codes []string
			for _, s := range g {
				codes = append(codes, s.Code)
			}
			paths, err := workbook.Templates(ctx, a.db, year, codes, dir)
			written = append(written, paths...)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return err
			}
		}
		p.set("完成", 1)
		return nil
	}, func(err error) {
		a.showTemplatesResult(year, dir, total, written, err)
	})
}

func (a *App) showTemplatesResult(year int, dir string, total int, written []string, err error) {
	var lines []string
	imp := widget.SuccessImportance
	switch {
	case errors.Is(err, context.Canceled):
		imp = widget.WarningImportance
		lines = append(lines, fmt.Sprintf("已取消。共 %d 所学校，已生成 %d 份填报表，保存在 %s：", total, len(written), dir))
	case err != nil:
		a.logErr(err)
		imp = widget.DangerImportance
		lines = append(lines, "生成未完成："+store.ErrorMessage(err))
		if len(written) > 0 {
			lines = append(lines, fmt.Sprintf("已生成 %d 份（共 %d 所学校），保存在 %s：", len(written), total, dir))
		}
	default:
		lines = append(lines, fmt.Sprintf("已生成 %d 份 %d 年度填报表，保存在 %s：", len(written), year, dir))
	}
	head := label(strings.Join(lines, "\n"), imp)
	head.Wrapping = fyne.TextWrapWord
	var files []string
	for _, w := range written {
		files = append(files, "　"+filepath.Base(w))
	}
	if err == nil {
		files = append(files, "", "请把这些文件拷给各校填写。收回后，在“学校”页按“收取填报表…”选择存放它们的文件夹，一次导入全部。")
	}
	text := strings.Join(append(lines, files...), "\n")
	p := a.newPrompt("下发填报模板", text)
	if len(written) > 0 {
		p.button("打开文件夹", widget.MediumImportance, func() { a.openPath(dir) })
	}
	p.closeButton("关闭", widget.HighImportance, nil)
	p.onEsc = p.close
	p.show(container.NewBorder(head, nil, nil, nil, container.NewVScroll(textBox(strings.Join(files, "\n"), widget.MediumImportance))), fyne.NewSize(680, 460))
}
