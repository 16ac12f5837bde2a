package workbook

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// Export writes a year's records as a canonical workbook: every school and
// enterprise, the majors of the year, the stints overlapping it, the
// trainings counted in it, the agreements in force in it, its classes, the
// unit's carriers, the 师资 rows and awards of the year, the unit's
// activities of the year and the targets it set (and, above county level,
// assigned) for the year. Importing the file again changes nothing.
func Export(ctx context.Context, db *store.DB, year int, path string) error {
	var d store.Dataset
	var targets []TargetRow
	err := db.View(ctx, func(tx *store.Tx) (err error) {
		if d, err = tx.Dataset(year); err != nil {
			return err
		}
		targets, err = exportTargets(tx, d.Unit, year)
		return err
	})
	if err != nil {
		return err
	}
	return atomic.WriteFile(path, func(w io.Writer) error { return Write(w, d, targets) })
}

// Write writes the dataset's records and the 目标 rows as a canonical
// workbook.
func Write(w io.Writer, d store.Dataset, targets []TargetRow) error {
	f := excelize.NewFile()
	defer f.Close()
	wr, err := newWriter(f)
	if err != nil {
		return err
	}
	withKeys := false
	for _, s := range d.Secondments {
		withKeys = withKeys || s.PersonKey != ""
	}
	keep := func(c Column) bool { return !c.aboveCounty || withKeys }
	for i, def := range Sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", def.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(def.Name); err != nil {
			return err
		}
		var rows [][]any
		switch def.Name {
		case SheetSchools:
			rows = rowsOf(d.Schools, schoolRow)
		case SheetEnterprises:
			rows = rowsOf(d.Enterprises, enterpriseRow)
		case SheetMajors:
			rows = rowsOf(d.Majors, majorRow)
		case SheetSecondments:
			rows = rowsOf(d.Secondments, secondmentRow)
		case SheetTrainings:
			rows = rowsOf(d.Trainings, trainingRow)
		case SheetAgreements:
			rows = rowsOf(d.Agreements, agreementRow)
		case SheetClasses:
			rows = rowsOf(d.Classes, classRow)
		case SheetCarriers:
			rows = rowsOf(ownCarriers(d), carrierRow)
		case SheetTeachers:
			rows = rowsOf(d.Teachers, teachersRow)
		case SheetAwards:
			rows = rowsOf(d.Awards, awardRow)
		case SheetActivities:
			rows = rowsOf(ownActivities(d), activityRow)
		case SheetTargets:
			rows = rowsOf(targets, targetCells)
		}
		cols, rows := project(def.Columns, rows, keep)
		if err := wr.sheet(def.Name, cols, rows); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// The cells of a record, in the order of its sheet's columns (see Sheets).

func schoolRow(s store.School) []any {
	return []any{s.Code, s.Name, s.Type, s.Region, s.Ownership, s.Quality, s.Contact, s.Phone, optInt(s.ClosedYear)}
}

func enterpriseRow(e store.Enterprise) []any {
	return []any{e.CreditCode, e.Name, e.Industry, e.Grade, e.Region, e.Contact, e.Phone}
}

func majorRow(m store.Major) []any {
	return []any{m.SchoolCode, m.Year, m.Code, m.Name, optInt(m.OpenedYear), m.Status, m.Enrolled, m.Graduates,
		m.Progressed, m.Through, m.Quality, strings.Join(m.Enterprises, ";")}
}

func secondmentRow(s store.Secondment) []any {
	return []any{s.SchoolCode, s.CreditCode, s.Name, s.Gender, s.IDNumber, s.Direction, s.Post, s.Start, optDate(s.End), s.Note, s.PersonKey}
}

func trainingRow(t store.Training) []any {
	return []any{t.SchoolCode, t.Name, t.Category, t.Count, optInt(t.Hours), t.Start, optDate(t.End), t.CreditCode}
}

func agreementRow(a store.Agreement) []any {
	return []any{a.SchoolCode, a.CreditCode, a.Name, a.Type, a.Signed, optDate(a.Expires), strings.Join(a.Contents, "、")}
}

func classRow(c store.Class) []any {
	return []any{c.SchoolCode, c.Year, c.Name, c.Type, c.MajorCode, c.CreditCode, c.Students}
}

func carrierRow(c store.Carrier) []any {
	return []any{c.Type, c.Name, c.Level, optInt(c.Recognized), c.Founded, optInt(c.Revoked), c.LeadSchool,
		strings.Join(c.MemberSchools, ";"), strings.Join(c.MemberEnterprises, ";"), c.Note}
}

func teachersRow(t store.Teachers) []any {
	return []any{t.SchoolCode, t.Year, t.FullTime, t.Professional, t.Dual, optCount(t.PartTime)}
}

