package handoff

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"filippo.io/age"
	"github.com/klauspost/compress/flate"

	"chanjiao/store"
	"chanjiao/store/atomic"
)

// PackOptions say what goes into a data file besides the records.
type PackOptions struct {
	Returns    map[string][]byte // rendered returns by file name, e.g. "returns.pdf"
	Passphrase string            // non-empty: encrypt the file with it (age, scrypt)
	Lock       bool              // lock the year once the file is written (报出后锁定)
}

// Packed is a data file written by Export.
type Packed struct {
	Data     []byte
	FileName string // {区划代码}_{单位名称}_{年度}_第{n}版.cjrh
	Path     string // where it was written
	Revision int
	Manifest Manifest
	Locked   bool // this export locked the year
}

// Export builds the data file of a year and writes it to out: a file, or a
// folder to put it in under its FileName. The revision number, the audit
// entry and the lock (when asked) are committed only once the file is in
// place (written to a temporary file and renamed), so a failed write (a full
// or write-protected stick) changes nothing; if the commit then fails, the
// file is removed.
func Export(ctx context.Context, db *store.DB, year int, opts PackOptions, out string) (*Packed, error) {
	var p *Packed
	err := db.Update(ctx, func(tx *store.Tx) (err error) {
		if p, err = pack(tx, db, year, opts); err != nil {
			return err
		}
		if p.Path, err = p.writeTo(out); err != nil || !opts.Lock {
			return err
		}
		p.Locked, err = lockYear(tx, year)
		return err
	})
	if err != nil {
		if p != nil && p.Path != "" {
			os.Remove(p.Path) // written, but its revision was not recorded: it must not travel
		}
		return nil, err
	}
	return p, nil
}

// ExportState is where a year's next data file starts from.
type ExportState struct {
	Revision int  // the year's last data file, 0 if none
	Locked   bool // the year is locked (reported and not unlocked since)
}

// State reads the year's last revision and whether the year is locked.
func State(ctx context.Context, db *store.DB, year int) (ExportState, error) {
	var st ExportState
	err := db.View(ctx, func(tx *store.Tx) (err error) {
		if st.Revision, err = tx.Revision(year); err != nil {
			return err
		}
		st.Locked, err = tx.IsLocked(year)
		return err
	})
	return st, err
}

// lockYear locks the year; it reports whether this call locked it.
func lockYear(tx *store.Tx, year int) (bool, error) {
	if locked, err := tx.IsLocked(year); err != nil || locked {
		return false, err
	}
	return true, tx.Lock(year)
}

