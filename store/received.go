package store

import (
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// UnitPrefix gives the region-code prefix that covers a unit and everything
// under it: a county's six digits, a prefecture's four, a province's two.
// A code that is not six digits gives itself: it covers nothing but itself,
// and ReplaceYear refuses it.
func UnitPrefix(code, level string) string {
	if !allDigits(code, 6) {
		return code
	}
	switch level {
	case LevelProvince:
		return code[:2]
	case LevelPrefecture:
		return code[:4]
	}
	return code
}

// Under reports whether unit code sits directly under the parent unit: a
// county under its prefecture, a prefecture under its province. Both codes
// must be six digits of their level's shape.
func Under(child UnitRef, parent Unit) bool {
	if !allDigits(child.Code, 6) || !allDigits(parent.Code, 6) || child.Code == parent.Code {
		return false
	}
	switch parent.Level {
	case LevelPrefecture:
		return child.Level == LevelCounty && child.Code[:4] == parent.Code[:4] && child.Code[4:] != "00"
	case LevelProvince:
		return child.Level == LevelPrefecture && child.Code[:2] == parent.Code[:2] &&
			child.Code[4:] == "00" && child.Code[2:4] != "00"
	}
	return false
}

// validPrefix reports whether prefix is what UnitPrefix gives for a valid
// unit: two, four or six ASCII digits.
func validPrefix(prefix string) bool {
	n := len(prefix)
	return (n == 2 || n == 4 || n == 6) && allDigits(prefix, n)
}

// UnitRecords is one unit's records of one year, as a data file carries them.
type UnitRecords struct {
	Unit        UnitRef
	Targets     []Target
	Schools     []School
	Majors      []Major
	Secondments []Secondment
	Trainings   []Training
	Agreements  []Agreement `json:",omitempty"` // in force in the year
	Classes     []Class     `json:",omitempty"`
	Carriers    []Carrier   `json:",omitempty"` // every one the unit recorded
	Teachers    []Teachers  `json:",omitempty"`
	Awards      []Award     `json:",omitempty"`
	Activities  []Activity  `json:",omitempty"` // the unit's own, of the year
}

// YearRecords gives the records of a year for every unit under prefix (the
// unit itself included), grouped by unit in code order, and the enterprises
// they refer to.
func (tx *Tx) YearRecords(prefix string, year int) ([]UnitRecords, []Enterprise, error) {
	d, err := tx.datasetUnder(prefix, year)
	if err != nil {
		return nil, nil, err
	}
	return tx.RecordsOf(d, prefix)
}

// RecordsOf groups a year's dataset by unit as YearRecords does, keeping the
// units under prefix.
func (tx *Tx) RecordsOf(d Dataset, prefix string) ([]UnitRecords, []Enterprise, error) {
	units, err := tx.knownUnits()
	if err != nil {
		return nil, nil, err
	}
	units[d.Unit.Code] = UnitRef{Code: d.Unit.Code, Name: d.Unit.Name, Level: d.Unit.Level}
	by := map[string]*UnitRecords{}
	get := func(code string) *UnitRecords {
		if ur, ok := by[code]; ok {
			return ur
		}
		ref, ok := units[code]
		if !ok {
			ref = UnitRef{Code: code, Name: code, Level: LevelCounty}
		}
		ur := &UnitRecords{Unit: ref}
		by[code] = ur
		return ur
	}
	schoolUnit := map[string]string{}
	for _, s := range d.Schools {
		if strings.HasPrefix(s.UnitCode, prefix) {
			schoolUnit[s.Code] = s.UnitCode
			ur := get(s.UnitCode)
			ur.Schools = append(ur.Schools, s)
		}
	}
	// a unit's rows of each table are copied once, at their number: appended
	// one by one, a prefecture's export grew and copied them again and again
	ofSchool := func(code string) string { return schoolUnit[code] } // "" for a school not under prefix
	ofUnit := func(code string) string {
		if strings.HasPrefix(code, prefix) {
			return code
		}
		return ""
	}
	share(get, d.Majors, func(m Major) string { return ofSchool(m.SchoolCode) }, func(ur *UnitRecords, p []Major) { ur.Majors = p })
	share(get, d.Secondments, func(s Secondment) string { return ofSchool(s.SchoolCode) }, func(ur *UnitRecords, p []Secondment) { ur.Secondments = p })
	share(get, d.Trainings, func(t Training) string { return ofSchool(t.SchoolCode) }, func(ur *UnitRecords, p []Training) { ur.Trainings = p })
	share(get, d.Agreements, func(a Agreement) string { return ofSchool(a.SchoolCode) }, func(ur *UnitRecords, p []Agreement) { ur.Agreements = p })
	share(get, d.Classes, func(c Class) string { return ofSchool(c.SchoolCode) }, func(ur *UnitRecords, p []Class) { ur.Classes = p })
	share(get, d.Teachers, func(t Teachers) string { return ofSchool(t.SchoolCode) }, func(ur *UnitRecords, p []Teachers) { ur.Teachers = p })
	share(get, d.Awards, func(a Award) string { return ofSchool(a.SchoolCode) }, func(ur *UnitRecords, p []Award) { ur.Awards = p })
	share(get, d.Activities, func(a Activity) string { return ofUnit(a.UnitCode) }, func(ur *UnitRecords, p []Activity) { ur.Activities = p })
	share(get, d.Carriers, func(c Carrier) string { return ofUnit(c.UnitCode) }, func(ur *UnitRecords, p []Carrier) { ur.Carriers = p })
	used := map[string]bool{"": true} // the enterprises the records name; "" is none
	for _, ur := range by {
		for _, m := range ur.Majors {
			for _, c := range m.Enterprises {
				used[c] = true
			}
		}
		for _, s := range ur.Secondments {
			used[s.CreditCode] = true
		}
		for _, t := range ur.Trainings {
			used[t.CreditCode] = true
		}
		for _, a := range ur.Agreements {
			used[a.CreditCode] = true
		}
		for _, c := range ur.Classes {
			used[c.CreditCode] = true
		}
		for _, c := range ur.Carriers {
			for _, e := range c.MemberEnterprises {
				used[e] = true
			}
		}
	}
	var ents []Enterprise
	for _, e := range d.Enterprises {
		if used[e.CreditCode] {
			ents = append(ents, e)
		}
	}
	if strings.HasPrefix(d.Unit.Code, prefix) {
		own := get(d.Unit.Code) // the installation's own unit is always present, with its targets
		own.Targets = d.Targets
	}
	var out []UnitRecords
	for code, ur := range by {
		if code != d.Unit.Code {
			if ur.Targets, err = tx.unitTargets(code, d.Year); err != nil {
				return nil, nil, err
			}
		}
		out = append(out, *ur)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Unit.Code < out[j].Unit.Code })
	return out, ents, nil
}

