package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"chanjiao/store/refdata"
)

// Activity is a government–school–enterprise meeting or activity (政校企活动).
// Like a carrier it belongs to the unit that recorded it.
type Activity struct {
	ID          int64
	UnitCode    string // empty on a new one means this installation's unit
	Type        string // 活动类型, one of ActivityTypes
	Name        string // 活动名称
	Date        time.Time
	Lead        string // 牵头单位
	Enterprises *int   // 参加企业数; nil when not given
	Schools     *int   // 参加学校数
	Visited     *int   // 走访企业数
	Note        string
}

// Validate returns every problem of the activity.
func (a Activity) Validate(*refdata.Reference) Problems {
	var ps Problems
	if required(&ps, "活动类型", a.Type) && !oneOf(a.Type, ActivityTypes) {
		ps.add("活动类型", "应为"+listText(ActivityTypes)+"之一")
	}
	required(&ps, "活动名称", a.Name)
	if a.Date.IsZero() {
		ps.add("日期", "必须填写")
	}
	checkDate(&ps, "日期", a.Date)
	for _, c := range []struct {
		field string
		v     *int
	}{{"参加企业数", a.Enterprises}, {"参加学校数", a.Schools}, {"走访企业数", a.Visited}} {
		if c.v != nil && *c.v < 0 {
			ps.add(c.field, "不能为负数")
		}
	}
	return ps
}

// Key is the natural key shown in messages (within its unit).
func (a Activity) Key() string { return a.Type + "/" + FormatDate(a.Date) + "/" + a.Name }

// Activities returns the activities of a year (every one when year is 0) of
// every unit held, ordered by unit, date, type and name.
func (tx *Tx) Activities(year int) ([]Activity, error) { return tx.activitiesUnder(year, "") }

func (tx *Tx) activitiesUnder(year int, prefix string) ([]Activity, error) {
	rows, err := tx.query(`SELECT id, unit_code, type, name, activity_date, lead, enterprises, schools, visited, note FROM activities
		WHERE (?1 = 0 OR substr(activity_date, 1, 4) = ?3) AND substr(unit_code, 1, length(?2)) = ?2`, year, prefix, fmt.Sprintf("%04d", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Activity
	for rows.Next() {
		var a Activity
		var d string
		if err := rows.Scan(&a.ID, &a.UnitCode, &a.Type, &a.Name, &d, &a.Lead, &a.Enterprises, &a.Schools, &a.Visited, &a.Note); err != nil {
			return nil, err
		}
		if a.Date, err = ParseDate(d); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y Activity) int {
		return cmp.Or(strings.Compare(x.UnitCode, y.UnitCode), x.Date.Compare(y.Date), rankIn(x.Type, ActivityTypes)-rankIn(y.Type, ActivityTypes),
			strings.Compare(x.Name, y.Name))
	})
	return out, rows.Err()
}

// PutActivity inserts the activity or updates the one with the same ID (or,
// when ID is 0, the same unit, type, date and name).
func (tx *Tx) PutActivity(a *Activity) (created bool, err error) {
	if err := a.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	if a.UnitCode == "" {
		u, err := tx.Unit()
		if err != nil {
			return false, err
		}
		a.UnitCode = u.Code
	}
	d := FormatDate(a.Date)
	return tx.putRow(&a.ID, row{table: "activities", what: "政校企活动记录", key: a.Key(),
		find:     "SELECT id FROM activities WHERE unit_code = ? AND type = ? AND activity_date = ? AND name = ?",
		findArgs: []any{a.UnitCode, a.Type, d, a.Name},
		taken:    d + " 已有名为“" + a.Name + "”的" + a.Type,
		columns:  []string{"unit_code", "type", "name", "activity_date", "lead", "enterprises", "schools", "visited", "note"},
		values:   []any{a.UnitCode, a.Type, a.Name, d, a.Lead, a.Enterprises, a.Schools, a.Visited, a.Note},
		unlocked: tx.unlockedYear(activityYearSQL, a.Date.Year())})
}

// DeleteActivity removes one activity.
func (tx *Tx) DeleteActivity(id int64) error {
	if err := tx.checkUnlocked(tx.lockedYearsOf(activityYearSQL, id)...); err != nil {
		return err
	}
	return tx.deleteRow("activities", id, "政校企活动记录")
}

const activityYearSQL = "SELECT CAST(substr(activity_date, 1, 4) AS INTEGER) FROM activities WHERE id = ?1"
