package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/reports"
	"chanjiao/store"
)

// reportsScreen previews the returns table by table, with the year's key
// figures first, and holds the actions that write them: export as PDF and
// Excel, 上报 (a data file for the level above) and, at a prefecture or
// province, 接收 (data files from the units under it).
type reportsScreen struct {
	a       *App
	heading *widget.Label
	rows    [][4]string
	table   *widget.Table
	content fyne.CanvasObject
	status  *widget.Label
	tabs    *container.AppTabs
	figTab  *container.TabItem
	returns *reports.Returns

	export, pack, receive, receiveDir *widget.Button
	detail                            *widget.Check // 同时生成明细表, above county level
	lastExport                        exported      // what the last export wrote, for tests
}

func newReportsScreen(a *App) *reportsScreen {
	r := &reportsScreen{a: a}
	r.heading = boldLabel("报表")
	r.heading.SizeName = theme.SizeNameSubHeadingText
	r.status = label("", widget.DangerImportance)
	r.status.Wrapping = fyne.TextWrapWord
	r.status.Hide()
	titles := []string{"指标", "数值", "目标", "结果"}
	r.table = textTable(func() (int, int) { return len(r.rows), len(titles) },
		func(col int) string { return titles[col] },
		func(row, col int, l *widget.Label) {
			cells := r.rows[row]
			l.TextStyle.Bold = cells[1] == "" && cells[2] == "" && cells[3] == ""
			switch cells[3] {
			case "达标":
				l.Importance = widget.SuccessImportance
			case "未达标":
				l.Importance = widget.DangerImportance
			}
			l.SetText(cells[col])
		})
	for i, w := range []float32{360, 200, 120, 90} {
		r.table.SetColumnWidth(i, w)
	}
	note := widget.NewLabel("主要指标由录入的记录计算得出；各表为报表的内容，导出的 PDF 和 Excel 与此相同。")
	r.figTab = container.NewTabItem("主要指标", r.table)
	r.tabs = container.NewAppTabs(r.figTab)

	r.export = a.action("导出 PDF 和 Excel…", theme.DocumentSaveIcon(), a.chooseExportFolder)
	r.export.Importance = widget.HighImportance
	r.pack = a.action("上报：生成数据包…", theme.MailSendIcon(), a.showPack)
	r.receive = a.action("接收数据包…", theme.DownloadIcon(), a.chooseBundle)
	r.receiveDir = a.action("接收文件夹中的全部数据包…", theme.FolderOpenIcon(), a.chooseBundleFolder)
	r.detail = widget.NewCheck("同时生成明细表", nil)
	buttons := container.NewHBox(r.export, r.detail, r.pack, r.receive, r.receiveDir)
	r.showActions()
	r.content = container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, r.heading, nil), buttons, note, r.status), nil, nil, nil, r.tabs)
	return r
}

// showActions shows 接收 only where the unit takes files from below.
func (r *reportsScreen) showActions() {
	if r.receive == nil {
		return
	}
	if r.a.receives() {
		r.receive.Show()
		r.receiveDir.Show()
		r.detail.Show()
	} else {
		r.receive.Hide()
		r.receiveDir.Hide()
		r.detail.Hide()
	}
}

func (r *reportsScreen) Load() {
	year := r.a.year
	r.heading.SetText(fmt.Sprintf("报表：%d 年度", year))
	r.showActions()
	var f *store.Figures
	var ret *reports.Returns
	r.a.background(func() (err error) {
		if f, err = r.a.db.Indicators(context.Background(), year); err != nil {
			return err
		}
		ret, err = reports.Build(context.Background(), r.a.db, year, reports.Options{})
		return err
	}, func(err error) {
		if err != nil {
			r.a.logErr(err)
			r.rows, r.returns = nil, nil
			r.status.SetText("无法计算指标：" + store.ErrorMessage(err))
			r.status.Show()
			r.table.Refresh()
			r.tabs.SetItems([]*container.TabItem{r.figTab})
			return
		}
		r.status.Hide()
		r.rows = figureRows(f)
		r.table.Refresh()
		r.showReturns(ret)
	})
}

// showReturns puts one tab per table of the returns after 主要指标.
func (r *reportsScreen) showReturns(ret *reports.Returns) {
	r.returns = ret
	sel := r.tabs.SelectedIndex()
	items := []*container.TabItem{r.figTab}
	for _, t := range ret.Tables {
		items = append(items, container.NewTabItem(t.Caption(), tablePreview(t)))
	}
	r.tabs.SetItems(items)
	if sel > 0 && sel < len(items) {
		r.tabs.SelectIndex(sel)
	}
}