// pack builds the data file of a year: the unit's records (and those of the
// units under it), the returns, the validation results, all signed with the
// installation's key. The revision number rises only when the records changed
// since the last file, or after an unlock.
func pack(tx *store.Tx, db *store.DB, year int, opts PackOptions) (*Packed, error) {
	unit, err := tx.Unit()
	if err != nil {
		return nil, err
	}
	id, err := tx.Identity()
	if err != nil {
		return nil, err
	}
	d, err := tx.Dataset(year)
	if err != nil {
		return nil, err
	}
	units, ents, err := tx.RecordsOf(d, store.UnitPrefix(unit.Code, unit.Level))
	if err != nil {
		return nil, err
	}
	for ui := range units {
		for si := range units[ui].Secondments {
			s := &units[ui].Secondments[si]
			if s.IDNumber != "" { // the number never leaves the county in clear
				s.PersonKey, s.IDMasked, s.IDNumber = id.PersonKey(s.IDNumber), store.MaskID(s.IDNumber), ""
			}
		}
	}
	recs := Records{Units: units, Enterprises: ents}
	recordsJSON, err := marshalRecords(recs)
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(recordsJSON)
	rev, err := tx.NextRevision(year, hex.EncodeToString(digest[:]))
	if err != nil {
		return nil, err
	}
	validation := Validation{Warnings: d.Warnings(db.Ref)}
	expl, err := tx.Explanations()
	if err != nil {
		return nil, err
	}
	for _, e := range expl {
		validation.Explanations = append(validation.Explanations, Explanation{Table: e.Table, Key: e.Key, Field: e.Field, Note: e.Note})
	}
	validationJSON, err := json.Marshal(validation)
	if err != nil {
		return nil, err
	}
	m := Manifest{Format: FormatVersion, App: "chanjiao " + store.Version,
		Sender: store.UnitRef{Code: unit.Code, Name: unit.Name, Level: unit.Level},
		Year:   year, Revision: rev, CreatedAt: db.Now().UTC().Truncate(1e9), Counts: recs.counts(),
		PublicKey: id.Key.Public().(ed25519.PublicKey)}
	entries := map[string][]byte{recordsName: recordsJSON, validationName: validationJSON}
	for name, data := range opts.Returns {
		entries[returnsDir+filepath.Base(name)] = data
	}
	data, err := writeArchive(m, entries, id.Key)
	if err != nil {
		return nil, err
	}
	if len(recordsJSON) > maxRecordsSize || len(data) > maxFileSize { // the receiver would refuse it
		return nil, store.Errorf(store.EInvalid, "%d 年度的数据过多，数据包超过了上限（数据 %d MB，文件 %d MB），请联系技术支持",
			year, maxRecordsSize>>20, maxFileSize>>20)
	}
	if opts.Passphrase != "" {
		if data, err = encrypt(data, opts.Passphrase); err != nil {
			return nil, err
		}
	}
	p := &Packed{Data: data, Revision: rev, Manifest: m,
		FileName: fmt.Sprintf("%s_%s_%d_第%d版%s", unit.Code, store.SafeFileName(unit.Name, "单位"), year, rev, Ext)}
	return p, tx.Log(store.ActExport, "bundle", fmt.Sprint(year), "", "", fmt.Sprintf("生成数据包 %s", p.FileName))
}

// writeArchive lays out the zip: the manifest (listing every other entry with
// its hash), its signature, then the entries in name order, with fixed times
// so the same content gives the same bytes.
func writeArchive(m Manifest, entries map[string][]byte, key ed25519.PrivateKey) ([]byte, error) {
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		sum := sha256.Sum256(entries[n])
		m.Entries = append(m.Entries, Entry{Name: n, Size: int64(len(entries[n])), SHA256: hex.EncodeToString(sum[:])})
	}
	manifestJSON, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	sig := ed25519.Sign(key, manifestJSON)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// the fastest deflate: records compress well at any level, and a
	// prefecture packs and a province reads back ten thousand rows per county;
	// klauspost's takes 40% less time than compress/flate's, for smaller files
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	add := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: m.CreatedAt})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if err := add(manifestName, manifestJSON); err != nil {
		return nil, err
	}
	if err := add(signatureName, []byte(hex.EncodeToString(sig))); err != nil {
		return nil, err
	}
	for _, n := range names {
		if err := add(n, entries[n]); err != nil {
			return nil, err
		}
	}
	// The archive's comment holds a second signature, over every byte before
	// it, so that not a single byte of the file can change unnoticed.
	if err := zw.SetComment(strings.Repeat("0", fileSigLen)); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	signed := len(data) - fileSigLen
	copy(data[signed:], hex.EncodeToString(ed25519.Sign(key, data[:signed])))
	return data, nil
}

// scryptWorkFactor is the work factor encrypt uses: age's default, the
// largest a receiver accepts. The package's tests lower it (cost 2^logN KB).
var scryptWorkFactor = maxWorkFactor

func encrypt(data []byte, passphrase string) ([]byte, error) {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, store.Wrap(store.EInvalid, err, "口令不可用")
	}
	r.SetWorkFactor(scryptWorkFactor)
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeFile is atomic.WriteFile; tests replace it to fail a write.
var writeFile = atomic.WriteFile

// writeTo writes the packed file to path, or into path when it is a folder
// (named by FileName). It returns the path written.
func (p *Packed) writeTo(path string) (string, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, p.FileName)
	}
	err := writeFile(path, func(w io.Writer) error {
		_, err := w.Write(p.Data)
		return err
	})
	if err != nil {
		return "", err
	}
	return path, nil
}
