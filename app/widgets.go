package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// entry is a text field that hands Esc and the window's shortcuts (Ctrl+N,
// Ctrl+S, Ctrl+F) to the window instead of swallowing them, so they work
// while the clerk is typing.
type entry struct {
	widget.Entry
	onEsc      func()
	onHelp     func()
	onShortcut func(fyne.KeyName) bool
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
