package app

import (
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestF1OpensHelp: F1 on the window opens the guide, sized for a 1024×600
// screen, showing the year's work, refused files and moving laptops; Esc
// closes it. With CHANJIAO_HELP_PNG set it saves a picture of the window.
func TestF1OpensHelp(t *testing.T) {
	a := newTestApp(t, false)
	a.win.Resize(fyne.NewSize(1024, 600))
	typeKey(a, fyne.KeyF1)
	p := a.prompt
	if p == nil || p.title != helpTitle {
		t.Fatalf("F1 opened %+v, want the guide", p)
	}
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("F1: no dialog shown")
	}
	if s := top.Size(); s.Width > 1024 || s.Height > 600 {
		t.Fatalf("guide is %v, larger than a 1024×600 screen", s)
	}
	rt := findRichText(top)
	if rt == nil {
		t.Fatal("guide shows no text")
	}
	for _, want := range []string{"设置本单位", "下发模板", "收取", "核对", "报表", "上报", "报送情况",
		"不少于 10 人", "曲靖市政府", "中职升学率", "错误标注", "重新拷贝", "备份到U盘", "从备份恢复", "密钥指纹"} {
		mustContain(t, segmentsText(rt.Segments), want)
	}
	if path := os.Getenv("CHANJIAO_HELP_PNG"); path != "" {
		savePNG(t, a.win.Canvas().Capture(), path)
	}
	typeKey(a, fyne.KeyF1) // a second F1 keeps the one guide
	if a.prompt != p {
		t.Fatal("second F1 opened another guide")
	}
	typeKey(a, fyne.KeyEscape)
	if a.prompt != nil || a.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc left the guide open")
	}
}

// TestHelpMenuOverDialog: the 帮助 menu opens the guide; over another
// dialog, Esc closes the guide first and then the dialog below.
func TestHelpMenuOverDialog(t *testing.T) {
	a := newTestApp(t, false)
	below := a.newPrompt("导出报表", "")
	below.closeButton("关闭", widget.MediumImportance, nil)
	below.onEsc = below.close
	below.show(widget.NewLabel(""), fyne.NewSize(300, 200))

	menu := a.win.MainMenu().Items
	help := menu[len(menu)-1]
	if help.Label != "帮助" {
		t.Fatalf("last menu is %q, want 帮助", help.Label)
	}
	help.Items[0].Action()
	pressPrompt(t, a, helpTitle, "关闭", "从备份恢复")
	if a.prompt != below {
		t.Fatal("closing the guide lost the dialog below")
	}
	help.Items[0].Action()
	typeKey(a, fyne.KeyEscape)
	typeKey(a, fyne.KeyEscape)
	if a.prompt != nil || a.win.Canvas().Overlays().Top() != nil {
		t.Fatal("two Esc did not close the guide and the dialog below")
	}
}

// typeKey presses a key with no field focused, as the window passes it on.
func typeKey(a *App, k fyne.KeyName) {
	a.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
}

func findRichText(o fyne.CanvasObject) *widget.RichText {
	var kids []fyne.CanvasObject
	switch v := o.(type) {
	case *widget.RichText:
		return v
	case *fyne.Container:
		kids = v.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(v).Objects()
	}
	for _, k := range kids {
		if r := findRichText(k); r != nil {
			return r
		}
	}
	return nil
}

// segmentsText is the text of rich text segments, lists and paragraphs
// included (RichText.String leaves those out).
func segmentsText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Textual())
		if n, ok := s.(interface {
			Segments() []widget.RichTextSegment
		}); ok {
			b.WriteString(segmentsText(n.Segments()))
		}
	}
	return b.String()
}

func savePNG(t *testing.T, img image.Image, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// F1 opens the guide while the clerk is typing in a field too.
func TestF1InAFieldOpensHelp(t *testing.T) {
	a := newTestApp(t, true)
	a.show("学校")
	e := a.schools.tbl.search
	a.win.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF1})
	if a.prompt == nil || a.prompt.title != helpTitle {
		t.Fatal("F1 in the search field did not open the guide")
	}
}
