package handoff_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"filippo.io/age"

	"chanjiao/store"
	"chanjiao/store/atomic"
	"chanjiao/store/handoff"
)

// forge rebuilds a real data file with its manifest and records changed by
// change, signed (manifest and whole file) by a fresh key: everything a
// forger controls, with every signature and hash valid.
func forge(t testing.TB, good []byte, change func(*handoff.Manifest, *handoff.Records)) []byte {
	t.Helper()
	b, err := handoff.Open(good, "good.cjrh", "")
	if err != nil {
		t.Fatal(err)
	}
	m, recs := b.Manifest, b.Records
	change(&m, &recs)
	_, key, _ := ed25519.GenerateKey(nil)
	return sign(t, m, recs, key)
}

// sign lays out and signs a data file around a manifest and records.
func sign(t testing.TB, m handoff.Manifest, recs handoff.Records, key ed25519.PrivateKey) []byte {
	t.Helper()
	m.Entries, m.PublicKey, m.Counts = nil, key.Public().(ed25519.PublicKey), handoff.CountsOf(recs)
	recordsJSON, err := json.Marshal(recs)
	if err != nil {
		t.Fatal(err)
	}
	data, err := handoff.WriteArchive(m, map[string][]byte{"records.json": recordsJSON}, key)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// refuse receives data, which must be refused with a message matching want,
// leaving the database file and its WAL byte-identical and the audit chain
// intact.
func refuse(t *testing.T, db *store.DB, data []byte, want string) error {
	t.Helper()
	before := dbState(t, db)
	_, err := handoff.Receive(ctx, db, writeFile(t, "x.cjrh", data), "", handoff.Options{Trust: true, AcceptNewKey: true})
	if err == nil {
		t.Fatal("accepted")
	}
	if store.ErrorCode(err) != store.EInvalid || !regexp.MustCompile(want).MatchString(err.Error()) || !hasHan(err.Error()) {
		t.Fatalf("err = %v (code %s), want a Chinese refusal matching %q", err, store.ErrorCode(err), want)
	}
	if dbState(t, db) != before {
		t.Fatal("a refused file changed the database")
	}
	verifyAudit(t, db)
	return err
}

func verifyAudit(t testing.TB, db *store.DB) {
	t.Helper()
	r, err := db.Verify()
	if err != nil || r.Integrity != "ok" || r.BrokenAt != 0 {
		t.Fatalf("verify: %+v %v", r, err)
	}
}

func hasHan(s string) bool { return regexp.MustCompile(`\p{Han}`).MatchString(s) }

// yearRows counts the year's majors, stints and trainings a database holds.
func yearRows(t testing.TB, db *store.DB) int {
	t.Helper()
	n := 0
	err := db.View(ctx, func(tx *store.Tx) error {
		ms, err := tx.Majors(year)
		ss, err2 := tx.Secondments(year)
		ts, err3 := tx.Trainings(year)
		n = len(ms) + len(ss) + len(ts)
		return errors.Join(err, err2, err3)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A sender code that is not six digits was used as a LIKE pattern and
// wiped every county's year at the prefecture (issue 11, case 1).
func TestHostileSenderCodeRefused(t *testing.T) {
	c, p := county(t), prefecture(t)
	good := pack(t, c, handoff.PackOptions{})
	if _, err := handoff.Receive(ctx, p, writeFile(t, "good.cjrh", good.Data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
	rows := yearRows(t, p)
	if rows == 0 {
		t.Fatal("the county's file brought no rows")
	}
	refuseSenders(t, p, good.Data, rows, "5323%%", "53230_", "5323__", "5323%", "532301%", " 532301", "532３01", "532300", "532399")
}

// refuseSenders sends a file from each hostile sender code, with no records,
// to db, which holds rows of the year: each is refused and no row goes.
func refuseSenders(t *testing.T, db *store.DB, good []byte, rows int, codes ...string) {
	for _, code := range codes {
		t.Run(code, func(t *testing.T) {
			hostile := forge(t, good, func(m *handoff.Manifest, r *handoff.Records) {
				m.Sender.Code = code
				*r = handoff.Records{Units: []store.UnitRecords{{Unit: m.Sender}}}
			})
			t.Log(refuse(t, db, hostile, "区划代码|不是本单位"))
			if got := yearRows(t, db); got != rows {
				t.Fatalf("%d of the year's rows left, want %d", got, rows)
			}
		})
	}
}

// At a province, a prefecture code 53__00 did the same to every prefecture.
func TestHostilePrefectureCodeAtProvince(t *testing.T) {
	c, p := county(t), prefecture(t)
	prov := openDB(t, store.Unit{Code: "530000", Name: "云南省教育厅", Level: store.LevelProvince})
	if _, err := handoff.Receive(ctx, p, writeFile(t, "c.cjrh", pack(t, c, handoff.PackOptions{}).Data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
	good := pack(t, p, handoff.PackOptions{})
	if _, err := handoff.Receive(ctx, prov, writeFile(t, "p.cjrh", good.Data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
	rows := yearRows(t, prov)
	if rows == 0 {
		t.Fatal("the prefecture's file brought no rows")
	}
	refuseSenders(t, prov, good.Data, rows, "53__00", "53%", "53%%00", "5300%0", "530000")
}

// Every code inside the records is checked too, before anything is used.
func TestHostileRecordCodesRefused(t *testing.T) {
	c, p := county(t), prefecture(t)
	good := pack(t, c, handoff.PackOptions{})
	for _, tc := range []struct {
		name, want string
		change     func(*handoff.Records)
	}{
		{"unit code pattern", "单位 53230% 无效", func(r *handoff.Records) { r.Units[0].Unit.Code = "53230%" }},
		{"another county", "不属于", func(r *handoff.Records) { r.Units[0].Unit.Code = "532302" }},
		{"unit as prefecture", "州市级单位的区划代码", func(r *handoff.Records) { r.Units[0].Unit.Level = store.LevelPrefecture }},
		{"school code", "学校 12345% 无效", func(r *handoff.Records) {
			s := &r.Units[0].Schools[0]
			for _, x := range r.Units[0].Majors {
				if x.SchoolCode == s.Code {
					x.SchoolCode = "12345%"
				}
			}
			s.Code = "12345%"
		}},
		{"school region", "所在区划代码", func(r *handoff.Records) { r.Units[0].Schools[0].Region = "5323%%" }},
		{"credit code", "企业 .* 无效", func(r *handoff.Records) { r.Enterprises[0].CreditCode = "91%" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hostile := forge(t, good.Data, func(_ *handoff.Manifest, r *handoff.Records) { tc.change(r) })
			t.Log(refuse(t, p, hostile, tc.want))
		})
	}
}

// The manifest is read and its signature checked before anything is
// inflated or hashed; its list of entries is bounded and without repeats
// (one listing of records.json 3,000 times was hashed for minutes).
func TestHostileManifestRefused(t *testing.T) {
	c, p := county(t), prefecture(t)
	good := pack(t, c, handoff.PackOptions{})
	b, err := handoff.Open(good.Data, "good.cjrh", "")
	if err != nil {
		t.Fatal(err)
	}
	recordsJSON, _ := json.Marshal(b.Records)
	_, key, _ := ed25519.GenerateKey(nil)
	relist := func(change func(m *handoff.Manifest)) []byte {
		m := b.Manifest
		m.PublicKey = key.Public().(ed25519.PublicKey)
		m.Entries = nil
		data, err := handoff.WriteArchive(m, map[string][]byte{"records.json": recordsJSON}, key)
		if err != nil {
			t.Fatal(err)
		}
		return resign(t, data, key, change)
	}
	t.Run("3000 listings", func(t *testing.T) {
		refuse(t, p, relist(func(m *handoff.Manifest) {
			for range 3000 {
				m.Entries = append(m.Entries, m.Entries[0])
			}
		}), "清单列出的文件过多（3001 个，上限 32 个）")
	})
	t.Run("listed twice", func(t *testing.T) {
		refuse(t, p, relist(func(m *handoff.Manifest) { m.Entries = append(m.Entries, m.Entries[0]) }), "records.json 重复")
	})
	t.Run("manifest listed", func(t *testing.T) {
		refuse(t, p, relist(func(m *handoff.Manifest) {
			m.Entries = append(m.Entries, handoff.Entry{Name: "manifest.json"})
		}), "manifest.json 重复或不应列出")
	})
	t.Run("huge size", func(t *testing.T) {
		refuse(t, p, relist(func(m *handoff.Manifest) { m.Entries[0].Size = 1 << 40 }), `records.json 过大（上限 \d+ MB）`)
	})
	t.Run("two entries of one name", func(t *testing.T) {
		data := relist(func(*handoff.Manifest) {})
		refuse(t, p, appendEntry(t, data, key, "records.json", []byte("{}")), "两个同名的文件 records.json")
	})
	t.Run("bad signature before anything is inflated", func(t *testing.T) {
		data := relist(func(m *handoff.Manifest) { m.Entries[0].Size = 1 << 40 })
		data[len(data)-1] ^= 1 // the whole-file signature no longer holds
		refuse(t, p, data, "签名无效")
	})
}

// Records that encoding/json would have read leniently are refused: a name
// given twice (which of the two did the sender mean?) and bytes that are not
// UTF-8 (v1 turned them into U+FFFD and stored the mangled name).
func TestHostileRecordsJSONRefused(t *testing.T) {
	c, p := county(t), prefecture(t)
	b, err := handoff.Open(pack(t, c, handoff.PackOptions{}).Data, "good.cjrh", "")
	if err != nil {
		t.Fatal(err)
	}
	recordsJSON, _ := json.Marshal(b.Records)
	_, key, _ := ed25519.GenerateKey(nil)
	signed := func(records []byte) []byte {
		m := b.Manifest
		m.PublicKey, m.Entries = key.Public().(ed25519.PublicKey), nil
		data, err := handoff.WriteArchive(m, map[string][]byte{"records.json": records}, key)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for name, records := range map[string][]byte{
		"a name twice": bytes.Replace(recordsJSON, []byte(`"Name":"`), []byte(`"Name":"冒名","Name":"`), 1),
		"not UTF-8":    bytes.Replace(recordsJSON, []byte("职业"), []byte("\xff\xfe"), 1),
	} {
		t.Run(name, func(t *testing.T) {
			if bytes.Equal(records, recordsJSON) {
				t.Fatal("the records were not changed")
			}
			refuse(t, p, signed(records), "数据包中的数据无法读取")
		})
	}
}

// resign rewrites the manifest of a data file (keeping its entries' bytes)
// and signs it again with key.
func resign(t testing.TB, data []byte, key ed25519.PrivateKey, change func(*handoff.Manifest)) []byte {
	t.Helper()
	entries := readZip(t, data)
	var m handoff.Manifest
	if err := json.Unmarshal(entries[0].body, &m); err != nil {
		t.Fatal(err)
	}
	change(&m)
	mj, _ := json.MarshalIndent(m, "", "  ")
	entries[0].body = mj
	entries[1].body = []byte(hex.EncodeToString(ed25519.Sign(key, mj)))
	return zipSigned(t, entries, key)
}

// appendEntry adds one more entry (whatever its name) to a data file and
// signs the whole file again.
func appendEntry(t testing.TB, data []byte, key ed25519.PrivateKey, name string, body []byte) []byte {
	t.Helper()
	return zipSigned(t, append(readZip(t, data), zipEntry{name, body}), key)
}

type zipEntry struct {
	name string
	body []byte
}

func readZip(t testing.TB, data []byte) []zipEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []zipEntry
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, zipEntry{f.Name, body})
	}
	return out
}

// zipSigned writes entries in order (names may repeat) with the whole-file
// signature in the comment, as Export does.
func zipSigned(t testing.TB, entries []zipEntry, key ed25519.PrivateKey) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.body)
	}
	zw.SetComment(strings.Repeat("0", 2*ed25519.SignatureSize))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	signed := len(data) - 2*ed25519.SignatureSize
	copy(data[signed:], hex.EncodeToString(ed25519.Sign(key, data[:signed])))
	return data
}

// An encrypted file whose scrypt work factor lies outside what this program
// writes is refused before any key is derived: 2^22 took 4.2 GB.
func TestScryptWorkFactorBounded(t *testing.T) {
	c, p := county(t), prefecture(t)
	good := pack(t, c, handoff.PackOptions{})
	for _, logN := range []string{"19", "22", "23", "30", "9"} {
		t.Run(logN, func(t *testing.T) {
			data := encryptWithWorkFactor(t, good.Data, "口令", logN)
			_, err := handoff.Open(data, "x.cjrh", "口令")
			if err == nil || !strings.Contains(err.Error(), "工作因子应为 2^10 至 2^18") {
				t.Fatalf("Open: %v", err)
			}
			before := dbState(t, p)
			_, err = handoff.Receive(ctx, p, writeFile(t, "x.cjrh", data), "口令", handoff.Options{Trust: true})
			if err == nil || !strings.Contains(err.Error(), "工作因子") {
				t.Fatalf("Receive: %v", err)
			}
			if dbState(t, p) != before {
				t.Fatal("database changed")
			}
		})
	}
	// the work factor this program writes (age's default) opens
	data, err := handoff.Encrypt(good.Data, "口令")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := handoff.Open(data, "x.cjrh", "口令"); err != nil {
		t.Fatal(err)
	}
}

// encryptWithWorkFactor encrypts data cheaply (2^10) and then writes logN
// into the header's scrypt stanza, as a hostile file would claim it: the
// header's MAC no longer holds, but the factor must be refused before that
// can even be checked.
func encryptWithWorkFactor(t testing.TB, data []byte, passphrase, logN string) []byte {
	t.Helper()
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(10)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	out := buf.Bytes()
	stanza := regexp.MustCompile(`(?m)^(-> scrypt \S+) 10$`)
	if !stanza.Match(out[:200]) {
		t.Fatalf("no scrypt stanza in %q", out[:200])
	}
	return stanza.ReplaceAll(out, []byte("${1} "+logN))
}

// A failed export changes nothing: no revision, no audit entry, the database
// byte-identical; the next successful export is revision 1 (issue 11, case 8).
func TestFailedExportChangesNothing(t *testing.T) {
	c := county(t)
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	fail := func(t *testing.T, out string) {
		t.Helper()
		before := dbState(t, c)
		p, err := handoff.Export(ctx, c, year, handoff.PackOptions{}, out)
		if err == nil || p != nil || !hasHan(err.Error()) {
			t.Fatalf("export to %s: %+v %v", out, p, err)
		}
		t.Log(err)
		if dbState(t, c) != before {
			t.Fatal("a failed export changed the database")
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*.cjrh")); len(left) > 0 {
			t.Fatalf("left behind: %v", left)
		}
	}
	t.Run("missing folder", func(t *testing.T) { fail(t, filepath.Join(dir, "缺少的文件夹", "x.cjrh")) })
	t.Run("parent is a file", func(t *testing.T) { fail(t, filepath.Join(notDir, "x.cjrh")) })
	t.Run("disk full", func(t *testing.T) {
		defer handoff.SetWriteFile(func(path string, write func(io.Writer) error) error {
			return atomicFails(path, write)
		})()
		fail(t, dir)
	})
	t.Run("commit fails after the write", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		defer handoff.SetWriteFile(func(path string, write func(io.Writer) error) error {
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			defer f.Close()
			cancel() // the transaction cannot commit now
			return write(f)
		})()
		before := dbState(t, c)
		if _, err := handoff.Export(cctx, c, year, handoff.PackOptions{}, dir); err == nil {
			t.Fatal("export with a failed commit succeeded")
		}
		if dbState(t, c) != before {
			t.Fatal("the database changed")
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*.cjrh")); len(left) > 0 {
			t.Fatalf("a file whose revision was not recorded is left: %v", left)
		}
	})
	var exports int
	c.View(ctx, func(tx *store.Tx) error {
		entries, err := tx.Audit(store.AuditFilter{Action: "export"})
		exports = len(entries)
		return err
	})
	if exports != 0 {
		t.Fatalf("%d export entries in the audit after failed exports", exports)
	}
	p, err := handoff.Export(ctx, c, year, handoff.PackOptions{}, dir)
	if err != nil || p.Revision != 1 || filepath.Dir(p.Path) != dir {
		t.Fatalf("export after the failures: %+v %v", p, err)
	}
	verifyAudit(t, c)
}

// atomicFails writes the file as Export does, on a stick that is full
// after 100 bytes.
func atomicFails(path string, write func(io.Writer) error) error {
	return atomic.WriteFile(path, func(w io.Writer) error { return write(&fullWriter{w: w, room: 100}) })
}

type fullWriter struct {
	w    io.Writer
	room int
}

func (f *fullWriter) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n, _ := f.w.Write(p[:f.room])
		f.room = 0
		return n, &os.PathError{Op: "write", Path: "stick", Err: syscall.ENOSPC}
	}
	f.room -= len(p)
	return f.w.Write(p)
}
