package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// auditLimit is how many entries the 操作记录 lists at once (newest first);
// the filter and the search narrow them in the database, so older entries are
// found by searching.
const auditLimit = 2000

// auditActions are the actions the filter offers, in the clerk's order.
var auditActions = store.Actions

const allActions = "全部操作"

// auditTables names the tables the audit log mentions.
var auditTables = map[string]string{
	"schools":          "学校",
	"enterprises":      "合作企业",
	"majors":           "专业",
	"secondments":      "互派互聘",
	"trainings":        "培训",
	"agreements":       "校企合作协议",
	"classes":          "订单班与学徒制",
	"carriers":         "产教融合载体",
	"teachers":         "师资",
	"awards":           "获奖",
	"activities":       "政校企活动",
	"assigned_targets": "下达目标",
	"targets":          "年度目标",
	"unit":             "本单位",
	"year_locks":       "年度锁定",
	"received":         "收到的数据",
	"trusted_keys":     "信任的单位",
	"explanations":     "情况说明",
	"bundle":           "数据包",
	"returns":          "报表",
	"backup":           "备份",
}

func tableName(t string) string {
	if n, ok := auditTables[t]; ok {
		return n
	}
	return t
}

// auditView is the 操作记录: every change with its time, filterable by action
// and searchable, and 校验, which checks the database's integrity and the
// hash chain that makes an edited or deleted entry show.
type auditView struct {
	a       *App
	action  *widget.Select
	search  *entry
	table   *widget.Table
	count   *widget.Label
	detail  *widget.Label
	verify  *widget.Button
	result  *widget.Label
	entries []store.AuditEntry
	texts   []store.AuditText // the entries in the clerk's words (store.Describe)
	sel     int
	seq     int // the newest load; older answers arriving late are dropped
	obj     fyne.CanvasObject
	dlg     *dialog.CustomDialog
}

var auditColumns = []struct {
	title string
	width float32
}{{"时间", 170}, {"操作", 60}, {"表", 90}, {"记录", 260}, {"说明", 420}}

func newAuditView(a *App) *auditView {
	v := &auditView{a: a, sel: -1}
	opts := []string{allActions}
	for _, act := range auditActions {
		opts = append(opts, store.ActionName(act))
	}
	v.action = widget.NewSelect(opts, nil)
	v.action.SetSelected(allActions)
	v.action.OnChanged = func(string) { v.load() }
	v.search = newEntry(a, "搜索（记录、说明、修改前后的内容，如姓名、代码、学校）")
	v.search.OnChanged = func(string) { v.load() }
	v.count = widget.NewLabel("")
	v.table = textTable(func() (int, int) { return len(v.entries), len(auditColumns) },
		func(col int) string { return auditColumns[col].title },
		func(row, col int, l *widget.Label) {
			l.TextStyle.Bold = row == v.sel
			l.SetText(v.cellText(row, col))
		})
	for i, c := range auditColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.table.OnSelected = func(id widget.TableCellID) { v.choose(id.Row) }
	v.detail = widget.NewLabel("选中一行可查看修改前后的内容。")
	v.detail.Wrapping = fyne.TextWrapWord
	v.verify = widget.NewButtonWithIcon("校验", theme.ConfirmIcon(), a.guard(v.runVerify))
	v.result = widget.NewLabel("“校验”检查数据库文件是否完好，以及操作记录是否被改动或删除过。")
	v.result.Wrapping = fyne.TextWrapWord

	top := container.NewBorder(nil, nil, v.action, v.count, v.search)
	detail := container.NewVScroll(v.detail)
	detail.SetMinSize(fyne.NewSize(0, 110))
	bottom := container.NewVBox(widget.NewSeparator(), detail,
		container.NewBorder(nil, nil, v.verify, nil, v.result))
	v.obj = container.NewBorder(top, bottom, nil, nil, v.table)
	return v
}

// showAudit opens the 操作记录 over the window.
func (a *App) showAudit() *auditView {
	v := newAuditView(a)
	closeBtn := widget.NewButton("关闭", nil)
	v.dlg = dialog.NewCustomWithoutButtons("操作记录",
		container.NewBorder(nil, container.NewHBox(layoutSpacer(), closeBtn), nil, nil, v.obj), a.win)
	closeBtn.OnTapped = v.dlg.Hide
	v.dlg.Resize(dialogSize(a, 1100, 680))
	v.dlg.Show()
	v.load()
	return v
}

// dialogSize fits a dialog of the wanted size inside the window.
func dialogSize(a *App, w, h float32) fyne.Size {
	s := a.win.Canvas().Size()
	if s.Width > 200 && s.Width-40 < w {
		w = s.Width - 40
	}
	if s.Height > 200 && s.Height-40 < h {
		h = s.Height - 40
	}
	return fyne.NewSize(w, h)
}

