package handoff

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"chanjiao/store"
)

// Decision is what opening a checked file would do.
type Decision int

const (
	New       Decision = iota // the sender's first file for the year
	Newer                     // a higher revision: replaces the year
	Unchanged                 // the same file again: nothing to do
)

// KeyStatus says how the file's key relates to the one pinned for the sender.
type KeyStatus int

const (
	KeyPinned  KeyStatus = iota // the key confirmed before
	KeyUnknown                  // first file from this sender: confirm the fingerprint
	KeyChanged                  // another key than the pinned one
)

// Plan is what Apply would do with a bundle, computed without writing.
type Plan struct {
	Bundle      *Bundle
	Decision    Decision
	Key         KeyStatus
	OldRevision int // 0 when nothing is held
	Diff        []TableDiff
	Before      Headline
	After       Headline
}

// TableDiff counts the rows added, changed and removed in one table.
type TableDiff struct {
	Table                   string
	Added, Changed, Removed int
}

// Headline are the figures shown before and after a replacement.
type Headline struct {
	Schools           int
	SecondmentMet     int
	SecondmentSchools int
	TrainingTotal     int
	ProgressionRate   *float64
}

// Options are the clerk's explicit decisions.
type Options struct {
	Trust        bool // the fingerprint of a first file was confirmed by phone
	AcceptNewKey bool // a sender's new key is accepted (logged)
}

// Prepare checks a bundle against the database: the sender is under this
// unit, the revision is acceptable; it computes the diff. Nothing is written.
func Prepare(ctx context.Context, db *store.DB, b *Bundle) (*Plan, error) {
	var p *Plan
	err := db.View(ctx, func(tx *store.Tx) (err error) {
		p, err = prepare(tx, db, b)
		return err
	})
	return p, err
}

func prepare(tx *store.Tx, db *store.DB, b *Bundle) (*Plan, error) {
	m := b.Manifest
	unit, err := tx.Unit()
	if err != nil {
		return nil, err
	}
	if !store.Under(m.Sender, unit) {
		return nil, refusef(b.FileName, "发送单位 %s（%s）不是本单位（%s %s）的下级单位，不能接收", m.Sender.Name, m.Sender.Code, unit.Name, unit.Code)
	}
	if ref := db.Ref; ref != nil && !ref.Missing {
		if _, known := ref.Region(m.Sender.Code); !known {
			return nil, refusef(b.FileName, "发送单位的区划代码 %s 不在区划代码表中，不能接收", m.Sender.Code)
		}
	}
	if now := db.Now().Year(); m.Year > now {
		return nil, refusef(b.FileName, "数据包的年度 %d 晚于今年，不能接收", m.Year)
	}
	p := &Plan{Bundle: b}
	key, pinned, err := tx.TrustedKey(m.Sender.Code)
	switch {
	case err != nil:
		return nil, err
	case !pinned:
		p.Key = KeyUnknown
	case !key.Equal(m.PublicKey):
		p.Key = KeyChanged
	}
	held, has, err := tx.Receipt(m.Sender.Code, m.Year)
	if err != nil {
		return nil, err
	}
	if has {
		p.OldRevision = held.Revision
		switch {
		case m.Revision < held.Revision:
			return nil, refusef(b.FileName, "版本较旧：这是第 %d 版，本单位已收到 %s %d 年度的第 %d 版", m.Revision, m.Sender.Name, m.Year, held.Revision)
		case m.Revision == held.Revision && b.Digest != held.Digest:
			return nil, refusef(b.FileName, "同一版本号内容不同：%s %d 年度第 %d 版与已收到的内容不一致，请对方重新生成新版本", m.Sender.Name, m.Year, m.Revision)
		case m.Revision == held.Revision:
			p.Decision = Unchanged
			return p, nil
		}
		p.Decision = Newer
	}
	prefix := store.UnitPrefix(m.Sender.Code, m.Sender.Level)
	units, ents, err := tx.YearRecords(prefix, m.Year)
	if err != nil {
		return nil, err
	}
	old := Records{Units: units, Enterprises: ents}
	p.Diff = diff(old, b.Records)
	p.Before = headline(old, m)
	p.After = b.headline()
	return p, nil
}

