package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/reports"
	"chanjiao/store"
	"chanjiao/store/handoff"
)

// 上报: the year packed into a data file for the level above.

// showPack opens the 上报 dialog: the folder, the revision so far, an
// optional passphrase entered twice and whether to lock the year.
func (a *App) showPack() {
	if !a.canStart("上报", "请先在“设置”中设置本单位。") {
		return
	}
	year := a.year
	var st handoff.ExportState
	a.background(func() (err error) {
		st, err = handoff.State(context.Background(), a.db, year)
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		a.packDialog(year, st)
	})
}

func (a *App) packDialog(year int, st handoff.ExportState) {
	last := "本年度尚未生成过数据包，这次将是第 1 版。"
	if st.Revision > 0 {
		last = fmt.Sprintf("上次生成的是第 %d 版。数据有改动（或解锁过）时版本号加 1，没有改动则仍为第 %d 版。", st.Revision, st.Revision)
	}
	intro := fmt.Sprintf("把%s%d年度的数据（连同报表PDF和Excel）生成一个数据包文件，保存到U盘后交给上级。", a.unit.Name, year)
	text := intro + "\n" + last
	p := a.newPrompt(fmt.Sprintf("上报 %d 年度数据", year), text)
	dir := ""
	if l := a.lastFolder(); l != nil {
		dir = l.Path()
	}
	dirLabel := widget.NewLabel("")
	dirLabel.Truncation = fyne.TextTruncateEllipsis
	msg := label("", widget.DangerImportance)
	msg.Wrapping = fyne.TextWrapWord
	pass1, pass2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	pass1.SetPlaceHolder("可不填")
	pass2.SetPlaceHolder("再输入一次")
	p.fields["口令"], p.fields["再次输入口令"] = pass1, pass2
	lock := widget.NewCheck("报出后锁定本年度数据（锁定后不能再修改，需修改时须填写原因解锁）", nil)
	lock.SetChecked(!st.Locked)
	if st.Locked {
		lock.SetText("本年度数据已锁定")
		lock.Disable()
	}
	p.checks["锁定"] = lock
	var ok *widget.Button
	check := func() {
		switch {
		case dir == "":
			msg.SetText("请选择保存数据包的文件夹（如U盘）。")
		case pass1.Text != pass2.Text:
			msg.SetText("两次输入的口令不一致。")
		default:
			msg.SetText("")
		}
		dirLabel.SetText(dir)
		if dir == "" {
			dirLabel.SetText("（未选择）")
		}
		if ok != nil {
			if msg.Text == "" {
				ok.Enable()
			} else {
				ok.Disable()
			}
		}
	}
	p.setDir = func(d string) { dir = d; check() }
	pass1.OnChanged = func(string) { check() }
	pass2.OnChanged = func(string) { check() }
	choose := widget.NewButton("选择文件夹…", func() {
		a.chooseFolder("保存数据包到文件夹（如U盘）", func(d string) { p.setDir(d) })
	})
	p.closeButton("取消", widget.MediumImportance, nil)
	ok = p.button("生成数据包", widget.HighImportance, func() {
		if msg.Text != "" {
			return
		}
		p.close()
		a.pack(year, dir, pass1.Text, lock.Checked && !st.Locked, st.Revision)
	})
	p.onEsc = p.close
	check()
	introLabel := widget.NewLabel(intro)
	introLabel.Wrapping = fyne.TextWrapWord
	lastLabel := boldLabel("版本：" + last)
	lastLabel.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("保存到"), container.NewBorder(nil, nil, nil, choose, dirLabel),
		widget.NewLabel("口令"), pass1,
		widget.NewLabel("再次输入口令"), pass2,
	)
	hint := widget.NewLabel("口令可不填。如与上级约定了口令，数据包将加密，上级接收时须输入同一口令；口令请电话告知，不要写在U盘上。")
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	var lockObj fyne.CanvasObject = lock
	if st.Locked {
		lockObj = widget.NewLabel(fmt.Sprintf("%d 年度数据已锁定（上次报出时锁定）。", year))
	}
	p.show(container.NewVBox(introLabel, lastLabel, form, hint, lockObj, msg), fyne.NewSize(660, 460))
}

// packResult is what a pack wrote.
type packResult struct {
	path        string
	revision    int
	fingerprint string
	locked      bool
}

// pack renders the returns, packs the year and writes the file into dir,
// locking the year when asked, off the UI goroutine.
func (a *App) pack(year int, dir, passphrase string, lock bool, before int) {
	var res packResult
	a.longTask(fmt.Sprintf("上报 %d 年度数据", year), func(ctx context.Context, pr *progress) error {
		pr.set("正在生成报表…", 0.1)
		files, err := reports.Render(ctx, a.db, year, reports.Options{})
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		pr.set("正在打包并签名…", 0.5)
		opts := handoff.PackOptions{Returns: files, Passphrase: passphrase, Lock: lock}
		packed, err := handoff.Export(ctx, a.db, year, opts, dir)
		if err != nil {
			return err
		}
		res = packResult{path: packed.Path, revision: packed.Revision, locked: packed.Locked,
			fingerprint: store.Fingerprint(packed.Manifest.PublicKey)}
		return nil
	}, func(err error) {
		a.lastPack = res
		if err != nil {
			if errors.Is(err, context.Canceled) {
				a.showMessage("上报", "已取消，没有生成数据包。")
				return
			}
			a.showError(err)
			return
		}
		var lines []string
		if before > 0 && before != res.revision {
			lines = append(lines, fmt.Sprintf("已生成 %d 年度数据包：第 %d 版（上次为第 %d 版）。", year, res.revision, before))
		} else if before == res.revision {
			lines = append(lines, fmt.Sprintf("已生成 %d 年度数据包：第 %d 版（数据没有改动，版本号不变）。", year, res.revision))
		} else {
			lines = append(lines, fmt.Sprintf("已生成 %d 年度数据包：第 %d 版。", year, res.revision))
		}
		lines = append(lines, "文件："+res.path)
		if passphrase != "" {
			lines = append(lines, "数据包已用口令加密，请电话告知上级口令。")
		}
		if res.locked {
			lines = append(lines, fmt.Sprintf("%d 年度数据已锁定。", year))
		}
		fpNote := "首次报送时，上级会电话核对本机密钥指纹，请照此逐组读给对方："
		p := a.newPrompt("上报", strings.Join(lines, "\n")+"\n\n"+fpNote+"\n本机密钥指纹："+res.fingerprint)
		p.button("打开所在文件夹", widget.MediumImportance, func() { a.openPath(filepath.Dir(res.path)) })
		p.closeButton("关闭", widget.HighImportance, nil)
		p.onEsc = p.close
		fp := boldLabel(res.fingerprint)
		fp.SizeName = theme.SizeNameSubHeadingText
		fp.Alignment = fyne.TextAlignCenter
		fp.Selectable = true
		note := widget.NewLabel(fpNote)
		note.Wrapping = fyne.TextWrapWord
		p.show(container.NewVBox(textBox(strings.Join(lines, "\n"), widget.MediumImportance), widget.NewSeparator(), note, fp), fyne.NewSize(660, 360))
		if res.locked {
			a.changed()
		}
	})
}
