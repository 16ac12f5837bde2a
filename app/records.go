package app

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
)

// Records is what a record screen needs from the store (convention 7): the
// screens are written against it, the window uses the store adapters below.
type Records[T any] interface {
	List(ctx context.Context, year int) ([]T, error)
	Put(ctx context.Context, rec *T) (created bool, err error)
	Delete(ctx context.Context, id int64) error
	// Dependents says what else a deletion removes, "" when nothing.
	Dependents(ctx context.Context, id int64) (string, error)
}

// partialRecords are Records whose List leaves out what a list neither
// shows nor searches (a province's 160,000 stints): Whole reads a listed
// record whole, for the form.
type partialRecords[T any] interface {
	Records[T]
	Whole(ctx context.Context, listed T) (T, error)
}

// lookups are the schools and enterprises the tables and pickers name.
type lookups struct {
	schools     []store.School
	enterprises []store.Enterprise
	schoolBy    map[string]store.School
	entBy       map[string]store.Enterprise
}

func (l *lookups) set(ss []store.School, es []store.Enterprise) {
	l.schools, l.enterprises = ss, es
	l.schoolBy = make(map[string]store.School, len(ss))
	for _, s := range ss {
		l.schoolBy[s.Code] = s
	}
	l.entBy = make(map[string]store.Enterprise, len(es))
	for _, e := range es {
		l.entBy[e.CreditCode] = e
	}
}

func (l *lookups) schoolName(code string) string {
	if s, ok := l.schoolBy[code]; ok {
		return s.Name
	}
	return code
}

func (l *lookups) entName(code string) string {
	if e, ok := l.entBy[code]; ok {
		return e.Name
	}
	return code
}

// loadLookups reads the schools and enterprises (inside background work).
func loadLookups(ctx context.Context, db *store.DB) (ss []store.School, es []store.Enterprise, err error) {
	err = db.View(ctx, func(tx *store.Tx) error {
		if ss, err = tx.Schools(); err != nil {
			return err
		}
		es, err = tx.Enterprises()
		return err
	})
	return
}

// recordScreen is the page of one kind of record: a toolbar, the table, and
// the form in a dialog.
type recordScreen[T any] struct {
	a      *App
	kind   string // 学校, 专业, …
	recs   Records[T]
	tbl    *recordTable[T]
	id     func(T) int64
	same   func(a, b T) bool
	label  func(T) string // how a record is named in questions
	blank  func() T
	fields func(f *form, rec T, isNew bool) (read func() (T, store.Problems))
	yearly bool // records of one year: a locked (报出) year makes them read-only
	// lockNote is shown on a page that stays editable when the year is
	// locked, saying what the lock still refuses there ("" for no banner).
	lockNote string
	tools    []fyne.CanvasObject // more buttons at the end of the toolbar
	content  fyne.CanvasObject

	addBtn, editBtn, delBtn *widget.Button
	heading                 *widget.Label
	status                  *widget.Label
	lockBanner              *widget.Label
	locked                  bool  // the selected year is locked and the records are read-only
	form                    *form // the open form, for tests
	ed                      *editor
}

func (s *recordScreen[T]) build(cols []column[T], extra func(T) string) {
	a := s.a
	s.tbl = newRecordTable(a, cols, extra)
	s.tbl.onSelect = func(T, bool) { s.updateButtons() }
	s.tbl.onOpen = func(rec T) { a.guard(func() { s.edit(rec) })() }
	s.addBtn = widget.NewButtonWithIcon("新增 (Ctrl+N)", theme.ContentAddIcon(), a.guard(s.newRecord))
	s.addBtn.Importance = widget.HighImportance
	s.editBtn = widget.NewButtonWithIcon("编辑", theme.DocumentCreateIcon(), a.guard(func() {
		if rec, ok := s.tbl.selected(); ok {
			s.edit(rec)
		}
	}))
	s.delBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), a.guard(func() {
		if rec, ok := s.tbl.selected(); ok && !s.refuseLocked() {
			s.askDelete(rec, nil)
		}
	}))
	s.editBtn.Disable()
	s.delBtn.Disable()
	s.heading = boldLabel(s.kind)
	s.status = label("", widget.DangerImportance)
	s.status.Hide()
	s.lockBanner = label("", widget.WarningImportance)
	s.lockBanner.Wrapping = fyne.TextWrapWord
	s.lockBanner.Hide()
	hint := label("双击一行可编辑", widget.LowImportance)
	bar := container.NewHBox(s.heading, s.addBtn, s.editBtn, s.delBtn, hint)
	if len(s.tools) > 0 {
		bar.Add(layoutSpacer())
		for _, t := range s.tools {
			bar.Add(t)
		}
	}
	s.content = container.NewBorder(container.NewVBox(bar, s.lockBanner, s.status), nil, nil, nil, s.tbl.obj)
}

