// Package app is the desktop window: one file per screen, a small layer of
// shared widgets (table, form, picker) and the theme. It reads and writes
// records only through store methods inside db.View / db.Update; it never
// writes SQL.
package app

import (
	"context"
	"log"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/demo"
)

const appTitle = "产教融合数据报送"

// screen is one page of the navigation.
type screen interface {
	Load() // (re)reads what the page shows for the selected year
}

// recordPage is a screen with a table of records and a form.
type recordPage interface {
	screen
	newRecord()
	focusSearch()
}

type page struct {
	title  string
	icon   fyne.Resource
	screen screen
	obj    fyne.CanvasObject
	stale  bool
}

// App is the main window.
type App struct {
	fa   fyne.App
	db   *store.DB
	win  fyne.Window
	sync bool // tests: run background work inline

	offerOnEmpty bool // offer the demo or the unit settings when there is no unit

	year    int
	unit    store.Unit
	hasUnit bool

	yearSel  *widget.Select
	unitText *widget.Label
	tabs     *container.AppTabs
	pages    []*page

	home        *homeScreen
	schools     *recordScreen[store.School]
	enterprises *recordScreen[store.Enterprise]
	majors      *recordScreen[store.Major]
	secondments *recordScreen[store.Secondment]
	trainings   *recordScreen[store.Training]
	reports     *reportsScreen
	settings    *settingsScreen

	look    lookups
	editing *editor // the open form, if any
	confirm *confirmDialog
	prompt  *prompt // the open step of an import, export or hand-off, kept for tests

	busy     bool             // a long job or a hand-off flow is running
	actions  []*widget.Button // buttons that start long work: disabled while busy
	mu       sync.Mutex       // guards started and pending (OpenFiles may come from any goroutine)
	started  bool             // the event loop runs (ShowAndRun)
	pending  []string         // files given before the window was shown
	opener   func(*url.URL) error
	lastPack packResult // what the last 上报 wrote, for tests
}

// New builds the main window on a Fyne app. The caller shows it with
// ShowAndRun.
func New(fa fyne.App, db *store.DB) *App { return newApp(fa, db, false) }

func newApp(fa fyne.App, db *store.DB, sync bool) *App {
	a := &App{fa: fa, db: db, sync: sync, opener: fa.OpenURL}
	fa.Settings().SetTheme(newTheme())
	a.win = fa.NewWindow(appTitle)
	a.year = fa.Preferences().IntWithFallback("year", db.Now().Year()-1)

	a.home = newHomeScreen(a)
	a.schools = newSchoolsScreen(a)
	a.enterprises = newEnterprisesScreen(a)
	a.majors = newMajorsScreen(a)
	a.secondments = newSecondmentsScreen(a)
	a.trainings = newTrainingsScreen(a)
	a.reports = newReportsScreen(a)
	a.settings = newSettingsScreen(a)
	a.pages = []*page{
		{title: "首页", icon: theme.HomeIcon(), screen: a.home, obj: a.home.content},
		{title: "学校", icon: theme.AccountIcon(), screen: a.schools, obj: a.schools.content},
		{title: "专业", icon: theme.ListIcon(), screen: a.majors, obj: a.majors.content},
		{title: "合作企业", icon: theme.StorageIcon(), screen: a.enterprises, obj: a.enterprises.content},
		{title: "互派互聘", icon: theme.MailForwardIcon(), screen: a.secondments, obj: a.secondments.content},
		{title: "培训", icon: theme.DocumentIcon(), screen: a.trainings, obj: a.trainings.content},
		{title: "报表", icon: theme.GridIcon(), screen: a.reports, obj: a.reports.content},
		{title: "设置", icon: theme.SettingsIcon(), screen: a.settings, obj: a.settings.content},
	}
	var items []*container.TabItem
	for _, p := range a.pages {
		p.stale = true
		items = append(items, container.NewTabItemWithIcon(p.title, p.icon, p.obj))
	}
	a.tabs = container.NewAppTabs(items...)
	a.tabs.SetTabLocation(container.TabLocationLeading)
	a.tabs.OnSelected = func(*container.TabItem) { a.showCurrent() }

	a.a11yShortcuts()
	a.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { a.guard(func() { a.dropped(uris) })() })
	a.setMenu()
	a.win.SetContent(container.NewBorder(a.header(), nil, nil, nil, a.tabs))
	w := fa.Preferences().FloatWithFallback("win.w", 1200)
	h := fa.Preferences().FloatWithFallback("win.h", 760)
	a.win.Resize(fyne.NewSize(float32(w), float32(h)))
	a.win.SetOnClosed(func() {
		s := a.win.Canvas().Size()
		if s.Width > 300 && s.Height > 200 {
			fa.Preferences().SetFloat("win.w", float64(s.Width))
			fa.Preferences().SetFloat("win.h", float64(s.Height))
		}
	})
	a.loadUnit()
	a.showCurrent()
	return a
}

