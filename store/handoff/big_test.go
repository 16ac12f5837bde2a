package handoff_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"chanjiao/store"
	"chanjiao/store/handoff"
)

// TestWriteBigFiles writes the data files the memory and time of
// `chanjiao-cli bundle import` are measured on (issue 11), into the folder
// CHANJIAO_BIG_DIR names; without it, it is skipped. Measure with
//
//	CHANJIAO_BIG_DIR=/tmp/big go test -run TestWriteBigFiles ./store/handoff
//	/usr/bin/time -v chanjiao-cli --db zhou.db bundle import --trust /tmp/big/within-limits.cjrh
func TestWriteBigFiles(t *testing.T) {
	dir := os.Getenv("CHANJIAO_BIG_DIR")
	if dir == "" {
		t.Skip("CHANJIAO_BIG_DIR not set")
	}
	good := pack(t, county(t), handoff.PackOptions{})
	b, err := handoff.Open(good.Data, "good.cjrh", "")
	if err != nil {
		t.Fatal(err)
	}
	_, key, _ := ed25519.GenerateKey(nil)
	// records.json just under its limit: the county's trainings repeated
	recs := b.Records
	u := &recs.Units[0]
	proto := u.Trainings
	for i := 0; ; i++ {
		x := proto[i%len(proto)]
		x.Name = fmt.Sprintf("%s（第 %d 期）", x.Name, i)
		u.Trainings = append(u.Trainings, x)
		if i%10000 == 0 {
			if j, _ := json.Marshal(recs); len(j) > 31<<20 {
				break
			}
		}
	}
	recordsJSON, _ := json.Marshal(recs)
	// returns of random (incompressible) bytes fill the file to its limit
	noise := make([]byte, 33<<20)
	rand.NewChaCha8([32]byte{}).Read(noise)
	pdfA, pdfB := noise[:16<<20-1], noise[16<<20:31<<20]
	m := b.Manifest
	m.Entries, m.PublicKey, m.Counts = nil, key.Public().(ed25519.PublicKey), handoff.CountsOf(recs)
	write := func(name string, entries map[string][]byte) []byte {
		data, err := handoff.WriteArchive(m, entries, key)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(data))
		return data
	}
	within := write("within-limits.cjrh", map[string][]byte{"records.json": recordsJSON, "returns/a.pdf": pdfA, "returns/b.pdf": pdfB})
	if _, err := handoff.Open(within, "within-limits.cjrh", ""); err != nil {
		t.Fatalf("the largest file within the limits is refused: %v", err)
	}
	encrypted := func(name string, data []byte) {
		enc, err := handoff.Encrypt(data, "口令")
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), enc, 0o644)
	}
	encrypted("within-limits-encrypted.cjrh", within)
	recordsOnly := write("records-only.cjrh", map[string][]byte{"records.json": recordsJSON})
	encrypted("records-only-encrypted.cjrh", recordsOnly)
	relisted := resign(t, recordsOnly, key, func(m *handoff.Manifest) {
		for range 3000 {
			m.Entries = append(m.Entries, m.Entries[0])
		}
	})
	os.WriteFile(filepath.Join(dir, "manifest-3000-listings.cjrh"), relisted, 0o644)
	for name, code := range map[string]string{"sender-5323%%.cjrh": "5323%%", "sender-53230_.cjrh": "53230_"} {
		hostile := forge(t, good.Data, func(m *handoff.Manifest, r *handoff.Records) {
			m.Sender.Code = code
			*r = handoff.Records{Units: []store.UnitRecords{{Unit: m.Sender}}}
		})
		os.WriteFile(filepath.Join(dir, name), hostile, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "passphrase.txt"), []byte("口令\n"), 0o600)
	over := bytes.Clone(recordsJSON)
	over = append(over[:len(over)-1], bytes.Repeat([]byte(" "), 2<<20)...)
	write("records-over-limit.cjrh", map[string][]byte{"records.json": append(over, '}')})
	write("file-over-limit.cjrh", map[string][]byte{"records.json": recordsJSON, "returns/a.pdf": pdfA, "returns/b.pdf": pdfB, "returns/c.pdf": noise[31<<20:]})
	os.WriteFile(filepath.Join(dir, "scrypt-22.cjrh"), encryptWithWorkFactor(t, good.Data, "口令", "22"), 0o644)
	many := make(map[string][]byte)
	for i := range 3000 {
		many[fmt.Sprintf("returns/%d.pdf", i)] = []byte("x")
	}
	many["records.json"] = recordsJSON
	write("3000-entries.cjrh", many)
}
