// Package app is the desktop window: one file per screen, a small layer of
// shared widgets (table, form, picker) and the theme. It reads and writes
// records only through store methods inside db.View / db.Update; it never
// writes SQL.
package app

import (
	"context"
	"log"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
	pages    []*page
	selected int              // index of the page showing
	navBtns  []*widget.Button // the left navigation, one per page
	pageBox  *fyne.Container  // holds the open page

	home        *homeScreen
	schools     *recordScreen[store.School]
	enterprises *recordScreen[store.Enterprise]
	majors      *recordScreen[store.Major]
	secondments *recordScreen[store.Secondment]
	trainings   *recordScreen[store.Training]
	agreements  *recordScreen[store.Agreement]
	classes     *recordScreen[store.Class]
	carriers    *carriersScreen
	measures    *tabbedScreen // 合作与载体: the three above as tabs
	teachers    *recordScreen[store.Teachers]
	awards      *recordScreen[store.Award]
	activities  *recordScreen[store.Activity]
	staff       *tabbedScreen // 师资与活动: the three above as tabs
	tasks       *tasksScreen  // 任务下达, above county level
	reports     *reportsScreen
	settings    *settingsScreen

	look    lookups
	editing *editor // the open form, if any
	confirm *confirmDialog
	notice  *dialog.CustomDialog // an open 知道了 message: Enter and Esc close it
	prompt  *prompt              // the open step of an import, export or hand-off, kept for tests

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
	a.agreements = newAgreementsScreen(a)
	a.classes = newClassesScreen(a)
	a.carriers = newCarriersScreen(a)
	a.measures = newTabbedScreen(
		tab{"校企合作协议", a.agreements, a.agreements.content},
		tab{"订单班与学徒制", a.classes, a.classes.content},
		tab{"产教融合载体", a.carriers, a.carriers.content})
	a.teachers = newTeachersScreen(a)
	a.awards = newAwardsScreen(a)
	a.activities = newActivitiesScreen(a)
	a.staff = newTabbedScreen(
		tab{"师资", a.teachers, a.teachers.content},
		tab{"获奖", a.awards, a.awards.content},
		tab{"政校企活动", a.activities, a.activities.content})
	a.reports = newReportsScreen(a)
	a.tasks = newTasksScreen(a)
	a.settings = newSettingsScreen(a)
	a.pages = []*page{
		{title: "首页", icon: theme.HomeIcon(), screen: a.home, obj: a.home.content},
		{title: "学校", icon: theme.AccountIcon(), screen: a.schools, obj: a.schools.content},
		{title: "专业", icon: theme.ListIcon(), screen: a.majors, obj: a.majors.content},
		{title: "合作企业", icon: theme.StorageIcon(), screen: a.enterprises, obj: a.enterprises.content},
		{title: "互派互聘", icon: theme.MailForwardIcon(), screen: a.secondments, obj: a.secondments.content},
		{title: "培训", icon: theme.DocumentIcon(), screen: a.trainings, obj: a.trainings.content},
		{title: "合作与载体", icon: theme.FolderIcon(), screen: a.measures, obj: a.measures.tabs},
		{title: "师资与活动", icon: theme.AccountIcon(), screen: a.staff, obj: a.staff.tabs},
		{title: "报表", icon: theme.GridIcon(), screen: a.reports, obj: a.reports.content},
		{title: "任务下达", icon: theme.MailSendIcon(), screen: a.tasks, obj: a.tasks.content},
		{title: "设置", icon: theme.SettingsIcon(), screen: a.settings, obj: a.settings.content},
	}
	for _, p := range a.pages {
		p.stale = true
	}

	a.a11yShortcuts()
	a.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { a.guard(func() { a.dropped(uris) })() })
	a.setMenu()
	a.win.SetContent(container.NewBorder(a.header(), nil, a.navigation(), nil, a.pageStack()))
	// The first window fits a 1024×600 laptop with its taskbar (Fyne 2.7 cannot
	// ask the screen's size); a bigger screen's clerk widens it once, and the
	// size is kept.
	w := fa.Preferences().FloatWithFallback("win.w", 1000)
	h := fa.Preferences().FloatWithFallback("win.h", 560)
	a.win.Resize(fyne.NewSize(float32(w), float32(h)))
	a.win.SetCloseIntercept(a.requestClose) // a half-filled form asks first
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

func (a *App) current() *page { return a.pages[a.selected] }

// navGroups are the navigation's groups, by the page that starts each: the
// overview, the records typed through the year, the year-end pages.
var navGroups = map[string]bool{"学校": true, "报表": true}

// navigation is the left column: a button per page with its icon beside the
// text, not above it, so that all eight fit 600 pixels of screen (Fyne's
// side tabs put 报表 and 设置 behind "⋮" there). It scrolls rather than hide
// a page should the window be shorter still.
func (a *App) navigation() fyne.CanvasObject {
	box := container.NewVBox()
	for i, p := range a.pages {
		i := i
		b := widget.NewButtonWithIcon(p.title, p.icon, func() { a.selectPage(i) })
		b.Alignment = widget.ButtonAlignLeading
		a.navBtns = append(a.navBtns, b)
		if navGroups[p.title] {
			box.Add(widget.NewSeparator())
		}
		box.Add(b)
	}
	a.showTasksEntry()
	a.markNav()
	return container.NewHBox(container.NewVScroll(box), widget.NewSeparator())
}

