package store

import (
	"database/sql"
	"fmt"
	"strings"
)

// putRecords writes many units' records at once, as a received data file
// brings them: every record is validated and every lock checked first, then
// each table is written through one prepared statement. A record whose key
// is already stored updates it, as Put* would; nothing is logged row by row
// (the caller records the file once), which is what makes a province's
// hundreds of thousands of rows take seconds, not minutes.
func (tx *Tx) putRecords(units []UnitRecords, ents []Enterprise) error {
	w, err := tx.newBulkWriter()
	if err != nil {
		return err
	}
	defer w.close()
	if err := w.check(units, ents); err != nil {
		return err
	}
	for i := range ents {
		if err := w.enterprise(ents[i]); err != nil {
			return fmt.Errorf("企业 %s：%w", ents[i].CreditCode, err)
		}
	}
	for _, ur := range units {
		for _, s := range ur.Schools {
			s.UnitCode = ur.Unit.Code
			if err := w.school(s); err != nil {
				return fmt.Errorf("学校 %s：%w", s.Code, err)
			}
		}
	}
	for _, ur := range units {
		for _, m := range ur.Majors {
			if err := w.major(m); err != nil {
				return fmt.Errorf("专业 %s：%w", m.Key(), err)
			}
		}
		for _, s := range ur.Secondments {
			if err := w.stints.add(s); err != nil {
				return err
			}
		}
		for _, t := range ur.Trainings {
			if err := w.trainings.add(t); err != nil {
				return err
			}
		}
		if err := w.measures(ur); err != nil {
			return err
		}
	}
	for _, b := range []interface{ flush() error }{w.stints, w.trainings, w.classes} {
		if err := b.flush(); err != nil {
			return err
		}
	}
	return nil
}

// AddRecords writes records in bulk (see putRecords) and records the batch
// in the 操作记录 once, with detail saying where it came from.
func (tx *Tx) AddRecords(units []UnitRecords, ents []Enterprise, detail string) error {
	if err := tx.putRecords(units, ents); err != nil {
		return err
	}
	return tx.Log(ActImport, "records", "", "", "", detail+"："+RecordCounts(units, ents))
}

// RecordCounts says how many records of each kind units and ents hold.
func RecordCounts(units []UnitRecords, ents []Enterprise) string {
	var schools, majors, stints, trainings, agreements, classes, carriers, teachers, awards, activities int
	for _, u := range units {
		schools += len(u.Schools)
		majors += len(u.Majors)
		stints += len(u.Secondments)
		trainings += len(u.Trainings)
		agreements += len(u.Agreements)
		classes += len(u.Classes)
		carriers += len(u.Carriers)
		teachers += len(u.Teachers)
		awards += len(u.Awards)
		activities += len(u.Activities)
	}
	s := fmt.Sprintf("学校 %d、合作企业 %d、专业 %d、互派互聘 %d、培训 %d", schools, len(ents), majors, stints, trainings)
	if agreements+classes+carriers > 0 { // files without them read as before
		s += fmt.Sprintf("、校企合作协议 %d、订单班与学徒制 %d、产教融合载体 %d", agreements, classes, carriers)
	}
	if teachers+awards+activities > 0 {
		s += fmt.Sprintf("、师资 %d、获奖 %d、政校企活动 %d", teachers, awards, activities)
	}
	return s
}

// bulkWriter holds the prepared statements of one bulk write and the ids
// and types of the schools and enterprises it has met.
type bulkWriter struct {
	tx                          *Tx
	addEnt, addMajor            *sql.Stmt // insert a new key only
	insEnt, insSchool, insMajor *sql.Stmt
	insMajorEnt, delMajorEnts   *sql.Stmt
	stints                      *batch[Secondment]
	trainings                   *batch[Training]
	classes                     *batch[Class]
	stmts                       []*sql.Stmt
	prepared                    map[string]*sql.Stmt // by query, see exec
	locked                      map[int]bool
	lastLocked                  int
	schoolIDs, entIDs           map[string]int64
	schoolTypes                 map[string]string
}

