package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Lock marks a year as sent (报出): its majors, stints and trainings can no
// longer be changed until the year is unlocked.
func (tx *Tx) Lock(year int) error {
	res, err := tx.exec("INSERT OR IGNORE INTO year_locks (year, locked_at) VALUES (?, ?)", year, tx.db.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // already locked
	}
	return tx.Log(ActLock, "year_locks", fmt.Sprint(year), "", "", fmt.Sprintf("%d 年度已报出，锁定", year))
}

// Unlock opens a locked year for changes again. The reason is logged, and the
// year's next data file gets a new revision number.
func (tx *Tx) Unlock(year int, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Errorf(EInvalid, "解锁必须填写原因")
	}
	res, err := tx.exec("DELETE FROM year_locks WHERE year = ?", year)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Errorf(EInvalid, "%d 年度没有锁定，无需解锁", year)
	}
	if _, err := tx.exec("UPDATE revisions SET bump = 1 WHERE year = ?", year); err != nil {
		return err
	}
	return tx.Log(ActUnlock, "year_locks", fmt.Sprint(year), "", "", reason)
}

// LockedYears lists the locked years.
func (tx *Tx) LockedYears() ([]int, error) {
	return queryAll(tx, scanInt, "SELECT year FROM year_locks ORDER BY year")
}

// IsLocked reports whether year is locked (报出).
func (tx *Tx) IsLocked(year int) (bool, error) {
	locked, err := tx.LockedYears()
	return slices.Contains(locked, year), err
}

// lockedYearsOf runs a query giving years and keeps the locked ones. A failed
// query yields none: the caller's own write then reports the real error.
func (tx *Tx) lockedYearsOf(query string, args ...any) []int {
	years, _ := queryAll(tx, scanInt, query, args...)
	return years
}

// checkUnlocked refuses a change that touches a locked year.
func (tx *Tx) checkUnlocked(years ...int) error {
	locked, err := tx.LockedYears()
	if err != nil || len(locked) == 0 {
		return err
	}
	var hit []string
	for _, l := range locked {
		for _, y := range years {
			if y == l {
				hit = append(hit, fmt.Sprint(l))
				break
			}
		}
	}
	if len(hit) == 0 {
		return nil
	}
	sort.Strings(hit)
	return Errorf(EConflict, "%s 年度已报出并锁定，不能修改。如确需修改，请先解锁（须填写原因）", strings.Join(hit, "、"))
}

// NextRevision gives the revision number of a data file of the year whose
// records hash to digest: 1 for the first file, the same number while the
// records are unchanged, the next one when they changed or after an unlock.
func (tx *Tx) NextRevision(year int, digest string) (int, error) {
	var rev, bump int
	var last string
	err := tx.queryRow("SELECT revision, digest, bump FROM revisions WHERE year = ?", year).Scan(&rev, &last, &bump)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		rev = 1
	case err != nil:
		return 0, err
	case last != digest || bump != 0:
		rev++
	default:
		return rev, nil
	}
	_, err = tx.exec(`INSERT INTO revisions (year, revision, digest, bump) VALUES (?, ?, ?, 0)
		ON CONFLICT (year) DO UPDATE SET revision = excluded.revision, digest = excluded.digest, bump = 0`, year, rev, digest)
	return rev, err
}

// Revision gives the revision number of the year's last data file, 0 if none.
func (tx *Tx) Revision(year int) (int, error) {
	var rev int
	err := tx.queryRow("SELECT revision FROM revisions WHERE year = ?", year).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return rev, err
}

// The locked years that a school's or an enterprise's records fall in: its
// majors, its 互派互聘 stints (any year they overlap) and its trainings.
// Deleting the school or the enterprise would remove or change them.
const (
	lockedYearsOfSchool = `SELECT year FROM year_locks y
		WHERE EXISTS (SELECT 1 FROM majors WHERE school_id = ?1 AND year = y.year)
		OR EXISTS (SELECT 1 FROM secondments WHERE school_id = ?1 AND start_date <= printf('%04d-12-31', y.year)
			AND (end_date = '' OR end_date >= printf('%04d-01-01', y.year)))
		OR EXISTS (SELECT 1 FROM trainings WHERE school_id = ?1
			AND substr(CASE WHEN end_date <> '' THEN end_date ELSE start_date END, 1, 4) = printf('%04d', y.year))`
	lockedYearsOfEnterprise = `SELECT year FROM year_locks y
		WHERE EXISTS (SELECT 1 FROM majors m JOIN major_enterprises me ON me.major_id = m.id
			WHERE me.enterprise_id = ?1 AND m.year = y.year)
		OR EXISTS (SELECT 1 FROM secondments WHERE enterprise_id = ?1 AND start_date <= printf('%04d-12-31', y.year)
			AND (end_date = '' OR end_date >= printf('%04d-01-01', y.year)))
		OR EXISTS (SELECT 1 FROM trainings WHERE enterprise_id = ?1
			AND substr(CASE WHEN end_date <> '' THEN end_date ELSE start_date END, 1, 4) = printf('%04d', y.year))`
)
