package handoff

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"reflect"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"filippo.io/age"
	jsonv2 "github.com/go-json-experiment/json"
	"github.com/klauspost/compress/flate"

	"chanjiao/store"
)

// Bundle is a data file whose every entry has been checked against the
// signed manifest. Nothing in it has been written anywhere.
type Bundle struct {
	FileName    string
	Manifest    Manifest
	Records     Records
	Validation  Validation
	Returns     map[string][]byte
	Digest      string // SHA-256 of the records entry
	Fingerprint string

	headlineOnce sync.Once
	figures      Headline // see headline
}

// ErrNeedPassphrase is in the chain of the error for an encrypted file
// opened without a passphrase, so the window can ask for one.
var ErrNeedPassphrase = errors.New("passphrase needed")

// ErrWrongPassphrase is in the chain of the error for an encrypted file the
// passphrase does not open (or whose encryption is damaged), so the window
// can ask again.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// Open checks a data file completely: its archive structure, sizes, names,
// the signature over the manifest and every entry's hash, and that the
// records agree with the manifest. Any problem is a clear Chinese error.
func Open(data []byte, fileName, passphrase string) (*Bundle, error) {
	return guard(fileName, func() (*Bundle, error) {
		if len(data) > maxFileSize {
			return nil, tooLarge(fileName)
		}
		if encrypted(data) {
			plain, err := decrypt(bytes.NewReader(data), fileName, passphrase)
			if err != nil {
				return nil, err
			}
			data = plain
		}
		return open(data, fileName)
	})
}

// guard turns a panic while reading a file into a refusal: a malformed file
// must be refused, never crash the program.
func guard(fileName string, read func() (*Bundle, error)) (b *Bundle, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, refusef(fileName, "文件已损坏，无法读取")
		}
	}()
	return read()
}

// encrypted reports whether a file starts as an age file does.
func encrypted(head []byte) bool { return bytes.HasPrefix(head, []byte(ageMagic)) }

const ageMagic = "age-encryption.org/"

func tooLarge(fileName string) error {
	return refusef(fileName, "文件过大（上限 %d MB），不是本程序的数据包", maxFileSize>>20)
}

// open checks a plain (decrypted) data file, cheapest checks first: the
// archive's directory, then both signatures, then the manifest's list, and
// only then inflates and hashes the entries.
func open(data []byte, fileName string) (*Bundle, error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, refusef(fileName, "不是本程序的数据包（.cjrh），或文件不完整")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refusef(fileName, "数据包不完整或已损坏（可能未拷贝完整），请重新拷贝")
	}
	// klauspost's inflate takes a third less time than compress/flate's:
	// a province reads some 100 MB of records from its prefectures
	zr.RegisterDecompressor(zip.Deflate, func(r io.Reader) io.ReadCloser { return flate.NewReader(r) })
	files, err := indexEntries(zr.File)
	if err != nil {
		return nil, refusef(fileName, "%s", err.Error())
	}
	b := &Bundle{FileName: fileName, Returns: map[string][]byte{}}
	manifestJSON, err := verifySignatures(data, zr.Comment, files, &b.Manifest)
	if err != nil {
		return nil, refusef(fileName, "%s", err.Error())
	}
	m := &b.Manifest
	b.Fingerprint = store.Fingerprint(m.PublicKey)
	if err := checkListed(m.Entries, files); err != nil {
		return nil, refusef(fileName, "%s", err.Error())
	}
	contents := map[string][]byte{manifestName: manifestJSON}
	for _, e := range m.Entries {
		body, err := readEntry(files[e.Name], e.Size)
		if err != nil {
			return nil, refusef(fileName, "%s", err.Error())
		}
		sum := sha256.Sum256(body)
		if int64(len(body)) != e.Size || hex.EncodeToString(sum[:]) != e.SHA256 {
			return nil, refusef(fileName, "%s 的校验值不符：内容被修改过或已损坏", e.Name)
		}
		contents[e.Name] = body
		if e.Name == recordsName { // its digest is the one just checked
			b.Digest = e.SHA256
		}
		if strings.HasPrefix(e.Name, returnsDir) {
			b.Returns[strings.TrimPrefix(e.Name, returnsDir)] = body
		}
	}
	recordsJSON, ok := contents[recordsName]
	if !ok {
		return nil, refusef(fileName, "数据包缺少数据（records.json）")
	}
	// encoding/json/v2 (this module mirrors it until Go 1.27): twice as fast
	// as v1 on a province's 100 MB of records, and stricter, as a file from
	// outside should meet: it refuses invalid UTF-8 and a name given twice,
	// and matches names exactly, as Pack writes them
	if err := jsonv2.Unmarshal(recordsJSON, &b.Records); err != nil {
		return nil, refusef(fileName, "数据包中的数据无法读取（%v）", err)
	}
	if v, ok := contents[validationName]; ok {
		if err := json.Unmarshal(v, &b.Validation); err != nil {
			return nil, refusef(fileName, "数据包中的校验结果无法读取（%v）", err)
		}
	}
	if got := b.Records.counts(); !reflect.DeepEqual(got, m.Counts) {
		return nil, refusef(fileName, "数据包中的记录数与清单不符")
	}
	if m.Format == 1 { // after the count check: the classes it makes were not in the file
		if err := legacyOrderClasses(recordsJSON, &b.Records); err != nil {
			return nil, refusef(fileName, "数据包中的数据无法读取（%v）", err)
		}
	}
	if err := b.checkRecords(); err != nil {
		return nil, err
	}
	return b, nil
}

