package workbook

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"

	"chanjiao/store"
)

// Result says what an import did, per sheet.
type Result struct {
	File      string
	Added     map[string]int
	Updated   map[string]int
	Unchanged map[string]int
	Warnings  []Issue
	// Template is set when the file is one of the program's templates.
	Template *TemplateInfo
	// Schools are the 学校标识码 the file's rows name, sorted.
	Schools []string
}

// Summary is one line per sheet for the clerk: 学校：新增 2，更新 1，未变 5.
func (r *Result) Summary() string {
	var lines []string
	for _, s := range Sheets {
		a, u, n := r.Added[s.Name], r.Updated[s.Name], r.Unchanged[s.Name]
		if a+u+n > 0 {
			lines = append(lines, fmt.Sprintf("%s：新增 %d，更新 %d，未变 %d", s.Name, a, u, n))
		}
	}
	if len(lines) == 0 {
		return "工作簿中没有数据行"
	}
	return strings.Join(lines, "\n")
}

// ImportOptions adjust an import.
type ImportOptions struct {
	// OnlySchool limits the file to one school's records: a row of 学校,
	// 专业, 互派互聘, 培训, 校企合作协议, 订单班与学徒制, 师资 or 获奖 that
	// names another school is an error, and so is any row of the unit's own
	// sheets (产教融合载体, 政校企活动, 目标). When empty,
	// a file the program made as a school's template (see Template) is
	// limited to that school.
	OnlySchool string
}

// Import reads the workbook at path and applies it in one transaction. A file
// with any error changes nothing and returns a *RefusedError listing every
// error with its sheet, row and column. A school's template may only touch
// that school's records.
func Import(ctx context.Context, db *store.DB, path string) (*Result, error) {
	return ImportWith(ctx, db, path, ImportOptions{})
}

// importMemoryLimit is the heap an import asks the Go runtime to keep to: a
// workbook at every limit fits with room to spare, and without it the
// collector lets the heap grow to twice what is live.
const importMemoryLimit = 200 << 20

// ImportWith is Import with options.
func ImportWith(ctx context.Context, db *store.DB, path string, opts ImportOptions) (*Result, error) {
	if prev := debug.SetMemoryLimit(-1); prev > importMemoryLimit {
		debug.SetMemoryLimit(importMemoryLimit)
		defer debug.SetMemoryLimit(prev)
	}
	sheets, tmpl, issues, err := readFile(path)
	if err != nil {
		return nil, err
	}
	schools := fileSchools(sheets)
	refuse := func(is []Issue) *RefusedError {
		return &RefusedError{File: path, Issues: sortIssues(is), Template: tmpl, Schools: schools}
	}
	only := opts.OnlySchool
	if tmpl != nil {
		if only == "" {
			only = tmpl.School
		}
		issues = append(issues, tmpl.issues()...)
	}
	if hasErrors(issues) {
		return nil, refuse(issues)
	}
	res := &Result{File: path, Added: map[string]int{}, Updated: map[string]int{}, Unchanged: map[string]int{}, Template: tmpl, Schools: schools}
	err = db.Update(ctx, func(tx *store.Tx) error {
		im, err := newImporter(tx, sheets)
		if err != nil {
			return err
		}
		im.issues = issues
		im.limit(only, tmpl)
		im.build()
		if hasErrors(im.issues) {
			return refuse(im.issues)
		}
		if err := im.apply(ctx, res); err != nil {
			var re *RefusedError
			if errors.As(err, &re) {
				re.Template, re.Schools = tmpl, schools
			}
			return err
		}
		res.Warnings = sortIssues(im.issues)
		return tx.Log(store.ActImport, "", filepath.Base(path), "", "", strings.ReplaceAll(res.Summary(), "\n", "；"))
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// importer turns rows into records, checking each against the file and the
// database, then writes them.
type importer struct {
	tx     *store.Tx
	sheets map[string]*sheet
	issues []Issue

	schools     map[string]store.School // by code: database, then file
	enterprises map[string]store.Enterprise
	majors      map[string]store.Major // by school/year/six digits
	secondments map[string]store.Secondment
	trainings   map[string]store.Training
	agreements  map[string]store.Agreement
	classes     map[string]store.Class   // by Class.Key: database, then file
	carriers    map[string]store.Carrier // the unit's own, by Carrier.Key
	teachers    map[string]store.Teachers
	awards      map[string]store.Award
	activities  map[string]store.Activity // the unit's own, by Activity.Key
	targets     targetRows                // the 目标 sheet (import_targets.go)

	pending []pendingRecord

	// What the file holds, for the classes' checks (import_measures.go).
	fileMajors  map[string]bool // every 专业 row's majorKey
	majorRows   map[string]int  // the row of each 专业 record queued, by majorKey
	majorOrder  []string        // those majorKeys in row order
	fileClasses map[string]bool // every class row's Class.Key
	classMajors map[string]bool // the majorKey of every class row
	legacy      []legacyOrderClass
	touched     map[string]Issue // by majorKey: where its over-enrolment warning goes
	touchOrder  []string

	only     string // the one school the file may touch; "" for any
	onlyName string
	year     int // the template's year, 0 when not a template
	unit     store.Unit
}

// pendingRecord is a record to write, with the row it came from.
type pendingRecord struct {
	sheet  string
	row    int
	key    string
	rec    any
	exists bool
	same   bool
}

func newImporter(tx *store.Tx, sheets map[string]*sheet) (*importer, error) {
	im := &importer{tx: tx, sheets: sheets,
		schools: map[string]store.School{}, enterprises: map[string]store.Enterprise{}, majors: map[string]store.Major{},
		secondments: map[string]store.Secondment{}, trainings: map[string]store.Training{},
		agreements: map[string]store.Agreement{}, classes: map[string]store.Class{}, carriers: map[string]store.Carrier{},
		teachers: map[string]store.Teachers{}, awards: map[string]store.Award{}, activities: map[string]store.Activity{},
		fileMajors: map[string]bool{}, majorRows: map[string]int{}, fileClasses: map[string]bool{}, classMajors: map[string]bool{},
		touched: map[string]Issue{}}
	ss, err := tx.Schools()
	if err != nil {
		return nil, err
	}
	for _, s := range ss {
		im.schools[s.Code] = s
	}
	es, err := tx.Enterprises()
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		im.enterprises[e.CreditCode] = e
	}
	ms, err := tx.Majors(0)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		im.majors[majorKey(m)] = m
	}
	cs, err := tx.Secondments(0)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		im.secondments[c.Key()] = c
	}
	ts, err := tx.Trainings(0)
	if err != nil {
		return nil, err
	}
	for _, t := range ts {
		im.trainings[t.Key()] = t
	}
	return im, im.loadMeasures()
}