// markNav shows which page is open.
func (a *App) markNav() {
	for i, b := range a.navBtns {
		imp := widget.LowImportance
		if i == a.selected {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
}

// pageStack holds the open page. Only it is in the container: a page that
// is merely hidden is not drawn again when shown (a table showed no rows).
func (a *App) pageStack() fyne.CanvasObject {
	l := &pagesLayout{}
	for _, p := range a.pages {
		l.all = append(l.all, p.obj)
	}
	a.pageBox = container.New(l, a.pages[a.selected].obj)
	return a.pageBox
}

func (a *App) selectPage(i int) {
	if i < 0 || i >= len(a.pages) {
		return
	}
	if i != a.selected {
		a.selected = i
		a.pageBox.Objects = []fyne.CanvasObject{a.pages[i].obj}
		a.pageBox.Refresh()
		a.markNav()
	}
	a.showCurrent()
}

// pagesLayout gives the open page the whole area and asks for the room of
// the largest page, so the window keeps its size from page to page.
type pagesLayout struct{ all []fyne.CanvasObject }

func (pagesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *pagesLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range l.all {
		s = s.Max(o.MinSize())
	}
	return s
}

func (a *App) showCurrent() {
	p := a.current()
	if p.stale {
		p.stale = false
		p.screen.Load()
	}
}

// show switches to the page with the given title, or to the page holding
// the tab with that title (校企合作协议 is a tab of 合作与载体).
func (a *App) show(title string) {
	for i, p := range a.pages {
		if p.title == title {
			a.selectPage(i)
			return
		}
		if t, ok := p.screen.(*tabbedScreen); ok && t.has(title) {
			t.selectTab(title)
			a.selectPage(i)
			return
		}
	}
}

// tab is one tab of a tabbedScreen.
type tab struct {
	title  string
	screen screen
	obj    fyne.CanvasObject
}

// tabbedScreen is one navigation entry holding several record pages as
// tabs, so the navigation stays short enough for a 1024×600 screen. The
// selected tab is read again whenever it is shown.
type tabbedScreen struct {
	all  []tab
	tabs *container.AppTabs
}

func newTabbedScreen(all ...tab) *tabbedScreen {
	t := &tabbedScreen{all: all, tabs: container.NewAppTabs()}
	for _, x := range all {
		t.tabs.Append(container.NewTabItem(x.title, x.obj))
	}
	t.tabs.OnSelected = func(*container.TabItem) { t.Load() }
	return t
}

func (t *tabbedScreen) current() screen { return t.all[t.tabs.SelectedIndex()].screen }

func (t *tabbedScreen) Load() { t.current().Load() }

func (t *tabbedScreen) has(title string) bool {
	for _, x := range t.all {
		if x.title == title {
			return true
		}
	}
	return false
}

// selectTab shows the tab with that title (and reads it).
func (t *tabbedScreen) selectTab(title string) {
	for i, x := range t.all {
		if x.title == title {
			t.tabs.SelectIndex(i)
		}
	}
}

// The keys of a record page (Ctrl+N, Ctrl+F, Esc) go to the selected tab.

func (t *tabbedScreen) newRecord() {
	if rp, ok := t.current().(recordPage); ok {
		rp.newRecord()
	}
}

func (t *tabbedScreen) focusSearch() {
	if rp, ok := t.current().(recordPage); ok {
		rp.focusSearch()
	}
}

func (t *tabbedScreen) clearSearch() {
	if rp, ok := t.current().(interface{ clearSearch() }); ok {
		rp.clearSearch()
	}
}

// showSchoolSecondments opens 互派互聘 showing one school's records.
func (a *App) showSchoolSecondments(schoolCode string) {
	a.show("互派互聘")
	a.secondments.tbl.search.SetText(schoolCode)
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

// unitChanged updates what depends on the unit's level: 接收 is for a
// prefecture or province only.
func (a *App) unitChanged() {
	a.setMenu()
	if a.reports != nil {
		a.reports.showActions()
	}
	a.showTasksEntry()
	for _, p := range a.pages {
		if p.screen == a.home {
			p.stale = true
		}
	}
}

// showTasksEntry shows 任务下达 in the navigation only where there are
// units to assign targets to: at a prefecture or a province.
func (a *App) showTasksEntry() {
	for i, p := range a.pages {
		if p.screen != a.tasks || i >= len(a.navBtns) {
			continue
		}
		if a.receives() {
			a.navBtns[i].Show()
		} else {
			a.navBtns[i].Hide()
			if a.selected == i {
				a.selectPage(0)
			}
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
	a.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("文件", items...), a.helpMenu()))
}