// filter reads the action and search boxes as a store filter. A search for a
// table's Chinese name looks for the table.
func (v *auditView) filter() store.AuditFilter {
	f := store.AuditFilter{Text: strings.TrimSpace(v.search.Text), Limit: auditLimit}
	for _, act := range auditActions {
		if store.ActionName(act) == v.action.Selected {
			f.Action = act
		}
	}
	for t, n := range auditTables {
		if f.Text == n {
			f.Text = t
		}
	}
	return f
}

func (v *auditView) load() {
	a := v.a
	f := v.filter()
	v.seq++
	seq := v.seq
	var es []store.AuditEntry
	var texts []store.AuditText
	a.background(func() error {
		return a.db.View(context.Background(), func(tx *store.Tx) (err error) {
			if es, err = tx.Audit(f); err != nil {
				return err
			}
			texts, err = tx.Describe(es)
			return err
		})
	}, func(err error) {
		if seq != v.seq {
			return // the clerk typed on; a newer answer is coming
		}
		if err != nil {
			a.logErr(err)
			v.count.SetText("无法读取：" + store.ErrorMessage(err))
			return
		}
		v.entries, v.texts = es, texts
		v.sel = -1
		v.table.UnselectAll()
		v.detail.SetText("选中一行可查看修改前后的内容。")
		switch {
		case len(es) >= auditLimit:
			v.count.SetText(fmt.Sprintf("显示最近 %d 条", len(es)))
		case f.Action == "" && f.Text == "":
			v.count.SetText(fmt.Sprintf("共 %d 条", len(es)))
		default:
			v.count.SetText(fmt.Sprintf("找到 %d 条", len(es)))
		}
		v.table.Refresh()
	})
}

// cellText is what the table shows at a row and column.
func (v *auditView) cellText(row, col int) string {
	e := v.entries[row]
	switch col {
	case 0:
		return e.At.Local().Format("2006-01-02 15:04:05")
	case 1:
		return store.ActionName(e.Action)
	case 2:
		return tableName(e.Table)
	case 3:
		return v.texts[row].Record
	case 4:
		return v.texts[row].Summary
	}
	return ""
}

func (v *auditView) choose(row int) {
	if row < 0 || row >= len(v.entries) {
		return
	}
	v.sel = row
	v.detail.SetText(auditDetail(v.entries[row], v.texts[row]))
	v.table.Refresh()
}

func (v *auditView) runVerify() {
	a := v.a
	v.verify.Disable()
	v.result.Importance = widget.MediumImportance
	v.result.SetText("正在校验…")
	var r store.VerifyReport
	a.background(func() (err error) {
		r, err = a.db.Verify()
		return err
	}, func(err error) {
		v.verify.Enable()
		if err != nil {
			a.logErr(err)
			v.result.Importance = widget.DangerImportance
			v.result.SetText("无法校验：" + store.ErrorMessage(err))
			return
		}
		text, ok := verifyText(r)
		v.result.Importance = widget.SuccessImportance
		if !ok {
			v.result.Importance = widget.DangerImportance
		}
		v.result.SetText(text)
		if r.BrokenAt != 0 {
			for i, e := range v.entries {
				if e.ID == r.BrokenAt {
					v.table.Select(widget.TableCellID{Row: i, Col: 0})
					break
				}
			}
		}
	})
}

// verifyText says what db.Verify found, and whether all is well.
func verifyText(r store.VerifyReport) (string, bool) {
	var parts []string
	ok := true
	if r.Integrity == "ok" {
		parts = append(parts, "数据库文件完好")
	} else {
		ok = false
		parts = append(parts, "数据库文件已损坏（完整性检查："+r.Integrity+"），请从备份恢复")
	}
	if r.BrokenAt == 0 {
		parts = append(parts, fmt.Sprintf("操作记录共 %d 条，前后衔接完整，没有被改动或删除的痕迹", r.Entries))
	} else {
		ok = false
		parts = append(parts, fmt.Sprintf("操作记录有改动或删除的痕迹：%s（共 %d 条）", r.BrokenWhy, r.Entries))
	}
	if ok {
		return "校验通过：" + strings.Join(parts, "；") + "。", true
	}
	return "发现问题：" + strings.Join(parts, "；") + "。", false
}

// auditDetail is the full entry for the panel under the table.
func auditDetail(e store.AuditEntry, t store.AuditText) string {
	var b strings.Builder
	fmt.Fprintf(&b, "第 %d 条  %s  %s  %s  %s\n", e.ID, e.At.Local().Format("2006-01-02 15:04:05"),
		store.ActionName(e.Action), tableName(e.Table), t.Record)
	if e.Detail != "" {
		b.WriteString("说明：" + e.Detail + "\n")
	}
	b.WriteString(t.Detail)
	return strings.TrimSpace(b.String())
}
