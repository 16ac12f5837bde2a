package handoff_test

import (
	"testing"

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
