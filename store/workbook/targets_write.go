package workbook

import (
	"context"
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// exportTargets are the 目标 rows of an export of year: the targets the
// unit set for it (defaults never changed left out, a removed one as 无),
// a target the level above assigned as its 任务清单 row (下达单位 the level
// above) followed, where the clerk changed it, by the unit's own row; and at
// a prefecture or province the targets it assigned to its units.
func exportTargets(tx *store.Tx, u store.Unit, year int) ([]TargetRow, error) {
	set, err := tx.TargetsSet(year)
	if err != nil {
		return nil, err
	}
	var out []TargetRow
	for _, s := range set {
		if a := s.Assigned; a != nil && u.Parent() != "" {
			t := s.Target
			t.Value, t.Assigned = *a, nil
			out = append(out, TargetRow{Unit: u.Code, From: u.Parent(), Target: t})
			if !s.Removed && s.Value == *a {
				continue
			}
		}
		s.Assigned = nil
		out = append(out, TargetRow{Unit: u.Code, Target: s.Target, Removed: s.Removed})
	}
	if u.Level == store.LevelCounty {
		return out, nil
	}
	units, err := tx.AssignedUnits(year)
	if err != nil {
		return nil, err
	}
	for _, code := range units {
		rows, err := assignedRows(tx, u, code, year)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// assignedRows are the rows of the targets u assigned to code for year,
// with u as their 下达单位.
func assignedRows(tx *store.Tx, u store.Unit, code string, year int) ([]TargetRow, error) {
	ts, err := tx.AssignedTargets(code, year)
	var out []TargetRow
	for _, t := range ts {
		out = append(out, TargetRow{Unit: code, From: u.Code, Target: t})
	}
	return out, err
}

func targetCells(r TargetRow) []any {
	def, _ := store.IndicatorByKey(r.Target.Indicator)
	var from any
	if r.From != "" {
		from = r.From
	}
	return []any{r.Unit, r.Target.Year, def.Name, r.Target.Category(), targetValue(def, r), from}
}

// targetValue is a 目标值 cell: 无, a rate as 60%, or a number.
func targetValue(def store.IndicatorDef, r TargetRow) any {
	switch {
	case r.Removed:
		return noTarget
	case def.IsRate():
		return strconv.FormatFloat(math.Round(r.Target.Value*1e8)/1e6, 'f', -1, 64) + "%"
	case r.Target.Value == math.Trunc(r.Target.Value):
		return int(r.Target.Value)
	}
	return r.Target.Value
}

// WriteTaskList writes the 任务清单 of year for the unit unitCode directly
// under this installation's unit (a county under a prefecture, a prefecture
// under a province) to path, atomically: a workbook whose 目标 sheet holds
// the targets this unit assigned it, with this unit as 下达单位. The unit
// imports it like any workbook and its targets become the assigned ones.
// The caller names the file {区划代码}_{单位名称}_{年度}_任务清单.xlsx. It is
// an error when nothing was assigned to the unit for year.
func WriteTaskList(db *store.DB, unitCode string, year int, path string) error {
	var rows []TargetRow
	var u store.Unit
	err := db.View(context.Background(), func(tx *store.Tx) (err error) {
		if u, err = tx.Unit(); err != nil {
			return err
		}
		if !store.Under(store.UnitRef{Code: unitCode, Level: childLevel(u.Level)}, u) {
			return store.Errorf(store.EInvalid, "区划代码 %s 不是%s直属的下级单位，没有任务清单", unitCode, u.Name)
		}
		rows, err = assignedRows(tx, u, unitCode, year)
		return err
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return store.Errorf(store.EInvalid, "%s 尚未向 %s 下达 %d 年度目标，没有任务清单可写", u.Name, unitCode, year)
	}
	return atomic.WriteFile(path, func(w io.Writer) error { return writeTaskList(w, u, year, rows) })
}

func writeTaskList(w io.Writer, u store.Unit, year int, rows []TargetRow) error {
	f := excelize.NewFile()
	defer f.Close()
	wr, err := newWriter(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetTargets); err != nil {
		return err
	}
	if err := wr.sheet(SheetTargets, targetColumns, rowsOf(rows, targetCells)); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: strconv.Itoa(year) + " 年度任务清单", Subject: "任务清单",
		Creator: u.Name, Language: "zh-CN"}); err != nil {
		return err
	}
	return f.Write(w)
}
