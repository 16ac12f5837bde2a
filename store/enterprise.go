package store

import (
	"database/sql"
	"errors"

	"chanjiao/store/refdata"
)

// Enterprise is a partner enterprise, identified by its 统一社会信用代码.
type Enterprise struct {
	ID         int64
	CreditCode string
	Name       string
	Industry   string // GB/T 4754 门类: a letter A–T or its name
	Grade      string // 产教融合型企业等级
	Region     string
	Contact    string
	Phone      string
}

// Validate returns every problem of the enterprise. A credit code whose check
// digit fails is only a warning: some early codes fail it.
func (e Enterprise) Validate(ref *refdata.Reference) Problems {
	var ps Problems
	if required(&ps, "统一社会信用代码", e.CreditCode) {
		switch {
		case !CreditCodeWellFormed(e.CreditCode):
			ps.add("统一社会信用代码", "应为 18 位，由数字和除 I、O、S、V、Z 以外的大写字母组成")
		case !CreditCodeCheckDigit(e.CreditCode):
			ps.warn("统一社会信用代码", "校验位不符（部分早期代码如此，请核对营业执照）")
		}
	}
	required(&ps, "企业名称", e.Name)
	if e.Industry != "" && !industryValid(e.Industry) {
		ps.add("所属行业", "应为国民经济行业门类字母 A–T 或其名称（如 C 或 制造业）")
	}
	checkOptionalLevel(&ps, "产教融合型企业等级", e.Grade)
	if e.Region != "" {
		checkRegion(&ps, ref, "所在区划代码", e.Region)
	}
	if !PhoneValid(e.Phone) {
		ps.add("联系电话", "只能包含数字、空格、“-”和“+”")
	}
	return ps
}

// Key is the natural key shown in messages.
func (e Enterprise) Key() string { return e.CreditCode }

const enterpriseColumns = "id, credit_code, name, industry, grade, region, contact, phone"

func scanEnterprise(sc interface{ Scan(...any) error }) (Enterprise, error) {
	var e Enterprise
	err := sc.Scan(&e.ID, &e.CreditCode, &e.Name, &e.Industry, &e.Grade, &e.Region, &e.Contact, &e.Phone)
	return e, err
}

// Enterprises returns every enterprise, ordered by credit code.
func (tx *Tx) Enterprises() ([]Enterprise, error) { return tx.enterprisesUnder("") }