// share gives each unit (by get) its rows (by unitOf; "" for none) through
// put, each unit's in their order, copied once.
func share[T any](get func(code string) *UnitRecords, rows []T, unitOf func(T) string, put func(*UnitRecords, []T)) {
	for code, part := range groupBy(rows, unitOf) {
		put(get(code), part)
	}
}

func (tx *Tx) knownUnits() (map[string]UnitRef, error) {
	rows, err := tx.query("SELECT code, name, level FROM units")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]UnitRef{}
	for rows.Next() {
		var u UnitRef
		if err := rows.Scan(&u.Code, &u.Name, &u.Level); err != nil {
			return nil, err
		}
		out[u.Code] = u
	}
	return out, rows.Err()
}

// KnownUnits lists the lower units learnt from received files.
func (tx *Tx) KnownUnits() (map[string]UnitRef, error) { return tx.knownUnits() }

func (tx *Tx) unitTargets(code string, year int) ([]Target, error) {
	ts, err := queryAll(tx, scanTarget(year), "SELECT indicator, categories, value, assigned FROM unit_targets WHERE unit_code = ? AND year = ?", code, year)
	SortTargets(ts)
	return ts, err
}

// ReplaceYear replaces the year's records of every unit under prefix with
// the given ones: the majors, stints, trainings, agreements, classes,
// 师资, awards and activities of the year and the units' carriers go, the
// file's come in; schools and enterprises are updated in place (they carry
// other years' records too).
func (tx *Tx) ReplaceYear(prefix string, year int, units []UnitRecords, ents []Enterprise) error {
	if !validPrefix(prefix) { // it selects what is deleted: never anything but digits
		return Errorf(EInvalid, "区划代码“%s”无效，应为 6 位数字", prefix)
	}
	if err := tx.checkUnlocked(year); err != nil {
		return err
	}
	if err := tx.checkSchoolsOwned(prefix, units); err != nil {
		return err
	}
	// The units are selected by an exact comparison of the code's first
	// digits, never by a pattern: no character of a code can widen it.
	for _, q := range []string{
		"DELETE FROM majors WHERE year = ?1 AND school_id IN (SELECT id FROM schools WHERE substr(unit_code, 1, length(?2)) = ?2)",
		`DELETE FROM secondments WHERE start_date <= printf('%04d-12-31', ?1) AND (end_date = '' OR end_date >= printf('%04d-01-01', ?1))
			AND school_id IN (SELECT id FROM schools WHERE substr(unit_code, 1, length(?2)) = ?2)`,
		`DELETE FROM trainings WHERE substr(CASE WHEN end_date <> '' THEN end_date ELSE start_date END, 1, 4) = printf('%04d', ?1)
			AND school_id IN (SELECT id FROM schools WHERE substr(unit_code, 1, length(?2)) = ?2)`,
		"DELETE FROM unit_targets WHERE year = ?1 AND substr(unit_code, 1, length(?2)) = ?2",
		`DELETE FROM agreements WHERE signed_date <= printf('%04d-12-31', ?1) AND (expiry_date = '' OR expiry_date >= printf('%04d-01-01', ?1))
			AND school_id IN (SELECT id FROM schools WHERE substr(unit_code, 1, length(?2)) = ?2)`,
		"DELETE FROM classes WHERE year = ?1 AND school_id IN (SELECT id FROM schools WHERE substr(unit_code, 1, length(?2)) = ?2)",
		// carriers are the units' own, not a year's: the file carries them all
		"DELETE FROM carriers WHERE ?1 = ?1 AND substr(unit_code, 1, length(?2)) = ?2",
		"DELETE FROM teachers WHERE year = ?1 AND school_id IN (SELECT id FROM schools WHERE substr(unit_code, 1, length(?2)) = ?2)",
		`DELETE FROM awards WHERE substr(award_date, 1, 4) = printf('%04d', ?1)
			AND school_id IN (SELECT id FROM schools WHERE substr(unit_code, 1, length(?2)) = ?2)`,
		"DELETE FROM activities WHERE substr(activity_date, 1, 4) = printf('%04d', ?1) AND substr(unit_code, 1, length(?2)) = ?2",
	} {
		if _, err := tx.exec(q, year, prefix); err != nil {
			return err
		}
	}
	for _, ur := range units {
		if !allDigits(ur.Unit.Code, 6) || !strings.HasPrefix(ur.Unit.Code, prefix) {
			return Errorf(EInvalid, "数据包中的单位 %s 不在 %s 之下", ur.Unit.Code, prefix)
		}
		if _, err := tx.exec(`INSERT INTO units (code, name, level) VALUES (?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level`, ur.Unit.Code, ur.Unit.Name, ur.Unit.Level); err != nil {
			return err
		}
		for _, t := range ur.Targets {
			if _, err := tx.exec("INSERT OR REPLACE INTO unit_targets (unit_code, year, indicator, categories, value, assigned) VALUES (?, ?, ?, ?, ?, ?)",
				ur.Unit.Code, year, t.Indicator, strings.Join(canonicalCategories(t.Categories), "、"), t.Value, t.Assigned); err != nil {
				return err
			}
		}
	}
	return tx.putRecords(units, ents)
}

