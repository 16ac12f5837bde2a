// Command winpkg does the small file-format jobs of the Windows packaging
// (packaging/build-windows.sh) in Go, so the build needs no extra tools:
//
//	winpkg version FyneApp.toml          prints "VERSION BUILD" (e.g. "0.1.0 1")
//	winpkg ico IN.png OUT.ico            a Windows icon: 16…48 px as 32-bit DIBs, 256 px as PNG
//	winpkg crlf IN OUT                   copies a text file with CRLF line ends and a UTF-8 BOM
//	winpkg zip OUT.zip DIR               a zip of DIR's files under DIR's base name, with
//	                                     fixed times so the same input gives the same bytes
//	winpkg peinfo FILE.exe               what the resources of an exe say (for the tests):
//	                                     icon names, version strings, manifest settings
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf16"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "winpkg:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: winpkg version|ico|crlf|zip")
	}
	switch {
	case args[0] == "version" && len(args) == 2:
		v, b, err := fyneVersion(args[1])
		if err != nil {
			return err
		}
		fmt.Println(v, b)
		return nil
	case args[0] == "ico" && len(args) == 3:
		return makeICO(args[1], args[2])
	case args[0] == "crlf" && len(args) == 3:
		return crlf(args[1], args[2])
	case args[0] == "zip" && len(args) == 3:
		return makeZip(args[1], args[2])
	case args[0] == "peinfo" && len(args) == 2:
		return peInfo(args[1], os.Stdout)
	}
	return fmt.Errorf("bad arguments: %q", args)
}

var (
	reVersion = regexp.MustCompile(`(?m)^\s*Version\s*=\s*"(\d+)\.(\d+)\.(\d+)"`)
	reBuild   = regexp.MustCompile(`(?m)^\s*Build\s*=\s*(\d+)`)
)

// fyneVersion reads Details.Version (three numbers) and Details.Build.
func fyneVersion(path string) (version, build string, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	m := reVersion.FindSubmatch(b)
	if m == nil {
		return "", "", fmt.Errorf("%s: no Version = \"X.Y.Z\"", path)
	}
	build = "0"
	if mb := reBuild.FindSubmatch(b); mb != nil {
		build = string(mb[1])
	}
	return fmt.Sprintf("%s.%s.%s", m[1], m[2], m[3]), build, nil
}

