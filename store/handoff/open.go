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
	"strings"

	"filippo.io/age"

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
}

// ErrNeedPassphrase is in the chain of the error for an encrypted file
// opened without a passphrase, so the window can ask for one.
var ErrNeedPassphrase = errors.New("passphrase needed")

// Open checks a data file completely: its archive structure, sizes, names,
// the signature over the manifest and every entry's hash, and that the
// records agree with the manifest. Any problem is a clear Chinese error.
func Open(data []byte, fileName, passphrase string) (b *Bundle, err error) {
	defer func() { // a malformed file must be refused, never crash the program
		if r := recover(); r != nil {
			b, err = nil, refusef(fileName, "文件已损坏，无法读取")
		}
	}()
	if len(data) > maxFileSize {
		return nil, refusef(fileName, "文件过大（超过 %d MB），不是本程序的数据包", maxFileSize>>20)
	}
	if bytes.HasPrefix(data, []byte("age-encryption.org/")) {
		if passphrase == "" {
			return nil, &store.Error{Code: store.EInvalid, Err: ErrNeedPassphrase,
				Message: fileName + "：该数据包已加密，请输入报送双方约定的口令"}
		}
		if data, err = decrypt(data, passphrase); err != nil {
			return nil, refusef(fileName, "%s", err.Error())
		}
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, refusef(fileName, "不是本程序的数据包（.cjrh），或文件不完整")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refusef(fileName, "数据包不完整或已损坏（可能未拷贝完整），请重新拷贝")
	}
	if len(zr.File) > maxEntries {
		return nil, refusef(fileName, "数据包包含过多文件（%d 个），已拒绝", len(zr.File))
	}
	contents := map[string][]byte{}
	var total int64
	for _, f := range zr.File {
		if err := checkName(f.Name); err != nil {
			return nil, refusef(fileName, "%s", err.Error())
		}
		if _, dup := contents[f.Name]; dup {
			return nil, refusef(fileName, "数据包中有重复的文件 %s", f.Name)
		}
		if f.UncompressedSize64 > maxEntrySize {
			return nil, refusef(fileName, "数据包中的 %s 过大，已拒绝", f.Name)
		}
		body, err := readEntry(f)
		if err != nil {
			return nil, refusef(fileName, "%s", err.Error())
		}
		total += int64(len(body))
		if total > maxTotalSize {
			return nil, refusef(fileName, "数据包解压后过大，已拒绝")
		}
		contents[f.Name] = body
	}
	b = &Bundle{FileName: fileName, Returns: map[string][]byte{}}
	manifestJSON, ok := contents[manifestName]
	if !ok {
		return nil, refusef(fileName, "数据包缺少清单（manifest.json），不是本程序的数据包")
	}
	dec := json.NewDecoder(bytes.NewReader(manifestJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b.Manifest); err != nil {
		return nil, refusef(fileName, "数据包清单无法读取（%v）", err)
	}
	m := &b.Manifest
	if m.Format != FormatVersion {
		return nil, refusef(fileName, "数据包格式版本 %d 本程序不认识（本程序为 %d），请升级程序", m.Format, FormatVersion)
	}
	if len(m.PublicKey) != ed25519.PublicKeySize {
		return nil, refusef(fileName, "数据包没有有效的签名密钥")
	}
	sig, err := hex.DecodeString(strings.TrimSpace(string(contents[signatureName])))
	if err != nil || len(sig) != ed25519.SignatureSize || !ed25519.Verify(m.PublicKey, manifestJSON, sig) {
		return nil, refusef(fileName, "签名无效：数据包在签名后被修改过，或签名缺失，已拒绝")
	}
	fileSig, err := hex.DecodeString(zr.Comment)
	signed := len(data) - fileSigLen
	if err != nil || len(zr.Comment) != fileSigLen || signed < 0 || string(data[signed:]) != zr.Comment ||
		!ed25519.Verify(m.PublicKey, data[:signed], fileSig) {
		return nil, refusef(fileName, "签名无效：数据包文件在签名后被修改过，已拒绝")
	}
	b.Fingerprint = store.Fingerprint(m.PublicKey)
	listed := map[string]bool{manifestName: true, signatureName: true}
	for _, e := range m.Entries {
		body, ok := contents[e.Name]
		if !ok {
			return nil, refusef(fileName, "数据包缺少 %s（文件不完整）", e.Name)
		}
		sum := sha256.Sum256(body)
		if int64(len(body)) != e.Size || hex.EncodeToString(sum[:]) != e.SHA256 {
			return nil, refusef(fileName, "%s 的校验值不符：内容被修改过或已损坏", e.Name)
		}
		listed[e.Name] = true
		if strings.HasPrefix(e.Name, returnsDir) {
			b.Returns[strings.TrimPrefix(e.Name, returnsDir)] = body
		}
	}
	for name := range contents {
		if !listed[name] {
			return nil, refusef(fileName, "数据包中有清单之外的文件 %s，已拒绝", name)
		}
	}
	recordsJSON, ok := contents[recordsName]
	if !ok {
		return nil, refusef(fileName, "数据包缺少数据（records.json）")
	}
	if err := json.Unmarshal(recordsJSON, &b.Records); err != nil {
		return nil, refusef(fileName, "数据包中的数据无法读取（%v）", err)
	}
	if v, ok := contents[validationName]; ok {
		if err := json.Unmarshal(v, &b.Validation); err != nil {
			return nil, refusef(fileName, "数据包中的校验结果无法读取（%v）", err)
		}
	}
	sum := sha256.Sum256(recordsJSON)
	b.Digest = hex.EncodeToString(sum[:])
	if got := b.Records.counts(); !reflect.DeepEqual(got, m.Counts) {
		return nil, refusef(fileName, "数据包中的记录数与清单不符")
	}
	if err := b.checkRecords(); err != nil {
		return nil, err
	}
	return b, nil
}

// checkRecords makes sure every record belongs to a unit under the sender
// and every reference points inside the file.
func (b *Bundle) checkRecords() error {
	m := b.Manifest
	if m.Year < 2000 || m.Year > 2100 || m.Revision < 1 {
		return refusef(b.FileName, "数据包的年度（%d）或版本号（%d）无效", m.Year, m.Revision)
	}
	prefix := store.UnitPrefix(m.Sender.Code, m.Sender.Level)
	ents := map[string]bool{}
	for _, e := range b.Records.Enterprises {
		ents[e.CreditCode] = true
	}
	for _, u := range b.Records.Units {
		if !strings.HasPrefix(u.Unit.Code, prefix) {
			return refusef(b.FileName, "数据包中含有不属于 %s 的单位 %s", m.Sender.Name, u.Unit.Code)
		}
		schools := map[string]bool{}
		for _, s := range u.Schools {
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

// readEntry inflates one entry, trusting no size the header claims.
func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("数据包中的 %s 无法读取（文件已损坏）", f.Name)
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, maxEntrySize+1))
	if err != nil {
		return nil, fmt.Errorf("数据包中的 %s 已损坏或不完整", f.Name)
	}
	if len(body) > maxEntrySize {
		return nil, fmt.Errorf("数据包中的 %s 解压后过大，已拒绝", f.Name)
	}
	return body, nil
}

func decrypt(data []byte, passphrase string) ([]byte, error) {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, errors.New("口令不可用")
	}
	r, err := age.Decrypt(bytes.NewReader(data), id)
	if err != nil {
		return nil, errors.New("口令不正确，或数据包已损坏")
	}
	out, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, errors.New("数据包已损坏或不完整（解密失败）")
	}
	if len(out) > maxFileSize {
		return nil, errors.New("数据包解密后过大，已拒绝")
	}
	return out, nil
}

func refusef(fileName, format string, args ...any) error {
	return store.Errorf(store.EInvalid, "%s：%s", fileName, fmt.Sprintf(format, args...))
}