// Window is the main window.
func (a *App) Window() fyne.Window { return a.win }

// ShowAndRun shows the window and runs until it is closed. On a database
// without a unit it first offers the demo county or the unit settings.
func (a *App) ShowAndRun() {
	a.offerOnEmpty = true // loadUnit's answer arrives on the UI loop, after this
	a.fa.Lifecycle().SetOnStarted(func() {
		a.mu.Lock()
		a.started = true
		paths := a.pending
		a.pending = nil
		a.mu.Unlock()
		if len(paths) > 0 { // files from the command line, once the window shows
			go fyne.Do(func() { a.guard(func() { a.openFiles(paths) })() })
		}
	})
	a.win.ShowAndRun()
}

func (a *App) header() fyne.CanvasObject {
	var years []string
	now := a.db.Now().Year()
	for y := now + 1; y >= now-8; y-- {
		years = append(years, yearText(y))
	}
	a.yearSel = widget.NewSelect(years, func(s string) {
		y := parseYear(s)
		if y != 0 && y != a.year {
			a.setYear(y)
		}
	})
	a.yearSel.SetSelected(yearText(a.year))
	a.unitText = boldLabel(appTitle)
	importBtn := a.action("导入工作簿…", theme.UploadIcon(), a.chooseWorkbook)
	importBtn.Importance = widget.LowImportance
	right := container.NewHBox(importBtn, widget.NewSeparator(), widget.NewLabel("统计年度"), a.yearSel)
	top := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.HomeIcon()), a.unitText), right)
	objs := []fyne.CanvasObject{top}
	if a.db.Ref == nil || a.db.Ref.Missing {
		objs = append(objs, label("注意：本程序未包含专业目录和区划代码表，代码将不作核对。请安装完整版本。", widget.WarningImportance))
	}
	objs = append(objs, widget.NewSeparator())
	return container.NewVBox(objs...)
}

func yearText(y int) string { return strconv.Itoa(y) + " 年" }

func parseYear(s string) int {
	y, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(s, "年")))
	return y
}

// setYear changes the year every screen shows.
func (a *App) setYear(y int) {
	a.year = y
	a.fa.Preferences().SetInt("year", y)
	if a.yearSel.Selected != yearText(y) {
		a.yearSel.SetSelected(yearText(y))
	}
	a.changed()
}

// changed marks every screen stale (the data or the year changed) and reloads
// the one showing.
func (a *App) changed() {
	for _, p := range a.pages {
		p.stale = true
	}
	a.showCurrent()
}

// dataChanged marks every screen but keep stale after a save or a delete.
func (a *App) dataChanged(keep screen) {
	for _, p := range a.pages {
		if p.screen != keep {
			p.stale = true
		}
	}
}

func (a *App) logErr(err error) { log.Printf("error: %v", err) }

func (a *App) current() *page {
	i := a.tabs.SelectedIndex()
	if i < 0 || i >= len(a.pages) {
		return a.pages[0]
	}
	return a.pages[i]
}

func (a *App) showCurrent() {
	p := a.current()
	if p.stale {
		p.stale = false
		p.screen.Load()
	}
}

// show switches to the page with the given title.
func (a *App) show(title string) {
	for i, p := range a.pages {
		if p.title == title {
			a.tabs.SelectIndex(i)
			a.showCurrent()
			return
		}
	}
}