// loadMeasures reads the agreements, the classes and the unit's own
// carriers, by natural key.
func (im *importer) loadMeasures() error {
	as, err := im.tx.Agreements(0)
	if err != nil {
		return err
	}
	for _, a := range as {
		im.agreements[a.Key()] = a
	}
	cs, err := im.tx.Classes(0)
	if err != nil {
		return err
	}
	for _, c := range cs {
		im.classes[c.Key()] = c
	}
	unit, err := im.tx.Unit()
	if err != nil {
		return err
	}
	carriers, err := im.tx.Carriers()
	if err != nil {
		return err
	}
	for _, c := range carriers {
		if c.UnitCode == unit.Code { // a lower unit's carrier is its own, not this file's
			im.carriers[c.Key()] = c
		}
	}
	im.unit = unit
	return im.loadStaff(unit.Code)
}

func majorKey(m store.Major) string {
	c := m.Code
	if len(c) > 6 {
		c = c[:6]
	}
	return fmt.Sprintf("%s/%d/%s", m.SchoolCode, m.Year, c)
}

func (im *importer) queue(sheet string, row int, key string, rec, old any, exists bool) {
	im.pending = append(im.pending, pendingRecord{sheet: sheet, row: row, key: key, rec: rec, exists: exists,
		same: exists && reflect.DeepEqual(rec, old)})
}

// apply writes the records in dependency order (the build order) and counts
// what changed. Any failure rolls the whole import back.
func (im *importer) apply(ctx context.Context, res *Result) error {
	for i, p := range im.pending {
		if i%256 == 0 && ctx.Err() != nil {
			return store.Wrap(store.EInvalid, ctx.Err(), "导入已取消，未做任何修改")
		}
		if p.same {
			res.Unchanged[p.sheet]++
			continue
		}
		var err error
		switch rec := p.rec.(type) {
		case store.School:
			_, err = im.tx.PutSchool(&rec)
		case store.Enterprise:
			_, err = im.tx.PutEnterprise(&rec)
		case store.Major:
			_, err = im.tx.PutMajor(&rec)
		case store.Secondment:
			_, err = im.tx.PutSecondment(&rec)
		case store.Training:
			_, err = im.tx.PutTraining(&rec)
		case store.Agreement:
			_, err = im.tx.PutAgreement(&rec)
		case store.Class:
			_, err = im.tx.PutClass(&rec)
		case store.Carrier:
			_, err = im.tx.PutCarrier(&rec)
		case store.Teachers:
			_, err = im.tx.PutTeachers(&rec)
		case store.Award:
			_, err = im.tx.PutAward(&rec)
		case store.Activity:
			_, err = im.tx.PutActivity(&rec)
		}
		if err != nil {
			if we := store.WriteFailure(err); we != nil {
				return we // the disk failed, not the row: say so, without blaming the file
			}
			return &RefusedError{File: res.File, Issues: []Issue{{Sheet: p.sheet, Row: p.row, Message: store.ErrorMessage(err)}}}
		}
		if p.exists {
			res.Updated[p.sheet]++
		} else {
			res.Added[p.sheet]++
		}
	}
	return im.applyTargets(res)
}
