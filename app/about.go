package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/backup"
)

// aboutCard is 关于: the version, where the data is and how big, where the
// backups go and whether the reference data is built in.
func (s *settingsScreen) aboutCard() fyne.CanvasObject {
	s.about = widget.NewLabel(aboutText(s.a))
	s.about.Wrapping = fyne.TextWrapWord
	s.about.Selectable = true
	return widget.NewCard("关于", appTitle, container.NewVBox(s.about, s.fingerprintRow()))
}

// fingerprintRow shows this installation's key fingerprint, selectable, with
// a 复制 button: the level above phones to confirm it before accepting the
// first data file, long after the 上报 that showed it. The 本单位 card and
// 关于 each have one; loadFingerprint fills them all.
func (s *settingsScreen) fingerprintRow() fyne.CanvasObject {
	l := widget.NewLabel("…")
	l.TextStyle.Monospace = true
	l.Selectable = true
	b := widget.NewButtonWithIcon("复制", theme.ContentCopyIcon(), func() { s.a.copyText(s.keyFingerprint) })
	b.Disable()
	s.fingerprints = append(s.fingerprints, l)
	s.copyFingerprint = append(s.copyFingerprint, b)
	return container.NewHBox(widget.NewLabel("数据包签名密钥指纹："), l, b)
}

// loadFingerprint reads the signing key (made here on first use, as 上报
// would) and shows its fingerprint.
func (s *settingsScreen) loadFingerprint() {
	a := s.a
	var fp string
	a.background(func() error {
		return a.db.Update(context.Background(), func(tx *store.Tx) error {
			id, err := tx.Identity()
			fp = id.Fingerprint()
			return err
		})
	}, func(err error) {
		if err != nil {
			a.logErr(err)
			fp = "无法读取（" + store.ErrorMessage(err) + "）"
		}
		s.keyFingerprint = fp
		for i, l := range s.fingerprints {
			l.SetText(fp)
			if err == nil {
				s.copyFingerprint[i].Enable()
			}
		}
	})
}

func aboutText(a *App) string {
	path := a.db.Path
	text := fmt.Sprintf("版本：%s\n数据文件夹：%s\n数据库：%s（%s）\n自动备份位置：%s",
		store.Version, filepath.Dir(path), filepath.Base(path), sizeText(dbSize(path)), backup.Dir(path))
	if s := a.settings; s != nil && s.autoBackup != "" {
		text += "\n" + s.autoBackup
	}
	ref := a.db.Ref
	if ref == nil || ref.Missing {
		text += "\n参考数据：未包含（专业代码和区划代码不作核对）。请安装完整版本。"
	} else {
		text += fmt.Sprintf("\n参考数据：2021 年职业教育专业目录 %d 个专业；行政区划代码 %d 个县级区划",
			len(ref.Majors()), len(ref.Regions("", 6)))
	}
	return text
}

// dbSize is the database's size on disk, its write-ahead log included.
func dbSize(path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

// scrollToEnd shows the bottom of the settings page (年度锁定, 数据安全, 关于),
// again once the window has laid it out and the page's texts have arrived.
func (s *settingsScreen) scrollToEnd() {
	sc, ok := s.content.(*container.Scroll)
	if !ok {
		return
	}
	sc.ScrollToBottom()
	if !s.a.sync {
		go func() {
			time.Sleep(700 * time.Millisecond)
			fyne.Do(sc.ScrollToBottom)
		}()
	}
}

// Theme is the program's look (the bundled CJK font), for the windows the
// program shows before the main window exists (start-up messages).
func Theme() fyne.Theme { return newTheme() }
