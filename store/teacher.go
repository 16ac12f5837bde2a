package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"chanjiao/store/refdata"
)

// Teachers is a school's teaching staff in a year (师资).
type Teachers struct {
	ID           int64
	SchoolCode   string
	Year         int
	FullTime     int  // 专任教师数
	Professional int  // 专业课教师数
	Dual         int  // 双师型教师数
	PartTime     *int // 兼职教师数; nil when not given
}

// Validate returns every problem of the row.
func (t Teachers) Validate(*refdata.Reference) Problems {
	var ps Problems
	required(&ps, "学校标识码", t.SchoolCode)
	if t.Year == 0 {
		ps.add("统计年度", "必须填写")
	}
	checkYear(&ps, "统计年度", t.Year)
	for _, c := range []struct {
		field string
		v     int
	}{{"专任教师数", t.FullTime}, {"专业课教师数", t.Professional}, {"双师型教师数", t.Dual}} {
		if c.v < 0 {
			ps.add(c.field, "不能为负数")
		}
	}
	if t.PartTime != nil && *t.PartTime < 0 {
		ps.add("兼职教师数", "不能为负数")
	}
	if t.Professional > t.FullTime {
		ps.addAgainst("专业课教师数", "专任教师数", fmt.Sprintf("专业课教师数（%d）不能大于专任教师数（%d）", t.Professional, t.FullTime))
	}
	if t.Dual > t.Professional {
		ps.addAgainst("双师型教师数", "专业课教师数", fmt.Sprintf("双师型教师数（%d）不能大于专业课教师数（%d）", t.Dual, t.Professional))
	}
	return ps
}

// Key is the natural key shown in messages.
func (t Teachers) Key() string { return fmt.Sprintf("%s/%d", t.SchoolCode, t.Year) }

// TeacherRows returns the 师资 rows of a year (every year when year is 0),
// ordered by school and year.
func (tx *Tx) TeacherRows(year int) ([]Teachers, error) { return tx.teachersUnder(year, "") }

func (tx *Tx) teachersUnder(year int, prefix string) ([]Teachers, error) {
	rows, err := tx.query(`SELECT t.id, s.code, t.year, t.full_time, t.professional, t.dual, t.part_time
		FROM `+withSchools("teachers", "t", prefix)+`
		WHERE (?1 = 0 OR t.year = ?1) AND substr(s.unit_code, 1, length(?2)) = ?2`, year, prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Teachers
	for rows.Next() {
		var t Teachers
		if err := rows.Scan(&t.ID, &t.SchoolCode, &t.Year, &t.FullTime, &t.Professional, &t.Dual, &t.PartTime); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b Teachers) int {
		return cmp.Or(strings.Compare(a.SchoolCode, b.SchoolCode), cmp.Compare(a.Year, b.Year))
	})
	return out, rows.Err()
}

// PutTeachers inserts the row or updates the one with the same ID (or, when
// ID is 0, the same school and year).
func (tx *Tx) PutTeachers(t *Teachers) (created bool, err error) {
	if err := t.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	schoolID, err := tx.schoolID(t.SchoolCode)
	if err != nil {
		return false, err
	}
	return tx.putRow(&t.ID, row{table: "teachers", what: "师资记录", key: t.Key(),
		find:     "SELECT id FROM teachers WHERE school_id = ? AND year = ?",
		findArgs: []any{schoolID, t.Year},
		taken:    fmt.Sprintf("该学校 %d 年度已有师资记录，请编辑原记录", t.Year),
		columns:  []string{"school_id", "year", "full_time", "professional", "dual", "part_time"},
		values:   []any{schoolID, t.Year, t.FullTime, t.Professional, t.Dual, t.PartTime},
		unlocked: tx.unlockedYear(teachersYearSQL, t.Year)})
}

// DeleteTeachers removes one 师资 row.
func (tx *Tx) DeleteTeachers(id int64) error {
	if err := tx.checkUnlocked(tx.lockedYearsOf(teachersYearSQL, id)...); err != nil {
		return err
	}
	return tx.deleteRow("teachers", id, "师资记录")
}

const teachersYearSQL = "SELECT year FROM teachers WHERE id = ?1"
