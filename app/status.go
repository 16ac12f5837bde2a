package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store/handoff"
)

// statusColumns are the columns of 报送情况.
var statusColumns = []struct {
	title string
	width float32
}{{"单位", 190}, {"区划代码", 90}, {"是否报送", 90}, {"版本", 70}, {"报送时间", 150}, {"校验", 90}, {"最近一次拒收", 380}}

// statusCells is one lower unit's row of 报送情况.
func statusCells(u handoff.UnitStatus) []string {
	row := []string{u.Name, u.Code, "未报送", "", "", "", u.LastRefusal}
	if u.Sent {
		row[2] = "已报送"
		row[3] = fmt.Sprintf("第 %d 版", u.Revision)
		row[4] = u.SentAt.Local().Format("2006-01-02 15:04")
		row[5] = handoff.SignatureText(u.Signature)
	}
	return row
}

// uncollected is the 催报 list as text to paste into a message or notice.
func uncollected(c *handoff.Completeness) string {
	missing := c.Missing()
	if len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf("%d 年度产教融合统计数据尚未报送的单位（%d 个）：\n%s", c.Year, len(missing), strings.Join(missing, "\n"))
}

// statusCard is 报送情况 on a prefecture's or province's 首页: every unit
// under it with what it has sent for the year, and the 催报 list.
func (a *App) statusCard(c *handoff.Completeness) fyne.CanvasObject {
	rows := make([][]string, len(c.Units))
	for i, u := range c.Units {
		rows[i] = statusCells(u)
	}
	tbl := widget.NewTable(
		func() (int, int) { return len(rows), len(statusColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(rows) || id.Col >= len(statusColumns) {
				l.SetText("")
				return
			}
			text := rows[id.Row][id.Col]
			switch {
			case id.Col == 2 && text == "未报送", id.Col == 5 && text == "不一致", id.Col == 6:
				l.Importance = widget.DangerImportance
			case id.Col == 2:
				l.Importance = widget.SuccessImportance
			default:
				l.Importance = widget.MediumImportance
			}
			l.SetText(text)
		})
	tbl.ShowHeaderRow = true
	tbl.CreateHeader = func() fyne.CanvasObject { return boldLabel("") }
	tbl.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(statusColumns) {
			o.(*widget.Label).SetText(statusColumns[id.Col].title)
		}
	}
	for i, col := range statusColumns {
		tbl.SetColumnWidth(i, col.width)
	}
	// the table's height: every row, up to 16, so the page scrolls instead
	rowH := widget.NewLabel("单位").MinSize().Height + theme.SeparatorThicknessSize()
	n := min(len(rows), 16)
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(0, float32(n+1)*rowH+theme.Padding()))
	box := container.NewVBox(container.NewStack(space, tbl))

	var refused []string
	for _, u := range c.Units {
		if u.LastRefusal != "" {
			refused = append(refused, u.Name+"："+u.LastRefusal)
		}
	}
	if len(refused) > 0 {
		l := textBox("最近一次被拒收的数据包：\n"+strings.Join(refused, "\n"), widget.DangerImportance)
		box.Add(l)
	}
	if text := uncollected(c); text != "" {
		l := textBox("催报："+strings.Join(c.Missing(), "、"), widget.DangerImportance)
		copyBtn := widget.NewButtonWithIcon("复制催报名单", theme.ContentCopyIcon(), func() { a.copyText(text) })
		box.Add(container.NewBorder(nil, nil, nil, container.NewVBox(copyBtn), l))
	} else if len(c.Units) > 0 {
		box.Add(label("✓ 所有下级单位均已报送。", widget.SuccessImportance))
	}
	title := fmt.Sprintf("报送情况：已报送 %d / %d 个单位", c.SentCount(), len(c.Units))
	sub := fmt.Sprintf("%d 年度，各下级单位的数据包（按区划代码）", c.Year)
	return widget.NewCard(title, sub, box)
}
