package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"chanjiao/store/refdata"
)

// Agreement is a school–enterprise agreement (校企合作协议) or letter of
// intent (合作意向书).
type Agreement struct {
	ID         int64
	SchoolCode string
	CreditCode string
	Name       string    // 协议名称
	Type       string    // AgreementFormal or AgreementIntent
	Signed     time.Time // 签订日期
	Expires    time.Time // 到期日期; zero = open-ended
	Contents   []string  // 合作内容, in CooperationContents order
}

// Validate returns every problem of the agreement.
func (a Agreement) Validate(*refdata.Reference) Problems {
	var ps Problems
	required(&ps, "学校标识码", a.SchoolCode)
	if required(&ps, "统一社会信用代码", a.CreditCode) && !CreditCodeWellFormed(a.CreditCode) {
		ps.add("统一社会信用代码", "不是有效的统一社会信用代码")
	}
	required(&ps, "协议名称", a.Name)
	if required(&ps, "协议类型", a.Type) && !oneOf(a.Type, AgreementTypes) {
		ps.add("协议类型", "应为"+listText(AgreementTypes)+"之一")
	}
	if a.Signed.IsZero() {
		ps.add("签订日期", "必须填写")
	}
	checkDate(&ps, "签订日期", a.Signed)
	checkDate(&ps, "到期日期", a.Expires)
	if !a.Expires.IsZero() && !a.Signed.IsZero() && a.Expires.Before(a.Signed) {
		ps.addAgainst("到期日期", "签订日期", "不能早于签订日期")
	}
	checkList(&ps, "合作内容", a.Contents, CooperationContents)
	return ps
}

// Key is the natural key shown in messages.
func (a Agreement) Key() string {
	return a.SchoolCode + "/" + a.CreditCode + "/" + a.Name + "/" + FormatDate(a.Signed)
}

// InForce reports whether the agreement is in force on some day of year:
// signed by its end and not expired before its start.
func (a Agreement) InForce(year int) bool {
	return a.Signed.Year() <= year && (a.Expires.IsZero() || a.Expires.Year() >= year)
}

// Agreements returns the agreements in force in a year (every one when year
// is 0), ordered by school, signing date and name.
func (tx *Tx) Agreements(year int) ([]Agreement, error) {
	codes, err := tx.creditCodes()
	if err != nil {
		return nil, err
	}
	return tx.agreementsUnder(year, "", codes)
}

// agreementsUnder gives the agreements of the schools reported by the units
// under prefix ("" for all); codes names each enterprise by its id.
func (tx *Tx) agreementsUnder(year int, prefix string, codes map[int64]string) ([]Agreement, error) {
	rows, err := tx.query(`SELECT a.id, s.code, a.enterprise_id, a.name, a.type, a.signed_date, a.expiry_date, a.contents
		FROM `+withSchools("agreements", "a", prefix)+`
		WHERE (?1 = 0 OR (a.signed_date <= ?3 AND (a.expiry_date = '' OR a.expiry_date >= ?4)))
			AND substr(s.unit_code, 1, length(?2)) = ?2`, year, prefix, fmt.Sprintf("%04d-12-31", year), fmt.Sprintf("%04d-01-01", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Agreement
	for rows.Next() {
		var a Agreement
		var ent int64
		var signed, expires, contents string
		if err := rows.Scan(&a.ID, &a.SchoolCode, &ent, &a.Name, &a.Type, &signed, &expires, &contents); err != nil {
			return nil, err
		}
		if a.Signed, err = ParseDate(signed); err != nil {
			return nil, err
		}
		if a.Expires, err = ParseDate(expires); err != nil {
			return nil, err
		}
		a.CreditCode = codes[ent]
		a.Contents = SplitList(contents)
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y Agreement) int {
		return cmp.Or(strings.Compare(x.SchoolCode, y.SchoolCode), x.Signed.Compare(y.Signed), strings.Compare(x.Name, y.Name),
			strings.Compare(x.CreditCode, y.CreditCode))
	})
	return out, rows.Err()
}

// PutAgreement inserts the agreement or updates the one with the same ID
// (or, when ID is 0, the same school, enterprise, name and signing date).
func (tx *Tx) PutAgreement(a *Agreement) (created bool, err error) {
	if err := a.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	schoolID, err := tx.schoolID(a.SchoolCode)
	if err != nil {
		return false, err
	}
	entID, err := tx.enterpriseID(a.CreditCode)
	if err != nil {
		return false, err
	}
	signed := FormatDate(a.Signed)
	return tx.putRow(&a.ID, row{table: "agreements", what: "协议", key: a.Key(),
		find:     "SELECT id FROM agreements WHERE school_id = ? AND enterprise_id = ? AND name = ? AND signed_date = ?",
		findArgs: []any{schoolID, entID, a.Name, signed},
		taken:    "该学校与该企业已有 " + signed + " 签订的“" + a.Name + "”",
		columns:  []string{"school_id", "enterprise_id", "name", "type", "signed_date", "expiry_date", "contents"},
		values:   []any{schoolID, entID, a.Name, a.Type, signed, FormatDate(a.Expires), joinOrdered(a.Contents, CooperationContents)},
		unlocked: func(id int64) error {
			return tx.checkSpanUnlocked("agreements", "signed_date", "expiry_date", id, a.Signed, a.Expires)
		}})
}

// DeleteAgreement removes one agreement.
func (tx *Tx) DeleteAgreement(id int64) error {
	if err := tx.checkSpanUnlocked("agreements", "signed_date", "expiry_date", id, time.Time{}, time.Time{}); err != nil {
		return err
	}
	return tx.deleteRow("agreements", id, "校企合作协议")
}
