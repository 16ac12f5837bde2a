package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFyneVersion(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "FyneApp.toml")
	os.WriteFile(p, []byte("[Details]\n  Icon = \"x.png\"\n  Version = \"1.12.3\"\n  Build = 7\n"), 0o644)
	v, b, err := fyneVersion(p)
	if err != nil || v != "1.12.3" || b != "7" {
		t.Fatalf("got %q %q %v", v, b, err)
	}
	os.WriteFile(p, []byte("[Details]\n  Version = \"1.2\"\n"), 0o644)
	if _, _, err := fyneVersion(p); err == nil {
		t.Fatal("a two-part version must be refused (the version resource needs X.Y.Z)")
	}
}

func TestCRLF(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	os.WriteFile(in, []byte("说明\n第二行\r\n三\n"), 0o644)
	if err := crlf(in, out); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if want := "\ufeff说明\r\n第二行\r\n三\r\n"; string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestZipIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "chanjiao")
	os.MkdirAll(src, 0o755)
	os.WriteFile(filepath.Join(src, "b.txt"), []byte("b"), 0o644)
	os.WriteFile(filepath.Join(src, "a.exe"), []byte("a"), 0o644)
	z1, z2 := filepath.Join(dir, "1.zip"), filepath.Join(dir, "2.zip")
	if err := makeZip(z1, src); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(src, "a.exe"), stamp.AddDate(1, 0, 0), stamp.AddDate(1, 0, 0))
	if err := makeZip(z2, src); err != nil {
		t.Fatal(err)
	}
	b1, _ := os.ReadFile(z1)
	b2, _ := os.ReadFile(z2)
	if !bytes.Equal(b1, b2) {
		t.Fatal("same files, different zips")
	}
	if !bytes.Contains(b1, []byte("chanjiao/a.exe")) || !bytes.Contains(b1, []byte("chanjiao/b.txt")) {
		t.Fatal("entries are not under the folder's name")
	}
}

func TestICO(t *testing.T) {
	dir := t.TempDir()
	img := image.NewNRGBA(image.Rect(0, 0, 100, 100))
	for y := 0; y < 100; y++ {
		for x := 0; x < 100; x++ {
			img.SetNRGBA(x, y, color.NRGBA{200, 20, 20, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	in, out := filepath.Join(dir, "i.png"), filepath.Join(dir, "i.ico")
	os.WriteFile(in, buf.Bytes(), 0o644)
	if err := makeICO(in, out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	le := binary.LittleEndian
	if le.Uint16(b[2:]) != 1 || le.Uint16(b[4:]) != 8 {
		t.Fatalf("header %x", b[:6])
	}
	// the last entry is 256 px (stored as 0) and a PNG
	e := 6 + 16*7
	off := le.Uint32(b[e+12:])
	if b[e] != 0 || !strings.HasPrefix(string(b[off:]), "\x89PNG") {
		t.Fatal("256 px entry is not a PNG")
	}
	// the 16 px entry is a DIB of 16×32 with an opaque red pixel
	off = le.Uint32(b[6+12:])
	if le.Uint32(b[off:]) != 40 || int32(le.Uint32(b[off+8:])) != 32 {
		t.Fatal("16 px entry is not a double-height DIB")
	}
	if px := b[off+40 : off+44]; px[0] != 20 || px[2] != 200 || px[3] != 255 {
		t.Fatalf("pixel BGRA %v", px)
	}
}
