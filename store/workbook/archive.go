package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"chanjiao/store"
)

// Limits on a workbook, decided up front so that a hostile or broken file is
// refused before it costs memory. A county's real workbook is a few MB with
// at most some thousands of rows; these are far above that, and the import
// of a workbook at every limit stays under 300 MB of memory.
const (
	maxFileSize      = 50 << 20  // the .xlsx file itself
	maxEntries       = 1000      // parts in the zip archive
	maxSheetPartSize = 256 << 20 // one worksheet, uncompressed: streamed, so it costs time, not memory
	maxStringsSize   = 64 << 20  // the shared string table, uncompressed: held in memory
	maxOtherPartSize = 16 << 20  // any other part: styles, relations, drawings…
	maxTotalSize     = 400 << 20 // all parts together, uncompressed
	maxSharedStrings = 500_000   // entries of the shared string table
	maxSheetRows     = 100_000   // rows holding a value, per sheet, after the header
	maxCells         = 2_000_000 // non-empty cells read from the known sheets
)

// oleMagic starts a Compound File (CFB): an old .xls, or an .xlsx with an
// opening password (Excel wraps the encrypted package in one).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// notZip explains why data that does not start as a zip archive is no
// .xlsx workbook. head is the start of the file; all reads the rest (bounded).
func notZip(head []byte, all func() []byte, name string) error {
	if bytes.HasPrefix(head, oleMagic) {
		data := all()
		switch {
		case bytes.Contains(data, utf16le("EncryptedPackage")) || bytes.Contains(data, utf16le("EncryptionInfo")):
			return store.Errorf(store.EInvalid, "%s：工作簿设有打开密码，请在 Excel 中取消密码后再导入（文件→信息→保护工作簿→用密码进行加密，清空密码后保存）", name)
		case bytes.Contains(data, utf16le("Workbook")) || bytes.Contains(data, utf16le("Book")):
			return store.Errorf(store.EInvalid, "%s 是旧版 Excel 97-2003 工作簿（.xls），不是 .xlsx 工作簿。请在 Excel 中另存为 .xlsx 格式后再导入", name)
		}
	}
	return store.Errorf(store.EInvalid, "%s 不是 .xlsx 工作簿。请另存为 .xlsx 格式后再导入", name)
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// damaged is the refusal of a file whose archive does not read back whole.
func damaged(name string, err error) error {
	return store.Wrap(store.EInvalid, err, "%s 文件已损坏，请重新拷贝（或在 Excel 中打开后重新保存为 .xlsx）", name)
}

// openArchive opens r as a zip archive and checks it whole before anything
// is read from it: the file size, the number and sizes of the parts, that no
// part name appears twice, and that every part inflates completely with a
// matching CRC-32 (excelize would silently read a damaged part in part).
func openArchive(r io.ReaderAt, size int64, name string) (*zip.Reader, error) {
	if size > maxFileSize {
		return nil, store.Errorf(store.EInvalid, "%s 太大（超过 %d MB 的上限），不是数据工作簿", name, maxFileSize>>20)
	}
	head := make([]byte, 8)
	if n, _ := r.ReadAt(head, 0); !bytes.HasPrefix(head[:n], []byte("PK\x03\x04")) {
		return nil, notZip(head[:n], func() []byte {
			b := make([]byte, size)
			n, _ := r.ReadAt(b, 0)
			return b[:n]
		}, name)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, damaged(name, err)
	}
	if err := checkParts(zr, name); err != nil {
		return nil, err
	}
	return zr, nil
}

// checkParts checks every part of the archive: names, sizes, and content.
func checkParts(zr *zip.Reader, name string) error {
	if len(zr.File) > maxEntries {
		return store.Errorf(store.EInvalid, "%s 包含的部件超过 %d 个的上限，不是数据工作簿", name, maxEntries)
	}
	seen := map[string]bool{}
	var total uint64
	for _, f := range zr.File {
		key := partKey(f.Name)
		if seen[key] {
			return store.Errorf(store.EInvalid, "%s 文件已损坏，请重新拷贝（部件“%s”出现了两次，无法确定读取哪一个）", name, f.Name)
		}
		seen[key] = true
		if limit := partLimit(key); f.UncompressedSize64 > limit {
			return partTooLarge(name, f.Name, limit)
		}
		if total += f.UncompressedSize64; total > maxTotalSize {
			return store.Errorf(store.EInvalid, "%s 解压后超过 %d MB 的上限，不是数据工作簿", name, maxTotalSize>>20)
		}
	}
	for _, f := range zr.File {
		if err := inflateWhole(f); err != nil {
			return damaged(name, fmt.Errorf("%s: %w", f.Name, err))
		}
	}
	return nil
}

// partKey is a part's name as excelize and Excel compare them: case folded,
// with forward slashes and no leading slash.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// partLimit is the largest a part may inflate to: worksheets and the shared
// strings carry the data; everything else is small in a real workbook. A
// worksheet formatted down to row 1,048,576 is large but still a clerk's.
func partLimit(key string) uint64 {
	switch {
	case strings.HasPrefix(key, "xl/worksheets/") && path.Ext(key) == ".xml":
		return maxSheetPartSize
	case path.Base(key) == "sharedstrings.xml":
		return maxStringsSize
	}
	return maxOtherPartSize
}

// inflateWhole reads one part to its end: archive/zip then checks that it
// inflates to exactly its recorded size and that its CRC-32 matches.
func inflateWhole(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rc, int64(partLimit(partKey(f.Name)))+1))
	if err != nil {
		return err
	}
	if uint64(n) != f.UncompressedSize64 {
		return errors.New("size differs from the recorded size")
	}
	return nil
}