// tablePreview shows a table of the returns as it will be printed: its
// parts one above the other, totals in bold, and its notes.
func tablePreview(t *reports.Table) fyne.CanvasObject {
	var parts []fyne.CanvasObject
	for _, p := range t.Parts {
		grid := partTable(p)
		if p.Caption != "" {
			parts = append(parts, container.NewBorder(boldLabel(p.Caption), nil, nil, nil, grid))
		} else {
			parts = append(parts, grid)
		}
	}
	head := fmt.Sprintf("%s（表号 %s）", t.Caption(), t.Code)
	if t.Measure != "" {
		head += "　计量单位：" + t.Measure
	}
	top := widget.NewLabel(head)
	var bottom fyne.CanvasObject
	if len(t.Footnotes) > 0 {
		var notes []string
		for i, n := range t.Footnotes {
			notes = append(notes, fmt.Sprintf("%d．%s", i+1, n))
		}
		l := widget.NewLabel("注：" + strings.Join(notes, "\n"))
		l.Wrapping = fyne.TextWrapWord
		l.SizeName = theme.SizeNameCaptionText
		bottom = l
	}
	// scrolled: a table of three parts (表10 with targets) is taller than a
	// 1024×560 window; a larger one shows it whole as before
	return container.NewBorder(top, bottom, nil, nil, container.NewVScroll(container.NewGridWithRows(len(parts), parts...)))
}

