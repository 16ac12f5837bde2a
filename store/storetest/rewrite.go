package storetest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

// RewriteEntries rewrites each entry of the workbook (or any zip) at path
// through edit, keeping the rest of the file as it was.
func RewriteEntries(tb testing.TB, path string, edit func(name string, data []byte) []byte) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			tb.Fatal(err)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(edit(f.Name, b))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

var sheetViewsRE = regexp.MustCompile(`(?s)<sheetViews>.*?</sheetViews>|<sheetViews/>`)

// WithoutSheetViews removes the optional <sheetViews> of every sheet of the
// workbook at path, as some programs write it (it once made the annotated
// copy panic).
func WithoutSheetViews(tb testing.TB, path string) {
	tb.Helper()
	RewriteEntries(tb, path, func(name string, b []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/") {
			return sheetViewsRE.ReplaceAll(b, nil)
		}
		return b
	})
}
