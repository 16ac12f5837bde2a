package store

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"chanjiao/store/refdata"
)

// Major is one major of a school in one statistical year, with that year's
// figures.
type Major struct {
	ID         int64
	SchoolCode string
	Year       int
	Code       string // 6 digits, with K where the catalogue has one
	Name       string
	OpenedYear int // 开设年份; 0 = not given
	Status     string
	Enrolled   int    // 在校生数
	Graduates  int    // 毕业生数
	Progressed int    // 升学人数
	Through    string // 贯通培养
	Quality    string // 优质专业等级
	// Enterprises are the partner enterprises' credit codes, sorted.
	Enterprises []string

	// SchoolType is the 办学类型 of the school, which decides the levels of
	// major it may run. Whoever loads or builds a Major fills it; it is not stored.
	SchoolType string
}

var majorCodeRE = regexp.MustCompile(`^[0-9]{6}K?$`)

// CatalogueLevel is the level of the 专业目录 a school type runs (中职,
// 高职专科, 职业本科); "" when any or none.
func CatalogueLevel(schoolType string) string {
	switch schoolType {
	case TypeSecondary, TypeTechnical:
		return "中职"
	case TypeJunior:
		return "高职专科"
	case TypeBachelor:
		return "职业本科"
	}
	return ""
}

// Validate returns every problem of the major, including whether its code is
// in the catalogue at a level the school may run.
func (m Major) Validate(ref *refdata.Reference) Problems {
	var ps Problems
	required(&ps, "学校标识码", m.SchoolCode)
	if m.Year < 2000 || m.Year > 2100 {
		ps.add("统计年度", "应为 2000 至 2100 之间的年份")
	}
	if required(&ps, "专业代码", m.Code) {
		m.validateCode(&ps, ref)
	}
	required(&ps, "专业名称", m.Name)
	checkYear(&ps, "开设年份", m.OpenedYear)
	if m.OpenedYear != 0 && m.Year != 0 && m.OpenedYear > m.Year {
		ps.addAgainst("开设年份", "统计年度", "不能晚于统计年度")
	}
	if required(&ps, "状态", m.Status) && !oneOf(m.Status, MajorStatuses) {
		ps.add("状态", "应为"+listText(MajorStatuses)+"之一")
	}
	for _, c := range []struct {
		field string
		v     int
	}{{"在校生数", m.Enrolled}, {"毕业生数", m.Graduates}, {"升学人数", m.Progressed}} {
		if c.v < 0 {
			ps.add(c.field, "不能为负数")
		}
	}
	if m.Progressed > m.Graduates {
		ps.addAgainst("升学人数", "毕业生数", fmt.Sprintf("升学人数（%d）不能大于毕业生数（%d）", m.Progressed, m.Graduates))
	}
	if m.Through != "" && !oneOf(m.Through, ThroughTypes) {
		ps.add("贯通培养", "应为"+listText(ThroughTypes)+"之一，或留空")
	}
	checkOptionalLevel(&ps, "优质专业等级", m.Quality)
	for _, c := range m.Enterprises {
		if !CreditCodeWellFormed(c) {
			ps.add("合作企业", "“"+c+"”不是有效的统一社会信用代码")
		}
	}
	return ps
}

func (m Major) validateCode(ps *Problems, ref *refdata.Reference) {
	if !majorCodeRE.MatchString(m.Code) {
		ps.add("专业代码", "应为 6 位数字，国家控制专业后加 K（如 710201、520101K）")
		return
	}
	if m.SchoolType == TypeHighSchool {
		ps.warn("专业代码", "普通高中一般不开设职业教育专业，请核实")
	}
	catalogued := ref != nil && !ref.Missing
	entry, found := ref.Major(m.Code)
	if catalogued && !found {
		if m.SchoolType == TypeTechnical {
			ps.warn("专业代码", "专业代码 "+m.Code+" 不在 2021 年职业教育专业目录中（技工学校按技工院校专业目录，请核实）")
		} else {
			ps.add("专业代码", "专业代码 "+m.Code+" 不在 2021 年职业教育专业目录中")
		}
		return
	}
	level := refdata.LevelOfCode(m.Code)
	if want := CatalogueLevel(m.SchoolType); want != "" && level != want {
		ps.add("专业代码", fmt.Sprintf("%s 是%s专业，与学校的办学类型（%s，应开设%s专业）不符", m.Code, orUnknown(level), m.SchoolType, want))
	}
	if found {
		if entry.Code != m.Code {
			ps.warn("专业代码", "目录中写作 "+entry.Code+"，将按目录保存")
		}
		if m.Name != "" && m.Name != entry.Name {
			ps.warn("专业名称", "与目录中的名称“"+entry.Name+"”不同")
		}
	}
}

func orUnknown(level string) string {
	if level == "" {
		return "层次不明的"
	}
	return level
}

// Key is the natural key shown in messages.
func (m Major) Key() string { return fmt.Sprintf("%s/%d/%s", m.SchoolCode, m.Year, m.Code) }

// CatalogueCode gives the code in the catalogue's form (with its K), or the
// code as it is when it is not in the catalogue.
func CatalogueCode(ref *refdata.Reference, code string) string {
	if e, ok := ref.Major(code); ok {
		return e.Code
	}
	return code
}

