package app

import (
	"errors"
	"fmt"
	"log"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/backup"
)

// Backups from the window: 备份到U盘 writes a checked copy into a folder
// the clerk chooses (backup.Copy); 从备份恢复 checks a copy and says what it
// holds (backup.Describe), and after confirmation replaces the database with
// it (backup.Restore, as the command line's restore does).
//
// How the window reopens its store: every screen holds the same *store.DB
// (App.db, and the adapters made from it), so a restore closes that DB,
// lets backup.Restore replace the file (keeping the replaced one in
// backup.Dir, and writing the restore to the 操作记录), opens the file again and copies the fresh DB into the same
// struct on the UI goroutine. Nothing holds the old connection pool after
// that, and every screen is reloaded.

const prefBackupDir = "backup.dir"

// copyWork runs work off the UI goroutine behind a progress dialog without a
// cancel button (a copy or a restore is not safe to interrupt). Like every
// long job it marks the window busy, so the buttons that start long work
// (imports, exports, these) are disabled until done has run.
func (a *App) copyWork(title, text string, work func() error, done func(error)) {
	bar := widget.NewProgressBarInfinite()
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(msg, bar), a.win)
	d.Resize(fyne.NewSize(460, 160))
	wasBusy := a.busy
	a.setBusy(true)
	d.Show()
	a.background(work, func(err error) {
		d.Hide()
		if !wasBusy {
			a.setBusy(false)
		}
		done(err)
	})
}

// chooseBackupFolder asks for the folder (the USB stick) to save the backup
// into, starting in the one chosen last time, and backs up into it.
func (s *settingsScreen) chooseBackupFolder() {
	a := s.a
	var start fyne.ListableURI
	if dir := a.fa.Preferences().String(prefBackupDir); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			start = l
		}
	}
	a.folderDialog("备份到U盘：选择备份保存的位置", "保存到此处", start,
		func(dir string) { a.fa.Preferences().SetString(prefBackupDir, dir) }, s.backupTo)
}

// backupTo writes a copy of the database into dir.
func (s *settingsScreen) backupTo(dir string) {
	a := s.a
	path := filepath.Join(dir, backup.FileName(a.db.Now()))
	a.copyWork("备份到U盘", "正在写入 "+path+"\n完成前请不要拔出U盘。", func() error {
		return backup.Copy(a.db, path)
	}, func(err error) {
		if err != nil {
			a.logErr(err)
			s.setSafety("备份未完成："+store.ErrorMessage(err), widget.DangerImportance)
			a.showError(err)
			return
		}
		s.setSafety("已备份到 "+path, widget.SuccessImportance)
		a.showMessage("备份完成", "数据库已备份到：\n"+path+"\n\n恢复时，在“设置 → 从备份恢复…”中选择这个文件。")
	})
}

// chooseRestoreFile asks for the backup file to restore, starting in the
// folder of the last one chosen, else in the automatic backups.
func (s *settingsScreen) chooseRestoreFile() {
	a := s.a
	dir := a.fa.Preferences().String(prefBackupDir)
	if dir == "" {
		dir = backup.Dir(a.db.Path)
	}
	start, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		start = nil
	}
	a.openFile("从备份恢复：选择备份文件", []string{".db"}, start,
		func(dir string) { a.fa.Preferences().SetString(prefBackupDir, dir) }, s.restoreFrom)
}

// restoreFrom checks the backup, then asks, naming its date, before
// replacing the database.
func (s *settingsScreen) restoreFrom(from string) {
	a := s.a
	var info backup.Info
	a.copyWork("从备份恢复", "正在检查备份 "+filepath.Base(from)+"…", func() (err error) {
		info, err = backup.Describe(from)
		return err
	}, func(err error) {
		if err != nil {
			a.logErr(err)
			s.setSafety("没有恢复："+store.ErrorMessage(err), widget.DangerImportance)
			a.showError(err)
			return
		}
		a.ask("从备份恢复", restoreQuestion(from, info, a.db.Path), "恢复", func() { s.restore(from) })
	})
}

func restoreQuestion(from string, info backup.Info, dbPath string) string {
	text := fmt.Sprintf("备份文件：%s\n备份时间：%s", from, info.FileTime.Local().Format("2006年1月2日 15:04"))
	if !info.LastChange.IsZero() {
		text += fmt.Sprintf("\n其中最后一次修改：%s", info.LastChange.Local().Format("2006年1月2日 15:04"))
	}
	if info.Unit != "" {
		text += fmt.Sprintf("\n单位：%s，%d 所学校", info.Unit, info.Schools)
	}
	text += "\n\n恢复后，程序中的全部数据将变为备份时的样子，之后的修改将不再显示。" +
		"\n当前的数据库会先另存到 " + backup.Dir(dbPath) + "（文件名以 before-restore 开头），需要时可以再恢复回来。" +
		"\n\n确定要恢复吗？"
	return text
}

// restore closes the database, replaces it with the backup, opens it again
// and reloads every screen.
func (s *settingsScreen) restore(from string) {
	a := s.a
	var saved string
	var fresh *store.DB
	var restoreErr error
	path, ref, now := a.db.Path, a.db.Ref, a.db.Now
	a.copyWork("从备份恢复", "正在恢复，请稍候…", func() error {
		if err := a.db.Close(); err != nil {
			log.Printf("restore: close: %v", err)
		}
		saved, restoreErr = backup.Restore(path, from) // records the restore in the 操作记录
		db, err := store.Open(path, ref)
		if err != nil {
			return err
		}
		db.Now = now
		fresh = db
		return restoreErr
	}, func(err error) {
		if fresh != nil {
			*a.db = *fresh // every screen holds a.db: they now read the restored file
		}
		a.loadUnit()
		a.changed()
		switch {
		case fresh == nil:
			// the file could not be opened again: say what happened and where the data is
			a.logErr(err)
			msg := "恢复后无法重新打开数据库：" + store.ErrorMessage(err)
			if saved != "" {
				msg += "\n恢复前的数据库已另存为：" + saved
			}
			msg += "\n请关闭程序后重新打开。"
			s.setSafety(msg, widget.DangerImportance)
			a.showMessage("恢复未完成", msg)
		case errors.Is(err, backup.ErrNotLogged): // restored; the message says what is missing
			a.logErr(err)
			s.setSafety(store.ErrorMessage(err), widget.WarningImportance)
			a.showError(err)
		case err != nil:
			a.logErr(err)
			s.setSafety("没有恢复，数据未改变："+store.ErrorMessage(err), widget.DangerImportance)
			a.showError(err)
		default:
			msg := "已从备份恢复：" + from
			if saved != "" {
				msg += "\n恢复前的数据库已另存为：" + saved
			}
			s.setSafety(msg, widget.SuccessImportance)
			a.showMessage("恢复完成", msg)
		}
	})
}

// NoteStartupBackup tells the window how the automatic copy at start went.
// A failure is shown as a notice; the program carries on.
func (a *App) NoteStartupBackup(path string, err error) {
	s := a.settings
	if err != nil {
		log.Printf("automatic backup: %v", err)
		s.autoBackup = "启动时的自动备份未完成：" + store.ErrorMessage(err)
		s.setSafety(s.autoBackup, widget.WarningImportance)
		a.showMessage("自动备份未完成", s.autoBackup+"\n\n程序可以照常使用。请检查磁盘空间，或用“设置 → 备份到U盘…”另行备份。")
		return
	}
	s.autoBackup = "启动时已自动备份：" + path
	s.setSafety(s.autoBackup, widget.MediumImportance)
}