func (tx *Tx) newBulkWriter() (*bulkWriter, error) {
	w := &bulkWriter{tx: tx, locked: map[int]bool{}, schoolIDs: map[string]int64{}, entIDs: map[string]int64{}, schoolTypes: map[string]string{}}
	years, err := tx.LockedYears()
	if err != nil {
		return nil, err
	}
	for _, y := range years {
		w.locked[y] = true
		w.lastLocked = max(w.lastLocked, y)
	}
	for _, p := range []struct {
		dst *(*sql.Stmt)
		q   string
	}{
		{&w.addEnt, `INSERT INTO enterprises (credit_code, name, industry, grade, region, contact, phone) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (credit_code) DO NOTHING`},
		{&w.addMajor, `INSERT INTO majors (school_id, year, code, name, opened_year, status, enrolled, graduates, progressed, through, quality)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (school_id, year, code) DO NOTHING`},
		{&w.insEnt, `INSERT INTO enterprises (credit_code, name, industry, grade, region, contact, phone) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (credit_code) DO UPDATE SET name = excluded.name, industry = excluded.industry, grade = excluded.grade,
			region = excluded.region, contact = excluded.contact, phone = excluded.phone RETURNING id`},
		{&w.insSchool, `INSERT INTO schools (code, name, type, region, ownership, quality, contact, phone, closed_year, unit_code)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type, region = excluded.region, ownership = excluded.ownership,
			quality = excluded.quality, contact = excluded.contact, phone = excluded.phone, closed_year = excluded.closed_year,
			unit_code = excluded.unit_code RETURNING id`},
		{&w.insMajor, `INSERT INTO majors (school_id, year, code, name, opened_year, status, enrolled, graduates, progressed, through, quality)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (school_id, year, code) DO UPDATE SET name = excluded.name, opened_year = excluded.opened_year, status = excluded.status,
			enrolled = excluded.enrolled, graduates = excluded.graduates, progressed = excluded.progressed,
			through = excluded.through, quality = excluded.quality RETURNING id`},
		{&w.insMajorEnt, "INSERT OR IGNORE INTO major_enterprises (major_id, enterprise_id) VALUES (?, ?)"},
		{&w.delMajorEnts, "DELETE FROM major_enterprises WHERE major_id = ?"},
	} {
		st, err := tx.tx.PrepareContext(tx.ctx, p.q)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.dst = st
		w.stmts = append(w.stmts, st)
	}
	w.stints = &batch[Secondment]{w: w, width: 12, row: w.secondment,
		insert: "INSERT INTO secondments (school_id, enterprise_id, name, gender, id_number, person_key, id_masked, direction, post, start_date, end_date, note) VALUES ",
		conflict: ` ON CONFLICT (school_id, enterprise_id, name, start_date) DO UPDATE SET gender = excluded.gender, id_number = excluded.id_number,
			person_key = excluded.person_key, id_masked = excluded.id_masked, direction = excluded.direction, post = excluded.post,
			end_date = excluded.end_date, note = excluded.note`,
		name: func(s Secondment) string { return "互派互聘 " + s.Key() }}
	w.trainings = &batch[Training]{w: w, width: 8, row: w.training,
		insert: "INSERT INTO trainings (school_id, name, category, count, hours, start_date, end_date, enterprise_id) VALUES ",
		conflict: ` ON CONFLICT (school_id, name, category, start_date) DO UPDATE SET count = excluded.count, hours = excluded.hours,
			end_date = excluded.end_date, enterprise_id = excluded.enterprise_id`,
		name: func(t Training) string { return "培训 " + t.Key() }}
	w.classes = &batch[Class]{w: w, width: 7, row: w.class,
		insert: "INSERT INTO classes (school_id, year, name, type, major_code, enterprise_id, students) VALUES ",
		conflict: ` ON CONFLICT (school_id, year, name) DO UPDATE SET type = excluded.type, major_code = excluded.major_code,
			enterprise_id = excluded.enterprise_id, students = excluded.students`,
		name: func(c Class) string { return "班级 " + c.Key() }}
	return w, nil
}

// exec runs one of the bulk write's statements, prepared once for all its
// rows: preparing it again for each row took most of the row's time.
func (w *bulkWriter) exec(query string, args ...any) (sql.Result, error) {
	st, err := w.prepare(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.tx.ctx, args...)
}

// queryRow is exec for a statement giving one row.
func (w *bulkWriter) queryRow(query string, args ...any) *sql.Row {
	st, err := w.prepare(query)
	if err != nil {
		return w.tx.queryRow(query, args...) // fails as the preparing did, through Scan
	}
	return st.QueryRowContext(w.tx.ctx, args...)
}

func (w *bulkWriter) prepare(query string) (*sql.Stmt, error) {
	if st, ok := w.prepared[query]; ok {
		return st, nil
	}
	st, err := w.tx.tx.PrepareContext(w.tx.ctx, query)
	if err != nil {
		return nil, err
	}
	if w.prepared == nil {
		w.prepared = map[string]*sql.Stmt{}
	}
	w.prepared[query] = st
	w.stmts = append(w.stmts, st)
	return st, nil
}

