package handoff

import (
	"crypto/ed25519"
	"io"
)

// Hooks for the tests of package handoff_test.

// The package's tests encrypt at scrypt's cheapest allowed cost (2^10: 1 MB
// and milliseconds instead of 256 MB and a second a file); the work factor
// itself is tested by TestScryptWorkFactorBounded.
func init() { scryptWorkFactor = minWorkFactor }

// WriteArchive builds a data file signed by key, as a forger would.
func WriteArchive(m Manifest, entries map[string][]byte, key ed25519.PrivateKey) ([]byte, error) {
	return writeArchive(m, entries, key)
}

// CountsOf gives the counts a manifest lists for r.
func CountsOf(r Records) map[string]int { return r.counts() }

// SetWriteFile replaces the atomic write of Export until the returned
// function is called.
func SetWriteFile(f func(path string, write func(io.Writer) error) error) (restore func()) {
	old := writeFile
	writeFile = f
	return func() { writeFile = old }
}

// Encrypt encrypts data as Export does.
var Encrypt = encrypt