func (a *App) loadUnit() {
	var u store.Unit
	a.background(func() (err error) {
		return a.db.View(context.Background(), func(tx *store.Tx) (err error) {
			u, err = tx.Unit()
			return err
		})
	}, func(err error) {
		switch {
		case err == nil:
			a.unit, a.hasUnit = u, true
			a.win.SetTitle(appTitle + " — " + u.Name)
			a.unitText.SetText(u.Name + "（" + store.LevelName(u.Level) + "，" + u.Code + "）")
			a.unitChanged()
		case store.ErrorCode(err) == store.ENotFound:
			a.hasUnit = false
			a.unitChanged()
			a.win.SetTitle(appTitle + " — 未设置单位")
			a.unitText.SetText("尚未设置本单位")
			if a.offerOnEmpty {
				a.offerOnEmpty = false
				a.offerFirstRun()
			}
		default:
			a.showError(err)
		}
	})
}

// offerFirstRun asks what to do with an empty database.
func (a *App) offerFirstRun() {
	msg := widget.NewLabel("这是一个新的数据库，还没有设置本单位。\n\n" +
		"· 想先看看程序怎么用：填入示例数据（楚雄市的示例学校、企业和记录），以后可删除。\n" +
		"· 开始正式填报：先设置本单位的区划代码、名称和级别。")
	var d *dialog.CustomDialog
	demoBtn := widget.NewButton("填入示例数据", func() { d.Hide(); a.fillDemo() })
	setupBtn := widget.NewButton("设置本单位", func() { d.Hide(); a.show("设置") })
	setupBtn.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("欢迎使用"+appTitle, container.NewVBox(msg, container.NewHBox(demoBtn, setupBtn)), a.win)
	d.Show()
}

func (a *App) fillDemo() {
	a.longWork("正在填入示例数据…", func(ctx context.Context) error { return demo.Fill(ctx, a.db) }, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		a.loadUnit()
		a.changed()
	})
}

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

// unitChanged updates what depends on the unit's level: 接收 is for a
// prefecture or province only.
func (a *App) unitChanged() {
	a.setMenu()
	if a.reports != nil {
		a.reports.showActions()
	}
	for _, p := range a.pages {
		if p.screen == a.home {
			p.stale = true
		}
	}
}

// receives says whether this unit takes data files from the units under it.
func (a *App) receives() bool { return a.hasUnit && a.unit.Level != store.LevelCounty }

// setMenu builds the window's menu: the file actions.
func (a *App) setMenu() {
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("导入工作簿…", a.guard(a.chooseWorkbook)),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("下发填报模板…", a.guard(a.showTemplates)),
		fyne.NewMenuItem("收取填报表（导入文件夹中的全部工作簿）…", a.guard(a.chooseCollectFolder)),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("导出报表（PDF 和 Excel）…", a.guard(a.chooseExportFolder)),
		fyne.NewMenuItem("上报：生成数据包…", a.guard(a.showPack)),
	}
	if a.receives() {
		items = append(items,
			fyne.NewMenuItem("接收数据包…", a.guard(a.chooseBundle)),
			fyne.NewMenuItem("接收文件夹中的全部数据包…", a.guard(a.chooseBundleFolder)))
	}
	quit := fyne.NewMenuItem("退出", nil) // the toolkit closes the windows
	quit.IsQuit = true
	items = append(items, fyne.NewMenuItemSeparator(), quit)
	a.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("文件", items...)))
}

func safeRun(work func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("panic: %v\n%s", r, debug.Stack())
			err = store.Errorf(store.EInternal, "程序内部错误（详情已写入日志），本次操作未完成。请重试，若仍出错请联系技术支持。")
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
				a.showMessage("出错了", "程序内部错误（详情已写入日志），本次操作未完成。")
			}
		}()
		fn()
	}
}

// showError shows the clerk's message of err; the log gets the whole chain.
func (a *App) showError(err error) {
	log.Printf("error: %v", err)
	a.showMessage("操作未完成", store.ErrorMessage(err))
}

func (a *App) showMessage(title, msg string) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "知道了", l, a.win)
	d.Resize(fyne.NewSize(460, 200))
	d.Show()
}

// confirmDialog asks yes or no; its buttons are kept so tests can press them.
type confirmDialog struct {
	dlg        *dialog.CustomDialog
	text       string
	ok, cancel *widget.Button
}