// Load rereads the records of the selected year.
func (s *recordScreen[T]) Load() { s.load(nil) }

func (s *recordScreen[T]) load(sel *T) {
	a, year := s.a, s.a.year
	if s.yearly {
		s.heading.SetText(fmt.Sprintf("%s（%d 年）", s.kind, year))
	}
	var recs []T
	var ss []store.School
	var es []store.Enterprise
	var locked bool
	a.background(func() (err error) {
		ctx := context.Background()
		// the schools and enterprises (a province's 40,000) are read on the
		// other core while the records are
		looked := make(chan error, 1)
		go func() {
			looked <- safeRun(func() (err error) { ss, es, err = loadLookups(ctx, a.db); return err })
		}()
		if locked, err = yearLocked(ctx, a.db, year); err == nil {
			recs, err = s.recs.List(ctx, year)
		}
		return cmp.Or(<-looked, err)
	}, func(err error) {
		if err != nil {
			s.status.SetText("无法读取记录：" + store.ErrorMessage(err))
			s.status.Show()
			s.content.Refresh() // the message's row appears: lay the page out again
			a.logErr(err)
			return
		}
		s.status.Hide()
		s.showLock(year, locked)
		a.look.set(ss, es)
		s.tbl.set(recs, s.same, sel)
	})
}

func (s *recordScreen[T]) focusSearch() { s.a.win.Canvas().Focus(s.tbl.search) }

func (s *recordScreen[T]) clearSearch() { s.tbl.search.SetText("") }

func (s *recordScreen[T]) newRecord() {
	if s.refuseLocked() {
		return
	}
	if !s.a.hasUnit {
		s.a.showMessage("请先设置本单位", "新增记录前，请先在“设置”中填写本单位的区划代码、名称和级别。")
		return
	}
	s.open(s.blank(), true)
}

func (s *recordScreen[T]) edit(rec T) {
	if s.refuseLocked() {
		return
	}
	p, partial := s.recs.(partialRecords[T])
	if !partial {
		s.open(rec, false)
		return
	}
	s.a.background(func() (err error) {
		rec, err = p.Whole(context.Background(), rec)
		return err
	}, func(err error) {
		if err != nil {
			s.a.showError(err)
			return
		}
		s.open(rec, false)
	})
}

func (s *recordScreen[T]) open(rec T, isNew bool) {
	if s.a.editing != nil {
		return
	}
	f := newForm(s.a)
	f.all = !isNew
	read := s.fields(f, rec, isNew)
	f.validate = func() store.Problems { _, ps := read(); return ps }
	title := "新增" + s.kind
	var onDelete func()
	if !isNew {
		title = "编辑" + s.kind + "：" + s.label(rec)
		onDelete = func() { s.askDelete(rec, s.ed) }
	}
	s.form = f
	s.ed = s.a.openEditor(title, f, func(done func(error)) {
		r, ps := read()
		if ps.HasErrors() {
			done(ps.Err())
			return
		}
		s.a.background(func() error {
			_, err := s.recs.Put(context.Background(), &r)
			return err
		}, func(err error) {
			done(err)
			if err == nil {
				s.a.dataChanged(s)
				s.load(&r)
			}
		})
	}, onDelete)
}

// askDelete asks for confirmation, naming what goes with the record.
func (s *recordScreen[T]) askDelete(rec T, ed *editor) {
	a := s.a
	var deps string
	a.background(func() (err error) {
		deps, err = s.recs.Dependents(context.Background(), s.id(rec))
		return err
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		text := fmt.Sprintf("确定要删除%s“%s”吗？", s.kind, s.label(rec))
		if deps != "" {
			text += "\n\n将同时删除：" + deps + "。"
		}
		text += "\n\n删除后不能恢复。"
		a.ask("删除"+s.kind, text, "删除", func() {
			a.background(func() error { return s.recs.Delete(context.Background(), s.id(rec)) }, func(err error) {
				if err != nil {
					a.showError(err)
					return
				}
				if ed != nil {
					ed.close()
				}
				a.dataChanged(s)
				s.load(nil)
			})
		})
	})
}

// count phrases like "5 个专业、12 条互派互聘记录", leaving out zeros.
func countsText(parts ...any) string {
	var out []string
	for i := 0; i+1 < len(parts); i += 2 {
		if n := parts[i].(int); n > 0 {
			out = append(out, fmt.Sprintf("%d %s", n, parts[i+1].(string)))
		}
	}
	return strings.Join(out, "、")
}

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}