// Apply writes a prepared bundle in one transaction, after checking again
// everything Prepare checked. Keys need the clerk's explicit options.
func Apply(ctx context.Context, db *store.DB, b *Bundle, opts Options) (*Plan, error) {
	var p *Plan
	err := db.Update(ctx, func(tx *store.Tx) (err error) {
		if p, err = prepare(tx, db, b); err != nil {
			return err
		}
		m := b.Manifest
		switch {
		case p.Key == KeyUnknown && !opts.Trust:
			return refusef(b.FileName, "首次收到 %s 的数据包。请电话核对对方的密钥指纹 %s，确认无误后再接收", m.Sender.Name, b.Fingerprint)
		case p.Key == KeyChanged && !opts.AcceptNewKey:
			return refusef(b.FileName, "%s 的签名密钥与以前不同（新指纹 %s）。如对方确实更换了电脑或重装了程序，请电话核实后明确接受新密钥", m.Sender.Name, b.Fingerprint)
		}
		if p.Key != KeyPinned {
			if err := tx.PinKey(m.Sender.Code, m.PublicKey); err != nil {
				return err
			}
		}
		if p.Decision == Unchanged {
			return nil
		}
		if err := tx.ReplaceYear(store.UnitPrefix(m.Sender.Code, m.Sender.Level), m.Year, b.Records.Units, b.Records.Enterprises); err != nil {
			return refusef(b.FileName, "数据包中的数据无法写入：%s", store.ErrorMessage(err))
		}
		return tx.PutReceipt(store.Receipt{Sender: m.Sender.Code, Year: m.Year, Revision: m.Revision, Digest: b.Digest,
			FileName: b.FileName, SentAt: m.CreatedAt, ReceivedAt: db.Now(), Fingerprint: b.Fingerprint, Summary: p.auditSummary()}, b.Returns)
	})
	return p, err
}

// Receive reads, checks and applies one file, recording it as refused
// (Refuse) when it is.
func Receive(ctx context.Context, db *store.DB, path, passphrase string, opts Options) (*Plan, error) {
	b, err := ReadFile(path, passphrase)
	var p *Plan
	if err == nil {
		p, err = Apply(ctx, db, b, opts)
	}
	if err != nil {
		_, err = Refuse(db, filepath.Base(path), b, err)
		return nil, err
	}
	return p, nil
}

// ReceiveAll receives files in order, as Receive does each, and tells each
// result to done. The next file is read and checked (signature, JSON, every
// record) on the other core while the current one is written, one file
// ahead, so at most two are held in memory.
func ReceiveAll(ctx context.Context, db *store.DB, paths []string, passphrase string, opts Options, done func(path string, p *Plan, err error)) {
	type read struct {
		b   *Bundle
		err error
	}
	ahead := make(chan read, 1)
	go func() {
		defer close(ahead)
		for _, path := range paths {
			if ctx.Err() != nil {
				return
			}
			b, err := ReadFile(path, passphrase)
			if err == nil {
				b.headline() // on this core, while the current file is written
			}
			ahead <- read{b, err}
		}
	}()
	for _, path := range paths {
		r, ok := <-ahead
		if !ok { // cancelled: the rest are not received
			done(path, nil, ctx.Err())
			continue
		}
		var p *Plan
		err := r.err
		if err == nil {
			p, err = Apply(ctx, db, r.b, opts)
		}
		if err != nil {
			_, err = Refuse(db, filepath.Base(path), r.b, err)
			p = nil
		}
		done(path, p, err)
	}
	for range ahead { // let the reader finish after a cancel
	}
}

// ErrUnreadable is in the chain of the error for a file that could not be
// read from the disk at all (gone, or the USB stick pulled): nothing of the
// file was judged, so it is not recorded as refused.
var ErrUnreadable = errors.New("data file unreadable")

// ReadFile reads a data file and checks it completely (see Open). No more
// than the largest data file is ever read, and an encrypted file is
// decrypted as it is read from the disk, so that the memory of the
// passphrase's key derivation is free before the file is held.
func ReadFile(path, passphrase string) (*Bundle, error) {
	name := filepath.Base(path)
	return guard(name, func() (*Bundle, error) {
		data, err := readFile(path, name, passphrase)
		if err != nil {
			return nil, err
		}
		return open(data, name)
	})
}