// indexEntries checks the archive's directory without inflating anything:
// the number of entries, their names, and that no name appears twice (two
// entries of one name would be ambiguous: which one was signed?).
func indexEntries(zf []*zip.File) (map[string]*zip.File, error) {
	if len(zf) > maxEntries {
		return nil, fmt.Errorf("数据包包含过多文件（%d 个，上限 %d 个），已拒绝", len(zf), maxEntries)
	}
	files := map[string]*zip.File{}
	for _, f := range zf {
		if err := checkName(f.Name); err != nil {
			return nil, err
		}
		if _, dup := files[f.Name]; dup {
			return nil, fmt.Errorf("数据包中有两个同名的文件 %s，无法确定以哪个为准，已拒绝", f.Name)
		}
		files[f.Name] = f
	}
	return files, nil
}

// verifySignatures reads the manifest (bounded) and checks the signature
// over it and the one over the whole file, before any other entry is
// inflated. It returns the manifest's bytes.
func verifySignatures(data []byte, comment string, files map[string]*zip.File, m *Manifest) ([]byte, error) {
	mf, ok := files[manifestName]
	if !ok {
		return nil, errors.New("数据包缺少清单（manifest.json），不是本程序的数据包")
	}
	manifestJSON, err := readLimited(mf, maxManifestSize)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(manifestJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		return nil, fmt.Errorf("数据包清单无法读取（%v）", err)
	}
	if m.Format != FormatVersion && m.Format != 1 {
		return nil, fmt.Errorf("数据包格式版本 %d 本程序不认识（本程序为 %d），请升级程序", m.Format, FormatVersion)
	}
	if len(m.PublicKey) != ed25519.PublicKeySize {
		return nil, errors.New("数据包没有有效的签名密钥")
	}
	var sigHex []byte
	if sf, ok := files[signatureName]; ok {
		if sigHex, err = readLimited(sf, 4*fileSigLen); err != nil {
			return nil, err
		}
	}
	sig, err := hex.DecodeString(strings.TrimSpace(string(sigHex)))
	if err != nil || len(sig) != ed25519.SignatureSize || !ed25519.Verify(m.PublicKey, manifestJSON, sig) {
		return nil, errors.New("签名无效：数据包在签名后被修改过，或签名缺失，已拒绝")
	}
	fileSig, err := hex.DecodeString(comment)
	signed := len(data) - fileSigLen
	if err != nil || len(comment) != fileSigLen || signed < 0 || string(data[signed:]) != comment ||
		!ed25519.Verify(m.PublicKey, data[:signed], fileSig) {
		return nil, errors.New("签名无效：数据包文件在签名后被修改过，已拒绝")
	}
	return manifestJSON, nil
}