// book is a checked workbook archive, read part by part with streaming XML
// so that memory follows the data kept, not the size of the parts.
type book struct {
	name       string
	parts      map[string]*zip.File // by partKey
	sheets     []bookSheet          // in workbook order
	sst        []string             // the shared strings
	dateStyles []bool               // cell style index → shows a date
	cells      int                  // cells kept so far, against maxCells
}

// bookSheet is one worksheet: its name and the part holding it.
type bookSheet struct{ name, part string }

// newBook reads the workbook's structure, shared strings and styles.
func newBook(zr *zip.Reader, name string) (*book, error) {
	b := &book{name: name, parts: map[string]*zip.File{}}
	for _, f := range zr.File {
		b.parts[partKey(f.Name)] = f
	}
	wb := "xl/workbook.xml"
	if rels, err := b.relations("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wb = r.target
			}
		}
	}
	rels, err := b.relations(path.Join(path.Dir(wb), "_rels", path.Base(wb)+".rels"), path.Dir(wb))
	if err != nil {
		return nil, b.unreadable(err)
	}
	byID := map[string]string{}
	var sst, styles string // the first of each: a part listed again is not read again
	for _, r := range rels {
		byID[r.id] = r.target
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings") && sst == "":
			sst = r.target
		case strings.HasSuffix(r.typ, "/styles") && styles == "":
			styles = r.target
		}
	}
	if sst != "" {
		if err := b.readSharedStrings(sst); err != nil {
			return nil, err
		}
	}
	if styles != "" {
		if err := b.readStyles(styles); err != nil {
			return nil, err
		}
	}
	if err := b.readSheetList(wb, byID); err != nil {
		return nil, err
	}
	return b, nil
}

// readSheetList lists the worksheets. Two sheets on one part are refused:
// a real workbook never has them, and each would be read again.
func (b *book) readSheetList(wb string, byID map[string]string) error {
	err := b.scan(wb, func(tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sheet" {
			b.sheets = append(b.sheets, bookSheet{name: attr(se, "name"), part: byID[attr(se, "id")]})
		}
		return nil
	})
	if err != nil {
		return b.unreadable(err)
	}
	parts := map[string]string{}
	for _, s := range b.sheets {
		key := partKey(s.part)
		if other, dup := parts[key]; dup && s.part != "" {
			return store.Errorf(store.EInvalid, "%s 文件已损坏，请重新拷贝（工作表“%s”和“%s”指向同一内容）", b.name, other, s.name)
		}
		parts[key] = s.name
	}
	return nil
}

// unreadable is the refusal of a part that is not the XML it should be.
func (b *book) unreadable(err error) error {
	var se *store.Error
	if errors.As(err, &se) {
		return err
	}
	return store.Wrap(store.EInvalid, err, "%s 无法作为 .xlsx 工作簿读取（文件可能已损坏）。请在 Excel 中打开后另存为 .xlsx 格式再导入", b.name)
}

// relation is one Relationship of a .rels part, its target resolved.
type relation struct{ id, typ, target string }

func (b *book) relations(part, dir string) ([]relation, error) {
	var rels []relation
	err := b.scan(part, func(tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" && attr(se, "TargetMode") != "External" {
			t := attr(se, "Target")
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join(dir, t)
			}
			rels = append(rels, relation{id: attr(se, "Id"), typ: attr(se, "Type"), target: t})
		}
		return nil
	})
	return rels, err
}