// checkSchoolsOwned refuses a file that reports a school another unit
// already reports: two counties cannot both own one 学校标识码.
func (tx *Tx) checkSchoolsOwned(prefix string, units []UnitRecords) error {
	for _, ur := range units {
		for _, s := range ur.Schools {
			var owner string
			err := tx.queryRow("SELECT unit_code FROM schools WHERE code = ?", s.Code).Scan(&owner)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			if !strings.HasPrefix(owner, prefix) {
				name := owner
				if u, ok, _ := tx.unitRef(owner); ok {
					name = u.Name + "（" + owner + "）"
				}
				return Errorf(EConflict, "学校 %s（%s）已由 %s 报送，不能再作为 %s 的学校接收。请核实学校标识码", s.Name, s.Code, name, ur.Unit.Name)
			}
		}
	}
	return nil
}

func (tx *Tx) unitRef(code string) (UnitRef, bool, error) {
	units, err := tx.knownUnits()
	u, ok := units[code]
	return u, ok, err
}

// Receipt is an accepted data file of a lower unit.
type Receipt struct {
	Sender      string
	Year        int
	Revision    int
	Digest      string
	FileName    string
	SentAt      time.Time
	ReceivedAt  time.Time
	Fingerprint string
	Summary     string // what the file held, for the 操作记录 (not stored with the receipt)
}

