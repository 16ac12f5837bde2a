package handoff

import (
	"context"
	"sort"
	"strings"
	"time"

	"chanjiao/store"
)

// UnitStatus is one lower unit's line of 报送情况.
type UnitStatus struct {
	Code, Name  string
	Sent        bool
	Revision    int
	SentAt      time.Time
	Signature   string // "valid"; "mismatch" when a later file failed its signature or key check
	LastRefusal string // the reason of the last refused file from the unit, if any
}

// Completeness is who under a unit has sent its year.
type Completeness struct {
	Unit  store.Unit
	Year  int
	Units []UnitStatus
}

// Status lists the lower units (the roster from the region codes, plus any
// unit a file came from) with what each has sent for the year.
func Status(ctx context.Context, db *store.DB, year int) (*Completeness, error) {
	c := &Completeness{Year: year}
	var receipts []store.Receipt
	var known map[string]store.UnitRef
	err := db.View(ctx, func(tx *store.Tx) (err error) {
		if c.Unit, err = tx.Unit(); err != nil {
			return err
		}
		if receipts, err = tx.Receipts(year); err != nil {
			return err
		}
		known, err = tx.KnownUnits()
		return err
	})
	if err != nil {
		return nil, err
	}
	if c.Unit.Level == store.LevelCounty {
		return nil, store.Errorf(store.EInvalid, "报送情况只在州市级和省级使用：本单位是县级")
	}
	refusals, err := Refusals(db.Path)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	var codes []string
	add := func(code, name string) {
		if _, ok := names[code]; !ok {
			codes = append(codes, code)
		}
		if name != "" || names[code] == "" {
			names[code] = name
		}
	}
	for _, r := range Roster(db, c.Unit) {
		add(r.Code, r.Name)
	}
	for _, r := range receipts {
		add(r.Sender, known[r.Sender].Name)
	}
	sort.Strings(codes)
	for _, code := range codes {
		us := UnitStatus{Code: code, Name: names[code]}
		if k, ok := known[code]; ok && k.Name != "" {
			us.Name = k.Name
		}
		var got store.Receipt
		for _, r := range receipts {
			if r.Sender == code {
				got, us.Sent = r, true
				us.Revision, us.SentAt, us.Signature = r.Revision, r.SentAt, "valid"
			}
		}
		for _, r := range refusals {
			if r.Sender == code && r.Year == year && (!us.Sent || r.At.After(got.ReceivedAt)) {
				us.LastRefusal = r.Reason
				if us.Sent && (strings.Contains(r.Reason, "签名无效") || strings.Contains(r.Reason, "密钥与以前不同")) {
					us.Signature = "mismatch"
				}
			}
		}
		c.Units = append(c.Units, us)
	}
	return c, nil
}

// Roster lists the units directly under u from the region codes: a
// prefecture's counties, a province's prefectures (as 6-digit codes).
func Roster(db *store.DB, u store.Unit) []store.UnitRef {
	var out []store.UnitRef
	prefix := store.UnitPrefix(u.Code, u.Level)
	switch u.Level {
	case store.LevelPrefecture:
		for _, r := range db.Ref.Regions(prefix, 6) {
			out = append(out, store.UnitRef{Code: r.Code, Name: r.Name, Level: store.LevelCounty})
		}
	case store.LevelProvince:
		for _, r := range db.Ref.Regions(prefix, 4) {
			out = append(out, store.UnitRef{Code: r.Code + "00", Name: r.Name, Level: store.LevelPrefecture})
		}
	}
	return out
}

// SentCount is how many units have sent.
func (c *Completeness) SentCount() int {
	n := 0
	for _, u := range c.Units {
		if u.Sent {
			n++
		}
	}
	return n
}

// Missing names the units that have not sent: the 催报 list.
func (c *Completeness) Missing() []string {
	var out []string
	for _, u := range c.Units {
		if !u.Sent {
			out = append(out, u.Name+"（"+u.Code+"）")
		}
	}
	return out
}

// SignatureText gives the 校验 column's text.
func SignatureText(sig string) string {
	switch sig {
	case "valid":
		return "签名有效"
	case "mismatch":
		return "不一致"
	}
	return "未签名"
}
