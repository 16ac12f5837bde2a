package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// lockCard shows whether the selected year is locked (报出) and locks or
// unlocks it.
func (s *settingsScreen) lockCard() fyne.CanvasObject {
	a := s.a
	s.lockState = widget.NewLabel("")
	s.lockState.Wrapping = fyne.TextWrapWord
	s.lockBtn = widget.NewButtonWithIcon("锁定", theme.VisibilityOffIcon(), a.guard(s.askLock))
	s.unlockBtn = widget.NewButtonWithIcon("解锁…", theme.VisibilityIcon(), a.guard(s.askUnlock))
	s.lockBtn.Disable()
	s.unlockBtn.Disable()
	return widget.NewCard("年度锁定（报出）", "报出后锁定，防止已上报的数字被改动；解锁须填写原因，并记入操作记录",
		container.NewVBox(s.lockState, container.NewHBox(s.lockBtn, s.unlockBtn)))
}

// loadLock reads whether the selected year is locked.
func (s *settingsScreen) loadLock() {
	a, year := s.a, s.a.year
	var locked bool
	var rev int
	a.background(func() error {
		return a.db.View(context.Background(), func(tx *store.Tx) (err error) {
			if locked, err = tx.IsLocked(year); err != nil {
				return err
			}
			rev, err = tx.Revision(year)
			return err
		})
	}, func(err error) {
		if err != nil {
			a.logErr(err)
			s.lockState.Importance = widget.DangerImportance
			s.lockState.SetText("无法读取锁定状态：" + store.ErrorMessage(err))
			return
		}
		s.showLock(year, locked, rev)
	})
}

func (s *settingsScreen) showLock(year int, locked bool, rev int) {
	text := ""
	if locked {
		s.lockState.Importance = widget.WarningImportance
		text = fmt.Sprintf("%d 年度：已报出并锁定。该年度的专业、互派互聘和培训记录不能修改；确需修改时请解锁（须填写原因）。", year)
		s.lockBtn.Disable()
		s.unlockBtn.Enable()
	} else {
		s.lockState.Importance = widget.MediumImportance
		text = fmt.Sprintf("%d 年度：未锁定，可以修改。报出（正式上报）后请锁定。", year)
		s.lockBtn.Enable()
		s.unlockBtn.Disable()
	}
	if rev > 0 {
		text += fmt.Sprintf("\n已生成的数据文件：第 %d 版。", rev)
	}
	s.lockState.SetText(text)
}

func (s *settingsScreen) askLock() {
	a, year := s.a, s.a.year
	a.ask("锁定年度", fmt.Sprintf("将 %d 年度标记为已报出并锁定。\n锁定后，该年度的专业、互派互聘和培训记录不能修改，直到解锁（须填写原因）。", year), "锁定", func() {
		a.background(func() error {
			return a.db.Update(context.Background(), func(tx *store.Tx) error { return tx.Lock(year) })
		}, func(err error) {
			if err != nil {
				a.showError(err)
			}
			a.dataChanged(s) // the record pages show the lock
			s.loadLock()
		})
	})
}

// unlockDialog asks for the reason of an unlock; 解锁 stays disabled until
// one is written.
type unlockDialog struct {
	dlg    *dialog.CustomDialog
	reason *entry
	ok     *widget.Button
	msg    *widget.Label
}

func (s *settingsScreen) askUnlock() {
	a, year := s.a, s.a.year
	u := &unlockDialog{}
	u.reason = newEntry(a, "如：发现 3 条互派互聘记录的结束日期填错")
	u.msg = label("请填写解锁原因，它将记入操作记录，下次生成的数据文件会换新的版本号。", widget.LowImportance)
	u.msg.Wrapping = fyne.TextWrapWord
	u.ok = widget.NewButton("解锁", nil)
	u.ok.Importance = widget.DangerImportance
	u.ok.Disable()
	u.reason.OnChanged = func(t string) {
		if trim(t) == "" {
			u.ok.Disable()
		} else {
			u.ok.Enable()
		}
	}
	cancel := widget.NewButton("取消", nil)
	u.ok.OnTapped = a.guard(func() { s.unlockWith(year, u) })
	body := container.NewVBox(widget.NewLabel(fmt.Sprintf("解锁 %d 年度，以便修改已报出的记录。", year)),
		container.NewBorder(nil, nil, widget.NewLabel("原因"), nil, u.reason), u.msg)
	u.dlg = dialog.NewCustomWithoutButtons("解锁年度", container.NewBorder(nil,
		container.NewHBox(layoutSpacer(), cancel, u.ok), nil, nil, body), a.win)
	cancel.OnTapped = func() { u.dlg.Hide(); s.unlock = nil }
	u.dlg.Resize(fyne.NewSize(520, 240))
	s.unlock = u
	u.dlg.Show()
	a.win.Canvas().Focus(u.reason)
}

func (s *settingsScreen) unlockWith(year int, u *unlockDialog) {
	a := s.a
	reason := trim(u.reason.Text)
	a.background(func() error {
		return a.db.Update(context.Background(), func(tx *store.Tx) error { return tx.Unlock(year, reason) })
	}, func(err error) {
		if err != nil {
			a.logErr(err)
			u.msg.Importance = widget.DangerImportance
			u.msg.SetText("未解锁：" + store.ErrorMessage(err))
			return
		}
		u.dlg.Hide()
		s.unlock = nil
		a.dataChanged(s)
		s.loadLock()
	})
}

// yearLocked says whether year is locked (inside background work).
func yearLocked(ctx context.Context, db *store.DB, year int) (locked bool, err error) {
	err = db.View(ctx, func(tx *store.Tx) (err error) {
		locked, err = tx.IsLocked(year)
		return err
	})
	return
}

// lockText is the banner of a locked year's record pages: what is refused
// and where to unlock.
func lockText(year int) string {
	return fmt.Sprintf("%d 年度已报出并锁定，不能修改。如需更正，请到 设置 → 年度锁定 解锁。", year)
}

// showLock shows the banner of a locked year and makes the records of a
// yearly page read-only.
func (s *recordScreen[T]) showLock(year int, locked bool) {
	s.locked = locked && s.yearly
	switch {
	case s.locked:
		s.lockBanner.SetText(lockText(year))
		s.lockBanner.Show()
	case locked && s.lockNote != "":
		s.lockBanner.SetText(fmt.Sprintf("%d 年度已报出并锁定：%s如需更正，请到 设置 → 年度锁定 解锁。", year, s.lockNote))
		s.lockBanner.Show()
	default:
		s.lockBanner.Hide()
	}
	s.content.Refresh() // the banner's row appears or goes: lay the page out again
	s.updateButtons()
}

// updateButtons enables 新增 unless the year is locked, and 编辑/删除 when a
// row is selected too.
func (s *recordScreen[T]) updateButtons() {
	_, sel := s.tbl.selected()
	setEnabled(s.addBtn, !s.locked)
	setEnabled(s.editBtn, sel && !s.locked)
	setEnabled(s.delBtn, sel && !s.locked)
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// refuseLocked tells the clerk why a locked year's records cannot be
// changed (double-click and Ctrl+N reach here past the disabled buttons).
func (s *recordScreen[T]) refuseLocked() bool {
	if s.locked {
		s.a.showMessage("年度已锁定", lockText(s.a.year))
	}
	return s.locked
}
