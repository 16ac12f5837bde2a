package workbook_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

// Hostile and damaged workbooks (issue 11): each is built here, refused with
// a message saying what is wrong, and leaves the database file and its WAL
// byte for byte as they were.

// dbState is a digest of the database file and its WAL.
func dbState(t testing.TB, db *store.DB) string {
	t.Helper()
	h := sha256.New()
	for _, p := range []string{db.Path, db.Path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// seededDB is a database holding the rich workbook's records, so that a
// refused file has something to damage.
func seededDB(t testing.TB) *store.DB {
	t.Helper()
	db := openDB(t)
	importOK(t, db, richBook(t))
	return db
}

// refuseFile imports data as name and wants a refusal whose message holds
// every one of want, with the database unchanged. It returns the message.
func refuseFile(t *testing.T, db *store.DB, name string, data []byte, want ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return refusePath(t, db, path, want...)
}

func refusePath(t *testing.T, db *store.DB, path string, want ...string) string {
	t.Helper()
	before := dbState(t, db)
	res, err := workbook.Import(context.Background(), db, path)
	if err == nil {
		t.Fatalf("%s imported: %s", filepath.Base(path), res.Summary())
	}
	msg := store.ErrorMessage(err)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("%s: message %q does not say %q", filepath.Base(path), msg, w)
		}
	}
	if store.ErrorCode(err) != store.EInvalid {
		t.Errorf("%s: error code %s, want %s", filepath.Base(path), store.ErrorCode(err), store.EInvalid)
	}
	if dbState(t, db) != before {
		t.Fatalf("%s: the database changed", filepath.Base(path))
	}
	return msg
}

// schoolsBook is a workbook of n schools.
func schoolsBook(t testing.TB, n int) string {
	rows := [][]any{hSchools}
	for i := range n {
		rows = append(rows, []any{fmt.Sprintf("365300%04d", i), fmt.Sprintf("第%d学校", i), "中等职业学校", "532323", "公办"})
	}
	return writeBook(t, sheetRows{"学校", rows})
}