// Majors returns the majors of a year (every year when year is 0), ordered by
// school code and major code.
func (tx *Tx) Majors(year int) ([]Major, error) { return tx.majorsUnder(year, "") }

// majorsUnder gives the majors of the schools reported by the units under
// prefix ("" for all).
func (tx *Tx) majorsUnder(year int, prefix string) ([]Major, error) {
	rows, err := tx.query(`SELECT m.id, s.code, s.type, m.year, m.code, m.name, coalesce(m.opened_year, 0), m.status,
		m.enrolled, m.graduates, m.progressed, m.through, m.quality,
		coalesce((SELECT group_concat(e.credit_code, ';') FROM major_enterprises me JOIN enterprises e ON e.id = me.enterprise_id WHERE me.major_id = m.id), '')
		FROM `+withSchools("majors", "m", prefix)+`
		WHERE (?1 = 0 OR m.year = ?1) AND substr(s.unit_code, 1, length(?2)) = ?2`, year, prefix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Major, 0, tx.sizeHint(prefix, "SELECT count(*) FROM majors WHERE ?1 = 0 OR year = ?1", year))
	for rows.Next() {
		var m Major
		var ents string
		if err := rows.Scan(&m.ID, &m.SchoolCode, &m.SchoolType, &m.Year, &m.Code, &m.Name, &m.OpenedYear, &m.Status,
			&m.Enrolled, &m.Graduates, &m.Progressed, &m.Through, &m.Quality, &ents); err != nil {
			return nil, err
		}
		if ents != "" {
			m.Enterprises = strings.Split(ents, ";")
			sort.Strings(m.Enterprises)
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Major) int { // see sortSecondments; (school, year, code) is a key
		return cmp.Or(strings.Compare(a.SchoolCode, b.SchoolCode), cmp.Compare(a.Year, b.Year), strings.Compare(a.Code, b.Code))
	})
	return out, rows.Err()
}

// PutMajor inserts the major or updates the one with the same ID (or, when
// ID is 0, the same school, year and code). The code is stored in the
// catalogue's form; the enterprise links are replaced.
func (tx *Tx) PutMajor(m *Major) (created bool, err error) {
	school, err := tx.SchoolByCode(m.SchoolCode)
	if err != nil {
		return false, err
	}
	m.SchoolType = school.Type
	if err := m.Validate(tx.Ref()).Err(); err != nil {
		return false, err
	}
	m.Code = CatalogueCode(tx.Ref(), m.Code)
	entIDs := make([]int64, len(m.Enterprises))
	for i, c := range m.Enterprises {
		if entIDs[i], err = tx.enterpriseID(c); err != nil {
			return false, err
		}
	}
	var existing int64
	err = tx.queryRow("SELECT id FROM majors WHERE school_id = ? AND year = ? AND substr(code, 1, 6) = ?", school.ID, m.Year, m.Code[:6]).Scan(&existing)
	if err == nil && m.ID != 0 && existing != m.ID {
		return false, Errorf(EConflict, "该学校 %d 年已有专业 %s", m.Year, m.Code)
	}
	if m.ID == 0 {
		m.ID = existing
	}
	years := []int{m.Year}
	if m.ID != 0 {
		var oldYear int
		if err := tx.queryRow("SELECT year FROM majors WHERE id = ?", m.ID).Scan(&oldYear); err == nil {
			years = append(years, oldYear)
		}
	}
	if err := tx.checkUnlocked(years...); err != nil {
		return false, err
	}
	before, err := tx.before("majors", m.ID)
	if err != nil {
		return false, err
	}
	if m.ID != 0 && before == "" {
		return false, Errorf(ENotFound, "要修改的专业已不存在（可能已被删除），请刷新后重试")
	}
	defer func() {
		if err == nil {
			err = tx.logChange("majors", m.Key(), m.ID, before)
		}
	}()
	args := []any{school.ID, m.Year, m.Code, m.Name, nullInt(m.OpenedYear), m.Status, m.Enrolled, m.Graduates, m.Progressed, m.Through, m.Quality}
	if m.ID == 0 {
		res, err := tx.exec(`INSERT INTO majors (school_id, year, code, name, opened_year, status, enrolled, graduates, progressed, through, quality)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
		if err != nil {
			return false, err
		}
		if m.ID, err = res.LastInsertId(); err != nil {
			return false, err
		}
		created = true
	} else {
		if _, err := tx.exec(`UPDATE majors SET school_id = ?, year = ?, code = ?, name = ?, opened_year = ?, status = ?, enrolled = ?, graduates = ?,
			progressed = ?, through = ?, quality = ? WHERE id = ?`, append(args, m.ID)...); err != nil {
			return false, err
		}
		if _, err := tx.exec("DELETE FROM major_enterprises WHERE major_id = ?", m.ID); err != nil {
			return false, err
		}
	}
	for _, id := range entIDs {
		if _, err := tx.exec("INSERT OR IGNORE INTO major_enterprises (major_id, enterprise_id) VALUES (?, ?)", m.ID, id); err != nil {
			return false, err
		}
	}
	sort.Strings(m.Enterprises)
	return created, nil
}

// DeleteMajor removes one major-year.
func (tx *Tx) DeleteMajor(id int64) error {
	if err := tx.checkUnlocked(tx.lockedYearsOf("SELECT year FROM majors WHERE id = ?1", id)...); err != nil {
		return err
	}
	return tx.deleteRow("majors", id, "专业")
}
