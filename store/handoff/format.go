// Package handoff is the USB data file between levels (shared/spec/handoff.md):
// one signed .cjrh file per unit and year. Pack writes it; Open checks every
// byte of it before anything is written; Apply replaces the sender's year in
// one transaction. The rendered returns come in as bytes: this package never
// imports the reports.
package handoff

import (
	"crypto/ed25519"
	"time"

	"chanjiao/store"
)

// FormatVersion is the layout of the file this program writes. Version 2
// carries measures.md's records and no major's 订单班人数; this program
// still reads version 1 (see legacyOrderClasses).
const FormatVersion = 2

// Ext is the data file's extension, which the installer associates.
const Ext = ".cjrh"

// Entry names inside the archive.
const (
	manifestName   = "manifest.json"
	signatureName  = "manifest.sig"
	recordsName    = "records.json"
	validationName = "validation.json"
	returnsDir     = "returns/"
)

// fileSigLen is the length of the whole-file signature (hex) in the zip comment.
const fileSigLen = 2 * ed25519.SignatureSize

// Limits that keep a hostile or broken file from exhausting the machine. A
// real province's file is a few megabytes; these leave ample room and keep an
// import under 300 MB of memory. A county's file is about 100 KB, a province's
// records some 15 MB.
const (
	maxFileSize     = 32 << 20 // the whole file
	maxEntrySize    = 16 << 20 // one returns entry, uncompressed
	maxRecordsSize  = 32 << 20 // records.json, uncompressed: decoded, it takes several times this
	maxTotalSize    = 64 << 20 // all entries, uncompressed
	maxManifestSize = 1 << 20  // manifest.json, read before its signature is checked
	maxEntries      = 32       // entries in the archive, and in the manifest's list
)

// The scrypt work factors (log2 N) an encrypted file may use: age's and this
// program's 18, and less. A larger one costs 2^logN KB of memory before the
// passphrase can even be tried (22 takes 4 GB).
const (
	minWorkFactor = 10
	maxWorkFactor = 18
)

// Manifest describes the file; its signature covers every other entry
// through their hashes.
type Manifest struct {
	Format    int               `json:"format"`
	App       string            `json:"app"`
	Sender    store.UnitRef     `json:"sender"`
	Year      int               `json:"year"`
	Revision  int               `json:"revision"`
	CreatedAt time.Time         `json:"created_at"`
	Counts    map[string]int    `json:"counts"`
	Entries   []Entry           `json:"entries"`
	PublicKey ed25519.PublicKey `json:"public_key"`
}

// Entry is one archive entry with its size and SHA-256 (hex).
type Entry struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Records are the records the file carries: the sender's own and those of
// every unit under it that it has merged.
type Records struct {
	Units       []store.UnitRecords `json:"units"`
	Enterprises []store.Enterprise  `json:"enterprises"`
}

// Validation is the check at send time, with the clerk's explanations.
type Validation struct {
	Warnings     []store.Warning `json:"warnings"`
	Explanations []Explanation   `json:"explanations"`
}

// Explanation is a 经验校验说明 the clerk typed for a warning.
type Explanation struct {
	Table string `json:"table"`
	Key   string `json:"key"`
	Field string `json:"field"`
	Note  string `json:"note"`
}

func (r Records) counts() map[string]int {
	c := map[string]int{"units": len(r.Units), "enterprises": len(r.Enterprises)}
	for _, u := range r.Units {
		c["schools"] += len(u.Schools)
		c["majors"] += len(u.Majors)
		c["secondments"] += len(u.Secondments)
		c["trainings"] += len(u.Trainings)
		c["agreements"] += len(u.Agreements)
		c["classes"] += len(u.Classes)
		c["carriers"] += len(u.Carriers)
		c["teachers"] += len(u.Teachers)
		c["awards"] += len(u.Awards)
		c["activities"] += len(u.Activities)
	}
	for _, t := range []string{"agreements", "classes", "carriers", "teachers", "awards", "activities"} {
		if c[t] == 0 {
			delete(c, t) // a file without them counts as files did before them
		}
	}
	return c
}
