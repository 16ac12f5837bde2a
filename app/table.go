package app

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// column is one column of a record table.
type column[T any] struct {
	title string
	width float32
	text  func(T) string
	num   func(T) float64 // when set, the column sorts by number
}

// recordTable shows records with sortable columns, a search box that filters
// as the clerk types, and a count. It keeps every record in memory and only
// the visible rows as widgets. A cell's text is made when the cell is drawn,
// the search text of every record only when the clerk first searches: a
// province's 160,000 stints open in well under a second.
type recordTable[T any] struct {
	cols  []column[T]
	extra func(T) string // more text the search looks at (names behind codes)

	all     []T
	keys    []string // lower-case search text per record, nil until a search
	view    []int    // indexes into all, filtered and sorted
	sortCol int      // -1: the store's order
	desc    bool
	sel     int // index into all, -1 for none

	table  *widget.Table
	search *entry
	count  *widget.Label
	obj    fyne.CanvasObject

	onSelect func(rec T, ok bool)
	onOpen   func(rec T)

	coll   *collate.Collator
	widths map[string]float32 // fitWidth's measurements
}

func newRecordTable[T any](a *App, cols []column[T], extra func(T) string) *recordTable[T] {
	t := &recordTable[T]{cols: cols, extra: extra, sortCol: -1, sel: -1,
		coll: collate.New(language.Chinese)}
	t.search = newEntry(a, "搜索（输入任意内容，如名称、代码）  Ctrl+F")
	t.search.OnChanged = func(string) { t.apply() }
	t.count = widget.NewLabel("")
	t.table = widget.NewTable(
		func() (int, int) { return len(t.view), len(t.cols) },
		func() fyne.CanvasObject { return newCell(t.tapRow, t.openRow) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			c := o.(*cell)
			c.row = id.Row
			if id.Row >= len(t.view) || id.Col >= len(t.cols) {
				c.SetText("")
				return
			}
			i := t.view[id.Row]
			c.TextStyle.Bold = i == t.sel
			if i == t.sel {
				c.Importance = widget.HighImportance
			} else {
				c.Importance = widget.MediumImportance
			}
			c.SetText(t.cols[id.Col].text(t.all[i]))
		})
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		return b
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(t.cols) {
			b.SetText("")
			b.OnTapped = nil
			return
		}
		title := t.cols[id.Col].title
		if id.Col == t.sortCol {
			if t.desc {
				title += " ▼"
			} else {
				title += " ▲"
			}
		}
		b.SetText(title)
		col := id.Col
		b.OnTapped = func() { t.sortBy(col) }
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.width)
	}
	top := container.NewBorder(nil, nil, nil, t.count, t.search)
	t.obj = container.NewBorder(top, nil, nil, nil, t.table)
	return t
}

// set replaces the records, keeping the search, the sort and (by key) the
// selection.
func (t *recordTable[T]) set(recs []T, same func(a, b T) bool, selectRec *T) {
	var prev *T
	if t.sel >= 0 && t.sel < len(t.all) {
		p := t.all[t.sel]
		prev = &p
	}
	if selectRec != nil {
		prev = selectRec
	}
	t.all, t.keys = recs, nil
	t.fitColumns(t.longest())
	t.sel = -1
	if prev != nil && same != nil {
		for i, r := range recs {
			if same(r, *prev) {
				t.sel = i
				break
			}
		}
	}
	t.apply()
	t.notify()
	if t.sel >= 0 {
		for vi, i := range t.view {
			if i == t.sel {
				t.table.ScrollTo(widget.TableCellID{Row: vi, Col: 0})
			}
		}
	}
}

// longest finds each column's widest text. A text has no more room than it
// has bytes, so one no longer than the widest so far is not measured.
func (t *recordTable[T]) longest() []string {
	longest, room := make([]string, len(t.cols)), make([]int, len(t.cols))
	for _, r := range t.all {
		for ci, c := range t.cols {
			text := c.text(r)
			if len(text) <= room[ci] {
				continue
			}
			if n := textRoom(text); n > room[ci] {
				longest[ci], room[ci] = text, n
			}
		}
	}
	return longest
}

// searchKeys makes the search text of every record, once per set: every
// column's text, \x00 between them so that a term never spans two, then
// the extra text.
func (t *recordTable[T]) searchKeys() []string {
	if t.keys != nil {
		return t.keys
	}
	t.keys = make([]string, len(t.all))
	var sb strings.Builder
	for i, r := range t.all {
		sb.Reset()
		for _, c := range t.cols {
			sb.WriteString(c.text(r))
			sb.WriteByte('\x00')
		}
		if t.extra != nil {
			sb.WriteString(t.extra(r))
		}
		t.keys[i] = foldCase(sb.String())
	}
	return t.keys
}

// maxColumnWidth caps a column sized from its content: a 20-character
// school or enterprise name fits, a freak 60-character one is cut.
const maxColumnWidth = 400

// fitColumns widens each column to its title and its longest text, so a
// name is not cut at four characters; a column never gets narrower than
// the width it was declared with.
func (t *recordTable[T]) fitColumns(longest []string) {
	for i, c := range t.cols {
		w := max(c.width, t.fitWidth(c.title+" ▲", func(s string) fyne.CanvasObject { return widget.NewButton(s, nil) }))
		if longest[i] != "" {
			w = max(w, t.fitWidth(longest[i], func(s string) fyne.CanvasObject {
				return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			}))
		}
		t.table.SetColumnWidth(i, min(w, max(c.width, maxColumnWidth)))
	}
}

