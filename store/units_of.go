package store

import "chanjiao/store/refdata"

// UnitsOf is units[] of `check --json` for a dataset this Tx read (above
// county level): each lower unit's figures and assessment, as Indicators
// gives them, without reading the year again (the returns' 表12).
func (tx *Tx) UnitsOf(d Dataset, ref *refdata.Reference) ([]*Figures, error) {
	lower, err := tx.split(d)
	if err != nil {
		return nil, err
	}
	out := make([]*Figures, len(lower))
	for i, sub := range lower {
		out[i] = sub.unitFigures(ref)
	}
	return out, nil
}

// UnitTargets are the targets a lower unit's data file carried for year,
// each with what the level above assigned it (Target.Assigned): at a
// province, a prefecture's counties' own.
func (tx *Tx) UnitTargets(code string, year int) ([]Target, error) {
	return tx.unitTargets(code, year)
}
