package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"chanjiao/store/refdata"
)

// Class is an order class, named class, directed class or apprenticeship
// (订单班与学徒制) of a school in a year.
type Class struct {
	ID         int64
	SchoolCode string
	Year       int    // 统计年度
	Name       string // 班级名称
	Type       string // 培养类型, one of ClassTypes
	MajorCode  string // empty only for 企业新型学徒制
	CreditCode string // the partner enterprise; may be empty
	Students   int    // 学生人数
}

// Validate returns every problem of the class that needs no other record;
// that its major is one of the school's that year is checked where the
// majors are known (PutClass, the workbook import).
func (c Class) Validate(*refdata.Reference) Problems {
	var ps Problems
	required(&ps, "学校标识码", c.SchoolCode)
	if c.Year == 0 {
		ps.add("统计年度", "必须填写")
	}
	checkYear(&ps, "统计年度", c.Year)
	required(&ps, "班级名称", c.Name)
	if required(&ps, "培养类型", c.Type) && !oneOf(c.Type, ClassTypes) {
		ps.add("培养类型", "应为"+listText(ClassTypes)+"之一")
	}
	if c.MajorCode == "" && c.Type != ClassEnterprise {
		ps.add("专业代码", "必须填写（只有企业新型学徒制可以不填）")
	}
	if c.CreditCode != "" && !CreditCodeWellFormed(c.CreditCode) {
		ps.add("统一社会信用代码", "不是有效的统一社会信用代码")
	}
	if c.Students < 1 {
		ps.add("学生人数", "应为不小于 1 的整数")
	}
	return ps
}

// Key is the natural key shown in messages.
func (c Class) Key() string { return fmt.Sprintf("%s/%d/%s", c.SchoolCode, c.Year, c.Name) }

// OrderClass reports whether the class's students count as its major's
// 订单班人数.
func (c Class) OrderClass() bool { return slices.Contains(OrderClassTypes, c.Type) }

// MajorNotRun is the problem of a class whose major the school does not run
// that year.
func (c Class) MajorNotRun() Problem {
	return Problem{Field: "专业代码", Message: fmt.Sprintf("该学校 %d 年度没有专业 %s，请先在“专业”中添加", c.Year, c.MajorCode)}
}

// Classes returns the classes of a year (every year when year is 0),
// ordered by school, year and name.
func (tx *Tx) Classes(year int) ([]Class, error) {
	codes, err := tx.creditCodes()
	if err != nil {
		return nil, err
	}
	return tx.classesUnder(year, "", codes)
}

// classesUnder gives the classes of the schools reported by the units under
// prefix ("" for all); codes names each enterprise by its id.
func (tx *Tx) classesUnder(year int, prefix string, codes map[int64]string) ([]Class, error) {
	rows, err := tx.query(`SELECT c.id, s.code, c.year, c.name, c.type, c.major_code, coalesce(c.enterprise_id, 0), c.students
		FROM `+withSchools("classes", "c", prefix)+`
		WHERE (?1 = 0 OR c.year = ?1) AND substr(s.unit_code, 1, length(?2)) = ?2`, year, prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Class
	for rows.Next() {
		var c Class
		var ent int64
		if err := rows.Scan(&c.ID, &c.SchoolCode, &c.Year, &c.Name, &c.Type, &c.MajorCode, &ent, &c.Students); err != nil {
			return nil, err
		}
		c.CreditCode = codes[ent]
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y Class) int {
		return cmp.Or(strings.Compare(x.SchoolCode, y.SchoolCode), cmp.Compare(x.Year, y.Year), strings.Compare(x.Name, y.Name))
	})
	return out, rows.Err()
}

// PutClass inserts the class or updates the one with the same ID (or, when
// ID is 0, the same school, year and name).
func (tx *Tx) PutClass(c *Class) (created bool, err error) {
	if c.MajorCode != "" {
		c.MajorCode = CatalogueCode(tx.Ref(), c.MajorCode)
	}
	if err := c.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	schoolID, err := tx.schoolID(c.SchoolCode)
	if err != nil {
		return false, err
	}
	if c.MajorCode != "" {
		if runs, err := tx.runsMajor(*c); err != nil || !runs {
			return false, cmp.Or(err, Problems{c.MajorNotRun()}.Err())
		}
	}
	var entID int64
	if c.CreditCode != "" {
		if entID, err = tx.enterpriseID(c.CreditCode); err != nil {
			return false, err
		}
	}
	return tx.putRow(&c.ID, row{table: "classes", what: "班级", key: c.Key(),
		find:     "SELECT id FROM classes WHERE school_id = ? AND year = ? AND name = ?",
		findArgs: []any{schoolID, c.Year, c.Name},
		taken:    fmt.Sprintf("该学校 %d 年度已有名为“%s”的班级", c.Year, c.Name),
		columns:  []string{"school_id", "year", "name", "type", "major_code", "enterprise_id", "students"},
		values:   []any{schoolID, c.Year, c.Name, c.Type, c.MajorCode, nullID(entID), c.Students},
		unlocked: tx.unlockedYear(classYearSQL, c.Year)})
}

// runsMajor reports whether the class's school has its major that year in
// the database (PutClass; a received file's class whose major is not in
// the file).
func (tx *Tx) runsMajor(c Class) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT count(*) FROM majors m JOIN schools s ON s.id = m.school_id
		WHERE s.code = ? AND m.year = ? AND m.code = ?`, c.SchoolCode, c.Year, CatalogueCode(tx.Ref(), c.MajorCode)).Scan(&n)
	return n > 0, err
}

// DeleteClass removes one class.
func (tx *Tx) DeleteClass(id int64) error {
	if err := tx.checkUnlocked(tx.lockedYearsOf(classYearSQL, id)...); err != nil {
		return err
	}
	return tx.deleteRow("classes", id, "班级")
}

const classYearSQL = "SELECT year FROM classes WHERE id = ?1"

// LegacyOrderClass is the class that a major's retired 订单班人数 becomes
// (measures.md): an 订单班 named after the major, with its first 合作企业.
// The database migration 0005 makes the same rows in SQL.
func LegacyOrderClass(m Major, students int) Class {
	c := Class{SchoolCode: m.SchoolCode, Year: m.Year, Name: m.Name + ClassOrder, Type: ClassOrder,
		MajorCode: m.Code, Students: students}
	if len(m.Enterprises) > 0 {
		c.CreditCode = slices.Min(m.Enterprises)
	}
	return c
}

// LegacyOrderClassNamed is LegacyOrderClass for a school and year whose
// classes may already have that name (taken says): the name then gets the
// major's code added, as migration 0005 does, so no 订单班人数 is lost.
func LegacyOrderClassNamed(m Major, students int, taken func(name string) bool) Class {
	c := LegacyOrderClass(m, students)
	if taken(c.Name) {
		c.Name += "（" + m.Code + "）"
	}
	return c
}