func awardRow(a store.Award) []any {
	return []any{a.SchoolCode, a.Project, a.Category, a.Level, a.Rank, a.WinnerType, a.Winners, a.Date}
}

func activityRow(a store.Activity) []any {
	return []any{a.Type, a.Name, a.Date, a.Lead, optCount(a.Enterprises), optCount(a.Schools), optCount(a.Visited), a.Note}
}

// ownActivities are the activities the unit itself recorded, as
// ownCarriers says why.
func ownActivities(d store.Dataset) []store.Activity {
	return ownOf(d, d.Activities, func(a store.Activity) string { return a.UnitCode })
}

// ownCarriers are the carriers the unit itself recorded: a workbook holds
// the unit's own records, and importing it makes every carrier the
// importing unit's (a prefecture's export would otherwise turn its counties'
// carriers into its own).
func ownCarriers(d store.Dataset) []store.Carrier {
	return ownOf(d, d.Carriers, func(c store.Carrier) string { return c.UnitCode })
}

// ownOf keeps the records of the dataset's unit (unit "" is its own too).
func ownOf[R any](d store.Dataset, records []R, unit func(R) string) []R {
	var out []R
	for _, r := range records {
		if u := unit(r); u == "" || u == d.Unit.Code {
			out = append(out, r)
		}
	}
	return out
}

// rowsOf is the rows of the records.
func rowsOf[R any](records []R, row func(R) []any) [][]any {
	rows := make([][]any, 0, len(records))
	for _, r := range records {
		rows = append(rows, row(r))
	}
	return rows
}

// project keeps the columns that keep accepts, and their cells in rows.
func project(cols []Column, rows [][]any, keep func(Column) bool) ([]Column, [][]any) {
	var kept []Column
	var at []int
	for i, c := range cols {
		if keep(c) {
			kept, at = append(kept, c), append(at, i)
		}
	}
	if len(at) == len(cols) {
		return cols, rows
	}
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[i] = make([]any, len(at))
		for j, k := range at {
			out[i][j] = r[k]
		}
	}
	return kept, out
}

func optInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}

// optCount is an optional count's cell: empty when not given.
func optCount(v *int) any {
	if v == nil {
		return nil
	}
	return *v
}

func optDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// thinBorder is the grey border of every cell the program writes.
var thinBorder = []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
	{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}

// Number formats of text (codes keep every digit) and date cells.
var textFormat, dateFormat = "@", "yyyy-mm-dd"

// cellStyles are the styles of data cells, one per way a column is shown.
type cellStyles struct{ text, date, number int }

// of is the style of a cell of column c.
func (s cellStyles) of(c Column) int {
	switch c.kind {
	case date:
		return s.date
	case count, year:
		return s.number
	}
	return s.text
}

// newCellStyles makes the data cell styles, with protection p (nil: none).
func newCellStyles(f *excelize.File, p *excelize.Protection) (cellStyles, error) {
	var s cellStyles
	var err error
	if s.text, err = f.NewStyle(&excelize.Style{Border: thinBorder, CustomNumFmt: &textFormat, Protection: p}); err != nil {
		return s, err
	}
	if s.date, err = f.NewStyle(&excelize.Style{Border: thinBorder, CustomNumFmt: &dateFormat, Protection: p}); err != nil {
		return s, err
	}
	s.number, err = f.NewStyle(&excelize.Style{Border: thinBorder, NumFmt: 1, Protection: p})
	return s, err
}

// fitToWidth prints the sheet one page wide, as many pages long as it takes.
func fitToWidth(f *excelize.File, sheet string, landscape bool) error {
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	one, zero := 1, 0
	layout := &excelize.PageLayoutOptions{FitToWidth: &one, FitToHeight: &zero}
	if landscape {
		orientation := "landscape"
		layout.Orientation = &orientation
	}
	return f.SetPageLayout(sheet, layout)
}

// writer holds the styles shared by the sheets.
type writer struct {
	f      *excelize.File
	header int
	cells  cellStyles
}

func newWriter(f *excelize.File) (*writer, error) {
	w := &writer{f: f}
	var err error
	if w.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: thinBorder,
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}); err != nil {
		return nil, err
	}
	if w.cells, err = newCellStyles(f, nil); err != nil {
		return nil, err
	}
	return w, nil
}

// sheet writes the header and rows. Codes go in as text so Excel keeps every
// digit; dates as date cells; counts as numbers.
func (w *writer) sheet(name string, cols []Column, rows [][]any) error {
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: w.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for ri, r := range rows {
		cells := make([]any, len(r))
		for i, v := range r {
			cells[i] = excelize.Cell{StyleID: w.cells.of(cols[i]), Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, ri+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}
