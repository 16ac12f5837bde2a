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
// enterprise, the majors of the year, the stints overlapping it and the
// trainings counted in it. Importing the file again changes nothing.
func Export(ctx context.Context, db *store.DB, year int, path string) error {
	var d store.Dataset
	err := db.View(ctx, func(tx *store.Tx) (err error) {
		d, err = tx.Dataset(year)
		return err
	})
	if err != nil {
		return err
	}
	return atomic.WriteFile(path, func(w io.Writer) error { return Write(w, d) })
}

// Write writes the dataset's records as a canonical workbook.
func Write(w io.Writer, d store.Dataset) error {
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
	for i, def := range Sheets {
		cols := def.Columns
		if def.Name == SheetSecondments && !withKeys {
			cols = cols[:len(cols)-1] // 人员标识 only above county level
		}
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
			for _, s := range d.Schools {
				rows = append(rows, []any{s.Code, s.Name, s.Type, s.Region, s.Ownership, s.Quality, s.Contact, s.Phone, optInt(s.ClosedYear)})
			}
		case SheetEnterprises:
			for _, e := range d.Enterprises {
				rows = append(rows, []any{e.CreditCode, e.Name, e.Industry, e.Grade, e.Region, e.Contact, e.Phone})
			}
		case SheetMajors:
			for _, m := range d.Majors {
				rows = append(rows, []any{m.SchoolCode, m.Year, m.Code, m.Name, optInt(m.OpenedYear), m.Status, m.Enrolled, m.Graduates,
					m.Progressed, m.OrderClass, m.Through, m.Quality, strings.Join(m.Enterprises, ";")})
			}
		case SheetSecondments:
			for _, s := range d.Secondments {
				r := []any{s.SchoolCode, s.CreditCode, s.Name, s.Gender, s.IDNumber, s.Direction, s.Post, s.Start, optDate(s.End), s.Note}
				if withKeys {
					r = append(r, s.PersonKey)
				}
				rows = append(rows, r)
			}
		case SheetTrainings:
			for _, t := range d.Trainings {
				rows = append(rows, []any{t.SchoolCode, t.Name, t.Category, t.Count, optInt(t.Hours), t.Start, optDate(t.End), t.CreditCode})
			}
		}
		if err := wr.sheet(def.Name, cols, rows); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func optInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}

func optDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// writer holds the styles shared by the sheets.
type writer struct {
	f                          *excelize.File
	header, text, date, number int
}

func newWriter(f *excelize.File) (*writer, error) {
	w := &writer{f: f}
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	textFmt, dateFmt := "@", "yyyy-mm-dd"
	var err error
	if w.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}); err != nil {
		return nil, err
	}
	if w.text, err = f.NewStyle(&excelize.Style{Border: border, CustomNumFmt: &textFmt}); err != nil {
		return nil, err
	}
	if w.date, err = f.NewStyle(&excelize.Style{Border: border, CustomNumFmt: &dateFmt}); err != nil {
		return nil, err
	}
	if w.number, err = f.NewStyle(&excelize.Style{Border: border, NumFmt: 1}); err != nil {
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
			style := w.text
			switch cols[i].kind {
			case date:
				style = w.date
			case count, year:
				style = w.number
			}
			cells[i] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, ri+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}