// textRoom is about how wide text is, counting a Chinese character as two
// Latin ones, so only each column's widest text needs measuring.
func textRoom(text string) int {
	n := 0
	for _, ch := range text {
		n++
		if ch >= 0x1100 {
			n++
		}
	}
	return n
}

// fitWidth is the width the widget made by show needs to show text uncut,
// remembered: a list is set again after every save.
func (t *recordTable[T]) fitWidth(text string, show func(string) fyne.CanvasObject) float32 {
	if w, ok := t.widths[text]; ok {
		return w
	}
	if t.widths == nil {
		t.widths = map[string]float32{}
	}
	w := show(text).MinSize().Width
	t.widths[text] = w
	return w
}

// apply filters by the search text and sorts.
func (t *recordTable[T]) apply() {
	terms := strings.Fields(foldCase(t.search.Text))
	t.view = t.view[:0]
	if len(terms) == 0 {
		for i := range t.all {
			t.view = append(t.view, i)
		}
	} else {
		for i, k := range t.searchKeys() {
			if containsAll(k, terms) {
				t.view = append(t.view, i)
			}
		}
	}
	t.sortView()
	if len(terms) == 0 {
		t.count.SetText(fmt.Sprintf("共 %d 条", len(t.all)))
	} else {
		t.count.SetText(fmt.Sprintf("找到 %d 条（共 %d 条）", len(t.view), len(t.all)))
	}
	if t.sel >= 0 && !t.visible(t.sel) {
		t.selectIndex(-1)
	}
	t.table.Refresh()
}

func containsAll(s string, terms []string) bool {
	for _, term := range terms {
		if !strings.Contains(s, term) {
			return false
		}
	}
	return true
}

func (t *recordTable[T]) visible(i int) bool {
	for _, v := range t.view {
		if v == i {
			return true
		}
	}
	return false
}

func (t *recordTable[T]) sortView() {
	if t.sortCol < 0 || t.sortCol >= len(t.cols) {
		return
	}
	c := t.cols[t.sortCol]
	if c.num != nil {
		sort.SliceStable(t.view, func(i, j int) bool {
			a, b := c.num(t.all[t.view[i]]), c.num(t.all[t.view[j]])
			if t.desc {
				return a > b
			}
			return a < b
		})
		return
	}
	// a collation key per distinct text: a province's stints name 1,900
	// schools and a few hundred days 160,000 times
	type keyed struct {
		key []byte
		i   int
	}
	rows := make([]keyed, len(t.view))
	byText := map[string][]byte{}
	var buf collate.Buffer
	for vi, i := range t.view {
		text := c.text(t.all[i])
		k, ok := byText[text]
		if !ok {
			k = append([]byte(nil), t.coll.KeyFromString(&buf, text)...)
			buf.Reset()
			byText[text] = k
		}
		rows[vi] = keyed{k, i}
	}
	slices.SortStableFunc(rows, func(a, b keyed) int {
		if t.desc {
			return bytes.Compare(b.key, a.key)
		}
		return bytes.Compare(a.key, b.key)
	})
	for vi, r := range rows {
		t.view[vi] = r.i
	}
}

// sortBy sorts by a column; a second click on the same column reverses it.
func (t *recordTable[T]) sortBy(col int) {
	if t.sortCol == col {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, false
	}
	t.sortView()
	t.table.Refresh()
}

func (t *recordTable[T]) tapRow(row int) {
	if row < 0 || row >= len(t.view) {
		return
	}
	t.selectIndex(t.view[row])
}

func (t *recordTable[T]) openRow(row int) {
	if row < 0 || row >= len(t.view) {
		return
	}
	t.selectIndex(t.view[row])
	if t.onOpen != nil {
		t.onOpen(t.all[t.view[row]])
	}
}

func (t *recordTable[T]) selectIndex(i int) {
	t.sel = i
	t.table.Refresh()
	t.notify()
}

func (t *recordTable[T]) notify() {
	i := t.sel
	if t.onSelect != nil {
		if i >= 0 {
			t.onSelect(t.all[i], true)
		} else {
			var zero T
			t.onSelect(zero, false)
		}
	}
}

// selectRow selects the row shown at position row (after filter and sort).
func (t *recordTable[T]) selectRow(row int) { t.tapRow(row) }

// selected returns the selected record.
func (t *recordTable[T]) selected() (T, bool) {
	if t.sel < 0 || t.sel >= len(t.all) {
		var zero T
		return zero, false
	}
	return t.all[t.sel], true
}

// rows returns the records shown, in order.
func (t *recordTable[T]) rows() []T {
	out := make([]T, len(t.view))
	for i, v := range t.view {
		out[i] = t.all[v]
	}
	return out
}

// cellText is the text shown at a visible row and column.
func (t *recordTable[T]) cellText(row, col int) string {
	return t.cols[col].text(t.all[t.view[row]])
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// foldCase lowers the ASCII letters, the only upper case in the codes and
// names a list holds, so that a search ignores case. strings.ToLower walked
// every rune of a province's 160,000 row keys: a third of opening the list.
func foldCase(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
