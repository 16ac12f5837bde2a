package store

// Explanation is the clerk's 经验校验说明 for a warning on a record: why the
// figure is right although it looks odd. It travels with the data file.
type Explanation struct {
	Table, Key, Field, Note string
}

// Explain stores (or, with an empty note, removes) the explanation of a warning.
func (tx *Tx) Explain(e Explanation) error {
	if e.Note == "" {
		_, err := tx.exec("DELETE FROM explanations WHERE tbl = ? AND key = ? AND field = ?", e.Table, e.Key, e.Field)
		return err
	}
	_, err := tx.exec("INSERT OR REPLACE INTO explanations (tbl, key, field, note) VALUES (?, ?, ?, ?)", e.Table, e.Key, e.Field, e.Note)
	if err != nil {
		return err
	}
	return tx.Log(ActSetting, "explanations", e.Table+"/"+e.Key+"/"+e.Field, "", "", e.Note)
}

// Explanations lists every stored explanation.
func (tx *Tx) Explanations() ([]Explanation, error) {
	rows, err := tx.query("SELECT tbl, key, field, note FROM explanations ORDER BY tbl, key, field")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Explanation
	for rows.Next() {
		var e Explanation
		if err := rows.Scan(&e.Table, &e.Key, &e.Field, &e.Note); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