// scan streams the XML tokens of a part to fn; a missing part is an error.
func (b *book) scan(part string, fn func(xml.Token) error) error {
	f := b.parts[partKey(part)]
	if f == nil {
		return fmt.Errorf("missing part %s", part)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	mr := &markupReader{r: rc, name: b.name}
	d := xml.NewDecoder(mr)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if mr.err != nil { // the decoder may report it as a syntax error
			return mr.err
		}
		if err != nil {
			return err
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// maxToken bounds one tag or one text between tags: the XML decoder holds a
// whole token in memory. Excel's longest cell text, 32,767 characters, is
// well under it even with every character escaped.
const maxToken = 1 << 20

// markupReader passes XML through, refusing a run of more than maxToken
// bytes without a '<'.
type markupReader struct {
	r    io.Reader
	name string
	run  int // bytes since the last '<'
	err  error
}

func (m *markupReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	for rest := p[:n]; ; {
		i := bytes.IndexByte(rest, '<')
		if i < 0 || m.run+i > maxToken {
			m.run += len(rest)
			break
		}
		m.run, rest = 0, rest[i+1:]
	}
	if m.run > maxToken {
		m.err = store.Errorf(store.EInvalid, "%s 中有一段内容超过 %d MB（Excel 单元格最多 32767 个字符），不是数据工作簿", m.name, maxToken>>20)
		return 0, m.err
	}
	return n, err
}

// attr is the value of the attribute with this local name, any prefix.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// richText gathers the text of an <si> or <is> element as Excel shows it:
// its <t> elements, directly or in runs, but not the phonetic guides (<rPh>).
type richText struct {
	buf    []byte
	inT    bool
	inRPh  int
	active bool
}

// take follows one token inside the element.
func (r *richText) take(tok xml.Token) {
	switch t := tok.(type) {
	case xml.StartElement:
		switch t.Name.Local {
		case "rPh":
			r.inRPh++
		case "t":
			r.inT = r.inRPh == 0
		}
	case xml.EndElement:
		switch t.Name.Local {
		case "rPh":
			r.inRPh--
		case "t":
			r.inT = false
		}
	case xml.CharData:
		if r.inT {
			r.buf = append(r.buf, t...)
		}
	}
}

func (r *richText) start() { *r = richText{buf: r.buf[:0], active: true} }

func (r *richText) text() string { r.active = false; return unescapeOOXML(string(r.buf)) }

// readSharedStrings loads the shared string table, refusing one longer than
// maxSharedStrings before it is held.
func (b *book) readSharedStrings(part string) error {
	if err := b.checkSize(part, maxStringsSize); err != nil {
		return err
	}
	var rt richText
	err := b.scan(part, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "si" {
				rt.start()
				return nil
			}
		case xml.EndElement:
			if t.Name.Local == "si" && rt.active {
				if len(b.sst) >= maxSharedStrings {
					return store.Errorf(store.EInvalid, "%s 的共享字符串超过 %d 个的上限，不是数据工作簿", b.name, maxSharedStrings)
				}
				b.sst = append(b.sst, rt.text())
				return nil
			}
		}
		if rt.active {
			rt.take(tok)
		}
		return nil
	})
	if err != nil {
		return b.unreadable(err)
	}
	return nil
}

// checkSize refuses a part held in memory that is larger than limit, under
// whatever name the workbook's relations give it.
func (b *book) checkSize(part string, limit uint64) error {
	if f := b.parts[partKey(part)]; f != nil && f.UncompressedSize64 > limit {
		return partTooLarge(b.name, f.Name, limit)
	}
	return nil
}

func partTooLarge(file, part string, limit uint64) error {
	return store.Errorf(store.EInvalid, "%s 中的部件“%s”解压后超过 %d MB 的上限，不是数据工作簿", file, part, limit>>20)
}

// readStyles notes which cell styles show a number as a date.
func (b *book) readStyles(part string) error {
	if err := b.checkSize(part, maxOtherPartSize); err != nil {
		return err
	}
	custom := map[int]string{}
	var xfs []int
	inCellXfs := false
	err := b.scan(part, func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil {
					custom[id] = attr(t, "formatCode")
				}
			case "cellXfs":
				inCellXfs = true
			case "xf":
				if inCellXfs {
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					xfs = append(xfs, id)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inCellXfs = false
			}
		}
		return nil
	})
	if err != nil {
		return b.unreadable(err)
	}
	b.dateStyles = make([]bool, len(xfs))
	for i, id := range xfs {
		var code *string
		if c, ok := custom[id]; ok {
			code = &c
		}
		b.dateStyles[i] = isDateFormat(id, code)
	}
	return nil
}

// unescapeOOXML decodes the _xHHHH_ escapes Excel writes for characters XML
// cannot hold (_x000D_ is a carriage return; _x005F_ a literal underscore).
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) || s[i+6] != '_' {
			if i < 0 {
				break
			}
			out.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		v, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil {
			out.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		out.WriteString(s[:i])
		out.WriteRune(rune(v))
		s = s[i+7:]
	}
	out.WriteString(s)
	return out.String()
}
