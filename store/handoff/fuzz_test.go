package handoff_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"testing"

	"chanjiao/store"
	"chanjiao/store/handoff"
)

// FuzzOpen feeds arbitrary bytes (seeded with a real data file, plain and
// encrypted) to Open: it must refuse or accept, never panic or hang.
func FuzzOpen(f *testing.F) {
	c := county(f)
	f.Add(pack(f, c, handoff.PackOptions{}).Data)
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("age-encryption.org/v1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := handoff.Open(data, "fuzz.cjrh", "口令")
		if err == nil && b.Manifest.Format != handoff.FormatVersion {
			t.Fatalf("accepted a file of format %d", b.Manifest.Format)
		}
	})
}

// keyMark in a fuzzed manifest is replaced by the signing key's public key,
// so that fuzzing gets past the signatures to everything checked after them.
const keyMark = "@KEY@"

// FuzzManifest signs arbitrary manifest bytes (seeded with a real manifest
// and hostile variants) into an otherwise real data file: Open must never
// panic, and never accept a manifest whose codes or list are not valid.
func FuzzManifest(f *testing.F) {
	good := pack(f, county(f), handoff.PackOptions{Returns: map[string][]byte{}})
	b, err := handoff.Open(good.Data, "good.cjrh", "")
	if err != nil {
		f.Fatal(err)
	}
	recordsJSON, _ := json.Marshal(b.Records)
	manifest := func(change func(m *handoff.Manifest)) []byte {
		m := b.Manifest
		m.Entries = []handoff.Entry{entryOf("records.json", recordsJSON)}
		change(&m)
		mj, _ := json.MarshalIndent(m, "", "  ")
		return bytes.Replace(mj, []byte(base64.StdEncoding.EncodeToString(m.PublicKey)), []byte(keyMark), 1)
	}
	seed := func(change func(m *handoff.Manifest)) { f.Add(manifest(change)) }
	seed(func(*handoff.Manifest) {})
	seed(func(m *handoff.Manifest) { m.Sender.Code = "5323%%" })
	seed(func(m *handoff.Manifest) { m.Sender.Code = "53__00"; m.Sender.Level = store.LevelPrefecture })
	seed(func(m *handoff.Manifest) { m.Entries = append(m.Entries, m.Entries[0], m.Entries[0]) })
	seed(func(m *handoff.Manifest) { m.Entries[0].Size = -1 })
	seed(func(m *handoff.Manifest) { m.Counts = nil })
	_, key, _ := ed25519.GenerateKey(bytes.NewReader(make([]byte, 64)))
	pub := base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	build := func(t testing.TB, manifest []byte) []byte {
		manifest = bytes.ReplaceAll(manifest, []byte(keyMark), []byte(pub))
		return zipSigned(t, []zipEntry{
			{"manifest.json", manifest},
			{"manifest.sig", []byte(hex.EncodeToString(ed25519.Sign(key, manifest)))},
			{"records.json", recordsJSON},
		}, key)
	}
	if _, err := handoff.Open(build(f, manifest(func(*handoff.Manifest) {})), "seed.cjrh", ""); err != nil {
		f.Fatalf("the real manifest, signed by the harness, is refused: %v", err)
	}
	f.Fuzz(func(t *testing.T, manifest []byte) {
		got, err := handoff.Open(build(t, manifest), "fuzz.cjrh", "")
		if err != nil {
			return
		}
		m := got.Manifest
		sender := store.Unit{Code: m.Sender.Code, Name: m.Sender.Name, Level: m.Sender.Level}
		if err := sender.Validate(nil).Err(); err != nil {
			t.Fatalf("accepted sender %+v: %v", m.Sender, err)
		}
		seen := map[string]bool{}
		for _, e := range m.Entries {
			if seen[e.Name] {
				t.Fatalf("accepted %s listed twice", e.Name)
			}
			seen[e.Name] = true
		}
		for _, u := range got.Records.Units {
			if u.Unit.Code != m.Sender.Code && !store.Under(u.Unit, sender) {
				t.Fatalf("accepted unit %s under sender %s", u.Unit.Code, m.Sender.Code)
			}
		}
	})
}

func entryOf(name string, body []byte) handoff.Entry {
	sum := sha256.Sum256(body)
	return handoff.Entry{Name: name, Size: int64(len(body)), SHA256: hex.EncodeToString(sum[:])}
}