// makeICO writes an icon with the sizes Windows asks for most: 16, 20, 24,
// 32, 40, 48 and 64 px as uncompressed 32-bit images (every Windows version
// and resource tool reads them) and 256 px as PNG (Vista and later).
func makeICO(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	src, _, err := image.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	sizes := []int{16, 20, 24, 32, 40, 48, 64, 256}
	var images [][]byte
	for _, s := range sizes {
		img := scale(src, s)
		if s == 256 {
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return err
			}
			images = append(images, buf.Bytes())
		} else {
			images = append(images, dib(img))
		}
	}
	var buf bytes.Buffer
	le := binary.LittleEndian
	binary.Write(&buf, le, [3]uint16{0, 1, uint16(len(sizes))})
	offset := 6 + 16*len(sizes)
	for i, s := range sizes {
		dim := byte(s)
		if s >= 256 {
			dim = 0
		}
		buf.Write([]byte{dim, dim, 0, 0})
		binary.Write(&buf, le, [2]uint16{1, 32})
		binary.Write(&buf, le, [2]uint32{uint32(len(images[i])), uint32(offset)})
		offset += len(images[i])
	}
	for _, img := range images {
		buf.Write(img)
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// scale resizes src to s×s by averaging the source pixels each target pixel
// covers (with fractional weights), in premultiplied colour.
func scale(src image.Image, s int) *image.NRGBA {
	b := src.Bounds()
	w, h := float64(b.Dx()), float64(b.Dy())
	dst := image.NewNRGBA(image.Rect(0, 0, s, s))
	for y := 0; y < s; y++ {
		y0, y1 := float64(y)*h/float64(s), float64(y+1)*h/float64(s)
		for x := 0; x < s; x++ {
			x0, x1 := float64(x)*w/float64(s), float64(x+1)*w/float64(s)
			var r, g, bl, a, wsum float64
			for sy := int(y0); float64(sy) < y1; sy++ {
				wy := overlap(float64(sy), y0, y1)
				for sx := int(x0); float64(sx) < x1; sx++ {
					wt := wy * overlap(float64(sx), x0, x1)
					cr, cg, cb, ca := src.At(b.Min.X+sx, b.Min.Y+sy).RGBA() // premultiplied, 16 bit
					r += wt * float64(cr)
					g += wt * float64(cg)
					bl += wt * float64(cb)
					a += wt * float64(ca)
					wsum += wt
				}
			}
			if a == 0 {
				continue
			}
			c := func(v float64) uint8 { return uint8(v/a*255 + 0.5) }
			dst.SetNRGBA(x, y, color.NRGBA{c(r), c(g), c(bl), uint8(a/wsum/65535*255 + 0.5)})
		}
	}
	return dst
}

func overlap(p, lo, hi float64) float64 {
	return max(0, min(p+1, hi)-max(p, lo))
}

// dib is an icon image in the classic form: BITMAPINFOHEADER with double
// height, bottom-up BGRA rows, then a 1-bit AND mask (all zero: alpha rules).
func dib(img *image.NRGBA) []byte {
	s := img.Bounds().Dx()
	var buf bytes.Buffer
	le := binary.LittleEndian
	maskRow := ((s + 31) / 32) * 4
	binary.Write(&buf, le, struct {
		Size                   uint32
		Width, Height          int32
		Planes, BitCount       uint16
		Compression, SizeImage uint32
		XPels, YPels           int32
		ClrUsed, ClrImportant  uint32
	}{40, int32(s), int32(2 * s), 1, 32, 0, uint32(s*s*4 + maskRow*s), 0, 0, 0, 0})
	for y := s - 1; y >= 0; y-- {
		for x := 0; x < s; x++ {
			c := img.NRGBAAt(x, y)
			buf.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	buf.Write(make([]byte, maskRow*s))
	return buf.Bytes()
}

// crlf rewrites a text file for Notepad: CRLF line ends and a UTF-8 byte
// order mark (Notepad before Windows 10 1903 guesses GBK without one).
func crlf(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	s := strings.TrimPrefix(string(b), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n")
	return os.WriteFile(out, []byte(s), 0o644)
}

// stamp is the time written into every zip entry, so rebuilding the same
// files gives the same zip.
var stamp = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// makeZip packs dir as base(dir)/... . Names are stored as UTF-8 with the
// UTF-8 flag; keep them ASCII for old unzip tools.
func makeZip(out, dir string) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	zw := zip.NewWriter(bw)
	base := filepath.Base(filepath.Clean(dir))
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		h := &zip.FileHeader{Name: base + "/" + filepath.ToSlash(rel), Method: zip.Deflate, Modified: stamp}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		src, err := os.Open(p)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, src)
		src.Close()
		if err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

// peInfo prints the resources that matter for the packaging: the icon
// group names, the version strings and the manifest's key settings.
func peInfo(path string, w io.Writer) error {
	f, err := pe.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sec := f.Section(".rsrc")
	if sec == nil {
		return fmt.Errorf("%s: no .rsrc section", path)
	}
	data, err := sec.Data()
	if err != nil {
		return err
	}
	le := binary.LittleEndian
	name := func(v uint32) string {
		if v&0x80000000 == 0 {
			return fmt.Sprint(v)
		}
		off := v & 0x7fffffff
		n := int(le.Uint16(data[off:]))
		u := make([]uint16, n)
		for i := range u {
			u[i] = le.Uint16(data[int(off)+2+2*i:])
		}
		return string(utf16.Decode(u))
	}
	// leaves walks a directory level and calls fn with each entry's name and target.
	entries := func(off uint32, fn func(name string, target uint32)) {
		n := int(le.Uint16(data[off+12:])) + int(le.Uint16(data[off+14:]))
		for i := 0; i < n; i++ {
			e := off + 16 + uint32(8*i)
			fn(name(le.Uint32(data[e:])), le.Uint32(data[e+4:]))
		}
	}
	blob := func(leafDir uint32) []byte {
		var out []byte
		entries(leafDir&0x7fffffff, func(_ string, t uint32) {
			rva, size := le.Uint32(data[t:]), le.Uint32(data[t+4:])
			start := rva - sec.VirtualAddress
			out = data[start : start+size]
		})
		return out
	}
	entries(0, func(typ string, t uint32) {
		entries(t&0x7fffffff, func(id string, t2 uint32) {
			switch typ {
			case "14":
				b := blob(t2)
				fmt.Fprintf(w, "icon group %s: %d images\n", id, le.Uint16(b[4:]))
			case "24":
				m := string(blob(t2))
				for _, k := range []string{"asInvoker", "PerMonitorV2", "longPathAware", "Common-Controls"} {
					fmt.Fprintf(w, "manifest %s: %v\n", k, strings.Contains(m, k))
				}
			case "16":
				b := blob(t2)
				if i := bytes.Index(b, []byte{0xbd, 0x04, 0xef, 0xfe}); i >= 0 {
					ms, ls := le.Uint32(b[i+8:]), le.Uint32(b[i+12:])
					fmt.Fprintf(w, "version FILEVERSION: %d.%d.%d.%d\n", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
				}
				u := make([]uint16, len(b)/2)
				for i := range u {
					u[i] = le.Uint16(b[2*i:])
				}
				var tokens []string
				for _, t := range strings.Split(string(utf16.Decode(u)), "\x00") {
					if t = strings.TrimSpace(t); t != "" {
						tokens = append(tokens, t)
					}
				}
				// a key follows its entry's binary header without a NUL between
				for i, t := range tokens[:len(tokens)-1] {
					for _, k := range []string{"FileDescription", "FileVersion", "ProductName", "ProductVersion", "OriginalFilename"} {
						if strings.HasSuffix(t, k) {
							fmt.Fprintf(w, "version %s: %s\n", k, tokens[i+1])
						}
					}
				}
			}
		})
	})
	return nil
}
