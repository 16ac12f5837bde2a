// Command fontextract copies one face of a TrueType collection (.ttc) into a
// plain .ttf, which gofpdf and Fyne can load. It made assets/fonts/wqy-microhei.ttf
// from Debian's fonts-wqy-microhei:
//
//	go run ./packaging/fontextract /usr/share/fonts/truetype/wqy/wqy-microhei.ttc 0 assets/fonts/wqy-microhei.ttf
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: fontextract FILE.ttc FACE OUT.ttf")
		os.Exit(2)
	}
	face, err := strconv.Atoi(os.Args[2])
	if err == nil {
		err = extract(os.Args[1], face, os.Args[3])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func extract(in string, face int, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	be := binary.BigEndian
	if len(b) < 12 || string(b[:4]) != "ttcf" {
		return fmt.Errorf("%s is not a TrueType collection", in)
	}
	n := int(be.Uint32(b[8:]))
	if face < 0 || face >= n {
		return fmt.Errorf("face %d out of range (0..%d)", face, n-1)
	}
	off := int(be.Uint32(b[12+4*face:]))
	numTables := int(be.Uint16(b[off+4:]))
	head := 12 + 16*numTables
	res := make([]byte, head)
	copy(res, b[off:off+12])
	for i := 0; i < numTables; i++ {
		rec := b[off+12+16*i : off+28+16*i]
		tOff, tLen := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		copy(res[12+16*i:], rec[:8])
		be.PutUint32(res[12+16*i+8:], uint32(len(res)))
		be.PutUint32(res[12+16*i+12:], uint32(tLen))
		res = append(res, b[tOff:tOff+tLen]...)
		for len(res)%4 != 0 {
			res = append(res, 0)
		}
	}
	return os.WriteFile(out, res, 0o644)
}
