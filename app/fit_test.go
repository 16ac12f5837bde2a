package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store/storetest"
)

// A 1024×600 laptop screen less its taskbar.
var smallScreen = fyne.NewSize(1024, 560)

// area is a rectangle on the window.
type area struct{ pos, size fyne.Size }

func (r area) contains(o area) bool {
	const slack = 0.5 // float rounding of centred layouts
	return o.pos.Width >= r.pos.Width-slack && o.pos.Height >= r.pos.Height-slack &&
		o.pos.Width+o.size.Width <= r.pos.Width+r.size.Width+slack &&
		o.pos.Height+o.size.Height <= r.pos.Height+r.size.Height+slack
}

// shown is a tappable thing drawn on the window: where it is, the part of
// the window it can be seen in (a scroll's view narrows it) and its text.
type shown struct {
	obj        fyne.CanvasObject
	at, within area
	text       string
}

// tappables lists what can be tapped under o, visible objects only, with
// their places on the window; at is o's parent's place.
func tappables(o fyne.CanvasObject, at fyne.Position, within area) []shown {
	if o == nil || !o.Visible() {
		return nil
	}
	pos := at.Add(o.Position())
	here := area{fyne.NewSize(pos.X, pos.Y), o.Size()}
	var out []shown
	if _, ok := o.(fyne.Tappable); ok {
		out = append(out, shown{obj: o, at: here, within: within, text: textOf(o)})
	}
	if s, ok := o.(*container.Scroll); ok {
		within = intersect(within, here)
		return append(out, tappables(s.Content, pos, within)...)
	}
	for _, c := range children(o) {
		out = append(out, tappables(c, pos, within)...)
	}
	return out
}

func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch x := o.(type) {
	case *fyne.Container:
		return x.Objects
	case fyne.Widget:
		return test.WidgetRenderer(x).Objects()
	}
	return nil
}

// textOf is the text drawn inside o.
func textOf(o fyne.CanvasObject) string {
	if t, ok := o.(*canvas.Text); ok {
		return t.Text
	}
	var parts []string
	for _, c := range children(o) {
		if c.Visible() {
			if t := textOf(c); t != "" {
				parts = append(parts, t)
			}
		}
	}
	return strings.Join(parts, " ")
}

func intersect(a, b area) area {
	x0, y0 := max(a.pos.Width, b.pos.Width), max(a.pos.Height, b.pos.Height)
	x1 := min(a.pos.Width+a.size.Width, b.pos.Width+b.size.Width)
	y1 := min(a.pos.Height+a.size.Height, b.pos.Height+b.size.Height)
	return area{fyne.NewSize(x0, y0), fyne.NewSize(max(x1-x0, 0), max(y1-y0, 0))}
}

// onWindow lists the tappables of the window's content, or of its top
// dialog when one is open.
func onWindow(a *App, dialog bool) []shown {
	c := a.win.Canvas()
	whole := area{size: c.Size()}
	root := c.Content()
	if dialog {
		root = c.Overlays().Top()
	}
	return tappables(root, fyne.Position{}, whole)
}

// findShown is the tappable whose text begins with text.
func findShown(t *testing.T, all []shown, text string) shown {
	t.Helper()
	for _, s := range all {
		if strings.HasPrefix(s.text, text) {
			return s
		}
	}
	var texts []string
	for _, s := range all {
		texts = append(texts, s.text)
	}
	t.Fatalf("nothing to tap reads %q; there are %q", text, texts)
	return shown{}
}

// requireInView fails unless s is wholly on the window without scrolling.
func requireInView(t *testing.T, a *App, s shown, what string) {
	t.Helper()
	whole := area{size: a.win.Canvas().Size()}
	if !whole.contains(s.at) || !s.within.contains(s.at) {
		t.Fatalf("%s %q is at %v size %v, outside the %v window or its view %v", what, s.text, s.at.pos, s.at.size, whole.size, s.within)
	}
}

// TestNavigationFitsSmallScreen: on a 1024×600 laptop (the window 1024×560
// for the taskbar) every page has its own entry in the navigation, wholly
// in view (none behind an overflow "⋮", none scrolled away), and tapping it
// opens the page; the window asks for no more room than the screen has.
func TestNavigationFitsSmallScreen(t *testing.T) {
	a := newTestApp(t, true)
	a.win.Resize(smallScreen)
	if m := a.win.Content().MinSize(); m.Width > smallScreen.Width || m.Height > smallScreen.Height {
		t.Fatalf("the window needs %v, more than %v", m, smallScreen)
	}
	for _, title := range []string{"首页", "学校", "专业", "合作企业", "互派互聘", "培训", "报表", "设置"} {
		entry := findShown(t, onWindow(a, false), title)
		requireInView(t, a, entry, "navigation entry")
		tap(entry)
		if got := a.current().title; got != title {
			t.Fatalf("tapping %q opened %q", title, got)
		}
		if m := a.win.Content().MinSize(); m.Height > smallScreen.Height {
			t.Fatalf("on %s the window needs %v, more than %v", title, m, smallScreen)
		}
	}
}

