package store

import "chanjiao/store/refdata"

// Warnings lists the year's warning-level problems, as Compute does, without
// counting the figures: a data file's validation carries only these, and a
// prefecture's year holds some 20,000 records to count.
func (d Dataset) Warnings(ref *refdata.Reference) []Warning { return d.warnings(ref) }
