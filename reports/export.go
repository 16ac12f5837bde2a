package reports

import (
	"io"

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
