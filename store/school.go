package store

import (
	"database/sql"
	"errors"
	"strconv"

	"chanjiao/store/refdata"
)

// School is a vocational school (or a 普通高中, which is recorded but not
// assessed).
type School struct {
	ID         int64
	Code       string // 学校标识码, 10 digits
	Name       string
	Type       string // 办学类型, one of SchoolTypes
	Region     string // 所在区划代码
	Ownership  string // 办学性质: 公办 or 民办
	Quality    string // 优质学校等级
	Contact    string
	Phone      string
	ClosedYear int // 停办年份; 0 = still running
	// UnitCode is the unit that reports the school: this installation's own
	// unit, or, above county level, the lower unit whose file brought it.
	// Empty on a new school means this installation's unit.
	UnitCode string
}

// Validate returns every problem of the school.
func (s School) Validate(ref *refdata.Reference) Problems {
	var ps Problems
	if required(&ps, "学校标识码", s.Code) && !allDigits(s.Code, 10) {
		ps.add("学校标识码", "应为 10 位数字")
	}
	required(&ps, "学校名称", s.Name)
	if required(&ps, "办学类型", s.Type) && !oneOf(s.Type, SchoolTypes) {
		ps.add("办学类型", "应为"+listText(SchoolTypes)+"之一")
	}
	if required(&ps, "所在区划代码", s.Region) {
		checkRegion(&ps, ref, "所在区划代码", s.Region)
	}
	if required(&ps, "办学性质", s.Ownership) && !oneOf(s.Ownership, Ownerships) {
		ps.add("办学性质", "应为公办或民办")
	}
	checkOptionalLevel(&ps, "优质学校等级", s.Quality)
	if !PhoneValid(s.Phone) {
		ps.add("联系电话", "只能包含数字、空格、“-”和“+”")
	}
	checkYear(&ps, "停办年份", s.ClosedYear)
	return ps
}

// Assessed reports whether the school is held to the 互派互聘 target in year:
// not a 普通高中 and not closed by then.
func (s School) Assessed(year int) bool {
	return s.Type != TypeHighSchool && (s.ClosedYear == 0 || s.ClosedYear > year)
}

// Key is the natural key shown in messages.
func (s School) Key() string { return s.Code }

const schoolColumns = "id, code, name, type, region, ownership, quality, contact, phone, coalesce(closed_year, 0), unit_code"

func scanSchool(sc interface{ Scan(...any) error }) (School, error) {
	var s School
	err := sc.Scan(&s.ID, &s.Code, &s.Name, &s.Type, &s.Region, &s.Ownership, &s.Quality, &s.Contact, &s.Phone, &s.ClosedYear, &s.UnitCode)
	return s, err
}

// Schools returns every school, ordered by code.
func (tx *Tx) Schools() ([]School, error) { return tx.schoolsUnder("") }

