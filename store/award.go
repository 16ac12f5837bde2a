package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"chanjiao/store/refdata"
)

// Award is a result in a competition or a teaching award (获奖) won at a
// school; it counts in the year of its date.
type Award struct {
	ID         int64
	SchoolCode string
	Project    string // 项目名称
	Category   string // 类别, one of AwardCategories
	Level      string // 级别, one of Grades
	Rank       string // 等次, one of AwardRanks
	WinnerType string // 获奖对象, one of AwardWinners
	Winners    string // 获奖者: a name, several, or a team's
	Date       time.Time
}

// Validate returns every problem of the award.
func (a Award) Validate(*refdata.Reference) Problems {
	var ps Problems
	required(&ps, "学校标识码", a.SchoolCode)
	required(&ps, "项目名称", a.Project)
	for _, c := range []struct {
		field, v string
		list     []string
	}{{"类别", a.Category, AwardCategories}, {"级别", a.Level, Grades}, {"等次", a.Rank, AwardRanks}, {"获奖对象", a.WinnerType, AwardWinners}} {
		if required(&ps, c.field, c.v) && !oneOf(c.v, c.list) {
			ps.add(c.field, "应为"+listText(c.list)+"之一")
		}
	}
	required(&ps, "获奖者", a.Winners)
	if a.Date.IsZero() {
		ps.add("获奖日期", "必须填写")
	}
	checkDate(&ps, "获奖日期", a.Date)
	return ps
}

// Key is the natural key shown in messages.
func (a Award) Key() string {
	return a.SchoolCode + "/" + a.Project + "/" + a.Winners + "/" + FormatDate(a.Date)
}

// Awards returns the awards of a year (every one when year is 0), ordered by
// school, date and project.
func (tx *Tx) Awards(year int) ([]Award, error) { return tx.awardsUnder(year, "") }

func (tx *Tx) awardsUnder(year int, prefix string) ([]Award, error) {
	rows, err := tx.query(`SELECT a.id, s.code, a.project, a.category, a.level, a.rank, a.winner_type, a.winners, a.award_date
		FROM `+withSchools("awards", "a", prefix)+`
		WHERE (?1 = 0 OR substr(a.award_date, 1, 4) = ?3) AND substr(s.unit_code, 1, length(?2)) = ?2`, year, prefix, fmt.Sprintf("%04d", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Award
	for rows.Next() {
		var a Award
		var d string
		if err := rows.Scan(&a.ID, &a.SchoolCode, &a.Project, &a.Category, &a.Level, &a.Rank, &a.WinnerType, &a.Winners, &d); err != nil {
			return nil, err
		}
		if a.Date, err = ParseDate(d); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y Award) int {
		return cmp.Or(strings.Compare(x.SchoolCode, y.SchoolCode), x.Date.Compare(y.Date), strings.Compare(x.Project, y.Project),
			strings.Compare(x.Winners, y.Winners))
	})
	return out, rows.Err()
}

// PutAward inserts the award or updates the one with the same ID (or, when
// ID is 0, the same school, project, winners and date).
func (tx *Tx) PutAward(a *Award) (created bool, err error) {
	if err := a.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	schoolID, err := tx.schoolID(a.SchoolCode)
	if err != nil {
		return false, err
	}
	d := FormatDate(a.Date)
	return tx.putRow(&a.ID, row{table: "awards", what: "获奖记录", key: a.Key(),
		find:     "SELECT id FROM awards WHERE school_id = ? AND project = ? AND winners = ? AND award_date = ?",
		findArgs: []any{schoolID, a.Project, a.Winners, d},
		taken:    "该学校已有 " + d + " " + a.Winners + " 在“" + a.Project + "”中的获奖记录",
		columns:  []string{"school_id", "project", "category", "level", "rank", "winner_type", "winners", "award_date"},
		values:   []any{schoolID, a.Project, a.Category, a.Level, a.Rank, a.WinnerType, a.Winners, d},
		unlocked: tx.unlockedYear(awardYearSQL, a.Date.Year())})
}

// DeleteAward removes one award.
func (tx *Tx) DeleteAward(id int64) error {
	if err := tx.checkUnlocked(tx.lockedYearsOf(awardYearSQL, id)...); err != nil {
		return err
	}
	return tx.deleteRow("awards", id, "获奖记录")
}

const awardYearSQL = "SELECT CAST(substr(award_date, 1, 4) AS INTEGER) FROM awards WHERE id = ?1"
