package app

import (
	"context"
	"log"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// background runs work off the UI goroutine and hands its error to done on
// the UI goroutine (convention 8). A panic in work becomes an internal error.
func (a *App) background(work func() error, done func(error)) {
	if a.sync {
		done(safeRun(work))
		return
	}
	go func() {
		err := safeRun(work)
		fyne.Do(func() { done(err) })
	}()
}

// longWork is background with a progress dialog and a cancel button.
func (a *App) longWork(title string, work func(context.Context) error, done func(error)) {
	a.longTask(title, func(ctx context.Context, _ *progress) error { return work(ctx) }, done)
}

// progress is the dialog of one long job: a bar, a line saying what is being
// done, and a cancel button. set may be called from the job's goroutine.
type progress struct {
	a      *App
	bar    *widget.ProgressBar
	text   *widget.Label
	cancel *widget.Button
	dlg    *dialog.CustomDialog
}

// set shows what the job is doing and how far it is (0–1).
func (p *progress) set(text string, frac float64) {
	apply := func() {
		p.text.SetText(text)
		p.bar.SetValue(frac)
	}
	if p.a.sync {
		apply()
		return
	}
	fyne.Do(apply)
}

// longTask runs work off the UI goroutine (convention 8) with a progress
// dialog whose 取消 cancels work's context. The buttons that start long work
// are disabled until done has run.
func (a *App) longTask(title string, work func(context.Context, *progress) error, done func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	p := &progress{a: a, bar: widget.NewProgressBar(), text: widget.NewLabel("请稍候…")}
	p.text.Truncation = fyne.TextTruncateEllipsis
	p.cancel = widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() {
		cancel()
		p.cancel.Disable()
		p.text.SetText("正在取消…")
	})
	p.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.text, p.bar, container.NewHBox(layoutSpacer(), p.cancel)), a.win)
	p.dlg.Resize(fyne.NewSize(460, 160))
	p.dlg.Show()
	wasBusy := a.busy
	a.setBusy(true)
	a.background(func() error { return work(ctx, p) }, func(err error) {
		cancel()
		p.dlg.Hide()
		if !wasBusy {
			a.setBusy(false)
		}
		done(err)
	})
}

// action makes a button that starts long work; it is disabled while any
// such work runs.
func (a *App) action(text string, icon fyne.Resource, fn func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, icon, a.guard(fn))
	a.actions = append(a.actions, b)
	if a.busy {
		b.Disable()
	}
	return b
}

func (a *App) setBusy(busy bool) {
	a.busy = busy
	for _, b := range a.actions {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func safeRun(work func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("panic: %v\n%s", r, debug.Stack())
			err = store.Errorf(store.EInternal, "%s", store.InternalMessage)
		}
	}()
	return work()
}

// guard wraps a UI callback so a panic shows a dialog instead of ending the
// program.
func (a *App) guard(fn func()) func() {
	return func() {
		defer func() {
			if r := recover(); r != nil {
				log.Printf("panic: %v\n%s", r, debug.Stack())
				a.showMessage("出错了", store.InternalMessage)
			}
		}()
		fn()
	}
}

// refuseWhileBusy tells the clerk to wait for the running job.
func (a *App) refuseWhileBusy() bool {
	if a.busy {
		a.showMessage("请稍候", "上一项操作还没有完成，请完成后再试。")
	}
	return a.busy
}

// canStart says whether a job that needs the unit may start now; if not, the
// clerk is told why (another job runs, or the unit is not set: noUnit).
func (a *App) canStart(title, noUnit string) bool {
	if a.refuseWhileBusy() {
		return false
	}
	if !a.hasUnit {
		a.showMessage(title, noUnit)
	}
	return a.hasUnit
}
