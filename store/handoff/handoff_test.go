package handoff_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/handoff"
	"chanjiao/store/storetest"
)

var ctx = context.Background()

const year = 2025

func openDB(t testing.TB, unit store.Unit) *store.DB { return storetest.Open(t, &unit) }

func county(t testing.TB) *store.DB {
	db := openDB(t, store.Unit{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty})
	if err := demo.Fill(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

func prefecture(t testing.TB) *store.DB {
	return openDB(t, store.Unit{Code: "532300", Name: "楚雄州教育体育局", Level: store.LevelPrefecture})
}

func pack(t testing.TB, db *store.DB, opts handoff.PackOptions) *handoff.Packed {
	t.Helper()
	if opts.Returns == nil {
		opts.Returns = map[string][]byte{"returns.pdf": []byte("%PDF-1.4 test"), "returns.xlsx": []byte("PK test")}
	}
	p, err := handoff.Export(ctx, db, year, opts, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if written, err := os.ReadFile(p.Path); err != nil || !bytes.Equal(written, p.Data) {
		t.Fatalf("file %s not written as packed (%v)", p.Path, err)
	}
	return p
}

func writeFile(t testing.TB, name string, data []byte) string {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// dbState hashes the database file and its WAL: any write changes it.
func dbState(t testing.TB, db *store.DB) string {
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

func figuresJSON(t testing.TB, f *store.Figures) string {
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCountyToPrefecture(t *testing.T) {
	c, p := county(t), prefecture(t)
	packed := pack(t, c, handoff.PackOptions{})
	if packed.Revision != 1 || packed.FileName != "532301_楚雄市教育体育局_2025_第1版.cjrh" {
		t.Fatalf("revision %d, name %s", packed.Revision, packed.FileName)
	}
	path := writeFile(t, packed.FileName, packed.Data)

	// first file: the key is unknown until the clerk confirms it
	before := dbState(t, p)
	_, err := handoff.Receive(ctx, p, path, "", handoff.Options{})
	if err == nil || !strings.Contains(err.Error(), "密钥指纹") {
		t.Fatalf("unconfirmed key: err = %v", err)
	}
	if dbState(t, p) != before {
		t.Fatal("refused file changed the database")
	}
	plan, err := handoff.Receive(ctx, p, path, "", handoff.Options{Trust: true})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Decision != handoff.New || plan.Diff[3].Added == 0 {
		t.Fatalf("plan = %+v", plan)
	}

	cf, err := c.Indicators(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := p.Indicators(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	if len(pf.Units) != 1 {
		t.Fatalf("prefecture holds %d units, want 1", len(pf.Units))
	}
	// the county's figures seen at the prefecture equal the county's own
	got, want := *pf.Units[0], *cf
	if got.Sent == nil || !*got.Sent {
		t.Errorf("the county's figures at the prefecture say it has not sent")
	}
	got.Warnings, want.Warnings, got.Sent = nil, nil, nil
	if figuresJSON(t, &got) != figuresJSON(t, &want) {
		t.Errorf("county figures at the prefecture differ:\n got %s\nwant %s", figuresJSON(t, &got), figuresJSON(t, &want))
	}

	// the same file again: nothing changes, and it says so
	before = dbState(t, p)
	plan, err = handoff.Receive(ctx, p, path, "", handoff.Options{})
	if err != nil || plan.Decision != handoff.Unchanged || !strings.Contains(plan.Summary(), "未做任何修改") {
		t.Fatalf("same file again: %v %+v", err, plan)
	}
	if dbState(t, p) != before {
		t.Fatal("the same file again changed the database")
	}
}

func TestRevisions(t *testing.T) {
	c, p := county(t), prefecture(t)
	first := pack(t, c, handoff.PackOptions{})
	if again := pack(t, c, handoff.PackOptions{}); again.Revision != 1 {
		t.Fatalf("unchanged records got revision %d", again.Revision)
	}
	// a change gives revision 2
	err := c.Update(ctx, func(tx *store.Tx) error {
		ts, err := tx.Trainings(year)
		if err != nil {
			return err
		}
		ts[0].Count += 100
		_, err = tx.PutTraining(&ts[0])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	second := pack(t, c, handoff.PackOptions{})
	if second.Revision != 2 {
		t.Fatalf("changed records got revision %d, want 2", second.Revision)
	}
	// lock and unlock: the next file gets a new number although nothing changed
	if err := c.Update(ctx, func(tx *store.Tx) error {
		if err := tx.Lock(year); err != nil {
			return err
		}
		return tx.Unlock(year, "更正")
	}); err != nil {
		t.Fatal(err)
	}
	if third := pack(t, c, handoff.PackOptions{}); third.Revision != 3 {
		t.Fatalf("after unlock got revision %d, want 3", third.Revision)
	}

	if _, err := handoff.Receive(ctx, p, writeFile(t, second.FileName, second.Data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
	before := dbState(t, p)
	_, err = handoff.Receive(ctx, p, writeFile(t, first.FileName, first.Data), "", handoff.Options{})
	if err == nil || !strings.Contains(err.Error(), "第 1 版") || !strings.Contains(err.Error(), "第 2 版") {
		t.Fatalf("older revision: err = %v", err)
	}
	if dbState(t, p) != before {
		t.Fatal("an older revision changed the database")
	}
	refusals, err := handoff.Refusals(p.Path)
	if err != nil || len(refusals) == 0 || refusals[len(refusals)-1].Sender != "532301" {
		t.Fatalf("refusal not recorded: %v %+v", err, refusals)
	}
}

func TestNewerRevisionReplacesYear(t *testing.T) {
	c, p := county(t), prefecture(t)
	first := pack(t, c, handoff.PackOptions{})
	if _, err := handoff.Receive(ctx, p, writeFile(t, "a.cjrh", first.Data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
	// the county deletes a stint and sends revision 2
	err := c.Update(ctx, func(tx *store.Tx) error {
		ss, err := tx.Secondments(year)
		if err != nil {
			return err
		}
		return tx.DeleteSecondment(ss[len(ss)-1].ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	second := pack(t, c, handoff.PackOptions{})
	b, err := handoff.Open(second.Data, "b.cjrh", "")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := handoff.Prepare(ctx, p, b)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Decision != handoff.Newer || plan.OldRevision != 1 || plan.Diff[3].Removed != 1 {
		t.Fatalf("plan = %+v", plan)
	}
	if _, err := handoff.Apply(ctx, p, b, handoff.Options{}); err != nil {
		t.Fatal(err)
	}
	cf, _ := c.Indicators(ctx, year)
	pf, _ := p.Indicators(ctx, year)
	got, want := figuresJSON(t, &store.Figures{Schools: pf.Units[0].Schools}), figuresJSON(t, &store.Figures{Schools: cf.Schools})
	if got != want {
		t.Fatalf("after replacement:\n got %s\nwant %s", got, want)
	}
}

func TestSameRevisionOtherContentRefused(t *testing.T) {
	c1, p := county(t), prefecture(t)
	c2 := county(t) // another installation of the same county: same revision 1, other records
	if err := c2.Update(ctx, func(tx *store.Tx) error {
		ts, _ := tx.Trainings(year)
		ts[0].Count++
		_, err := tx.PutTraining(&ts[0])
		return err
	}); err != nil {
		t.Fatal(err)
	}
	a, b := pack(t, c1, handoff.PackOptions{}), pack(t, c2, handoff.PackOptions{})
	if _, err := handoff.Receive(ctx, p, writeFile(t, "a.cjrh", a.Data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
	before := dbState(t, p)
	_, err := handoff.Receive(ctx, p, writeFile(t, "b.cjrh", b.Data), "", handoff.Options{Trust: true, AcceptNewKey: true})
	if err == nil || !strings.Contains(err.Error(), "同一版本号内容不同") {
		t.Fatalf("err = %v", err)
	}
	if dbState(t, p) != before {
		t.Fatal("refused file changed the database")
	}
}

func TestOtherKeyRefusedUnlessAccepted(t *testing.T) {
	c1, p := county(t), prefecture(t)
	a := pack(t, c1, handoff.PackOptions{})
	if _, err := handoff.Receive(ctx, p, writeFile(t, "a.cjrh", a.Data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
	// the same records signed by another installation's key, as revision 2
	c2 := county(t)
	c2.Update(ctx, func(tx *store.Tx) error { _, err := tx.NextRevision(year, "x"); return err })
	b := pack(t, c2, handoff.PackOptions{})
	if b.Revision != 2 {
		t.Fatalf("revision %d", b.Revision)
	}
	path := writeFile(t, "b.cjrh", b.Data)
	before := dbState(t, p)
	_, err := handoff.Receive(ctx, p, path, "", handoff.Options{Trust: true})
	if err == nil || !strings.Contains(err.Error(), "密钥与以前不同") {
		t.Fatalf("err = %v", err)
	}
	if dbState(t, p) != before {
		t.Fatal("refused file changed the database")
	}
	if _, err := handoff.Receive(ctx, p, path, "", handoff.Options{AcceptNewKey: true}); err != nil {
		t.Fatalf("accepted new key: %v", err)
	}
}

func TestSenderNotUnderThisUnit(t *testing.T) {
	c := county(t)
	other := openDB(t, store.Unit{Code: "532500", Name: "红河州教育局", Level: store.LevelPrefecture})
	a := pack(t, c, handoff.PackOptions{})
	before := dbState(t, other)
	_, err := handoff.Receive(ctx, other, writeFile(t, "a.cjrh", a.Data), "", handoff.Options{Trust: true})
	if err == nil || !strings.Contains(err.Error(), "不是本单位") {
		t.Fatalf("err = %v", err)
	}
	if dbState(t, other) != before {
		t.Fatal("refused file changed the database")
	}
}

func TestPassphrase(t *testing.T) {
	c, p := county(t), prefecture(t)
	a := pack(t, c, handoff.PackOptions{Passphrase: "楚雄2025"})
	path := writeFile(t, "a.cjrh", a.Data)
	if _, err := handoff.Receive(ctx, p, path, "", handoff.Options{Trust: true}); err == nil || !strings.Contains(err.Error(), "口令") {
		t.Fatalf("no passphrase: %v", err)
	}
	if _, err := handoff.Receive(ctx, p, path, "错误口令", handoff.Options{Trust: true}); err == nil || !strings.Contains(err.Error(), "口令不正确") {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if _, err := handoff.Receive(ctx, p, path, "楚雄2025", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
}

func TestIDNumbersNeverLeaveInClear(t *testing.T) {
	c := county(t)
	a := pack(t, c, handoff.PackOptions{})
	b, err := handoff.Open(a.Data, "a.cjrh", "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	c.View(ctx, func(tx *store.Tx) error {
		ss, _ := tx.Secondments(0)
		for _, s := range ss {
			if s.IDNumber != "" {
				ids = append(ids, s.IDNumber)
			}
		}
		return nil
	})
	if len(ids) == 0 {
		t.Fatal("demo has no ID numbers")
	}
	raw := string(a.Data)
	recs, _ := json.Marshal(b.Records)
	masked := 0
	for _, id := range ids {
		if strings.Contains(raw, id) || strings.Contains(string(recs), id) {
			t.Fatalf("ID %s leaves in clear", id)
		}
	}
	for _, u := range b.Records.Units {
		for _, s := range u.Secondments {
			if s.IDMasked != "" {
				masked++
				if len(s.PersonKey) != 64 || !strings.Contains(s.IDMasked, "********") {
					t.Fatalf("stint %s: key %q masked %q", s.Key(), s.PersonKey, s.IDMasked)
				}
			}
		}
	}
	if masked == 0 {
		t.Fatal("no masked ID in the file")
	}
}

// Every damaged or hostile file is refused and leaves the database as it was.
func TestHostileFilesRefused(t *testing.T) {
	c, p := county(t), prefecture(t)
	good := pack(t, c, handoff.PackOptions{})
	check := func(t *testing.T, name string, data []byte) {
		t.Helper()
		before := dbState(t, p)
		_, err := handoff.Receive(ctx, p, writeFile(t, "x.cjrh", data), "", handoff.Options{Trust: true, AcceptNewKey: true})
		if err == nil {
			t.Fatalf("%s: accepted", name)
		}
		if !strings.HasPrefix(name, "flip") {
			t.Logf("%s: %v", name, err)
		}
		if store.ErrorCode(err) != store.EInvalid {
			t.Fatalf("%s: error code %s (%v)", name, store.ErrorCode(err), err)
		}
		if dbState(t, p) != before {
			t.Fatalf("%s: database changed", name)
		}
	}
	t.Run("FlippedBytes", func(t *testing.T) {
		step := len(good.Data) / 300
		if step == 0 {
			step = 1
		}
		n := 0
		for off := 0; off < len(good.Data); off += step {
			bad := bytes.Clone(good.Data)
			bad[off] ^= 0x55
			check(t, "flip at "+itoa(off), bad)
			n++
		}
		t.Logf("%d flipped files refused", n)
	})
	t.Run("Truncated", func(t *testing.T) {
		for _, n := range []int{0, 1, 4, 100, len(good.Data) / 2, len(good.Data) - 1} {
			check(t, "truncated to "+itoa(n), good.Data[:n])
		}
	})
	t.Run("NotAnArchive", func(t *testing.T) {
		check(t, "text", []byte("这不是数据包"))
		check(t, "xlsx", []byte("PK\x03\x04 but broken"))
	})
	_, key, _ := ed25519.GenerateKey(nil)
	for _, name := range []string{"../evil.json", "/etc/passwd", "returns/../../x", "C:\\windows\\x", "returns/a/b.pdf", "unknown.bin"} {
		t.Run("Path "+name, func(t *testing.T) {
			check(t, name, craft(t, good.Data, key, map[string][]byte{name: []byte("x")}, nil))
		})
	}
	t.Run("ZipBomb", func(t *testing.T) {
		check(t, "1 GB entry", craft(t, good.Data, key, nil, &bomb{name: "returns/bomb.pdf", size: 1 << 30}))
	})
	t.Run("ZipBombLyingHeader", func(t *testing.T) {
		check(t, "lying entry", craft(t, good.Data, key, nil, &bomb{name: "returns/bomb.pdf", size: 300 << 20, claim: 10}))
	})
	t.Run("ResignedOtherKeyWithChangedRecords", func(t *testing.T) {
		// an intermediary changes a figure and re-signs with its own key:
		// it is refused as another key for a pinned sender
		if _, err := handoff.Receive(ctx, p, writeFile(t, "good.cjrh", good.Data), "", handoff.Options{Trust: true}); err != nil {
			t.Fatal(err)
		}
		before := dbState(t, p)
		forged := craft(t, good.Data, key, nil, nil)
		_, err := handoff.Receive(ctx, p, writeFile(t, "forged.cjrh", forged), "", handoff.Options{})
		if err == nil || !strings.Contains(err.Error(), "密钥") {
			t.Fatalf("forged: %v", err)
		}
		if dbState(t, p) != before {
			t.Fatal("forged file changed the database")
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

type bomb struct {
	name  string
	size  int64
	claim uint64 // non-zero: the size the header claims
}

// craft rebuilds a data file with extra entries, signed (manifest and whole
// file) by key as a forger would: every check but the key and the names holds.
func craft(t *testing.T, good []byte, key ed25519.PrivateKey, extra map[string][]byte, bm *bomb) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	entries := map[string][]byte{}
	var manifest handoff.Manifest
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		entries[f.Name] = b
	}
	if err := json.Unmarshal(entries["manifest.json"], &manifest); err != nil {
		t.Fatal(err)
	}
	manifest.PublicKey = key.Public().(ed25519.PublicKey)
	for n, b := range extra {
		entries[n] = b
		sum := sha256.Sum256(b)
		manifest.Entries = append(manifest.Entries, handoff.Entry{Name: n, Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])})
	}
	mj, _ := json.MarshalIndent(manifest, "", "  ")
	entries["manifest.json"] = mj
	entries["manifest.sig"] = []byte(hex.EncodeToString(ed25519.Sign(key, mj)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, n := range []string{"manifest.json", "manifest.sig"} {
		w, _ := zw.Create(n)
		w.Write(entries[n])
		delete(entries, n)
	}
	for n, b := range entries {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if bm != nil {
		w, _ := zw.Create(bm.name)
		io.CopyN(w, zeroReader{}, bm.size)
	}
	zw.SetComment(strings.Repeat("0", 128))
	zw.Close()
	data := buf.Bytes()
	if bm != nil && bm.claim != 0 {
		lieAboutSize(data, bm.name, bm.claim)
	}
	signed := len(data) - 128
	copy(data[signed:], hex.EncodeToString(ed25519.Sign(key, data[:signed])))
	return data
}

// lieAboutSize rewrites the uncompressed size of an entry in the central
// directory, as a crafted zip bomb would.
func lieAboutSize(data []byte, name string, claim uint64) {
	sig := []byte("PK\x01\x02")
	for i := bytes.Index(data, sig); i >= 0; {
		nameLen := int(data[i+28]) | int(data[i+29])<<8
		if string(data[i+46:i+46+nameLen]) == name {
			data[i+24], data[i+25], data[i+26], data[i+27] = byte(claim), byte(claim>>8), byte(claim>>16), byte(claim>>24)
			return
		}
		j := bytes.Index(data[i+4:], sig)
		if j < 0 {
			return
		}
		i += 4 + j
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A school already reported by one county cannot arrive in another county's
// file: the file is refused and nothing changes.
func TestSchoolOfAnotherCountyRefused(t *testing.T) {
	p := prefecture(t)
	first := county(t)
	a := pack(t, first, handoff.PackOptions{})
	if _, err := handoff.Receive(ctx, p, writeFile(t, "a.cjrh", a.Data), "", handoff.Options{Trust: true}); err != nil {
		t.Fatal(err)
	}
	// 南华县 reports the same demo schools (same 学校标识码)
	other := openDB(t, store.Unit{Code: "532324", Name: "南华县教育体育局", Level: store.LevelCounty})
	if err := demo.FillAnyUnit(ctx, other); err != nil {
		t.Fatal(err)
	}
	b := pack(t, other, handoff.PackOptions{})
	before := dbState(t, p)
	_, err := handoff.Receive(ctx, p, writeFile(t, "b.cjrh", b.Data), "", handoff.Options{Trust: true})
	if err == nil || !strings.Contains(err.Error(), "已由 楚雄市教育体育局（532301）") {
		t.Fatalf("err = %v", err)
	}
	if dbState(t, p) != before {
		t.Fatal("refused file changed the database")
	}
}