// Receipts lists the accepted files of a year.
func (tx *Tx) Receipts(year int) ([]Receipt, error) {
	return queryAll(tx, func(rows *sql.Rows) (Receipt, error) {
		var r Receipt
		var sent, recv string
		err := rows.Scan(&r.Sender, &r.Year, &r.Revision, &r.Digest, &r.FileName, &sent, &recv, &r.Fingerprint)
		r.SentAt, _ = time.Parse(time.RFC3339, sent)
		r.ReceivedAt, _ = time.Parse(time.RFC3339Nano, recv)
		return r, err
	}, `SELECT sender, year, revision, digest, file_name, sent_at, received_at, fingerprint FROM received
		WHERE year = ? ORDER BY sender`, year)
}

// Receipt returns the accepted file of a sender's year, if any.
func (tx *Tx) Receipt(sender string, year int) (Receipt, bool, error) {
	rs, err := tx.Receipts(year)
	for _, r := range rs {
		if r.Sender == sender {
			return r, true, err
		}
	}
	return Receipt{}, false, err
}

// PutReceipt records an accepted file and the returns it carried.
func (tx *Tx) PutReceipt(r Receipt, returns map[string][]byte) error {
	if _, err := tx.exec(`INSERT OR REPLACE INTO received (sender, year, revision, digest, file_name, sent_at, received_at, fingerprint)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.Sender, r.Year, r.Revision, r.Digest, r.FileName,
		r.SentAt.UTC().Format(time.RFC3339), r.ReceivedAt.UTC().Format(time.RFC3339Nano), r.Fingerprint); err != nil {
		return err
	}
	if _, err := tx.exec("DELETE FROM received_returns WHERE sender = ? AND year = ?", r.Sender, r.Year); err != nil {
		return err
	}
	for name, data := range returns {
		if _, err := tx.exec("INSERT INTO received_returns (sender, year, name, data) VALUES (?, ?, ?, ?)", r.Sender, r.Year, name, data); err != nil {
			return err
		}
	}
	return tx.Log(ActImport, "received", fmt.Sprintf("%s/%d", r.Sender, r.Year), "", "",
		strings.TrimSuffix(fmt.Sprintf("接收数据包 %s（第 %d 版，密钥 %s）：%s", r.FileName, r.Revision, r.Fingerprint, r.Summary), "："))
}

// ReceivedReturn gives a returns file carried by an accepted data file.
func (tx *Tx) ReceivedReturn(sender string, year int, name string) ([]byte, error) {
	var data []byte
	err := tx.queryRow("SELECT data FROM received_returns WHERE sender = ? AND year = ? AND name = ?", sender, year, name).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENotFound, "没有 %s %d 年度的 %s", sender, year, name)
	}
	return data, err
}

// TrustedKey returns the key pinned for a sender, if any.
func (tx *Tx) TrustedKey(sender string) (ed25519.PublicKey, bool, error) {
	var key []byte
	err := tx.queryRow("SELECT public_key FROM trusted_keys WHERE sender = ?", sender).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return ed25519.PublicKey(key), err == nil, err
}

// PinKey remembers a sender's key, replacing any earlier one (logged).
func (tx *Tx) PinKey(sender string, key ed25519.PublicKey) error {
	old, had, err := tx.TrustedKey(sender)
	if err != nil {
		return err
	}
	if _, err := tx.exec("INSERT OR REPLACE INTO trusted_keys (sender, public_key, fingerprint, pinned_at) VALUES (?, ?, ?, ?)",
		sender, []byte(key), Fingerprint(key), tx.db.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	detail := "确认并记住密钥 " + Fingerprint(key)
	if had && !old.Equal(key) {
		detail = "接受新密钥 " + Fingerprint(key) + "，替换原密钥 " + Fingerprint(old)
	}
	return tx.Log(ActSetting, "trusted_keys", sender, "", "", detail)
}