func (a *App) ask(title, text, okText string, onOK func()) *confirmDialog {
	c := &confirmDialog{text: text}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	c.cancel = widget.NewButton("取消", func() { c.dlg.Hide(); a.confirm = nil })
	c.ok = widget.NewButton(okText, func() { c.dlg.Hide(); a.confirm = nil; a.guard(onOK)() })
	c.ok.Importance = widget.DangerImportance
	c.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, container.NewHBox(layoutSpacer(), c.cancel, c.ok), nil, nil, l), a.win)
	c.dlg.Resize(fyne.NewSize(480, 220))
	a.confirm = c
	c.dlg.Show()
	return c
}

// prompt is a dialog of an import, export or hand-off step. Its text,
// buttons and fields are kept so tests can read and press them.
type prompt struct {
	a       *App
	dlg     *dialog.CustomDialog
	title   string
	text    string // what the dialog says, all of it
	order   []*widget.Button
	buttons map[string]*widget.Button
	fields  map[string]*widget.Entry
	checks  map[string]*widget.Check
	selects map[string]*widget.Select
	onEsc   func()
	setDir  func(string) // the folder of a dialog that saves, for tests
}

func (a *App) newPrompt(title, text string) *prompt {
	return &prompt{a: a, title: title, text: text, buttons: map[string]*widget.Button{},
		fields: map[string]*widget.Entry{}, checks: map[string]*widget.Check{}}
}

// button adds a button to the dialog's row; fn runs guarded.
func (p *prompt) button(text string, imp widget.Importance, fn func()) *widget.Button {
	b := widget.NewButton(text, p.a.guard(fn))
	b.Importance = imp
	p.buttons[text] = b
	p.order = append(p.order, b)
	return b
}

// closeButton adds a button that closes the dialog and then runs fn.
func (p *prompt) closeButton(text string, imp widget.Importance, fn func()) *widget.Button {
	return p.button(text, imp, func() {
		p.close()
		if fn != nil {
			fn()
		}
	})
}

func (p *prompt) show(body fyne.CanvasObject, size fyne.Size) {
	row := container.NewHBox(layoutSpacer())
	for _, b := range p.order {
		row.Add(b)
	}
	p.dlg = dialog.NewCustomWithoutButtons(p.title, container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), row), nil, nil, body), p.a.win)
	p.dlg.Resize(size)
	p.a.prompt = p
	p.dlg.Show()
}

func (p *prompt) close() {
	if p.dlg != nil {
		p.dlg.Hide()
	}
	if p.a.prompt == p {
		p.a.prompt = nil
	}
}

// textBox shows long text the clerk can select and copy, scrolling.
func textBox(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	l.Importance = imp
	return l
}

// copyText puts text on the clipboard.
func (a *App) copyText(text string) {
	a.fa.Clipboard().SetContent(text)
}

// escape closes what is on top: a question, the open form, else clears the search.
func (a *App) escape() {
	switch {
	case a.prompt != nil:
		if a.prompt.onEsc != nil {
			a.prompt.onEsc()
		}
	case a.confirm != nil:
		a.confirm.dlg.Hide()
		a.confirm = nil
	case a.editing != nil:
		a.editing.close()
	default:
		if rp, ok := a.current().screen.(interface{ clearSearch() }); ok {
			rp.clearSearch()
		}
	}
}

// shortcut handles Ctrl+N, Ctrl+S and Ctrl+F; it reports whether it used the key.
func (a *App) shortcut(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyS:
		if a.editing != nil {
			a.editing.trySave()
			return true
		}
		if s, ok := a.current().screen.(interface{ save() }); ok {
			s.save()
			return true
		}
	case fyne.KeyN:
		if a.editing == nil {
			if rp, ok := a.current().screen.(recordPage); ok {
				rp.newRecord()
				return true
			}
		}
	case fyne.KeyF:
		if a.editing == nil {
			if rp, ok := a.current().screen.(recordPage); ok {
				rp.focusSearch()
				return true
			}
		}
	}
	return false
}

// a11yShortcuts registers the keyboard shortcuts for when no text field has
// the focus (the fields forward them themselves).
func (a *App) a11yShortcuts() {
	c := a.win.Canvas()
	for _, k := range []fyne.KeyName{fyne.KeyN, fyne.KeyS, fyne.KeyF} {
		k := k
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) { a.guard(func() { a.shortcut(k) })() })
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			a.guard(a.escape)()
		}
	})
}
