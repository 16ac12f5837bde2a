package store

import (
	"database/sql"
	"errors"
	"strings"
)

// row is what a Put* function tells putRow about the record it writes.
// table and columns are the caller's constants, never input.
type row struct {
	table    string   // the table
	what     string   // the record in the clerk's words, e.g. "获奖记录"
	key      string   // its natural key, for the 操作记录
	find     string   // SELECT id … WHERE <the natural key>
	findArgs []any    // find's arguments
	taken    string   // the refusal when the natural key is another row's
	columns  []string // the columns written, in values' order
	values   []any
	// unlocked refuses the change when the row as it was (id ≠ 0) or as it
	// will be touches a locked year.
	unlocked func(id int64) error
}

// putRow inserts the row, or updates the one with *id (or, when *id is 0,
// the one with the same natural key), as every Put* does: the key may not be
// another row's, a locked year refuses the change, and the 操作记录 gets the
// row before and after.
func (tx *Tx) putRow(id *int64, r row) (created bool, err error) {
	var existing int64
	switch err := tx.queryRow(r.find, r.findArgs...).Scan(&existing); {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, err
	case *id != 0 && existing != *id:
		return false, Errorf(EConflict, "%s", r.taken)
	}
	if *id == 0 {
		*id = existing
	}
	if err := r.unlocked(*id); err != nil {
		return false, err
	}
	before, err := tx.before(r.table, *id)
	if err != nil {
		return false, err
	}
	if *id != 0 && before == "" {
		return false, Errorf(ENotFound, "要修改的%s已不存在（可能已被删除），请刷新后重试", r.what)
	}
	defer func() {
		if err == nil {
			err = tx.logChange(r.table, r.key, *id, before)
		}
	}()
	if *id == 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(r.columns)), ", ")
		res, err := tx.exec("INSERT INTO "+r.table+" ("+strings.Join(r.columns, ", ")+") VALUES ("+marks+")", r.values...)
		if err != nil {
			return false, err
		}
		*id, err = res.LastInsertId()
		return true, err
	}
	_, err = tx.exec("UPDATE "+r.table+" SET "+strings.Join(r.columns, " = ?, ")+" = ? WHERE id = ?", append(r.values, *id)...)
	return false, err
}

// unlockedYear is a row's unlocked check for a record counted in one year:
// year, and, for a stored row, the year yearSQL gives of it (?1 its id).
func (tx *Tx) unlockedYear(yearSQL string, year int) func(int64) error {
	return func(id int64) error {
		years := []int{year}
		if id != 0 {
			years = append(years, tx.lockedYearsOf(yearSQL, id)...)
		}
		return tx.checkUnlocked(years...)
	}
}