func (w *bulkWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// check validates every record and refuses one in a locked year, before
// anything is written. A major is checked against its school's type, from
// the same batch or from the database.
func (w *bulkWriter) check(units []UnitRecords, ents []Enterprise) error {
	ref := w.tx.Ref()
	for _, e := range ents {
		if err := e.Validate(ref).Err(); err != nil {
			return fmt.Errorf("企业 %s：%w", e.CreditCode, err)
		}
	}
	for _, ur := range units {
		for _, s := range ur.Schools {
			if err := s.Validate(ref).Err(); err != nil {
				return fmt.Errorf("学校 %s：%w", s.Code, err)
			}
			w.schoolTypes[s.Code] = s.Type
		}
	}
	for _, ur := range units {
		for _, m := range ur.Majors {
			typ, err := w.schoolType(m.SchoolCode)
			if err != nil {
				return fmt.Errorf("专业 %s：%w", m.Key(), err)
			}
			m.SchoolType = typ
			if err := m.Validate(ref).Err(); err != nil {
				return fmt.Errorf("专业 %s：%w", m.Key(), err)
			}
			if err := w.unlocked(m.Year, m.Year); err != nil {
				return err
			}
		}
		for _, s := range ur.Secondments {
			if err := s.Validate(ref).Err(); err != nil {
				return fmt.Errorf("互派互聘 %s：%w", s.Key(), err)
			}
			last := s.End.Year()
			if s.End.IsZero() { // still running: every year from its start on
				last = w.lastLocked
			}
			if err := w.unlocked(s.Start.Year(), last); err != nil {
				return err
			}
		}
		for _, t := range ur.Trainings {
			if err := t.Validate(ref).Err(); err != nil {
				return fmt.Errorf("培训 %s：%w", t.Key(), err)
			}
			if err := w.unlocked(t.CountedIn(), t.CountedIn()); err != nil {
				return err
			}
		}
		if err := w.checkMeasures(ur); err != nil {
			return err
		}
	}
	return nil
}

// unlocked refuses a record touching a locked year between first and last.
func (w *bulkWriter) unlocked(first, last int) error {
	for y := first; y <= last; y++ {
		if w.locked[y] {
			return w.tx.checkUnlocked(y) // its message names the year and how to unlock
		}
	}
	return nil
}

func (w *bulkWriter) schoolType(code string) (string, error) {
	if t, ok := w.schoolTypes[code]; ok {
		return t, nil
	}
	s, err := w.tx.SchoolByCode(code)
	if err != nil {
		return "", err
	}
	w.schoolTypes[code] = s.Type
	return s.Type, nil
}

func (w *bulkWriter) schoolID(code string) (int64, error) {
	return cachedID(w.schoolIDs, code, w.tx.schoolID)
}

func (w *bulkWriter) entID(code string) (int64, error) {
	return cachedID(w.entIDs, code, w.tx.enterpriseID)
}

// cachedID looks code up once; a code not found is not remembered.
func cachedID(cache map[string]int64, code string, look func(string) (int64, error)) (int64, error) {
	if id, ok := cache[code]; ok {
		return id, nil
	}
	id, err := look(code)
	if err == nil {
		cache[code] = id
	}
	return id, err
}

// insertNew runs an INSERT … ON CONFLICT DO NOTHING and gives the new
// row's id, or 0 when its key is already stored. Most rows of a received
// year are new, and a plain insert costs far less than an upsert returning
// its id, which then serves only the rows already stored.
func (w *bulkWriter) insertNew(st *sql.Stmt, args ...any) (int64, error) {
	r, err := st.ExecContext(w.tx.ctx, args...)
	if err != nil {
		return 0, err
	}
	if n, err := r.RowsAffected(); err != nil || n == 0 {
		return 0, err
	}
	return r.LastInsertId()
}

func (w *bulkWriter) enterprise(e Enterprise) error {
	args := []any{e.CreditCode, e.Name, e.Industry, e.Grade, e.Region, e.Contact, e.Phone}
	id, err := w.insertNew(w.addEnt, args...)
	if err == nil && id == 0 { // stored before: updated in place
		err = w.insEnt.QueryRowContext(w.tx.ctx, args...).Scan(&id)
	}
	w.entIDs[e.CreditCode] = id
	return err
}

func (w *bulkWriter) school(s School) error {
	var id int64
	err := w.insSchool.QueryRowContext(w.tx.ctx, s.Code, s.Name, s.Type, s.Region, s.Ownership, s.Quality, s.Contact, s.Phone,
		nullInt(s.ClosedYear), s.UnitCode).Scan(&id)
	w.schoolIDs[s.Code] = id
	return err
}

func (w *bulkWriter) major(m Major) error {
	school, err := w.schoolID(m.SchoolCode)
	if err != nil {
		return err
	}
	ents := make([]int64, len(m.Enterprises))
	for i, c := range m.Enterprises {
		if ents[i], err = w.entID(c); err != nil {
			return err
		}
	}
	args := []any{school, m.Year, CatalogueCode(w.tx.Ref(), m.Code), m.Name, nullInt(m.OpenedYear), m.Status,
		m.Enrolled, m.Graduates, m.Progressed, m.Through, m.Quality}
	id, err := w.insertNew(w.addMajor, args...)
	if err != nil {
		return err
	}
	if id == 0 { // stored before: updated in place, with the enterprises it names now
		if err := w.insMajor.QueryRowContext(w.tx.ctx, args...).Scan(&id); err != nil {
			return err
		}
		if _, err := w.delMajorEnts.ExecContext(w.tx.ctx, id); err != nil {
			return err
		}
	}
	for _, e := range ents {
		if _, err := w.insMajorEnt.ExecContext(w.tx.ctx, id, e); err != nil {
			return err
		}
	}
	return nil
}

// secondment appends a 互派互聘 row's values to args.
func (w *bulkWriter) secondment(args []any, s Secondment) ([]any, error) {
	school, err := w.schoolID(s.SchoolCode)
	if err != nil {
		return args, err
	}
	ent, err := w.entID(s.CreditCode)
	if err != nil {
		return args, err
	}
	return append(args, school, ent, s.Name, s.Gender, s.IDNumber, s.PersonKey, s.IDMasked, s.Direction, s.Post,
		FormatDate(s.Start), FormatDate(s.End), s.Note), nil
}

// training appends a 培训 row's values to args.
func (w *bulkWriter) training(args []any, t Training) ([]any, error) {
	school, err := w.schoolID(t.SchoolCode)
	if err != nil {
		return args, err
	}
	var ent int64
	if t.CreditCode != "" {
		if ent, err = w.entID(t.CreditCode); err != nil {
			return args, err
		}
	}
	return append(args, school, t.Name, t.Category, t.Count, t.Hours, FormatDate(t.Start), FormatDate(t.End), nullID(ent)), nil
}

// batchRows is how many rows one INSERT of a batch writes: SQLite runs one
// statement of 64 rows in well under the time of 64 one-row statements.
const batchRows = 64

// batch gathers the rows of one table's bulk INSERT into statements of
// batchRows rows. A statement that fails is run again row by row, so that
// the error names the record at fault.
type batch[T any] struct {
	w                *bulkWriter
	insert, conflict string // the query before the VALUES rows and after them
	width            int    // values per row
	row              func(args []any, r T) ([]any, error)
	name             func(r T) string
	pending          []T
	args             []any
	full             string // the query of batchRows rows, built once
}

func (b *batch[T]) add(r T) error {
	b.pending = append(b.pending, r)
	if len(b.pending) == batchRows {
		return b.flush()
	}
	return nil
}

// flush writes the rows gathered so far.
func (b *batch[T]) flush() error {
	defer func() { b.pending, b.args = b.pending[:0], b.args[:0] }()
	if len(b.pending) == 0 {
		return nil
	}
	for _, r := range b.pending {
		var err error
		if b.args, err = b.row(b.args, r); err != nil {
			return fmt.Errorf("%s：%w", b.name(r), err)
		}
	}
	_, err := b.w.exec(b.query(len(b.pending)), b.args...)
	if err == nil {
		return nil
	}
	// the failed statement changed nothing: its rows one by one find the
	// record at fault (and should none fail, the statement's error stands)
	for i, r := range b.pending {
		if _, err := b.w.exec(b.query(1), b.args[i*b.width:(i+1)*b.width]...); err != nil {
			return fmt.Errorf("%s：%w", b.name(r), err)
		}
	}
	return err
}

// query is the INSERT of n rows.
func (b *batch[T]) query(n int) string {
	if n == batchRows && b.full != "" {
		return b.full
	}
	one := "(" + strings.Repeat("?, ", b.width-1) + "?)"
	q := b.insert + strings.Repeat(one+", ", n-1) + one + b.conflict
	if n == batchRows {
		b.full = q
	}
	return q
}
