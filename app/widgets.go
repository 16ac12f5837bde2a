package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// entry is a text field that hands Esc and the window's shortcuts (Ctrl+N,
// Ctrl+S, Ctrl+F) to the window instead of swallowing them, so they work
// while the clerk is typing, and hands the mouse wheel to the scroll
// container around it (a single-line field has nothing to scroll).
type entry struct {
	widget.Entry
	onEsc      func()
	onHelp     func()
	onShortcut func(fyne.KeyName) bool
	onLeave    func() // the field lost the focus
}

func newEntry(a *App, placeholder string) *entry {
	e := &entry{}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	if a != nil {
		e.onEsc = a.escape
		e.onHelp = func() { a.guard(func() { a.showHelp() })() }
		e.onShortcut = a.shortcut
	}
	return e
}

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape && e.onEsc != nil:
		e.onEsc()
	case k.Name == fyne.KeyF1 && e.onHelp != nil: // help while typing too
		e.onHelp()
	default:
		e.Entry.TypedKey(k)
	}
}

func (e *entry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}

// CreateRenderer lays a wheel catcher over the field: Fyne's Entry keeps a
// scroller of its own that swallows the wheel even when there is nothing to
// scroll, so over a field in 设置 or a form the page did not move.
func (e *entry) CreateRenderer() fyne.WidgetRenderer {
	r := e.Entry.CreateRenderer()
	w := &wheelCatcher{Rectangle: canvas.NewRectangle(color.Transparent), e: e}
	for _, o := range r.Objects() {
		if s, ok := o.(fyne.Scrollable); ok {
			w.inner = s
		}
	}
	return &wheelRenderer{WidgetRenderer: r, catcher: w}
}

// wheelCatcher is a transparent, wheel-only cover: taps and hovering find
// the field below it, since it takes nothing but the wheel.
type wheelCatcher struct {
	*canvas.Rectangle
	e     *entry
	inner fyne.Scrollable // the field's own scroller
}

func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	if w.e.MultiLine && w.inner != nil {
		w.inner.Scrolled(ev)
		return
	}
	if around := scrollsAround(w.e); len(around) > 0 {
		around[len(around)-1].Scrolled(ev)
	}
}

type wheelRenderer struct {
	fyne.WidgetRenderer
	catcher *wheelCatcher
}

func (r *wheelRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.catcher.Move(fyne.NewPos(0, 0))
	r.catcher.Resize(size)
}

func (r *wheelRenderer) Objects() []fyne.CanvasObject {
	inner := r.WidgetRenderer.Objects()
	return append(inner[:len(inner):len(inner)], r.catcher)
}

// scrollsAround lists the scroll containers on the top layer of obj's
// window (the open dialog, else the page) whose content holds obj,
// outermost first. Fyne keeps no parent links, so it looks by place.
func scrollsAround(obj fyne.CanvasObject) []*container.Scroll {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(obj)
	if c == nil {
		return nil
	}
	root := c.Content()
	if top := c.Overlays().Top(); top != nil {
		root = top
	}
	at := d.AbsolutePositionForObject(obj)
	var out []*container.Scroll
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o := o.(type) {
		case *container.Scroll:
			if o.Content == nil {
				return
			}
			if inside(at, d.AbsolutePositionForObject(o.Content), o.Content.Size()) {
				out = append(out, o)
			}
			walk(o.Content)
		case *fyne.Container:
			for _, child := range o.Objects {
				walk(child)
			}
		case *widget.Card:
			walk(o.Content)
		case *widget.PopUp:
			walk(o.Content)
		}
	}
	walk(root)
	return out
}

func inside(p, origin fyne.Position, size fyne.Size) bool {
	return p.X >= origin.X && p.Y >= origin.Y && p.X < origin.X+size.Width && p.Y < origin.Y+size.Height
}

// reveal scrolls s the least that shows all of obj with its focus ring
// (its top, if obj is taller than the view).
func reveal(s *container.Scroll, obj fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	m := 2 * theme.Padding()
	rel := d.AbsolutePositionForObject(obj).Subtract(d.AbsolutePositionForObject(s.Content))
	off := s.Offset
	off.X = revealAxis(off.X, rel.X-m, obj.Size().Width+2*m, s.Size().Width)
	off.Y = revealAxis(off.Y, rel.Y-m, obj.Size().Height+2*m, s.Size().Height)
	if off != s.Offset {
		s.ScrollToOffset(off)
	}
}

func revealAxis(offset, start, length, view float32) float32 {
	if start+length > offset+view {
		offset = start + length - view
	}
	if start < offset {
		offset = start
	}
	return offset
}