// partTable is one grid of a table: the columns' relative widths scaled to
// the screen, at least as wide as their headers.
func partTable(p *reports.Part) *widget.Table {
	tbl := textTable(func() (int, int) { return len(p.Rows), len(p.Columns) },
		func(col int) string { return p.Columns[col].Header },
		func(r, c int, l *widget.Label) {
			row, col := p.Rows[r], p.Columns[c]
			text := ""
			if c < len(row.Cells) {
				text = row.Cells[c].Display(col.Thousands)
			}
			l.TextStyle.Bold = row.Kind == reports.RowTotal || row.Kind == reports.RowSubtotal || row.Kind == reports.RowGroup
			switch {
			case text == "未达标" || strings.HasPrefix(text, "否"):
				l.Importance = widget.DangerImportance
			case row.Kind == reports.RowGroup:
				l.Importance = widget.HighImportance
			}
			switch col.Align {
			case "R":
				l.Alignment = fyne.TextAlignTrailing
			case "C":
				l.Alignment = fyne.TextAlignCenter
			}
			l.SetText(text)
		})
	header := tbl.CreateHeader
	tbl.CreateHeader = func() fyne.CanvasObject { // headers centred over their columns, as on paper
		o := header()
		o.(*widget.Label).Alignment = fyne.TextAlignCenter
		return o
	}
	pad := 2*theme.Padding() + 2*theme.InnerPadding()
	for i, c := range p.Columns {
		w := float32(c.Width) * 5
		hw := fyne.MeasureText(c.Header, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + pad
		tbl.SetColumnWidth(i, max(w, hw))
	}
	return tbl
}

// chooseExportFolder is 导出 PDF 和 Excel…: the folder (the USB stick), then
// the export.
func (a *App) chooseExportFolder() {
	year := a.year
	a.chooseSaveFolder(fmt.Sprintf("导出 %d 年度报表到文件夹（如U盘）", year), func(dir string) { a.exportTo(dir, year, false) })
}

// exportTo writes the year's returns as PDF and XLSX into dir with progress,
// then offers to open them. A file of another kind under the returns' name
// is replaced only once the clerk has said so (replace).
func (a *App) exportTo(dir string, year int, replace bool) {
	var out exported
	opts := a.exportOptions()
	a.longTask(fmt.Sprintf("导出 %d 年度报表", year), func(ctx context.Context, p *progress) error {
		p.set("正在计算报表…", 0.1)
		ret, err := reports.Build(ctx, a.db, year, opts)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		files, err := reports.ExportAll(ctx, a.db, ret, dir, replace, p.set)
		out = exported{pdf: files.PDF, xlsx: files.XLSX, detail: files.DetailPDF}
		return err
	}, func(err error) {
		if !replace && errors.Is(err, store.ErrReplacesOtherFile) {
			a.ask("替换已有的文件？", store.ErrorMessage(err)+"\n\n确实要用报表替换它吗？原文件的内容将丢失。", "替换",
				func() { a.exportTo(dir, year, true) })
			return
		}
		a.reports.lastExport = out
		pr := a.newPrompt("导出报表", "")
		var lines []string
		imp := widget.SuccessImportance
		switch {
		case errors.Is(err, context.Canceled):
			lines = append(lines, "已取消。")
			imp = widget.WarningImportance
		case err != nil:
			a.logErr(err)
			lines = append(lines, "导出未完成："+store.ErrorMessage(err))
			imp = widget.DangerImportance
		default:
			lines = append(lines, fmt.Sprintf("%d 年度报表已导出到 %s：", year, dir))
		}
		if out.pdf != "" {
			lines = append(lines, "PDF："+filepath.Base(out.pdf))
			pr.button("打开 PDF", widget.MediumImportance, func() { a.openPath(out.pdf) })
		}
		if out.xlsx != "" {
			lines = append(lines, "Excel："+filepath.Base(out.xlsx))
			pr.button("打开 Excel", widget.MediumImportance, func() { a.openPath(out.xlsx) })
		}
		if out.detail != "" {
			lines = append(lines, "明细 PDF："+filepath.Base(out.detail))
		}
		if out.pdf != "" || out.xlsx != "" {
			pr.button("打开所在文件夹", widget.MediumImportance, func() { a.openPath(dir) })
		}
		pr.closeButton("关闭", widget.HighImportance, nil)
		pr.onEsc = pr.close
		pr.text = strings.Join(lines, "\n")
		l := textBox(pr.text, imp)
		pr.show(l, fyne.NewSize(620, 240))
	})
}

// figureRows lays the figures out as 指标 / 数值 / 目标 / 结果.
func figureRows(f *store.Figures) [][4]string {
	var rows [][4]string
	add := func(a, b, c, d string) { rows = append(rows, [4]string{a, b, c, d}) }
	add("一、互派互聘", "", "", "")
	met := f.AllSchoolsMet()
	add("达标学校数", fmt.Sprintf("%d / %d 所", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed), "全部达标", store.MetText(&met))
	for _, s := range f.Schools {
		sec := s.Secondments
		target := ""
		if sec.Target != nil && s.Assessed {
			target = fmt.Sprintf("%d 人", *sec.Target)
		}
		val := fmt.Sprintf("%d 人（派出 %d，聘入 %d）", sec.Persons, sec.SchoolToEnterprise, sec.EnterpriseToSchool)
		res := store.MetText(sec.Met)
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
			res = store.MetText(c.Met())
		}
		add("　"+g, fmt.Sprintf("%d 人次", c.Count), target, res)
	}
	for _, t := range f.Training.Targets {
		if len(t.Categories) > 1 {
			m := t.Met
			add("　合计："+store.CategoriesText(t.Categories), fmt.Sprintf("%d 人次", t.Count), fmt.Sprintf("%d 人次", t.Target), store.MetText(&m))
		}
	}
	add("三、升学与贯通培养", "", "", "")
	p := f.Progression
	add("中职升学率", fmt.Sprintf("%s（%d / %d）", store.FormatRate(p.Rate), p.Progressed, p.Graduates), pctOr(p.Target), store.MetText(p.Met))
	c := f.Coverage
	add("3+2 贯通培养覆盖率", fmt.Sprintf("%s（%d / %d 所）", store.FormatRate(c.Rate), c.Covered, c.Schools), pctOr(c.Target), store.MetText(c.Met))
	add("四、校企合作", "", "", "")
	add("订单班学生数", fmt.Sprintf("%d 人", f.OrderClassStudents), "", "")
	add("合作企业数", fmt.Sprintf("%d 家", f.PartnerEnterprises), "", "")
	add("其中产教融合型企业", fmt.Sprintf("%d 家", f.IntegratedEnterprises), "", "")
	add("优质学校", qualityText(f.QualitySchools, "所"), "", "")
	add("优质专业", qualityText(f.QualityMajors, "个"), "", "")
	add("五、数据质量", "", "", "")
	add("待核实的提示", fmt.Sprintf("%d 条", len(f.Warnings)), "", "")
	return rows
}

func pctOr(v *float64) string {
	if v == nil {
		return "未设"
	}
	return store.FormatRate(v)
}

func qualityText(m map[string]int, unit string) string {
	if t := store.QualityText(m, unit); t != "" {
		return t
	}
	return "0"
}
