package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ListedSecondments returns a year's stints (every stint when year is 0) as
// the 互派互聘 list shows and searches them, in Secondments' order: every
// field but PersonKey, which only travels in data files, and IDMasked only
// where there is no IDNumber, as for a stint received from below. A list
// row is read whole with SecondmentByID before it is changed.
//
// At a province's 160,000 stints this is what opening the list costs, and
// each column read costs about as much as the next (database/sql boxes every
// value), so few are read: schools and enterprises by id, named from maps
// read once; gender, direction and post in one text, the two dates in
// another, each parsed once for the few values so many rows share.
func (tx *Tx) ListedSecondments(year int) ([]Secondment, error) {
	credit, err := tx.creditCodes()
	if err != nil {
		return nil, err
	}
	schools, err := tx.schoolCodes()
	if err != nil {
		return nil, err
	}
	var n int
	if err := tx.queryRow("SELECT count(*) FROM secondments").Scan(&n); err != nil {
		return nil, err
	}
	// Texts are joined by tabs and read as one column, for a column read
	// costs more than cutting it. A tab never occurs in a gender, direction,
	// post or date (each is one of its fixed values, Validate, or a
	// FormatDate), nor in a 身份证号 or its masked form, which is cut from
	// the name at the last tab, whatever a name holds. The number, or else
	// the masked form a received stint has: a number never holds its *s.
	rows, err := tx.query(`SELECT id, school_id, enterprise_id,
			name || char(9) || CASE WHEN id_number <> '' THEN id_number ELSE id_masked END, note,
			gender || char(9) || direction || char(9) || post, start_date || char(9) || end_date
		FROM secondments
		WHERE ?1 = 0 OR (start_date <= ?2 AND (end_date = '' OR end_date >= ?3))`,
		year, fmt.Sprintf("%04d-12-31", year), fmt.Sprintf("%04d-01-01", year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Secondment, 0, n)
	kinds := map[string][3]string{}
	spans := map[string][2]time.Time{}
	// one Secondment scanned into and copied out: a new one per row would
	// escape to the heap for Scan, 160,000 allocations more
	var s Secondment
	var school, ent int64
	var person, kind, span string
	for rows.Next() {
		s = Secondment{}
		if err := rows.Scan(&s.ID, &school, &ent, &person, &s.Note, &kind, &span); err != nil {
			return nil, err
		}
		cut := strings.LastIndexByte(person, '\t')
		id := person[cut+1:]
		s.Name = person[:cut]
		if strings.Contains(id, "*") {
			s.IDMasked = id
		} else {
			s.IDNumber = id
		}
		k, ok := kinds[kind]
		if !ok {
			k = [3]string(strings.SplitN(kind+"\t\t", "\t", 4)[:3])
			kinds[kind] = k
		}
		s.Gender, s.Direction, s.Post = k[0], k[1], k[2]
		d, ok := spans[span]
		if !ok {
			start, end, _ := strings.Cut(span, "\t")
			if d[0], err = ParseDate(start); err != nil {
				return nil, err
			}
			if d[1], err = ParseDate(end); err != nil {
				return nil, err
			}
			spans[span] = d
		}
		s.Start, s.End = d[0], d[1]
		s.SchoolCode, s.CreditCode = schools[school], credit[ent]
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortSecondments(out)
	return out, nil
}

// SecondmentByID reads one stint whole.
func (tx *Tx) SecondmentByID(id int64) (Secondment, error) {
	var s Secondment
	var start, end string
	err := tx.queryRow(`SELECT c.id, s.code, e.credit_code, c.name, c.gender, c.id_number, c.person_key, c.id_masked,
		c.direction, c.post, c.start_date, c.end_date, c.note
		FROM secondments c JOIN schools s ON s.id = c.school_id JOIN enterprises e ON e.id = c.enterprise_id
		WHERE c.id = ?`, id).Scan(&s.ID, &s.SchoolCode, &s.CreditCode, &s.Name, &s.Gender, &s.IDNumber, &s.PersonKey, &s.IDMasked,
		&s.Direction, &s.Post, &start, &end, &s.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return s, Errorf(ENotFound, "这条互派互聘记录已不存在（可能已被删除），请刷新后重试")
	}
	if err != nil {
		return s, err
	}
	if s.Start, err = ParseDate(start); err != nil {
		return s, err
	}
	s.End, err = ParseDate(end)
	return s, err
}

// schoolCodes names each school's id by its 学校标识码.
func (tx *Tx) schoolCodes() (map[int64]string, error) {
	return tx.codesByID("SELECT id, code FROM schools")
}

// codesByID reads query's rows of an id and a code into a map.
func (tx *Tx) codesByID(query string) (map[int64]string, error) {
	rows, err := tx.query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[id] = code
	}
	return out, rows.Err()
}