// rewriteZip copies the archive at path entry by entry, still compressed,
// letting edit change an entry's header and compressed bytes (or drop it,
// by returning false), then adds extra entries.
func rewriteZip(t testing.TB, path string, edit func(h *zip.FileHeader, data []byte) ([]byte, bool), extra map[string]string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		h := f.FileHeader
		keep := true
		if edit != nil {
			data, keep = edit(&h, data)
		}
		if !keep {
			continue
		}
		h.CompressedSize64 = uint64(len(data))
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range extra {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, text)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetEntry is the zip entry of the first worksheet.
const sheetEntry = "xl/worksheets/sheet1.xml"

// A copy with bytes flipped inside the 学校 sheet's compressed data was
// imported in part (excelize ignores inflate and CRC errors); every such
// copy must be refused as damaged.
func TestDamagedWorkbookIsRefusedWhole(t *testing.T) {
	db := seededDB(t)
	good := schoolsBook(t, 300)
	if got := importOK(t, openDB(t), good).Added["学校"]; got != 300 {
		t.Fatalf("the undamaged book imports %d schools, want 300", got)
	}
	var sheet []byte
	rewriteZip(t, good, func(h *zip.FileHeader, data []byte) ([]byte, bool) {
		if h.Name == sheetEntry {
			sheet = data
		}
		return data, true
	}, nil)
	if len(sheet) < 300 {
		t.Fatalf("the 学校 sheet is %d bytes compressed", len(sheet))
	}
	t.Run("FlippedBytes", func(t *testing.T) {
		for i := range 200 {
			off := i * (len(sheet) - 16) / 200
			data := rewriteZip(t, good, func(h *zip.FileHeader, data []byte) ([]byte, bool) {
				if h.Name == sheetEntry {
					data = bytes.Clone(data)
					for j := off; j < off+16; j++ {
						data[j] ^= 0x5A
					}
				}
				return data, true
			}, nil)
			msg := refuseFile(t, db, "学校.xlsx", data, "学校.xlsx 文件已损坏，请重新拷贝")
			if strings.Contains(msg, "\n") {
				t.Fatalf("flip at %d: a damaged file is listed as cell errors: %s", off, msg)
			}
		}
	})
	t.Run("TruncatedEntry", func(t *testing.T) {
		data := rewriteZip(t, good, func(h *zip.FileHeader, data []byte) ([]byte, bool) {
			if h.Name == sheetEntry {
				data = data[:len(data)/2]
			}
			return data, true
		}, nil)
		refuseFile(t, db, "半截.xlsx", data, "半截.xlsx 文件已损坏，请重新拷贝")
	})
	t.Run("SizeUnderstated", func(t *testing.T) {
		data := rewriteZip(t, good, func(h *zip.FileHeader, data []byte) ([]byte, bool) {
			if h.Name == sheetEntry {
				h.UncompressedSize64 /= 2
			}
			return data, true
		}, nil)
		refuseFile(t, db, "短报.xlsx", data, "文件已损坏，请重新拷贝")
	})
	t.Run("TruncatedFile", func(t *testing.T) {
		data, err := os.ReadFile(good)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{len(data) / 3, len(data) / 2, len(data) - 1} {
			refuseFile(t, db, "截断.xlsx", data[:n], "截断.xlsx 文件已损坏，请重新拷贝")
		}
	})
}

// Two entries with one name: excelize would silently read the last.
func TestDuplicateZipEntryIsRefused(t *testing.T) {
	db := seededDB(t)
	other := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`
	for _, name := range []string{sheetEntry, "XL/Worksheets/Sheet1.xml", `xl\worksheets\sheet1.xml`} {
		data := rewriteZip(t, richBook(t), nil, map[string]string{name: other})
		refuseFile(t, db, "重名.xlsx", data, "重名.xlsx 文件已损坏", "出现了两次")
	}
}

// "学校" and "学校　" (a full-width space) both read as 学校: which one the
// clerk meant cannot be told.
func TestSheetsDifferingOnlyBySpacesAreRefused(t *testing.T) {
	db := seededDB(t)
	for _, twin := range []string{"学校　", " 学校", "学校\u200b"} {
		path := writeBook(t,
			sheetRows{"学校", [][]any{hSchools, {schoolA, "甲校", "中等职业学校", "532323", "公办"}}},
			sheetRows{twin, [][]any{hSchools, {schoolH, "乙校", "高职专科", "532323", "公办"}}},
		)
		refusePath(t, db, path, "“学校”和“"+twin+"”", "无法确定读取哪一个")
	}
}

// An .xlsx saved with an opening password is an encrypted Compound File;
// an old .xls is a Compound File too: each is told what it is.
func TestPasswordProtectedAndOldWorkbooksAreToldApart(t *testing.T) {
	db := seededDB(t)
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "学校标识码")
	protected := filepath.Join(t.TempDir(), "加密.xlsx")
	if err := f.SaveAs(protected, excelize.Options{Password: "123456"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	refusePath(t, db, protected, "加密.xlsx：工作簿设有打开密码，请在 Excel 中取消密码后再导入")

	// An old .xls: a Compound File whose directory names a Workbook stream.
	xls := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
	copy(xls[512:], utf16("Root Entry"))
	copy(xls[640:], utf16("Workbook"))
	msg := refuseFile(t, db, "旧版.xls", xls, "旧版.xls 是旧版 Excel 97-2003 工作簿（.xls）", "另存为 .xlsx")
	if strings.Contains(msg, "密码") {
		t.Errorf("an old .xls is said to have a password: %s", msg)
	}
}

func utf16(s string) []byte {
	var b []byte
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// Codes pasted from a web page carry invisible characters at their ends.
func TestInvisibleCharactersAroundCodesAreTrimmed(t *testing.T) {
	db := openDB(t)
	path := writeBook(t, sheetRows{"学校", [][]any{hSchools,
		{"\u200b" + schoolA + "\u200e", "甲校\u2060", "中等职业学校", "\u200f532323\u200d", "公办\ufeff"},
		{"\u2060" + schoolH + "\u200c", "乙校", "高职专科", "532323", "公办"},
	}})
	importOK(t, db, path)
	got := readAll(t, db).Schools
	if len(got) != 2 || got[0].Code != schoolA || got[0].Name != "甲校" || got[0].Region != "532323" || got[1].Code != schoolH {
		t.Fatalf("schools = %+v", got)
	}
}

// rawBook writes a workbook by hand, part by part, so that a test controls
// every byte of its sheets: sheets maps a sheet name to its <sheetData>
// content, sst is the shared string table's content ("" for none).
func rawBook(t testing.TB, sst string, sheets ...[2]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, text string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, text); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	types := `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`
	var list, rels strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s[0], i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>`, i+1, rel, i+1)
		types += fmt.Sprintf(`<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		add(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet `+ns+`>`+s[1]+`</worksheet>`)
	}
	if sst != "" {
		fmt.Fprintf(&rels, `<Relationship Id="rIdS" Type="%ssharedStrings" Target="sharedStrings.xml"/>`, rel)
		types += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		add("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst `+ns+`>`+sst+`</sst>`)
	}
	add("[Content_Types].xml", types+`</Types>`)
	add("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+rel+`officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<workbook `+ns+`><sheets>`+list.String()+`</sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "raw.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// inlineRow is a <row> of inline-string cells from column A on.
func inlineRow(num int, values ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, num)
	for i, v := range values {
		ref, _ := excelize.CoordinatesToCellName(i+1, num)
		fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, v)
	}
	b.WriteString(`</row>`)
	return b.String()
}

