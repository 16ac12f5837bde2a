package store

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"chanjiao/store/refdata"
)

// Training is one vocational-training programme (班次) run by a school.
type Training struct {
	ID         int64
	SchoolCode string // 承办学校标识码
	Name       string // 项目名称
	Category   string // 培训对象, one of TrainingGroups
	Count      int    // 培训人次
	Hours      int    // 学时; 0 = not given
	Start      time.Time
	End        time.Time // zero = not given
	CreditCode string    // 合作企业; may be empty
}

// Validate returns every problem of the programme.
func (t Training) Validate(*refdata.Reference) Problems {
	var ps Problems
	required(&ps, "承办学校标识码", t.SchoolCode)
	required(&ps, "项目名称", t.Name)
	if required(&ps, "培训对象", t.Category) && !oneOf(t.Category, TrainingGroups) {
		ps.add("培训对象", "应为"+listText(TrainingGroups)+"之一")
	}
	if t.Count < 1 {
		ps.add("培训人次", "应为不小于 1 的整数")
	}
	if t.Hours < 0 {
		ps.add("学时", "不能为负数")
	}
	if t.Start.IsZero() {
		ps.add("开始日期", "必须填写")
	}
	checkDate(&ps, "开始日期", t.Start)
	checkDate(&ps, "结束日期", t.End)
	if !t.End.IsZero() && !t.Start.IsZero() && t.End.Before(t.Start) {
		ps.addAgainst("结束日期", "开始日期", "不能早于开始日期")
	}
	if t.CreditCode != "" && !CreditCodeWellFormed(t.CreditCode) {
		ps.add("合作企业", "不是有效的统一社会信用代码")
	}
	return ps
}

// Key is the natural key shown in messages.
func (t Training) Key() string {
	return t.SchoolCode + "/" + t.Name + "/" + t.Category + "/" + FormatDate(t.Start)
}

// CountedIn gives the year the programme counts in: that of its end date, or
// of its start date when it has none.
func (t Training) CountedIn() int {
	if !t.End.IsZero() {
		return t.End.Year()
	}
	return t.Start.Year()
}

// Trainings returns the programmes counted in a year (every one when year is
// 0), ordered by school, start date and name.
func (tx *Tx) Trainings(year int) ([]Training, error) {
	codes, err := tx.creditCodes()
	if err != nil {
		return nil, err
	}
	return tx.trainingsUnder(year, "", codes)
}

// trainingsUnder gives the programmes of the schools reported by the units
// under prefix ("" for all); codes names each enterprise by its id.
func (tx *Tx) trainingsUnder(year int, prefix string, codes map[int64]string) ([]Training, error) {
	rows, err := tx.query(`SELECT t.id, s.code, t.name, t.category, t.count, t.hours, t.start_date, t.end_date, coalesce(t.enterprise_id, 0)
		FROM `+withSchools("trainings", "t", prefix)+`
		WHERE (?1 = 0 OR substr(CASE WHEN t.end_date <> '' THEN t.end_date ELSE t.start_date END, 1, 4) = ?3)
			AND substr(s.unit_code, 1, length(?2)) = ?2`, year, prefix, fmt.Sprintf("%04d", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Training, 0, tx.sizeHint(prefix, `SELECT count(*) FROM trainings
		WHERE ?1 = 0 OR substr(CASE WHEN end_date <> '' THEN end_date ELSE start_date END, 1, 4) = ?2`, year, fmt.Sprintf("%04d", year)))
	in := interner{}
	for rows.Next() {
		var t Training
		var start, end string
		var ent int64
		if err := rows.Scan(&t.ID, &t.SchoolCode, &t.Name, &t.Category, &t.Count, &t.Hours, &start, &end, &ent); err != nil {
			return nil, err
		}
		if t.Start, err = ParseDate(start); err != nil {
			return nil, err
		}
		if t.End, err = ParseDate(end); err != nil {
			return nil, err
		}
		t.CreditCode = codes[ent] // "" for none
		t.SchoolCode, t.Category = in.of(t.SchoolCode), in.of(t.Category)
		out = append(out, t)
	}
	sortGrouped(out, func(t Training) string { return t.SchoolCode }, compareTrainings) // see sortSecondments
	return out, rows.Err()
}

// compareTrainings orders programmes as Trainings gives them; (school,
// start, name, category) is a key.
func compareTrainings(a, b Training) int {
	return cmp.Or(strings.Compare(a.SchoolCode, b.SchoolCode), a.Start.Compare(b.Start), strings.Compare(a.Name, b.Name),
		strings.Compare(a.Category, b.Category))
}

// PutTraining inserts the programme or updates the one with the same ID (or,
// when ID is 0, the same school, name, category and start date).
func (tx *Tx) PutTraining(t *Training) (created bool, err error) {
	if err := t.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	schoolID, err := tx.schoolID(t.SchoolCode)
	if err != nil {
		return false, err
	}
	var entID int64
	if t.CreditCode != "" {
		if entID, err = tx.enterpriseID(t.CreditCode); err != nil {
			return false, err
		}
	}
	start := FormatDate(t.Start)
	return tx.putRow(&t.ID, row{table: "trainings", what: "培训记录", key: t.Key(),
		find:     "SELECT id FROM trainings WHERE school_id = ? AND name = ? AND category = ? AND start_date = ?",
		findArgs: []any{schoolID, t.Name, t.Category, start},
		taken:    fmt.Sprintf("该学校已有 %s 开始的“%s”（%s）培训", start, t.Name, t.Category),
		columns:  []string{"school_id", "name", "category", "count", "hours", "start_date", "end_date", "enterprise_id"},
		values:   []any{schoolID, t.Name, t.Category, t.Count, t.Hours, start, FormatDate(t.End), nullID(entID)},
		unlocked: tx.unlockedYear(trainingYearSQL, t.CountedIn())})
}

// DeleteTraining removes one programme.
func (tx *Tx) DeleteTraining(id int64) error {
	if err := tx.checkUnlocked(tx.lockedYearsOf(trainingYearSQL, id)...); err != nil {
		return err
	}
	return tx.deleteRow("trainings", id, "培训记录")
}

const trainingYearSQL = `SELECT CAST(substr(CASE WHEN end_date <> '' THEN end_date ELSE start_date END, 1, 4) AS INTEGER) FROM trainings WHERE id = ?1`
