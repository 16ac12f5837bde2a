package store

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"chanjiao/store/refdata"
)

// Secondment is one person's stint between a school and an enterprise
// (互派互聘), in either direction.
type Secondment struct {
	ID         int64
	SchoolCode string
	CreditCode string // the enterprise's 统一社会信用代码
	Name       string
	Gender     string
	IDNumber   string // 身份证号; may be empty
	PersonKey  string // 人员标识: keyed hash that travels instead of IDNumber
	IDMasked   string // the 身份证号 as shown above county level (110105********002X)
	Direction  string // DirSchoolToEnterprise or DirEnterpriseToSchool
	Post       string // 岗位类型
	Start      time.Time
	End        time.Time // zero = still running
	Note       string
}

// ShownID is the 身份证号 as lists show it: masked, from the number where it
// is kept, or the masked form a data file brought from below.
func (s Secondment) ShownID() string {
	if s.IDNumber != "" {
		return MaskID(s.IDNumber)
	}
	return s.IDMasked
}

// Validate returns every problem of the stint.
func (s Secondment) Validate(*refdata.Reference) Problems {
	var ps Problems
	required(&ps, "学校标识码", s.SchoolCode)
	required(&ps, "统一社会信用代码", s.CreditCode)
	required(&ps, "姓名", s.Name)
	if s.Gender != "" && !oneOf(s.Gender, Genders) {
		ps.add("性别", "应为男或女")
	}
	if s.IDNumber != "" && !IDNumberValid(s.IDNumber) {
		if len(s.IDNumber) != 18 {
			ps.add("身份证号", fmt.Sprintf("应为 18 位（现为 %d 位）", len([]rune(s.IDNumber))))
		} else {
			ps.add("身份证号", "校验位不符，请核对")
		}
	} else if g := IDNumberGender(s.IDNumber); g != "" && oneOf(s.Gender, Genders) && g != s.Gender {
		ps.warn("性别", "与身份证号不符（身份证号为"+g+"性），请核对")
	}
	if required(&ps, "方向", s.Direction) && !oneOf(s.Direction, Directions) {
		ps.add("方向", "应为学校派往企业或企业派往学校")
	}
	if required(&ps, "岗位类型", s.Post) && !oneOf(s.Post, PostTypes) {
		ps.add("岗位类型", "应为"+listText(PostTypes)+"之一")
	}
	if s.Start.IsZero() {
		ps.add("开始日期", "必须填写")
	}
	checkDate(&ps, "开始日期", s.Start)
	checkDate(&ps, "结束日期", s.End)
	if !s.End.IsZero() && !s.Start.IsZero() && s.End.Before(s.Start) {
		ps.addAgainst("结束日期", "开始日期", "不能早于开始日期")
	}
	return ps
}

// Key is the natural key shown in messages.
func (s Secondment) Key() string {
	return s.SchoolCode + "/" + s.CreditCode + "/" + s.Name + "/" + FormatDate(s.Start)
}

// Overlaps reports whether the stint runs on any day of the calendar year.
func (s Secondment) Overlaps(year int) bool {
	return s.Start.Year() <= year && (s.End.IsZero() || s.End.Year() >= year)
}

// Secondments returns the stints that overlap a year (every stint when year
// is 0), ordered by school, start date and name.
func (tx *Tx) Secondments(year int) ([]Secondment, error) {
	codes, err := tx.creditCodes()
	if err != nil {
		return nil, err
	}
	return tx.secondmentsUnder(year, "", codes)
}