// checkListed holds the signed manifest's list of entries against the
// archive before anything is inflated: a bounded number of entries, each
// listed once, each within the size limits, and no entry unlisted.
func checkListed(entries []Entry, files map[string]*zip.File) error {
	if len(entries) > maxEntries {
		return fmt.Errorf("数据包清单列出的文件过多（%d 个，上限 %d 个），已拒绝", len(entries), maxEntries)
	}
	listed := map[string]bool{manifestName: true, signatureName: true}
	var total int64
	for _, e := range entries {
		if listed[e.Name] {
			return fmt.Errorf("数据包清单中的 %s 重复或不应列出，已拒绝", e.Name)
		}
		listed[e.Name] = true
		if _, ok := files[e.Name]; !ok {
			return fmt.Errorf("数据包缺少 %s（文件不完整）", e.Name)
		}
		limit := int64(maxEntrySize)
		if e.Name == recordsName {
			limit = maxRecordsSize
		}
		if e.Size < 0 || e.Size > limit {
			return fmt.Errorf("数据包中的 %s 过大（上限 %d MB），已拒绝", e.Name, limit>>20)
		}
		if total += e.Size; total > maxTotalSize {
			return fmt.Errorf("数据包解压后过大（上限 %d MB），已拒绝", maxTotalSize>>20)
		}
	}
	for name := range files {
		if !listed[name] {
			return fmt.Errorf("数据包中有清单之外的文件 %s，已拒绝", name)
		}
	}
	return nil
}

// checkRecords makes sure every code from the file is what it claims to be
// (the sender's and every unit's region code, every 学校标识码 and credit
// code) before any of them is used, every record belongs to a unit under the
// sender, and every reference points inside the file.
func (b *Bundle) checkRecords() error {
	m := b.Manifest
	if m.Year < 2000 || m.Year > 2100 || m.Revision < 1 {
		return refusef(b.FileName, "数据包的年度（%d）或版本号（%d）无效", m.Year, m.Revision)
	}
	sender := store.Unit{Code: m.Sender.Code, Name: m.Sender.Name, Level: m.Sender.Level}
	if err := sender.Validate(nil).Err(); err != nil {
		return refusef(b.FileName, "发送单位的信息无效（%s）：%s", m.Sender.Code, store.ErrorMessage(err))
	}
	ents := map[string]bool{}
	for _, e := range b.Records.Enterprises {
		if err := e.Validate(nil).Err(); err != nil {
			return refusef(b.FileName, "数据包中的企业 %s 无效：%s", e.CreditCode, store.ErrorMessage(err))
		}
		ents[e.CreditCode] = true
	}
	for _, u := range b.Records.Units {
		unit := store.Unit{Code: u.Unit.Code, Name: u.Unit.Name, Level: u.Unit.Level}
		if err := unit.Validate(nil).Err(); err != nil {
			return refusef(b.FileName, "数据包中的单位 %s 无效：%s", u.Unit.Code, store.ErrorMessage(err))
		}
		if own := u.Unit.Code == sender.Code && u.Unit.Level == sender.Level; !own && !store.Under(u.Unit, sender) {
			return refusef(b.FileName, "数据包中含有不属于 %s 的单位 %s", m.Sender.Name, u.Unit.Code)
		}
		schools := map[string]bool{}
		for _, s := range u.Schools {
			if err := s.Validate(nil).Err(); err != nil {
				return refusef(b.FileName, "数据包中 %s 的学校 %s 无效：%s", u.Unit.Name, s.Code, store.ErrorMessage(err))
			}
			schools[s.Code] = true
		}
		for _, x := range u.Majors {
			if !schools[x.SchoolCode] || x.Year != m.Year {
				return refusef(b.FileName, "数据包中的专业 %s 与学校或年度不符", x.Key())
			}
			for _, c := range x.Enterprises {
				if !ents[c] {
					return refusef(b.FileName, "数据包中的专业 %s 引用了缺失的企业 %s", x.Key(), c)
				}
			}
		}
		for _, x := range u.Secondments {
			if !schools[x.SchoolCode] || !ents[x.CreditCode] || !x.Overlaps(m.Year) {
				return refusef(b.FileName, "数据包中的互派互聘记录 %s 与学校、企业或年度不符", x.Key())
			}
			if x.IDNumber != "" {
				return refusef(b.FileName, "数据包中含有明文身份证号，已拒绝（应只含脱敏号码和人员标识）")
			}
		}
		for _, x := range u.Trainings {
			if !schools[x.SchoolCode] || x.CountedIn() != m.Year || (x.CreditCode != "" && !ents[x.CreditCode]) {
				return refusef(b.FileName, "数据包中的培训记录 %s 与学校、企业或年度不符", x.Key())
			}
		}
	}
	return nil
}