func readFile(path, name, passphrase string) ([]byte, error) {
	unreadable := func(err error, format string) error {
		return store.Wrap(store.EInvalid, fmt.Errorf("%w: %w", ErrUnreadable, err), format, name)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, unreadable(err, "无法打开 %s（U盘是否已拔出？）")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, unreadable(err, "无法读取 %s（U盘是否已拔出？）")
	}
	if !st.Mode().IsRegular() {
		return nil, refusef(name, "不是普通文件，不是本程序的数据包")
	}
	if st.Size() > maxFileSize {
		return nil, tooLarge(name)
	}
	head := make([]byte, len(ageMagic))
	if n, _ := f.ReadAt(head, 0); encrypted(head[:n]) {
		return decrypt(bufio.NewReader(io.NewSectionReader(f, 0, st.Size())), name, passphrase)
	}
	data := make([]byte, st.Size())
	if _, err := f.ReadAt(data, 0); err != nil && st.Size() > 0 {
		return nil, unreadable(err, "无法读取 %s（U盘是否已拔出？）")
	}
	return data, nil
}

// diff compares two sets of records table by table on natural keys. The
// records of the largest tables are held by pointer, not copied: a
// province's file has some 300,000, and only those whose key is in both sets
// are compared.
func diff(old, cur Records) []TableDiff {
	type keyed map[string]any
	collect := func(r Records) map[string]keyed {
		out := map[string]keyed{"学校": {}, "专业": {}, "互派互聘": {}, "培训": {}, "合作企业": {}, "校企合作协议": {}, "订单班与学徒制": {}, "产教融合载体": {},
			"师资": {}, "获奖": {}, "政校企活动": {}}
		for _, u := range r.Units {
			for i, x := range u.Schools {
				out["学校"][x.Key()] = &u.Schools[i]
			}
			for i, x := range u.Majors {
				out["专业"][x.Key()] = &u.Majors[i]
			}
			for i, x := range u.Secondments {
				out["互派互聘"][x.Key()] = &u.Secondments[i]
			}
			for i, x := range u.Trainings {
				out["培训"][x.Key()] = &u.Trainings[i]
			}
			for _, x := range u.Agreements {
				x.ID = 0
				out["校企合作协议"][x.Key()] = x
			}
			for _, x := range u.Classes {
				x.ID = 0
				out["订单班与学徒制"][x.Key()] = x
			}
			for _, x := range u.Carriers {
				x.ID, x.UnitCode = 0, ""
				out["产教融合载体"][u.Unit.Code+"/"+x.Key()] = x
			}
			for _, x := range u.Teachers {
				x.ID = 0
				out["师资"][x.Key()] = x
			}
			for _, x := range u.Awards {
				x.ID = 0
				out["获奖"][x.Key()] = x
			}
			for _, x := range u.Activities {
				x.ID, x.UnitCode = 0, ""
				out["政校企活动"][u.Unit.Code+"/"+x.Key()] = x
			}
		}
		for i, x := range r.Enterprises {
			out["合作企业"][x.Key()] = &r.Enterprises[i]
		}
		return out
	}
	a, b := collect(old), collect(cur)
	var out []TableDiff
	for _, t := range []string{"学校", "合作企业", "专业", "互派互聘", "培训", "校企合作协议", "订单班与学徒制", "产教融合载体", "师资", "获奖", "政校企活动"} {
		d := TableDiff{Table: t}
		for k, v := range b[t] {
			if ov, ok := a[t][k]; !ok {
				d.Added++
			} else if !reflect.DeepEqual(normalize(ov), normalize(v)) {
				d.Changed++
			}
		}
		for k := range a[t] {
			if _, ok := b[t][k]; !ok {
				d.Removed++
			}
		}
		out = append(out, d)
	}
	return out
}

// normalize compares records as the file carries them (JSON), so a record
// read from the database and one read from a file compare equal: without
// the database's id, and without a school's unit (its place in the file).
func normalize(v any) any {
	b, _ := json.Marshal(v)
	var out any
	json.Unmarshal(b, &out)
	if m, ok := out.(map[string]any); ok {
		for _, f := range []string{"ID", "UnitCode", "SchoolType", "IDNumber"} {
			delete(m, f)
		}
	}
	return out
}

