package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"chanjiao/store/refdata"
)

// The levels a unit can be at.
const (
	LevelCounty     = "county"
	LevelPrefecture = "prefecture"
	LevelProvince   = "province"
)

// Levels lists the levels from the bottom up.
var Levels = []string{LevelCounty, LevelPrefecture, LevelProvince}

var levelNames = map[string]string{LevelCounty: "县级", LevelPrefecture: "州市级", LevelProvince: "省级"}

// LevelName gives a level's Chinese name.
func LevelName(level string) string {
	if n, ok := levelNames[level]; ok {
		return n
	}
	return level
}

// LevelOfName is the level whose Chinese name is name; "" for none.
func LevelOfName(name string) string {
	for l, n := range levelNames {
		if n == name {
			return l
		}
	}
	return ""
}

// LevelNames lists the levels' Chinese names from the bottom up.
func LevelNames() []string {
	out := make([]string, len(Levels))
	for i, l := range Levels {
		out[i] = LevelName(l)
	}
	return out
}

// Unit is this installation's own bureau: whose records these are and who
// signs its returns.
type Unit struct {
	Code  string // 6-digit region code: 532301, 532300 (prefecture), 530000 (province)
	Name  string
	Level string // LevelCounty, LevelPrefecture or LevelProvince

	Head      string // 单位负责人
	StatsHead string // 统计负责人
	Preparer  string // 填表人
	Phone     string // 联系电话
	Authority string // 制表机关; empty = the level above's name
	DocNo     string // 文号
}

// NormalizeUnitCode accepts a region code in the catalogue's 2- or 4-digit
// form and pads it to six digits (53 → 530000, 5323 → 532300).
func NormalizeUnitCode(code string) string {
	switch len(code) {
	case 2:
		return code + "0000"
	case 4:
		return code + "00"
	}
	return code
}

// Validate returns every problem of the unit.
func (u Unit) Validate(ref *refdata.Reference) Problems {
	var ps Problems
	if required(&ps, "区划代码", u.Code) {
		switch {
		case !allDigits(u.Code, 6):
			ps.add("区划代码", "应为 6 位数字（如 532301）")
		case u.Level == LevelProvince && u.Code[2:] != "0000":
			ps.add("区划代码", "省级单位的区划代码应以 0000 结尾（如 530000）")
		case u.Level == LevelPrefecture && (u.Code[4:] != "00" || u.Code[2:] == "0000"):
			ps.add("区划代码", "州市级单位的区划代码应以 00 结尾（如 532300）")
		case u.Level == LevelCounty && u.Code[4:] == "00":
			ps.add("区划代码", "县级单位的区划代码不应以 00 结尾")
		case ref != nil && !ref.Missing:
			if _, ok := ref.Region(u.Code); !ok {
				ps.warn("区划代码", "区划代码 "+u.Code+" 不在区划代码表中")
			}
		}
	}
	required(&ps, "单位名称", u.Name)
	if !oneOf(u.Level, []string{LevelCounty, LevelPrefecture, LevelProvince}) {
		ps.add("级别", "应为 county（县级）、prefecture（州市级）或 province（省级）")
	}
	if !PhoneValid(u.Phone) {
		ps.add("联系电话", "只能包含数字、空格、“-”和“+”")
	}
	return ps
}

// Parent returns the code of the level above (532301 → 532300 → 530000),
// or "" for a province.
func (u Unit) Parent() string {
	switch u.Level {
	case LevelCounty:
		return u.Code[:4] + "00"
	case LevelPrefecture:
		return u.Code[:2] + "0000"
	}
	return ""
}

// Unit returns this installation's unit; ENotFound before `init`.
func (tx *Tx) Unit() (Unit, error) {
	var u Unit
	err := tx.queryRow(`SELECT code, name, level, head, stats_head, preparer, phone, authority, doc_no FROM unit WHERE id = 1`).
		Scan(&u.Code, &u.Name, &u.Level, &u.Head, &u.StatsHead, &u.Preparer, &u.Phone, &u.Authority, &u.DocNo)
	if errors.Is(err, sql.ErrNoRows) {
		return u, Errorf(ENotFound, "尚未设置本单位（区划代码、名称、级别），请先在“设置”中填写，或运行 chanjiao-cli init")
	}
	return u, err
}

// SetUnitIdentity sets which unit this is (code, name, level) as `init`
// does, keeping the signatories and document details already set in the
// window. One transaction.
func (db *DB) SetUnitIdentity(ctx context.Context, code, name, level string) (Unit, error) {
	u := Unit{Code: strings.TrimSpace(code), Name: strings.TrimSpace(name), Level: level}
	err := db.Update(ctx, func(tx *Tx) error {
		if old, err := tx.Unit(); err == nil {
			u.Head, u.StatsHead, u.Preparer, u.Phone, u.Authority, u.DocNo = old.Head, old.StatsHead, old.Preparer, old.Phone, old.Authority, old.DocNo
		}
		return tx.SetUnit(u)
	})
	u.Code = NormalizeUnitCode(u.Code)
	return u, err
}

// SetUnit stores this installation's unit. Changing the code of a unit that
// already has records is refused: the records would belong to another unit.
func (tx *Tx) SetUnit(u Unit) error {
	u.Code = NormalizeUnitCode(u.Code)
	if err := u.Validate(tx.Ref()).Err(); err != nil {
		return err
	}
	old, err := tx.Unit()
	switch {
	case err == nil && old.Code != u.Code:
		var n int
		if err := tx.queryRow("SELECT count(*) FROM schools WHERE unit_code = ?", old.Code).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return Errorf(EConflict, "本单位已有 %d 所学校的记录，不能把区划代码从 %s 改为 %s", n, old.Code, u.Code)
		}
	case err != nil && ErrorCode(err) != ENotFound:
		return err
	}
	before, err := tx.snapshot("unit", 1)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO unit (id, code, name, level, head, stats_head, preparer, phone, authority, doc_no)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, level = excluded.level, head = excluded.head,
		stats_head = excluded.stats_head, preparer = excluded.preparer, phone = excluded.phone, authority = excluded.authority, doc_no = excluded.doc_no`,
		u.Code, u.Name, u.Level, u.Head, u.StatsHead, u.Preparer, u.Phone, u.Authority, u.DocNo)
	if err != nil {
		return err
	}
	return tx.logChange("unit", u.Code, 1, before)
}
