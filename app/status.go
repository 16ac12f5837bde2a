package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store/handoff"
)

// statusColumns are the columns of 报送情况. The last takes the rest of the
// width; its width here is its least, so that the page fits a 1024-pixel
// screen (the reason is cut with "…" there, and shown in full below).
var statusColumns = []struct {
	title string
	width float32
}{{"单位", 150}, {"区划代码", 90}, {"是否报送", 90}, {"版本", 70}, {"报送时间", 140}, {"校验", 90}, {"最近一次拒收", 120}}

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
	// a grid of labels rather than a widget.Table: the page scrolls as one
	grid := container.New(&columnsLayout{widths: statusWidths()})
	for _, c := range statusColumns {
		grid.Add(boldLabel(c.title))
	}
	for _, row := range rows {
		for i, text := range row {
			l := widget.NewLabel(text)
			l.Truncation = fyne.TextTruncateEllipsis
			switch {
			case i == 2 && text == "未报送", i == 5 && text == "不一致", i == 6:
				l.Importance = widget.DangerImportance
			case i == 2:
				l.Importance = widget.SuccessImportance
			}
			grid.Add(l)
		}
	}
	box := container.NewVBox(a.receiveButtons(), grid)

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

// receiveButtons are 接收 beside 报送情况: the 文件 menu's two actions, where
// the clerk sees who has not sent yet.
func (a *App) receiveButtons() fyne.CanvasObject {
	one := widget.NewButtonWithIcon("接收数据包…", theme.DownloadIcon(), a.guard(a.chooseBundle))
	one.Importance = widget.HighImportance
	folder := widget.NewButtonWithIcon("接收文件夹中的全部数据包…", theme.FolderOpenIcon(), a.guard(a.chooseBundleFolder))
	return container.NewHBox(one, folder)
}

func statusWidths() []float32 {
	ws := make([]float32, len(statusColumns))
	for i, c := range statusColumns {
		ws[i] = c.width
	}
	return ws
}

// columnsLayout lays objects out in rows of len(widths) cells, each column
// as wide as given except the last, which takes the rest of the width.
type columnsLayout struct{ widths []float32 }

func (l *columnsLayout) rows(objs []fyne.CanvasObject) [][]fyne.CanvasObject {
	var out [][]fyne.CanvasObject
	n := len(l.widths)
	for i := 0; i < len(objs); i += n {
		out = append(out, objs[i:min(i+n, len(objs))])
	}
	return out
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, row := range l.rows(objs) {
		h := float32(0)
		for _, o := range row {
			h = max(h, o.MinSize().Height)
		}
		x := float32(0)
		for i, o := range row {
			w := l.widths[i]
			if i == len(l.widths)-1 {
				w = max(size.Width-x, 0)
			}
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(w, h))
			x += w
		}
		y += h
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, x := range l.widths {
		w += x
	}
	h := float32(0)
	for _, row := range l.rows(objs) {
		rh := float32(0)
		for _, o := range row {
			rh = max(rh, o.MinSize().Height)
		}
		h += rh
	}
	return fyne.NewSize(w, h)
}
