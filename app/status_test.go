package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestReceiveBesideStatus: at a prefecture, 首页's 报送情况 offers 接收数据包…
// and 接收文件夹中的全部数据包…, in view on a 1024×560 window, and they open
// the same choosers as the 文件 menu. The page is no wider than the screen.
func TestReceiveBesideStatus(t *testing.T) {
	a := windowOn(t, test.NewTempApp(t), prefectureStore(t))
	a.win.Resize(smallScreen)
	a.show("首页")
	if a.home.status == nil {
		t.Fatal("a prefecture's 首页 shows no 报送情况")
	}
	if m := a.win.Content().MinSize(); m.Width > smallScreen.Width || m.Height > smallScreen.Height {
		t.Fatalf("with 报送情况 the window needs %v, more than %v", m, smallScreen)
	}
	for _, c := range []struct{ button, chooser string }{
		{"接收数据包…", "接收数据包（.cjrh）"},
		{"接收文件夹中的全部数据包…", "接收文件夹中的全部数据包"},
	} {
		b := findShown(t, onWindow(a, false), c.button)
		requireInView(t, a, b, "报送情况 button")
		tap(b)
		top := a.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s opened nothing", c.button)
		}
		mustContain(t, textOf(top), c.chooser)
		a.win.Canvas().Overlays().Remove(top)
	}
}

// TestCountyHasNoReceiveButtons: a county does not receive data files, and
// its 首页 offers no 接收.
func TestCountyHasNoReceiveButtons(t *testing.T) {
	a := newTestApp(t, true)
	for _, s := range onWindow(a, false) {
		if s.text == "接收数据包…" {
			t.Fatal("a county's 首页 offers 接收数据包…")
		}
	}
}
