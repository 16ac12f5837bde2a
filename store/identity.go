package store

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"time"
)

// Identity is this installation's signing key and the secret behind 人员标识.
type Identity struct {
	Key    ed25519.PrivateKey
	Secret []byte
}

// Identity returns the installation's identity, making it on first use.
func (tx *Tx) Identity() (Identity, error) {
	var seed, secret []byte
	err := tx.queryRow("SELECT private_key, hmac_secret FROM identity WHERE id = 1").Scan(&seed, &secret)
	if errors.Is(err, sql.ErrNoRows) {
		seed, secret = make([]byte, ed25519.SeedSize), make([]byte, 32)
		if _, err := rand.Read(seed); err != nil {
			return Identity{}, err
		}
		if _, err := rand.Read(secret); err != nil {
			return Identity{}, err
		}
		if _, err := tx.exec("INSERT INTO identity (id, private_key, hmac_secret, created_at) VALUES (1, ?, ?, ?)",
			seed, secret, tx.db.Now().UTC().Format(time.RFC3339)); err != nil {
			return Identity{}, err
		}
	} else if err != nil {
		return Identity{}, err
	}
	if len(seed) != ed25519.SeedSize {
		return Identity{}, Errorf(EInternal, "本机签名密钥已损坏")
	}
	return Identity{Key: ed25519.NewKeyFromSeed(seed), Secret: secret}, nil
}

// PersonKey is the 人员标识 of a 身份证号: an HMAC-SHA256 under the
// installation's secret, so the level above can count a person once without
// learning the number.
func (id Identity) PersonKey(idNumber string) string {
	m := hmac.New(sha256.New, id.Secret)
	m.Write([]byte(idNumber))
	return hex.EncodeToString(m.Sum(nil))
}

// Fingerprint gives a public key's fingerprint in the form read out on the
// phone: the first 16 bytes of its SHA-256 in groups of four hex digits.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	h := strings.ToUpper(hex.EncodeToString(sum[:16]))
	var groups []string
	for i := 0; i < len(h); i += 4 {
		groups = append(groups, h[i:i+4])
	}
	return strings.Join(groups, "-")
}

// Fingerprint is the fingerprint of the installation's public key, as the
// level above reads it out to confirm a first data file.
func (id Identity) Fingerprint() string {
	return Fingerprint(id.Key.Public().(ed25519.PublicKey))
}