// headline gives the file's headline figures, counted once per bundle: the
// window prepares a plan and then applies it, and when many files are
// received, the next file's are counted by the core that reads it.
func (b *Bundle) headline() Headline {
	b.headlineOnce.Do(func() { b.figures = headline(b.Records, b.Manifest) })
	return b.figures
}

func headline(r Records, m Manifest) Headline {
	d := store.Dataset{Unit: store.Unit{Code: m.Sender.Code, Name: m.Sender.Name, Level: m.Sender.Level}, Year: m.Year,
		Enterprises: r.Enterprises, Targets: store.DefaultTargets(m.Year)}
	c := r.counts()
	d.Schools = make([]store.School, 0, c["schools"])
	d.Majors = make([]store.Major, 0, c["majors"])
	d.Secondments = make([]store.Secondment, 0, c["secondments"])
	d.Trainings = make([]store.Training, 0, c["trainings"])
	for _, u := range r.Units {
		d.Schools = append(d.Schools, u.Schools...)
		d.Majors = append(d.Majors, u.Majors...)
		d.Secondments = append(d.Secondments, u.Secondments...)
		d.Trainings = append(d.Trainings, u.Trainings...)
		if u.Unit.Code == m.Sender.Code && len(u.Targets) > 0 {
			d.Targets = u.Targets
		}
	}
	f := d.Counts() // a headline needs no warnings
	return Headline{Schools: len(d.Schools), SecondmentMet: f.SecondmentSchoolsMet, SecondmentSchools: f.SecondmentSchoolsAssessed,
		TrainingTotal: f.Training.Total, ProgressionRate: f.Progression.Rate}
}

// auditSummary is what the 操作记录 keeps of a received file, in place of
// an entry per row: what it held and the headline figures it brought.
func (p *Plan) auditSummary() string {
	r := p.Bundle.Records
	return fmt.Sprintf("%s；互派互聘达标学校 %d/%d → %d/%d，培训人次 %d → %d，中职升学率 %s → %s",
		store.RecordCounts(r.Units, r.Enterprises), p.Before.SecondmentMet, p.Before.SecondmentSchools, p.After.SecondmentMet,
		p.After.SecondmentSchools, p.Before.TrainingTotal, p.After.TrainingTotal, store.FormatRate(p.Before.ProgressionRate),
		store.FormatRate(p.After.ProgressionRate))
}

// Summary describes the plan for the clerk.
func (p *Plan) Summary() string {
	m := p.Bundle.Manifest
	var b strings.Builder
	switch p.Decision {
	case Unchanged:
		fmt.Fprintf(&b, "%s %d 年度第 %d 版已经接收过，内容相同，未做任何修改。", m.Sender.Name, m.Year, m.Revision)
		return b.String()
	case New:
		fmt.Fprintf(&b, "%s（%s）%d 年度第 %d 版（首次接收）", m.Sender.Name, m.Sender.Code, m.Year, m.Revision)
	case Newer:
		fmt.Fprintf(&b, "%s（%s）%d 年度第 %d 版，替换已收到的第 %d 版", m.Sender.Name, m.Sender.Code, m.Year, m.Revision, p.OldRevision)
	}
	for _, d := range p.Diff {
		if d.Added+d.Changed+d.Removed > 0 {
			fmt.Fprintf(&b, "\n  %s：新增 %d，修改 %d，删除 %d", d.Table, d.Added, d.Changed, d.Removed)
		}
	}
	fmt.Fprintf(&b, "\n  学校数：%d → %d", p.Before.Schools, p.After.Schools)
	fmt.Fprintf(&b, "\n  互派互聘达标学校：%d/%d → %d/%d", p.Before.SecondmentMet, p.Before.SecondmentSchools, p.After.SecondmentMet, p.After.SecondmentSchools)
	fmt.Fprintf(&b, "\n  培训人次：%d → %d", p.Before.TrainingTotal, p.After.TrainingTotal)
	fmt.Fprintf(&b, "\n  中职升学率：%s → %s", store.FormatRate(p.Before.ProgressionRate), store.FormatRate(p.After.ProgressionRate))
	return b.String()
}
