package reports

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"

	"chanjiao/store"
)

// Render builds the returns of a year and renders them as the files a data
// file carries, by name (store/handoff takes them as bytes; it never
// imports reports).
func Render(ctx context.Context, db *store.DB, year int, opts Options) (map[string][]byte, error) {
	r, err := Build(ctx, db, year, opts)
	if err != nil {
		return nil, err
	}
	return r.Files()
}

// Files renders the returns as returns.pdf and returns.xlsx.
func (r *Returns) Files() (map[string][]byte, error) {
	var pdf, xlsx bytes.Buffer
	if err := WritePDF(&pdf, r); err != nil {
		return nil, err
	}
	if err := WriteXLSX(&xlsx, r); err != nil {
		return nil, err
	}
	return map[string][]byte{"returns.pdf": pdf.Bytes(), "returns.xlsx": xlsx.Bytes()}, nil
}

// FileName is the name of the exported returns without extension: the
// title ({年度}年度{单位名称}产教融合统计报表), usable as a file name.
func (r *Returns) FileName() string { return store.SafeFileName(r.Title, "产教融合统计报表") }

// Exported is where ExportAll wrote the returns; a file not written is "".
type Exported struct {
	PDF, XLSX string
	DetailPDF string // the 明细 PDF, when asked for above county level
}

// ExportAll writes the returns as PDF and Excel into dir under FileName
// (and, when asked for above county level, the 明细 PDF: WritesDetailPDF),
// each file atomically, once neither would replace the database, a file
// beside it, a device or — unless replace is set, after the clerk was asked
// — a file of another kind (store.CheckOutput). What was written is recorded
// in the 操作记录, even when the export stopped part way.
// step, when not nil, reports progress before each file; a cancelled ctx
// stops before the next file.
func ExportAll(ctx context.Context, db *store.DB, r *Returns, dir string, replace bool, step func(text string, done float64)) (out Exported, err error) {
	defer func() {
		if lerr := db.LogReturnsExport(r.Year, out.PDF, out.XLSX, out.DetailPDF); err == nil {
			err = lerr
		}
	}()
	dbPath := db.Path
	if step == nil {
		step = func(string, float64) {}
	}
	base := filepath.Join(dir, r.FileName())
	check := func(path string, kind store.OutputKind) error {
		err := store.CheckOutput(dbPath, path, kind)
		if replace && errors.Is(err, store.ErrReplacesOtherFile) {
			return nil
		}
		return err
	}
	detail := ""
	if r.WritesDetailPDF() {
		detail = DetailPath(base + ".pdf")
		if err := check(detail, store.OutputPDF); err != nil {
			return out, err
		}
	}
	if err := errors.Join(check(base+".pdf", store.OutputPDF), check(base+".xlsx", store.OutputXLSX)); err != nil {
		return out, err
	}
	step("正在写入 PDF："+filepath.Base(base)+".pdf", 0.35)
	if err := ExportPDF(base+".pdf", r); err != nil {
		return out, err
	}
	out.PDF = base + ".pdf"
	if err := ctx.Err(); err != nil {
		return out, err
	}
	step("正在写入 Excel："+filepath.Base(base)+".xlsx", 0.7)
	if err := ExportXLSX(base+".xlsx", r); err != nil {
		return out, err
	}
	out.XLSX = base + ".xlsx"
	if detail != "" {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		step("正在写入明细 PDF："+filepath.Base(detail), 0.85)
		if err := ExportDetailPDF(detail, r); err != nil {
			return out, err
		}
		out.DetailPDF = detail
	}
	step("完成", 1)
	return out, nil
}
