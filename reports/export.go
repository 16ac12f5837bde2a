package reports

import (
	"io"
	"path/filepath"
	"strings"

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

// ExportDetailPDF writes the 明细 PDF (WriteDetailPDF) at path, atomically.
func ExportDetailPDF(path string, r *Returns) error {
	return atomic.WriteFile(path, func(w io.Writer) error { return WriteDetailPDF(w, r) })
}

// DetailPath is where the 明细 PDF goes beside the returns' PDF at path:
// 报表.pdf gives 报表明细.pdf.
func DetailPath(path string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "明细" + ext
}

// WritesDetailPDF says whether the exports write the 明细 PDF: asked for
// (Options.Detail), and returns above county level, which have 明细 tables.
func (r *Returns) WritesDetailPDF() bool { return r.DetailPDF && len(r.Details) > 0 }

// ExportFile writes the returns in format ("pdf" or "xlsx") at path and
// records the export in db's 操作记录 (the command line's report). A PDF
// asked for with its 明细 gets the 明细 PDF beside it (DetailPath).
func ExportFile(db *store.DB, r *Returns, format, path string) error {
	export := ExportXLSX
	if format == "pdf" {
		export = ExportPDF
	}
	detail := ""
	if format == "pdf" && r.WritesDetailPDF() {
		detail = DetailPath(path)
		if err := store.CheckOutput(db.Path, detail, store.OutputPDF); err != nil {
			return err // before either file is written
		}
	}
	if err := export(path, r); err != nil {
		return err
	}
	written := []string{path}
	var err error
	if detail != "" {
		if err = ExportDetailPDF(detail, r); err == nil {
			written = append(written, detail)
		}
	}
	if lerr := db.LogReturnsExport(r.Year, written...); err == nil {
		err = lerr
	}
	return err
}