// TestRecordFormFitsSmallScreen: a record form opened on a 1024×560 window
// shows its 保存 and 取消 buttons within the window.
func TestRecordFormFitsSmallScreen(t *testing.T) {
	a := newTestApp(t, true)
	a.win.Resize(smallScreen)
	for _, page := range []string{"学校", "互派互聘", "培训"} {
		a.show(page)
		a.current().screen.(recordPage).newRecord()
		if a.editing == nil {
			t.Fatalf("%s: no form opened", page)
		}
		all := onWindow(a, true)
		for _, b := range []string{"保存", "取消"} {
			requireInView(t, a, findShown(t, all, b), page+" form button")
		}
		a.editing.close()
	}
}

// requireDialogFits fails unless the top dialog lies on the window and each
// of its buttons that does not scroll with the text is wholly in view; it
// then closes the dialog.
func requireDialogFits(t *testing.T, a *App, what string) {
	t.Helper()
	c := a.win.Canvas()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatalf("%s: no dialog shown", what)
	}
	whole := area{size: c.Size()}
	if pop, ok := top.(*widget.PopUp); ok {
		// a dialog squeezed below the room its content needs draws the
		// content over its own buttons
		if need, have := pop.Content.MinSize(), pop.Content.Size(); need.Height > have.Height+0.5 || need.Width > have.Width+0.5 {
			t.Fatalf("%s: the dialog needs %v but has %v on the %v window", what, need, have, whole.size)
		}
	}
	buttons := 0
	for _, s := range onWindow(a, true) {
		if _, ok := s.obj.(*widget.Button); !ok || s.within != whole {
			continue // scrolls with the text, or not a button
		}
		buttons++
		requireInView(t, a, s, what+" button")
	}
	if buttons == 0 {
		t.Fatalf("%s: the dialog shows no button", what)
	}
	if a.prompt != nil {
		a.prompt.close()
	}
	for c.Overlays().Top() != nil {
		c.Overlays().Remove(c.Overlays().Top())
	}
}

// TestDialogsFitSmallScreen: the largest dialogs, opened on a 1024×560
// window, keep their buttons within it: 下发模板, 上报, the folder and file
// choosers (收取, 备份到U盘, 从备份恢复, 接收数据包) and, at a prefecture,
// each step of receiving a data file.
func TestDialogsFitSmallScreen(t *testing.T) {
	fa := test.NewTempApp(t)
	county := windowOn(t, fa, demoCounty(t))
	county.win.Resize(smallScreen)
	for _, d := range []struct {
		what string
		open func()
	}{
		{"下发填报模板", county.showTemplates},
		{"上报", county.showPack},
		{"收取填报表", county.chooseCollectFolder},
		{"备份到U盘", county.settings.chooseBackupFolder},
		{"从备份恢复", county.settings.chooseRestoreFile},
		{"导出报表", county.chooseExportFolder},
	} {
		d.open()
		requireDialogFits(t, county, d.what)
	}

	usb := t.TempDir()
	county.win.Resize(fyne.NewSize(1200, 760))
	packThroughDialog(t, county, usb, "", false)
	pref := windowOn(t, fa, prefectureStore(t))
	pref.win.Resize(smallScreen)
	pref.chooseBundle()
	requireDialogFits(t, pref, "接收数据包")
	pref.OpenFiles([]string{county.lastPack.path})
	for _, step := range []string{"核对密钥指纹", "接收数据包：核对变化", "接收结果"} {
		p := pref.prompt
		if p == nil || p.title != step {
			t.Fatalf("at %q the dialog is %+v", step, p)
		}
		next := p.order[len(p.order)-1] // 已核对 / 接收 / 关闭
		requireInView(t, pref, findShown(t, onWindow(pref, true), next.Text), step+" button")
		test.Tap(next)
	}
}

// tap taps s where a clerk would: on its text, near its left edge (a
// hyperlink ignores taps beside its text).
func tap(s shown) {
	test.TapAt(s.obj.(fyne.Tappable), fyne.NewPos(min(12, s.at.size.Width/2), s.at.size.Height/2))
}

// The first window, before the clerk has sized it, fits a 1024×600 screen
// with its taskbar: it opened at 1200×760, past the bottom of such a screen.
func TestFirstWindowFitsSmallScreen(t *testing.T) {
	a := newApp(test.NewTempApp(t), storetest.Demo(t), true)
	if s := a.win.Canvas().Size(); s.Width > smallScreen.Width || s.Height > smallScreen.Height {
		t.Fatalf("the first window is %v, bigger than %v", s, smallScreen)
	}
}
