package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// dialogTexts is every label, button and text of the dialog on top.
func dialogTexts(t *testing.T, a *App) []string {
	t.Helper()
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	var out []string
	eachObject(top, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		}
	})
	return out
}

// The folder and file dialogs speak Chinese: no "Home"/"Computer" in the
// sidebar, no "Open Folder"/"Open"/"Cancel", and a dialog that saves says
// so in its title and on its button (备份到U盘 once asked "打开 文件夹"
// with 打开).
func TestFileDialogsSayWhatHappensInChinese(t *testing.T) {
	english := []string{"Home", "Computer", "Desktop", "Documents", "Downloads", "Music", "Pictures", "Videos",
		"Open", "Save", "Cancel", "Folder", "File", "Open Folder", "Open File", "Favourites", "(Parent)"}
	start := t.TempDir()
	if err := os.Mkdir(filepath.Join(start, "U盘"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what  string
		open  func(a *App)
		wants []string
	}{
		{"备份到U盘", func(a *App) { a.settings.chooseBackupFolder() }, []string{"备份到U盘：选择备份保存的位置", "保存到此处", "取消", "主文件夹"}},
		{"导出报表", func(a *App) { a.chooseSaveFolder("导出 2025 年度报表到文件夹（如U盘）", func(string) {}) }, []string{"保存到此处"}},
		{"收取填报表", func(a *App) { a.chooseCollectFolder() }, []string{"选择此文件夹", "主文件夹"}},
		{"导入工作簿", func(a *App) { a.chooseWorkbook() }, []string{"导入工作簿（.xlsx）", "打开", "取消", "主文件夹"}},
	} {
		t.Run(c.what, func(t *testing.T) {
			a := newTestApp(t, false)
			a.fa.Preferences().SetString(prefBackupDir, start)
			a.rememberFolder(start)
			c.open(a)
			texts := dialogTexts(t, a)
			all := "\n" + strings.Join(texts, "\n") + "\n"
			for _, w := range c.wants {
				if !strings.Contains(all, "\n"+w+"\n") {
					t.Errorf("dialog does not show %q; it shows %q", w, texts)
				}
			}
			for _, text := range texts {
				for _, e := range english {
					if text == e || strings.HasPrefix(text, e+" ") {
						t.Errorf("dialog shows English %q", text)
					}
				}
				if text == "打开 文件夹" || (c.what == "备份到U盘" && text == "打开") {
					t.Errorf("a save dialog shows %q", text)
				}
			}
		})
	}
}