// enterprisesUnder gives the enterprises named by any record of the schools
// reported by the units under prefix, or every enterprise for "": a
// province reading one prefecture's share need not read all 40,000.
func (tx *Tx) enterprisesUnder(prefix string) ([]Enterprise, error) {
	where, args := namedUnder(prefix)
	rows, err := tx.query("SELECT "+enterpriseColumns+" FROM enterprises"+where+" ORDER BY credit_code", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Enterprise
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// PutEnterprise inserts the enterprise or updates the one with the same ID
// (or, when ID is 0, the same credit code).
func (tx *Tx) PutEnterprise(e *Enterprise) (created bool, err error) {
	if err := e.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	if e.ID == 0 {
		e.ID, err = tx.enterpriseID(e.CreditCode)
		if err != nil && ErrorCode(err) != ENotFound {
			return false, err
		}
	} else if err := tx.checkUnique("enterprises", "credit_code", e.CreditCode, e.ID, "统一社会信用代码 "+e.CreditCode+" 已被另一家企业使用"); err != nil {
		return false, err
	}
	before, err := tx.before("enterprises", e.ID)
	if err != nil {
		return false, err
	}
	if e.ID != 0 && before == "" {
		return false, Errorf(ENotFound, "要修改的企业已不存在（可能已被删除），请刷新后重试")
	}
	defer func() {
		if err == nil {
			err = tx.logChange("enterprises", e.Key(), e.ID, before)
		}
	}()
	args := []any{e.CreditCode, e.Name, e.Industry, e.Grade, e.Region, e.Contact, e.Phone}
	if e.ID == 0 {
		res, err := tx.exec(`INSERT INTO enterprises (credit_code, name, industry, grade, region, contact, phone)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, args...)
		if err != nil {
			return false, err
		}
		e.ID, err = res.LastInsertId()
		return true, err
	}
	_, err = tx.exec(`UPDATE enterprises SET credit_code = ?, name = ?, industry = ?, grade = ?, region = ?, contact = ?, phone = ?
		WHERE id = ?`, append(args, e.ID)...)
	return false, err
}

// DeleteEnterprise removes an enterprise with its 互派互聘 stints; majors and
// trainings lose the link to it.
func (tx *Tx) DeleteEnterprise(id int64) error {
	if err := tx.checkUnlocked(tx.lockedYearsOf(lockedYearsOfEnterprise, id)...); err != nil {
		return err
	}
	return tx.deleteRow("enterprises", id, "企业")
}

// EnterpriseDependents counts what a deletion of the enterprise touches.
func (tx *Tx) EnterpriseDependents(id int64) (majors, secondments, trainings int, err error) {
	err = tx.queryRow(`SELECT (SELECT count(*) FROM major_enterprises WHERE enterprise_id = ?1),
		(SELECT count(*) FROM secondments WHERE enterprise_id = ?1),
		(SELECT count(*) FROM trainings WHERE enterprise_id = ?1)`, id).Scan(&majors, &secondments, &trainings)
	return
}

// EnterpriseMeasureDependents counts the agreements that go with an
// enterprise when it is deleted, the classes that lose it as their partner
// and the carriers that lose it as a member.
func (tx *Tx) EnterpriseMeasureDependents(id int64) (agreements, classes, carriers int, err error) {
	err = tx.queryRow(`SELECT (SELECT count(*) FROM agreements WHERE enterprise_id = ?1),
		(SELECT count(*) FROM classes WHERE enterprise_id = ?1),
		(SELECT count(*) FROM carrier_enterprises WHERE enterprise_id = ?1)`, id).Scan(&agreements, &classes, &carriers)
	return
}

// namedUnder is the WHERE clause (and its argument) that keeps the
// enterprises named by any record of the schools reported by the units under
// prefix; none for "".
func namedUnder(prefix string) (string, []any) {
	if prefix == "" {
		return "", nil
	}
	return ` WHERE id IN (
		SELECT c.enterprise_id FROM schools s CROSS JOIN secondments c ON c.school_id = s.id WHERE substr(s.unit_code, 1, length(?1)) = ?1
		UNION SELECT me.enterprise_id FROM schools s CROSS JOIN majors m ON m.school_id = s.id CROSS JOIN major_enterprises me ON me.major_id = m.id
			WHERE substr(s.unit_code, 1, length(?1)) = ?1
		UNION SELECT t.enterprise_id FROM schools s CROSS JOIN trainings t ON t.school_id = s.id WHERE substr(s.unit_code, 1, length(?1)) = ?1)`, []any{prefix}
}

// creditCodes maps every enterprise's id to its credit code: looked up in
// memory, a province's 160,000 stints read in two thirds of the time of a
// join.
func (tx *Tx) creditCodes() (map[int64]string, error) {
	return tx.codesByID("SELECT id, credit_code FROM enterprises")
}

func (tx *Tx) enterpriseID(creditCode string) (int64, error) {
	var id int64
	err := tx.queryRow("SELECT id FROM enterprises WHERE credit_code = ?", creditCode).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Errorf(ENotFound, "统一社会信用代码为 %s 的企业不存在", creditCode)
	}
	return id, err
}

func (tx *Tx) schoolID(code string) (int64, error) {
	var id int64
	err := tx.queryRow("SELECT id FROM schools WHERE code = ?", code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Errorf(ENotFound, "学校标识码为 %s 的学校不存在", code)
	}
	return id, err
}