func headerRow(headers []any) string {
	var hs []string
	for _, h := range headers {
		hs = append(hs, h.(string))
	}
	return inlineRow(1, hs...)
}

// The hand-made books are read as excelize-made ones are.
func TestRawBookImports(t *testing.T) {
	db := openDB(t)
	path := rawBook(t, `<si><t>甲</t><r><t>校</t></r><rPh><t>ジア</t></rPh></si>`,
		[2]string{"学校", `<sheetData>` + headerRow(hSchools) +
			`<row r="2"><c r="A2" t="inlineStr"><is><t>` + schoolA + `</t></is></c><c r="B2" t="s"><v>0</v></c>` +
			`<c t="inlineStr"><is><t>中等职业学校</t></is></c><c><v>532323</v></c><c t="str"><v>公办</v></c></row></sheetData>`})
	importOK(t, db, path)
	if got := readAll(t, db).Schools; len(got) != 1 || got[0].Name != "甲校" || got[0].Region != "532323" || got[0].Ownership != "公办" {
		t.Fatalf("schools = %+v", got)
	}
}

// Limits decided up front: a workbook over one is refused, naming it.
func TestWorkbooksOverTheLimitsAreRefused(t *testing.T) {
	db := seededDB(t)
	t.Run("SharedStrings", func(t *testing.T) {
		sst := strings.Repeat("<si><t>x</t></si>", 500_001)
		path := rawBook(t, sst, [2]string{"学校", `<sheetData>` + headerRow(hSchools) + `</sheetData>`})
		refusePath(t, db, path, "共享字符串超过 500000 个的上限")
	})
	t.Run("Rows", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`<sheetData>` + headerRow(hSecondments))
		for r := 2; r <= 100_002; r++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="C%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
		}
		b.WriteString(`</sheetData>`)
		path := rawBook(t, "", [2]string{"互派互聘", b.String()})
		refusePath(t, db, path, "工作表“互派互聘”超过 100000 行的上限")
	})
	t.Run("Cells", func(t *testing.T) {
		sheet := func(headers []any) string {
			var b strings.Builder
			b.WriteString(`<sheetData>` + headerRow(headers))
			for range 99_000 {
				b.WriteString(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`)
			}
			return b.String() + `</sheetData>`
		}
		path := rawBook(t, "", [2]string{"专业", sheet(hMajors)}, [2]string{"互派互聘", sheet(hSecondments)})
		refusePath(t, db, path, "单元格超过 2000000 个的上限")
	})
	t.Run("PartSize", func(t *testing.T) {
		sst := "<si><t>x</t></si>" + strings.Repeat(" ", 64<<20)
		path := rawBook(t, sst, [2]string{"学校", `<sheetData>` + headerRow(hSchools) + `</sheetData>`})
		refusePath(t, db, path, "“xl/sharedStrings.xml”解压后超过 64 MB 的上限")
	})
	t.Run("Entries", func(t *testing.T) {
		extra := map[string]string{}
		for i := range 1000 {
			extra[fmt.Sprintf("xl/media/image%d.png", i)] = "x"
		}
		refuseFile(t, db, "部件.xlsx", rewriteZip(t, richBook(t), nil, extra), "部件超过 1000 个的上限")
	})
	t.Run("FileSize", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "大.xlsx")
		if err := os.WriteFile(path, []byte("PK\x03\x04"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, 51<<20); err != nil {
			t.Fatal(err)
		}
		refusePath(t, db, path, "大.xlsx 太大（超过 50 MB 的上限）")
	})
}

// Rows that carry only formatting — down to row 1,048,576, or a dimension
// that claims the whole grid — are not data: they count toward no limit.
func TestFormattedEmptyRowsAreNotData(t *testing.T) {
	db := openDB(t)
	var b strings.Builder
	b.WriteString(`<dimension ref="A1:XFD1048576"/><sheetData>` + headerRow(hSchools))
	b.WriteString(inlineRow(2, schoolA, "甲校", "中等职业学校", "532323", "公办"))
	for r := 3; r <= 150_000; r++ {
		fmt.Fprintf(&b, `<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="I%d" s="1" t="s"/></row>`, r, r, r)
	}
	b.WriteString(`<row r="1048576" s="1" customFormat="1"/></sheetData>`)
	res := importOK(t, db, rawBook(t, "", [2]string{"学校", b.String()}))
	if res.Added["学校"] != 1 {
		t.Fatalf("added %v, want one school", res.Added)
	}
}

// Two sheets whose relations point at one part: no real workbook has them,
// and each would be read again (five known sheets on one 256 MB part).
func TestSheetsSharingAPartAreRefused(t *testing.T) {
	db := seededDB(t)
	good := writeBook(t,
		sheetRows{"学校", [][]any{hSchools, {schoolA, "甲校", "中等职业学校", "532323", "公办"}}},
		sheetRows{"合作企业", [][]any{hEnterprises, {ent1, "甲公司"}}},
	)
	zr, err := zip.OpenReader(good)
	if err != nil {
		t.Fatal(err)
	}
	const relsName = "xl/_rels/workbook.xml.rels"
	var rels []byte
	for _, f := range zr.File {
		if f.Name == relsName {
			rc, _ := f.Open()
			rels, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	zr.Close()
	if !bytes.Contains(rels, []byte("worksheets/sheet2.xml")) {
		t.Fatalf("relations without sheet2: %s", rels)
	}
	shared := strings.ReplaceAll(string(rels), "worksheets/sheet2.xml", "worksheets/sheet1.xml")
	data := rewriteZip(t, good, func(h *zip.FileHeader, data []byte) ([]byte, bool) {
		return data, h.Name != relsName
	}, map[string]string{relsName: shared})
	refuseFile(t, db, "同指.xlsx", data, "同指.xlsx 文件已损坏", "“学校”和“合作企业”指向同一内容")
}

// The XML decoder holds a whole text or tag in memory: one cell of 2 MB
// (Excel allows 32,767 characters) is refused before it is held three times.
func TestOverlongCellIsRefused(t *testing.T) {
	db := seededDB(t)
	long := strings.Repeat("甲", 700_000) // 2.1 MB
	for name, book := range map[string]string{
		"inline": rawBook(t, "", [2]string{"学校", `<sheetData>` + headerRow(hSchools) + inlineRow(2, schoolA, long) + `</sheetData>`}),
		"shared": rawBook(t, "<si><t>"+long+"</t></si>", [2]string{"学校", `<sheetData>` + headerRow(hSchools) + `</sheetData>`}),
		"tag":    rawBook(t, "", [2]string{"学校", `<sheetData>` + headerRow(hSchools) + `<row r="2" x="` + long + `"/></sheetData>`}),
	} {
		t.Run(name, func(t *testing.T) { refusePath(t, db, book, "raw.xlsx 中有一段内容超过 1 MB") })
	}
}
