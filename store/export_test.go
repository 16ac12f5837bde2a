package store

import "context"

// DatasetAsFiguresRead reads year's dataset as the figures do (readDataset),
// told that the state is the current generation plus ahead: with ahead ≠ 0
// the second read sees another state than the one asked for, as after a
// write between the two, and must not be used.
func (db *DB) DatasetAsFiguresRead(ctx context.Context, year int, ahead int64) (Dataset, error) {
	var d Dataset
	err := db.View(ctx, func(tx *Tx) error {
		gen, err := tx.generation()
		if err != nil {
			return err
		}
		d, err = db.readDataset(tx, gen+ahead, year)
		return err
	})
	return d, err
}
