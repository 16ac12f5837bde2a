// Package assets holds what the binaries embed: the CJK font used by the
// window and the PDF returns, and the reference data copied from
// ../shared/data at build time.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed data
var data embed.FS

//go:embed fonts/wqy-microhei.ttf
var Font []byte

// Data returns the embedded reference data folder (vocational-majors-2021.csv,
// regions-*.csv). It holds only a README when the build had no ../shared/data.
func Data() fs.FS {
	sub, err := fs.Sub(data, "data")
	if err != nil {
		panic(err) // the folder is embedded at compile time; this cannot fail
	}
	return sub
}
