package app

import (
	"bytes"
	"context"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/storage"

	"chanjiao/reports"
	"chanjiao/store"
)

// buildReturns computes the returns of a year dated by the database's clock.
func buildReturns(ctx context.Context, db *store.DB, year int) (*reports.Returns, error) {
	return reports.Build(ctx, db, year, reports.Options{Date: db.Now()})
}

// renderReturns gives the returns a data file carries, as PDF and XLSX bytes
// (store/handoff takes them as bytes; it never imports reports).
func renderReturns(r *reports.Returns) (map[string][]byte, error) {
	var pdf, xlsx bytes.Buffer
	if err := reports.WritePDF(&pdf, r); err != nil {
		return nil, err
	}
	if err := reports.WriteXLSX(&xlsx, r); err != nil {
		return nil, err
	}
	return map[string][]byte{"returns.pdf": pdf.Bytes(), "returns.xlsx": xlsx.Bytes()}, nil
}

// returnsFileName is the name of the exported returns without extension:
// {年度}年度{单位名称}产教融合统计报表, with characters Windows refuses in
// a file name replaced.
func returnsFileName(r *reports.Returns) string {
	name := strings.Map(func(c rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, c) || c < 32 {
			return '_'
		}
		return c
	}, r.Title)
	name = strings.TrimRight(strings.TrimSpace(name), ".")
	if name == "" {
		name = "产教融合统计报表"
	}
	return name
}

// exported is where an export wrote the returns.
type exported struct {
	pdf, xlsx string
}

// exportReturns writes the returns as PDF and XLSX into dir, each file
// atomically (reports.Export*). step reports progress between the files;
// a cancelled ctx stops before the next file.
func exportReturns(ctx context.Context, r *reports.Returns, dir string, step func(string, float64)) (exported, error) {
	base := filepath.Join(dir, returnsFileName(r))
	var out exported
	step("正在写入 PDF："+filepath.Base(base)+".pdf", 0.35)
	if err := reports.ExportPDF(base+".pdf", r); err != nil {
		return out, err
	}
	out.pdf = base + ".pdf"
	if err := ctx.Err(); err != nil {
		return out, err
	}
	step("正在写入 Excel："+filepath.Base(base)+".xlsx", 0.7)
	if err := reports.ExportXLSX(base+".xlsx", r); err != nil {
		return out, err
	}
	out.xlsx = base + ".xlsx"
	step("完成", 1)
	return out, nil
}

// openPath asks the system to open a file or folder (the PDF viewer, Excel,
// the file manager).
func (a *App) openPath(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = a.opener(u)
	}
	if err != nil {
		a.showError(store.Wrap(store.EInvalid, err, "无法打开 %s，请在文件管理器中打开它", path))
	}
}
