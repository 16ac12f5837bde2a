package store

import "context"

// CarryForward starts a year from the one before: year-1's majors that were
// not 撤销 are copied with their figures zeroed (a major the year already
// has is kept as it is), and year-1's targets replace the year's. One
// transaction; it returns how many majors were added. The window's 从上一年复制
// and `chanjiao-cli carry` both call it.
func (db *DB) CarryForward(ctx context.Context, year int) (added int, err error) {
	err = db.Update(ctx, func(tx *Tx) error {
		added = 0 // a retried transaction counts afresh
		have, err := tx.Majors(year)
		if err != nil {
			return err
		}
		exists := map[string]bool{}
		for _, m := range have {
			exists[m.SchoolCode+"/"+m.Code[:6]] = true
		}
		prev, err := tx.Majors(year - 1)
		if err != nil {
			return err
		}
		for _, m := range prev {
			if m.Status == StatusClosed || exists[m.SchoolCode+"/"+m.Code[:6]] {
				continue
			}
			m.ID, m.Year = 0, year
			m.Enrolled, m.Graduates, m.Progressed = 0, 0, 0
			if _, err := tx.PutMajor(&m); err != nil {
				return err
			}
			added++
		}
		ts, err := tx.Targets(year - 1)
		if err != nil {
			return err
		}
		for i := range ts {
			ts[i].Year = year
		}
		return tx.SetTargets(year, ts)
	})
	return added, err
}
