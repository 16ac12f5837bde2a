package reports

import (
	"fmt"
	"math"
)

// Chart colours: a bar that meets its target (or has none), one short of
// it, and the target.
var (
	colorMet    = [3]int{68, 114, 168}
	colorShort  = [3]int{214, 96, 77}
	colorTarget = [3]int{192, 0, 0}
	colorGrid   = [3]int{200, 200, 200}
	colorGoal   = [3]int{222, 222, 222}
)

// chart draws a horizontal bar chart under the table, or on a page of its
// own when it does not fit: one bar per item, the shared target as a dashed
// line, an item's own target as a grey bar behind its value.
func (tw *tableWriter) chart(c BarChart) {
	const fixed = 11 + 7 + 9 // title, axis labels, legend
	top := 0
	for _, it := range c.Items {
		top = max(top, it.Value)
		if it.Target != nil {
			top = max(top, *it.Target)
		}
	}
	if c.Target != nil {
		top = max(top, *c.Target)
	}
	items, title := c.Items, c.Title
	for len(items) > 0 {
		// under the table when the bars can be 5.5 mm apart there, else on
		// pages of their own, at least 3.6 mm apart
		n := len(items)
		pitch := min(8, (tw.g.maxY()-tw.y-4-fixed)/float64(n))
		if pitch >= 5.5 {
			tw.y += 4
		} else {
			tw.nextPage()
			avail := tw.g.maxY() - tw.y - fixed
			n = max(1, min(n, int(avail/3.6)))
			pitch = min(8, avail/float64(n))
		}
		tw.bars(c, items[:n], title, pitch, top)
		items, title = items[n:], c.Title+"（续）"
	}
}

func (tw *tableWriter) bars(c BarChart, items []BarItem, title string, pitch float64, top int) {
	g := tw.g
	n := float64(len(items))
	p := tw.pdf
	p.SetTextColor(0, 0, 0)
	p.SetFont(fontFamily, "", 10.5)
	tw.bold(func() { tw.text(g.left, tw.y, 6, title, "C", g.width()) })
	tw.y += 11

	labelW := 0.0
	for _, it := range items {
		labelW = max(labelW, tw.width(it.Label, 9))
	}
	labelW = min(labelW+2, g.width()*0.35)
	x0 := g.left + labelW + 2
	x1 := g.rightX() - 22
	step := niceStep(float64(max(top, 1)) / 5)
	top = int(math.Ceil(float64(max(top, 1))/step) * step)
	xOf := func(v int) float64 { return x0 + float64(v)/float64(top)*(x1-x0) }
	plotTop, plotBottom := tw.y, tw.y+n*pitch

	// grid and axis labels
	p.SetLineWidth(0.1)
	p.SetDrawColor(colorGrid[0], colorGrid[1], colorGrid[2])
	p.SetFont(fontFamily, "", 7.5)
	for v := 0.0; v <= float64(top)+0.5; v += step {
		x := xOf(int(v))
		p.Line(x, plotTop, x, plotBottom)
		tw.text(x-10, plotBottom+1, 4, c.number(int(v)), "C", 20)
	}
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.3)
	p.Line(x0, plotTop, x0, plotBottom)

	// bars
	labelSize := min(9, pitch*2.4)
	for i, it := range items {
		y := plotTop + float64(i)*pitch
		bh := pitch * 0.62
		by := y + (pitch-bh)/2
		size := labelSize
		for size > 6 && tw.width(it.Label, size) > labelW-1 {
			size -= 0.5
		}
		p.SetFont(fontFamily, "", size)
		tw.text(g.left, y, pitch, it.Label, "R", labelW)
		if it.Target != nil {
			p.SetFillColor(colorGoal[0], colorGoal[1], colorGoal[2])
			p.SetDrawColor(150, 150, 150)
			p.SetLineWidth(0.1)
			p.Rect(x0, by, xOf(*it.Target)-x0, bh, "FD")
			p.SetDrawColor(colorTarget[0], colorTarget[1], colorTarget[2])
			p.SetLineWidth(0.5)
			p.Line(xOf(*it.Target), by-0.8, xOf(*it.Target), by+bh+0.8)
			bh *= 0.55
			by = y + (pitch-bh)/2
		}
		col := colorMet
		if it.Short {
			col = colorShort
		}
		p.SetFillColor(col[0], col[1], col[2])
		if w := xOf(it.Value) - x0; w > 0 {
			p.Rect(x0, by, w, bh, "F")
		}
		label := c.number(it.Value)
		if it.Target != nil {
			label += " / " + c.number(*it.Target)
		}
		end := xOf(it.Value)
		if it.Target != nil {
			end = max(end, xOf(*it.Target))
		}
		p.SetFont(fontFamily, "", min(8, labelSize))
		tw.text(end+1, y, pitch, label, "L", 30)
	}

	// the shared target
	if c.Target != nil {
		x := xOf(*c.Target)
		p.SetDrawColor(colorTarget[0], colorTarget[1], colorTarget[2])
		p.SetLineWidth(0.45)
		p.SetDashPattern([]float64{1.6, 1.0}, 0)
		p.Line(x, plotTop-1.5, x, plotBottom)
		p.SetDashPattern([]float64{}, 0)
		p.SetTextColor(colorTarget[0], colorTarget[1], colorTarget[2])
		p.SetFont(fontFamily, "", 8)
		tw.text(x+1, plotTop-4.2, 3.5, fmt.Sprintf("目标%s%s", c.number(*c.Target), c.Unit), "L", 30)
		p.SetTextColor(0, 0, 0)
	}
	tw.y = plotBottom + 7

	// legend
	p.SetFont(fontFamily, "", 8)
	x := x0
	swatch := func(col [3]int, label string) {
		p.SetFillColor(col[0], col[1], col[2])
		p.Rect(x, tw.y+1.2, 4, 2.6, "F")
		tw.text(x+5, tw.y, 5, label, "L", 40)
		x += 5 + tw.width(label, 8) + 6
	}
	if c.Target != nil {
		swatch(colorMet, "达标")
		swatch(colorShort, "未达标")
		p.SetDrawColor(colorTarget[0], colorTarget[1], colorTarget[2])
		p.SetLineWidth(0.45)
		p.SetDashPattern([]float64{1.6, 1.0}, 0)
		p.Line(x, tw.y+2.5, x+6, tw.y+2.5)
		p.SetDashPattern([]float64{}, 0)
		tw.text(x+7, tw.y, 5, "目标线", "L", 20)
	} else {
		legend := c.Legend
		if legend == [3]string{} {
			legend = [3]string{"完成（达标或未设目标）", "完成（未达标）", "目标"}
		}
		swatch(colorMet, legend[0])
		swatch(colorShort, legend[1])
		swatch(colorGoal, legend[2])
	}
	p.SetDrawColor(0, 0, 0)
	tw.y += 9
}

// number writes a chart value; 人次 get thousands separators.
func (c BarChart) number(v int) string {
	if c.Unit == "人次" {
		return groupThousands(v)
	}
	return fmt.Sprint(v)
}

// niceStep rounds a raw tick step up to 1, 2 or 5 × 10^k.
func niceStep(raw float64) float64 {
	if raw <= 1 {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}