// schoolsUnder gives the schools reported by the units under prefix ("" for
// all).
func (tx *Tx) schoolsUnder(prefix string) ([]School, error) {
	rows, err := tx.query("SELECT "+schoolColumns+" FROM schools WHERE substr(unit_code, 1, length(?1)) = ?1 ORDER BY code", prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []School
	for rows.Next() {
		s, err := scanSchool(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SchoolByCode finds a school by its 学校标识码.
func (tx *Tx) SchoolByCode(code string) (School, error) {
	s, err := scanSchool(tx.queryRow("SELECT "+schoolColumns+" FROM schools WHERE code = ?", code))
	if errors.Is(err, sql.ErrNoRows) {
		return s, Errorf(ENotFound, "学校标识码 %s 不存在", code)
	}
	return s, err
}

// PutSchool inserts the school, or updates the one with the same ID (or,
// when ID is 0, the same code). It reports whether a row was created.
func (tx *Tx) PutSchool(s *School) (created bool, err error) {
	if err := s.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	if s.ID == 0 {
		err := tx.queryRow("SELECT id FROM schools WHERE code = ?", s.Code).Scan(&s.ID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
	} else if err := tx.checkUnique("schools", "code", s.Code, s.ID, "学校标识码 "+s.Code+" 已被另一所学校使用"); err != nil {
		return false, err
	}
	before, err := tx.before("schools", s.ID)
	if err != nil {
		return false, err
	}
	if s.ID != 0 && before == "" {
		return false, Errorf(ENotFound, "要修改的学校已不存在（可能已被删除），请刷新后重试")
	}
	defer func() {
		if err == nil {
			err = tx.logChange("schools", s.Key(), s.ID, before)
		}
	}()
	args := []any{s.Code, s.Name, s.Type, s.Region, s.Ownership, s.Quality, s.Contact, s.Phone, nullInt(s.ClosedYear)}
	if s.ID == 0 {
		if s.UnitCode == "" {
			unit, err := tx.Unit()
			if err != nil {
				return false, err
			}
			s.UnitCode = unit.Code
		}
		res, err := tx.exec(`INSERT INTO schools (code, name, type, region, ownership, quality, contact, phone, closed_year, unit_code)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, s.UnitCode)...)
		if err != nil {
			return false, err
		}
		s.ID, err = res.LastInsertId()
		return true, err
	}
	_, err = tx.exec(`UPDATE schools SET code = ?, name = ?, type = ?, region = ?, ownership = ?, quality = ?, contact = ?, phone = ?, closed_year = ?,
		unit_code = coalesce(nullif(?, ''), unit_code) WHERE id = ?`, append(args, s.UnitCode, s.ID)...)
	return false, err
}

// DeleteSchool removes a school with its majors, 互派互聘 stints and trainings.
func (tx *Tx) DeleteSchool(id int64) error {
	if err := tx.checkUnlocked(tx.lockedYearsOf(lockedYearsOfSchool, id)...); err != nil {
		return err
	}
	return tx.deleteRow("schools", id, "学校")
}

// SchoolDependents counts what goes with a school when it is deleted.
func (tx *Tx) SchoolDependents(id int64) (majors, secondments, trainings int, err error) {
	err = tx.queryRow(`SELECT (SELECT count(*) FROM majors WHERE school_id = ?1),
		(SELECT count(*) FROM secondments WHERE school_id = ?1),
		(SELECT count(*) FROM trainings WHERE school_id = ?1)`, id).Scan(&majors, &secondments, &trainings)
	return
}

// SchoolMeasureDependents counts the agreements and classes that go with a
// school when it is deleted, and the carriers it leads or is a member of
// (which stay, without it).
func (tx *Tx) SchoolMeasureDependents(id int64) (agreements, classes, carriers int, err error) {
	err = tx.queryRow(`SELECT (SELECT count(*) FROM agreements WHERE school_id = ?1),
		(SELECT count(*) FROM classes WHERE school_id = ?1),
		(SELECT count(*) FROM carriers WHERE lead_school_id = ?1
			OR id IN (SELECT carrier_id FROM carrier_schools WHERE school_id = ?1))`, id).Scan(&agreements, &classes, &carriers)
	return
}

func (tx *Tx) checkUnique(table, column, value string, id int64, msg string) error {
	var other int64
	err := tx.queryRow("SELECT id FROM "+table+" WHERE "+column+" = ? AND id <> ?", value, id).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return Errorf(EConflict, "%s", msg)
}

// deleteRow deletes one row (its children go by ON DELETE CASCADE) and logs it.
func (tx *Tx) deleteRow(table string, id int64, what string) error {
	before, err := tx.snapshot(table, id)
	if err != nil {
		return err
	}
	if before == "" {
		return Errorf(ENotFound, "要删除的%s不存在（编号 %s），可能已被删除", what, strconv.FormatInt(id, 10))
	}
	if _, err := tx.exec("DELETE FROM "+table+" WHERE id = ?", id); err != nil {
		return err
	}
	return tx.Log(ActDelete, table, strconv.FormatInt(id, 10), before, "", "")
}
