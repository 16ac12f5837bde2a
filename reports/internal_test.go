package reports

import (
	"chanjiao/store"
	"chanjiao/store/handoff"
	"chanjiao/store/refdata"
)

// BuildDataset lays a year's records out as the returns without a
// database, for the province-sized benchmark: no previous year.
func BuildDataset(ref *refdata.Reference, d store.Dataset, st *handoff.Completeness, opts Options) *Returns {
	return build(ref, d, store.Dataset{Unit: d.Unit, Year: d.Year - 1}, st, nil, opts)
}