// checkName refuses entry names that could leave the archive or that this
// program does not write.
func checkName(name string) error {
	switch {
	case name == "" || strings.ContainsAny(name, "\\:\x00") || strings.HasPrefix(name, "/"):
		return fmt.Errorf("数据包中有非法的文件名“%s”，已拒绝", name)
	case path.Clean(name) != name || strings.Contains(name, ".."):
		return fmt.Errorf("数据包中有指向包外的路径“%s”，已拒绝", name)
	case name == manifestName, name == signatureName, name == recordsName, name == validationName:
		return nil
	case strings.HasPrefix(name, returnsDir) && !strings.Contains(strings.TrimPrefix(name, returnsDir), "/"):
		return nil
	}
	return fmt.Errorf("数据包中有未知的文件“%s”，已拒绝", name)
}

// readEntry inflates one entry, reading at most one byte more than the
// signed manifest says it holds: no size the archive's header claims is
// trusted.
func readEntry(f *zip.File, size int64) ([]byte, error) {
	body, err := readLimited(f, size)
	if err != nil {
		return nil, fmt.Errorf("%s 的校验值不符：内容被修改过或已损坏", f.Name)
	}
	return body, nil
}

// readLimited inflates an entry of at most limit bytes.
func readLimited(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("数据包中的 %s 过大（上限 %d KB），已拒绝", f.Name, limit>>10)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("数据包中的 %s 无法读取（文件已损坏）", f.Name)
	}
	defer rc.Close()
	// room for the declared size, checked above, so that a province's 15 MB
	// of records are not copied through a doubling series of buffers
	buf := bytes.NewBuffer(make([]byte, 0, f.UncompressedSize64+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(rc, limit+1)); err != nil {
		return nil, fmt.Errorf("数据包中的 %s 已损坏或不完整", f.Name)
	}
	body := buf.Bytes()
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("数据包中的 %s 解压后过大（上限 %d KB），已拒绝", f.Name, limit>>10)
	}
	return body, nil
}

// decrypt opens an age file with the passphrase, reading the plain file
// from r. The scrypt work factor is checked before any key is derived.
func decrypt(r io.Reader, fileName, passphrase string) ([]byte, error) {
	if passphrase == "" {
		return nil, &store.Error{Code: store.EInvalid, Err: ErrNeedPassphrase,
			Message: fileName + "：该数据包已加密，请输入报送双方约定的口令"}
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, refusef(fileName, "口令不可用")
	}
	id.SetMaxWorkFactor(maxWorkFactor)
	plain, err := age.Decrypt(r, boundedScrypt{id})
	switch {
	case errors.Is(err, errWorkFactor):
		return nil, refusef(fileName, "%s", err.Error())
	case err != nil:
		return nil, &store.Error{Code: store.EInvalid, Err: ErrWrongPassphrase,
			Message: fileName + "：口令不正确，或数据包已损坏"}
	}
	// The key derivation's 256 MB are garbage now; collect them before the
	// file is read, or the heap would grow to twice that before the next
	// collection.
	debug.FreeOSMemory()
	out, err := io.ReadAll(io.LimitReader(plain, maxFileSize+1))
	if err != nil {
		return nil, refusef(fileName, "数据包已损坏或不完整（解密失败）")
	}
	if len(out) > maxFileSize {
		return nil, refusef(fileName, "数据包解密后过大（上限 %d MB），已拒绝", maxFileSize>>20)
	}
	return out, nil
}

var errWorkFactor = fmt.Errorf("数据包的加密参数超出允许范围（scrypt 工作因子应为 2^%d 至 2^%d），"+
	"不是本程序生成的数据包，已拒绝", minWorkFactor, maxWorkFactor)

// boundedScrypt refuses an scrypt stanza whose work factor lies outside the
// allowed range before age derives a key with it: an inflated factor takes
// gigabytes of memory and minutes.
type boundedScrypt struct{ *age.ScryptIdentity }

func (i boundedScrypt) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		if s.Type != "scrypt" {
			continue
		}
		if len(s.Args) != 2 {
			return nil, errWorkFactor
		}
		if n, err := strconv.Atoi(s.Args[1]); err != nil || n < minWorkFactor || n > maxWorkFactor {
			return nil, errWorkFactor
		}
	}
	return i.ScryptIdentity.Unwrap(stanzas)
}

func refusef(fileName, format string, args ...any) error {
	return store.Errorf(store.EInvalid, "%s：%s", fileName, fmt.Sprintf(format, args...))
}