func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && e.onShortcut != nil && cs.Modifier == fyne.KeyModifierShortcutDefault {
		if e.onShortcut(cs.KeyName) {
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// cell is one table cell: a tap selects its row, a double tap opens it.
type cell struct {
	widget.Label
	row       int
	tap, open func(row int)
}

func newCell(tap, open func(int)) *cell {
	c := &cell{tap: tap, open: open}
	c.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	return c
}

func (c *cell) Tapped(*fyne.PointEvent)       { c.tap(c.row) }
func (c *cell) DoubleTapped(*fyne.PointEvent) { c.open(c.row) }

// bar is a horizontal progress bar in a colour of our choosing (red when a
// target is missed, green when it is met).
type bar struct {
	widget.BaseWidget
	value, max float64
	fill       color.Color
}

func newBar(value, max float64, fill color.Color) *bar {
	b := &bar{value: value, max: max, fill: fill}
	b.ExtendBaseWidget(b)
	return b
}

func (b *bar) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 3
	fg := canvas.NewRectangle(b.fill)
	fg.CornerRadius = 3
	return &barRenderer{b: b, bg: bg, fg: fg}
}

type barRenderer struct {
	b      *bar
	bg, fg *canvas.Rectangle
}

func (r *barRenderer) Layout(s fyne.Size) {
	h := float32(14)
	y := (s.Height - h) / 2
	r.bg.Move(fyne.NewPos(0, y))
	r.bg.Resize(fyne.NewSize(s.Width, h))
	frac := 0.0
	if r.b.max > 0 {
		frac = r.b.value / r.b.max
	} else if r.b.value > 0 {
		frac = 1
	}
	if frac > 1 {
		frac = 1
	}
	r.fg.Move(fyne.NewPos(0, y))
	r.fg.Resize(fyne.NewSize(s.Width*float32(frac), h))
}

func (r *barRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 20) }
func (r *barRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.fg.FillColor = r.b.fill
	r.Layout(r.b.Size())
	r.bg.Refresh()
	r.fg.Refresh()
}
func (r *barRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.fg} }
func (r *barRenderer) Destroy()                     {}

var (
	colorShort = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0xff}
	colorMet   = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	colorNone  = color.NRGBA{R: 0x9e, G: 0x9e, B: 0x9e, A: 0xff}
)

// label makes a label with an importance (red/green text) in one line.
func label(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = imp
	return l
}

func boldLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// textTable is a read-only grid of labels with a bold header row: size
// gives its rows and columns, header a column's title, and cell fills one
// label (its look is reset to plain first, since labels are reused).
func textTable(size func() (rows, cols int), header func(col int) string, cell func(row, col int, l *widget.Label)) *widget.Table {
	t := widget.NewTable(size,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle, l.Importance, l.Alignment = fyne.TextStyle{}, widget.MediumImportance, fyne.TextAlignLeading
			if rows, cols := size(); id.Row >= rows || id.Col >= cols {
				l.SetText("")
				return
			}
			cell(id.Row, id.Col, l)
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := boldLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if _, cols := size(); id.Col >= 0 && id.Col < cols {
			o.(*widget.Label).SetText(header(id.Col))
		}
	}
	return t
}

// msgLine is the one-line message under a form field: always there, even
// empty, and no taller than its text, so a message that appears moves
// nothing; a message too long for the line ends in "…".
type msgLine struct {
	widget.BaseWidget
	Text       string
	Importance widget.Importance
	text       *canvas.Text
}

func newMsgLine() *msgLine {
	m := &msgLine{text: canvas.NewText("", theme.Color(theme.ColorNameError))}
	m.ExtendBaseWidget(m)
	return m
}

func (m *msgLine) SetText(s string) {
	m.Text = s
	m.Refresh()
}

func (m *msgLine) CreateRenderer() fyne.WidgetRenderer {
	return &msgRenderer{m: m}
}

type msgRenderer struct{ m *msgLine }

func (r *msgRenderer) MinSize() fyne.Size {
	return fyne.NewSize(0, fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Height)
}

func (r *msgRenderer) Layout(size fyne.Size) {
	t := r.m.text
	t.Color = theme.Color(theme.ColorNameError)
	if r.m.Importance == widget.WarningImportance {
		t.Color = theme.Color(theme.ColorNameWarning)
	}
	// a long message first gets a smaller type, then an end in "…"
	t.TextSize = theme.TextSize()
	if fitText(r.m.Text, size.Width, t.TextSize) != r.m.Text {
		t.TextSize = theme.TextSize() * 6 / 7 // 12 for 14: still easy to read
	}
	t.Text = fitText(r.m.Text, size.Width, t.TextSize)
	t.Move(fyne.NewPos(theme.InnerPadding(), 0))
	t.Resize(fyne.NewSize(size.Width, size.Height))
}

// fitText cuts s to what fits in width, ending in "…" when cut.
func fitText(s string, width, textSize float32) string {
	fits := func(t string) bool {
		return fyne.MeasureText(t, textSize, fyne.TextStyle{}).Width+theme.InnerPadding() <= width
	}
	if s == "" || fits(s) {
		return s
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // the longest prefix that fits with "…" is in [lo, hi)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if fits(string(runes[:mid]) + "…") {
			lo = mid
		} else {
			hi = mid
		}
	}
	return string(runes[:lo]) + "…"
}

func (r *msgRenderer) Refresh() {
	r.Layout(r.m.Size())
	r.m.text.Refresh()
}
func (r *msgRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.m.text} }
func (r *msgRenderer) Destroy()                     {}
