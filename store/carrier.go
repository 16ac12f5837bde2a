package store

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"chanjiao/store/refdata"
)

// Carrier is an 产教融合 carrier (载体): a 产教联合体, an industry community,
// a 现代产业学院 and the like. It belongs to the unit that recorded it, not
// to a school.
type Carrier struct {
	ID                int64
	UnitCode          string // the unit that recorded it; empty on a new one means this installation's unit
	Type              string // 载体类型, one of CarrierTypes
	Name              string // 载体名称
	Level             string // 级别, one of CarrierGrades
	Recognized        int    // 认定年份; 0 when 未认定
	Founded           int    // 成立年份
	Revoked           int    // 撤销年份; 0 = not revoked
	LeadSchool        string // 牵头学校标识码; may be empty
	MemberSchools     []string
	MemberEnterprises []string
	Note              string
}

// Validate returns every problem of the carrier.
func (c Carrier) Validate(*refdata.Reference) Problems {
	var ps Problems
	if required(&ps, "载体类型", c.Type) && !oneOf(c.Type, CarrierTypes) {
		ps.add("载体类型", "应为"+listText(CarrierTypes)+"之一")
	}
	required(&ps, "载体名称", c.Name)
	if required(&ps, "级别", c.Level) && !oneOf(c.Level, CarrierGrades) {
		ps.add("级别", "应为"+listText(CarrierGrades)+"之一")
	}
	if c.Founded == 0 {
		ps.add("成立年份", "必须填写")
	}
	checkYear(&ps, "成立年份", c.Founded)
	checkYear(&ps, "认定年份", c.Recognized)
	checkYear(&ps, "撤销年份", c.Revoked)
	switch {
	case c.Recognized == 0 && c.Level != GradeUnrecognized && c.Level != "":
		ps.addAgainst("认定年份", "级别", "级别为"+c.Level+"时必须填写")
	case c.Recognized != 0 && c.Founded != 0 && c.Recognized < c.Founded:
		ps.addAgainst("认定年份", "成立年份", fmt.Sprintf("（%d）不能早于成立年份（%d）", c.Recognized, c.Founded))
	}
	if c.Revoked != 0 && c.Founded != 0 && c.Revoked <= c.Founded {
		ps.addAgainst("撤销年份", "成立年份", fmt.Sprintf("（%d）应晚于成立年份（%d）", c.Revoked, c.Founded))
	}
	if c.LeadSchool != "" && !allDigits(c.LeadSchool, 10) {
		ps.add("牵头学校标识码", "应为 10 位数字")
	}
	seen := map[string]bool{}
	for _, s := range c.MemberSchools {
		switch {
		case !allDigits(s, 10):
			ps.add("成员学校", "“"+s+"”不是 10 位数字的学校标识码")
		case seen[s]:
			ps.add("成员学校", "“"+s+"”重复")
		}
		seen[s] = true
	}
	for _, e := range c.MemberEnterprises {
		switch {
		case !CreditCodeWellFormed(e):
			ps.add("成员企业", "“"+e+"”不是有效的统一社会信用代码")
		case seen[e]:
			ps.add("成员企业", "“"+e+"”重复")
		}
		seen[e] = true
	}
	return ps
}

// Key is the natural key shown in messages: 载体类型 + 载体名称 (within its
// unit).
func (c Carrier) Key() string { return c.Type + "/" + c.Name }

// CountedAs gives the level the carrier counts at in year (GradeUnrecognized
// while it is not yet recognised), and false when it does not count at all:
// not yet founded, or revoked by then.
func (c Carrier) CountedAs(year int) (level string, counted bool) {
	if c.Founded > year || (c.Revoked != 0 && c.Revoked <= year) {
		return "", false
	}
	if c.Level == GradeUnrecognized || c.Recognized == 0 || c.Recognized > year {
		return GradeUnrecognized, true
	}
	return c.Level, true
}

// NewIn reports whether the carrier counts in year and was founded in it.
func (c Carrier) NewIn(year int) bool {
	_, counted := c.CountedAs(year)
	return counted && c.Founded == year
}

// Carriers returns every carrier held (this unit's and, above county level,
// those its lower units sent), ordered by unit, type and name.
func (tx *Tx) Carriers() ([]Carrier, error) {
	codes, err := tx.creditCodes()
	if err != nil {
		return nil, err
	}
	return tx.carriersUnder("", codes)
}

// carriersUnder gives the carriers recorded by the units under prefix (""
// for all); codes names each enterprise by its id.
func (tx *Tx) carriersUnder(prefix string, codes map[int64]string) ([]Carrier, error) {
	rows, err := tx.query(`SELECT c.id, c.unit_code, c.type, c.name, c.level, coalesce(c.recognized_year, 0), c.founded_year,
			coalesce(c.revoked_year, 0), coalesce((SELECT code FROM schools WHERE id = c.lead_school_id), ''), c.note,
			coalesce((SELECT group_concat(s.code, ';') FROM carrier_schools cs JOIN schools s ON s.id = cs.school_id WHERE cs.carrier_id = c.id), ''),
			coalesce((SELECT group_concat(ce.enterprise_id, ';') FROM carrier_enterprises ce WHERE ce.carrier_id = c.id), '')
		FROM carriers c WHERE substr(c.unit_code, 1, length(?1)) = ?1`, prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Carrier
	for rows.Next() {
		var c Carrier
		var schools, ents string
		if err := rows.Scan(&c.ID, &c.UnitCode, &c.Type, &c.Name, &c.Level, &c.Recognized, &c.Founded, &c.Revoked, &c.LeadSchool, &c.Note,
			&schools, &ents); err != nil {
			return nil, err
		}
		c.MemberSchools = SplitList(schools)
		slices.Sort(c.MemberSchools)
		for _, id := range SplitList(ents) {
			var n int64
			fmt.Sscan(id, &n) // group_concat of integer ids: always digits
			c.MemberEnterprises = append(c.MemberEnterprises, codes[n])
		}
		slices.Sort(c.MemberEnterprises)
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y Carrier) int {
		return cmp.Or(strings.Compare(x.UnitCode, y.UnitCode), rankIn(x.Type, CarrierTypes)-rankIn(y.Type, CarrierTypes),
			strings.Compare(x.Name, y.Name))
	})
	return out, rows.Err()
}

