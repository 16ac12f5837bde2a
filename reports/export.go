package reports

import (
	"io"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// ExportPDF writes the returns as a PDF at path, atomically: a crash or a
// pulled USB stick never leaves a half-written file under that name.
func ExportPDF(path string, r *Returns) error {
	return atomic.WriteFile(path, func(w io.Writer) error { return WritePDF(w, r) })
}

// ExportXLSX writes the returns as a workbook at path, atomically.
func ExportXLSX(path string, r *Returns) error {
	return atomic.WriteFile(path, func(w io.Writer) error { return WriteXLSX(w, r) })
}

// ExportFile writes the returns in format ("pdf" or "xlsx") at path and
// records the export in db's 操作记录 (the command line's report).
func ExportFile(db *store.DB, r *Returns, format, path string) error {
	export := ExportXLSX
	if format == "pdf" {
		export = ExportPDF
	}
	if err := export(path, r); err != nil {
		return err
	}
	return db.LogReturnsExport(r.Year, path)
}