// secondmentsUnder gives the stints of the schools reported by the units
// under prefix ("" for all); codes names each enterprise by its id.
func (tx *Tx) secondmentsUnder(year int, prefix string, codes map[int64]string) ([]Secondment, error) {
	q := `SELECT c.id, s.code, c.enterprise_id, c.name, c.gender, c.id_number, c.person_key, c.id_masked, c.direction, c.post,
		c.start_date, c.end_date, c.note
		FROM ` + withSchools("secondments", "c", prefix) + `
		WHERE (?1 = 0 OR (c.start_date <= ?3 AND (c.end_date = '' OR c.end_date >= ?4)))
			AND substr(s.unit_code, 1, length(?2)) = ?2`
	// the year's bounds as text, made here: printf in the query ran twice a row
	rows, err := tx.query(q, year, prefix, fmt.Sprintf("%04d-12-31", year), fmt.Sprintf("%04d-01-01", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Secondment, 0, tx.sizeHint(prefix, `SELECT count(*) FROM secondments
		WHERE ?1 = 0 OR (start_date <= ?2 AND (end_date = '' OR end_date >= ?3))`, year, fmt.Sprintf("%04d-12-31", year), fmt.Sprintf("%04d-01-01", year)))
	in := interner{}
	for rows.Next() {
		var s Secondment
		var start, end string
		var ent int64
		if err := rows.Scan(&s.ID, &s.SchoolCode, &ent, &s.Name, &s.Gender, &s.IDNumber, &s.PersonKey, &s.IDMasked, &s.Direction, &s.Post,
			&start, &end, &s.Note); err != nil {
			return nil, err
		}
		if s.Start, err = ParseDate(start); err != nil {
			return nil, err
		}
		if s.End, err = ParseDate(end); err != nil {
			return nil, err
		}
		s.CreditCode = codes[ent]
		s.SchoolCode, s.Gender, s.Direction, s.Post = in.of(s.SchoolCode), in.of(s.Gender), in.of(s.Direction), in.of(s.Post)
		out = append(out, s)
	}
	sortSecondments(out)
	return out, rows.Err()
}

// sortSecondments puts stints in the order Secondments gives them. It is
// done here, not by SQLite: its sorter took longer than reading the rows at
// a province's 150,000 (school, start, name, enterprise is a key).
func sortSecondments(out []Secondment) {
	sortGrouped(out, func(s Secondment) string { return s.SchoolCode }, compareSecondments)
}

func compareSecondments(a, b Secondment) int {
	return cmp.Or(strings.Compare(a.SchoolCode, b.SchoolCode), a.Start.Compare(b.Start), strings.Compare(a.Name, b.Name),
		strings.Compare(a.CreditCode, b.CreditCode))
}

// PutSecondment inserts the stint or updates the one with the same ID (or,
// when ID is 0, the same school, enterprise, name and start date).
func (tx *Tx) PutSecondment(s *Secondment) (created bool, err error) {
	if err := s.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	schoolID, err := tx.schoolID(s.SchoolCode)
	if err != nil {
		return false, err
	}
	entID, err := tx.enterpriseID(s.CreditCode)
	if err != nil {
		return false, err
	}
	start := FormatDate(s.Start)
	return tx.putRow(&s.ID, row{table: "secondments", what: "互派互聘记录", key: s.Key(),
		find:     "SELECT id FROM secondments WHERE school_id = ? AND enterprise_id = ? AND name = ? AND start_date = ?",
		findArgs: []any{schoolID, entID, s.Name, start},
		taken:    fmt.Sprintf("已有 %s 自 %s 起在该企业的互派互聘记录", s.Name, start),
		columns: []string{"school_id", "enterprise_id", "name", "gender", "id_number", "person_key", "id_masked", "direction", "post",
			"start_date", "end_date", "note"},
		values: []any{schoolID, entID, s.Name, s.Gender, s.IDNumber, s.PersonKey, s.IDMasked, s.Direction, s.Post, start,
			FormatDate(s.End), s.Note},
		unlocked: func(id int64) error {
			return tx.checkSpanUnlocked("secondments", "start_date", "end_date", id, s.Start, s.End)
		}})
}

// DeleteSecondment removes one stint.
func (tx *Tx) DeleteSecondment(id int64) error {
	if err := tx.checkSpanUnlocked("secondments", "start_date", "end_date", id, time.Time{}, time.Time{}); err != nil {
		return err
	}
	return tx.deleteRow("secondments", id, "互派互聘记录")
}

// checkSpanUnlocked refuses a change to a record of table (a stint or an
// agreement) whose old or new span, from its startCol to its endCol date
// (” = open-ended), touches a locked year. table and the columns are the
// caller's constants, never input.
func (tx *Tx) checkSpanUnlocked(table, startCol, endCol string, id int64, start, end time.Time) error {
	var spans [][2]string
	if !start.IsZero() {
		spans = append(spans, [2]string{FormatDate(start), FormatDate(end)})
	}
	var oldStart, oldEnd string
	if id != 0 && tx.queryRow("SELECT "+startCol+", "+endCol+" FROM "+table+" WHERE id = ?", id).Scan(&oldStart, &oldEnd) == nil {
		spans = append(spans, [2]string{oldStart, oldEnd})
	}
	for _, sp := range spans {
		years := tx.lockedYearsOf(`SELECT year FROM year_locks WHERE printf('%04d-12-31', year) >= ?1
			AND (?2 = '' OR printf('%04d-01-01', year) <= ?2)`, sp[0], sp[1])
		if err := tx.checkUnlocked(years...); err != nil {
			return err
		}
	}
	return nil
}