// carrierByID reads one carrier, for the lock check of a change.
func (tx *Tx) carrierByID(id int64) (Carrier, bool, error) {
	var c Carrier
	err := tx.queryRow(`SELECT type, level, coalesce(recognized_year, 0), founded_year, coalesce(revoked_year, 0)
		FROM carriers WHERE id = ?`, id).Scan(&c.Type, &c.Level, &c.Recognized, &c.Founded, &c.Revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	return c, err == nil, err
}

// checkCarrierUnlocked refuses a change that would alter how the carrier
// counts in a locked year (a carrier spans many years: setting its 撤销年份
// next year leaves a locked past year as it was, and is allowed).
func (tx *Tx) checkCarrierUnlocked(old Carrier, had bool, now *Carrier) error {
	locked, err := tx.LockedYears()
	if err != nil {
		return err
	}
	var hit []int
	for _, y := range locked {
		var before, after string
		if had {
			before = carrierStatus(old, y)
		}
		if now != nil {
			after = carrierStatus(*now, y)
		}
		if before != after {
			hit = append(hit, y)
		}
	}
	return tx.checkUnlocked(hit...)
}

func carrierStatus(c Carrier, year int) string {
	level, counted := c.CountedAs(year)
	if !counted {
		return ""
	}
	return fmt.Sprint(c.Type, level, c.NewIn(year))
}

// PutCarrier inserts the carrier or updates the one with the same ID (or,
// when ID is 0, the same unit, type and name); its member lists are
// replaced.
func (tx *Tx) PutCarrier(c *Carrier) (created bool, err error) {
	if err := c.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	if c.UnitCode == "" {
		u, err := tx.Unit()
		if err != nil {
			return false, err
		}
		c.UnitCode = u.Code
	}
	var lead int64
	if c.LeadSchool != "" {
		if lead, err = tx.schoolID(c.LeadSchool); err != nil {
			return false, err
		}
	}
	schoolIDs, err := idsOf(c.MemberSchools, tx.schoolID)
	if err != nil {
		return false, err
	}
	entIDs, err := idsOf(c.MemberEnterprises, tx.enterpriseID)
	if err != nil {
		return false, err
	}
	created, err = tx.putRow(&c.ID, row{table: "carriers", what: "载体", key: c.Key(),
		find:     "SELECT id FROM carriers WHERE unit_code = ? AND type = ? AND name = ?",
		findArgs: []any{c.UnitCode, c.Type, c.Name},
		taken:    "已有名为“" + c.Name + "”的" + c.Type,
		columns:  []string{"unit_code", "type", "name", "level", "recognized_year", "founded_year", "revoked_year", "lead_school_id", "note"},
		values: []any{c.UnitCode, c.Type, c.Name, c.Level, nullInt(c.Recognized), c.Founded, nullInt(c.Revoked), nullID(lead),
			c.Note},
		unlocked: func(id int64) error {
			old, had, err := tx.carrierByID(id)
			if err != nil {
				return err
			}
			return tx.checkCarrierUnlocked(old, had, c)
		}})
	if err != nil {
		return false, err
	}
	return created, tx.setCarrierMembers(c.ID, schoolIDs, entIDs)
}

// setCarrierMembers replaces a carrier's member schools and enterprises.
func (tx *Tx) setCarrierMembers(id int64, schools, ents []int64) error {
	for _, q := range []string{"DELETE FROM carrier_schools WHERE carrier_id = ?", "DELETE FROM carrier_enterprises WHERE carrier_id = ?"} {
		if _, err := tx.exec(q, id); err != nil {
			return err
		}
	}
	for _, s := range schools {
		if _, err := tx.exec("INSERT INTO carrier_schools (carrier_id, school_id) VALUES (?, ?)", id, s); err != nil {
			return err
		}
	}
	for _, e := range ents {
		if _, err := tx.exec("INSERT INTO carrier_enterprises (carrier_id, enterprise_id) VALUES (?, ?)", id, e); err != nil {
			return err
		}
	}
	return nil
}

// idsOf looks up the row id of each code.
func idsOf(codes []string, look func(string) (int64, error)) ([]int64, error) {
	out := make([]int64, 0, len(codes))
	for _, c := range codes {
		id, err := look(c)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// DeleteCarrier removes one carrier.
func (tx *Tx) DeleteCarrier(id int64) error {
	old, had, err := tx.carrierByID(id)
	if err != nil {
		return err
	}
	if had {
		if err := tx.checkCarrierUnlocked(old, true, nil); err != nil {
			return err
		}
	}
	return tx.deleteRow("carriers", id, "产教融合载体")
}
