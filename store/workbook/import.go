package workbook

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"sort"
	"strings"
	"time"

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
	// 专业, 互派互聘 or 培训 that names another school is an error. When empty,
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

func hasErrors(is []Issue) bool {
	for _, i := range is {
		if !i.Warning {
			return true
		}
	}
	return false
}

var sheetOrder = map[string]int{SheetSchools: 0, SheetEnterprises: 1, SheetMajors: 2, SheetSecondments: 3, SheetTrainings: 4}

func sortIssues(is []Issue) []Issue {
	sort.SliceStable(is, func(a, b int) bool {
		x, y := is[a], is[b]
		if x.Warning != y.Warning {
			return !x.Warning
		}
		if x.Sheet != y.Sheet {
			return sheetOrder[x.Sheet] < sheetOrder[y.Sheet]
		}
		return x.Row < y.Row
	})
	return is
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

	pending []pendingRecord

	only     string // the one school the file may touch; "" for any
	onlyName string
	year     int // the template's year, 0 when not a template
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
		secondments: map[string]store.Secondment{}, trainings: map[string]store.Training{}}
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
	return im, nil
}

func majorKey(m store.Major) string {
	c := m.Code
	if len(c) > 6 {
		c = c[:6]
	}
	return fmt.Sprintf("%s/%d/%s", m.SchoolCode, m.Year, c)
}

func (im *importer) errorAt(s *sheet, r row, col, msg string) {
	im.issues = append(im.issues, Issue{Sheet: s.name, Row: r.num, Column: col, Message: msg})
}

func (im *importer) problems(s *sheet, r row, ps store.Problems) {
	for _, p := range ps {
		im.issues = append(im.issues, Issue{Sheet: s.name, Row: r.num, Column: p.Field, Message: p.Message, Warning: p.Warning})
	}
}

// rowReader reads the typed cells of one row, noting each bad cell.
type rowReader struct {
	im     *importer
	s      *sheet
	r      row
	bad    bool
	failed map[string]bool // columns already reported
}

func (rr *rowReader) fail(col, msg string) {
	rr.bad = true
	if rr.failed == nil {
		rr.failed = map[string]bool{}
	}
	rr.failed[col] = true
	rr.im.errorAt(rr.s, rr.r, col, msg)
}

// problems notes what validation found, except in a cell already reported:
// a date that could not be read is not also "必须填写".
func (rr *rowReader) problems(ps store.Problems) {
	var rest store.Problems
	for _, p := range ps {
		if !rr.failed[p.Field] {
			rest = append(rest, p)
		}
	}
	rr.im.problems(rr.s, rr.r, rest)
}

// str sets *dst from a text column; an absent column leaves *dst as it is.
func (rr *rowReader) str(col string, dst *string) {
	if rr.s.has(col) {
		*dst = rr.s.get(rr.r, col).raw
	}
}

// code reads a code column: NFKC, upper case; a numeric cell gives its digits
// unless the code must be text (身份证号, 统一社会信用代码).
func (rr *rowReader) code(col string, dst *string, mustBeText bool) {
	if !rr.s.has(col) {
		return
	}
	c := rr.s.get(rr.r, col)
	if c.numeric && c.raw != "" {
		if mustBeText {
			rr.fail(col, "请以文本格式填写（数字格式的单元格已被 Excel 丢失位数或改成科学计数法）")
			return
		}
		digits, ok := numberText(c.raw)
		if !ok {
			rr.fail(col, "“"+c.raw+"”不是有效的代码")
			return
		}
		*dst = digits
		return
	}
	*dst = normCode(c.raw)
}

// date sets *dst from a date column; an absent column leaves it as it is,
// an empty cell clears it.
func (rr *rowReader) date(col string, dst *time.Time) {
	if !rr.s.has(col) {
		return
	}
	c := rr.s.get(rr.r, col)
	if c.raw == "" {
		*dst = time.Time{}
		return
	}
	t, err := parseDate(c)
	if err != nil {
		rr.fail(col, err.Error())
		return
	}
	*dst = t
}

func (rr *rowReader) count(col string, dst *int, required bool) {
	rr.number(col, dst, required, parseCount)
}

func (rr *rowReader) year(col string, dst *int, required bool) {
	rr.number(col, dst, required, parseYear)
}

// number sets *dst from a numeric column: an absent column leaves it, an
// empty cell sets 0 (an error when required), a bad cell is an error.
func (rr *rowReader) number(col string, dst *int, required bool, parse func(cell) (int, error)) {
	if !rr.s.has(col) {
		return
	}
	c := rr.s.get(rr.r, col)
	if c.raw == "" {
		if required {
			rr.fail(col, "必须填写")
		}
		*dst = 0
		return
	}
	n, err := parse(c)
	if err != nil {
		rr.fail(col, err.Error())
		return
	}
	*dst = n
}

// seen tracks natural keys within one sheet, to name both rows of a duplicate.
type seen map[string]int

func (im *importer) duplicate(s *sheet, r row, keys seen, key, what string) bool {
	if first, dup := keys[key]; dup {
		im.errorAt(s, r, "", fmt.Sprintf("与第 %d 行重复（%s 相同）", first, what))
		return true
	}
	keys[key] = r.num
	return false
}

// build turns each sheet's rows into records, letting go of the rows as it
// goes: a large workbook is not held twice, as rows and as records.
func (im *importer) build() {
	for _, step := range []struct {
		sheet string
		build func()
	}{{SheetSchools, im.buildSchools}, {SheetEnterprises, im.buildEnterprises}, {SheetMajors, im.buildMajors},
		{SheetSecondments, im.buildSecondments}, {SheetTrainings, im.buildTrainings}} {
		step.build()
		if s := im.sheets[step.sheet]; s != nil {
			s.rows = nil
		}
	}
}

func (im *importer) queue(s *sheet, r row, key string, rec, old any, exists bool) {
	im.pending = append(im.pending, pendingRecord{sheet: s.name, row: r.num, key: key, rec: rec, exists: exists,
		same: exists && reflect.DeepEqual(rec, old)})
}

func (im *importer) buildSchools() {
	s := im.sheets[SheetSchools]
	if s == nil {
		return
	}
	keys := seen{}
	for _, r := range s.rows {
		rr := &rowReader{im: im, s: s, r: r}
		var code string
		rr.code("学校标识码", &code, false)
		im.ownSchool(rr, "学校标识码", code)
		old, exists := im.schools[code]
		rec := old
		rec.Code = code
		rr.str("学校名称", &rec.Name)
		rr.str("办学类型", &rec.Type)
		rr.code("所在区划代码", &rec.Region, false)
		rr.str("办学性质", &rec.Ownership)
		rr.str("优质学校等级", &rec.Quality)
		rr.str("联系人", &rec.Contact)
		rr.str("联系电话", &rec.Phone)
		rr.year("停办年份", &rec.ClosedYear, false)
		rr.problems(rec.Validate(im.tx.Ref()))
		if code == "" || im.duplicate(s, r, keys, code, "学校标识码 "+code) {
			continue
		}
		im.schools[code] = rec
		im.queue(s, r, code, rec, old, exists)
	}
}

func (im *importer) buildEnterprises() {
	s := im.sheets[SheetEnterprises]
	if s == nil {
		return
	}
	keys := seen{}
	for _, r := range s.rows {
		rr := &rowReader{im: im, s: s, r: r}
		var code string
		rr.code("统一社会信用代码", &code, true)
		old, exists := im.enterprises[code]
		rec := old
		rec.CreditCode = code
		rr.str("企业名称", &rec.Name)
		rr.str("所属行业", &rec.Industry)
		rr.str("产教融合型企业等级", &rec.Grade)
		rr.code("所在区划代码", &rec.Region, false)
		rr.str("联系人", &rec.Contact)
		rr.str("联系电话", &rec.Phone)
		if len(rec.Industry) == 1 {
			rec.Industry = strings.ToUpper(rec.Industry) // a 门类 letter
		}
		rr.problems(rec.Validate(im.tx.Ref()))
		if code == "" || im.duplicate(s, r, keys, code, "统一社会信用代码 "+code) {
			continue
		}
		im.enterprises[code] = rec
		im.queue(s, r, code, rec, old, exists)
	}
}

// knownSchool checks a school reference; it returns the school's type.
func (im *importer) knownSchool(rr *rowReader, col, code string) (string, bool) {
	if code == "" || !im.ownSchool(rr, col, code) {
		return "", false
	}
	sc, ok := im.schools[code]
	if !ok {
		rr.fail(col, "学校标识码 "+code+" 既不在本工作簿的“学校”表中，也不在数据库中")
	}
	return sc.Type, ok
}

func (im *importer) knownEnterprise(rr *rowReader, col, code string) bool {
	if code == "" {
		return false
	}
	if _, ok := im.enterprises[code]; !ok {
		rr.fail(col, "统一社会信用代码 "+code+" 既不在本工作簿的“合作企业”表中，也不在数据库中")
		return false
	}
	return true
}

func (im *importer) buildMajors() {
	s := im.sheets[SheetMajors]
	if s == nil {
		return
	}
	keys := seen{}
	for _, r := range s.rows {
		rr := &rowReader{im: im, s: s, r: r}
		var probe store.Major
		rr.code("学校标识码", &probe.SchoolCode, false)
		rr.year("统计年度", &probe.Year, true)
		if im.year != 0 && probe.Year != 0 && probe.Year != im.year {
			im.issues = append(im.issues, Issue{Sheet: s.name, Row: r.num, Column: "统计年度", Warning: true,
				Message: fmt.Sprintf("统计年度 %d 与本填报表的年度 %d 不同，请核对", probe.Year, im.year)})
		}
		rr.code("专业代码", &probe.Code, false)
		key := majorKey(probe)
		old, exists := im.majors[key]
		rec := old
		rec.ID = old.ID
		rec.SchoolCode, rec.Year, rec.Code = probe.SchoolCode, probe.Year, probe.Code
		rr.str("专业名称", &rec.Name)
		rr.year("开设年份", &rec.OpenedYear, false)
		rr.str("状态", &rec.Status)
		rr.count("在校生数", &rec.Enrolled, true)
		rr.count("毕业生数", &rec.Graduates, true)
		rr.count("升学人数", &rec.Progressed, true)
		rr.count("订单班人数", &rec.OrderClass, false)
		rr.str("贯通培养", &rec.Through)
		rr.str("优质专业等级", &rec.Quality)
		if s.has("合作企业") {
			rec.Enterprises = nil
			for _, c := range strings.FieldsFunc(s.get(r, "合作企业").raw, func(r rune) bool { return r == ';' || r == '；' || r == ',' || r == '，' }) {
				if c = normCode(trim(c)); c != "" && im.knownEnterprise(rr, "合作企业", c) {
					rec.Enterprises = append(rec.Enterprises, c)
				}
			}
			sort.Strings(rec.Enterprises)
		}
		rec.SchoolType, _ = im.knownSchool(rr, "学校标识码", rec.SchoolCode)
		rr.problems(rec.Validate(im.tx.Ref()))
		rec.Code = store.CatalogueCode(im.tx.Ref(), rec.Code)
		if rr.bad || rec.SchoolCode == "" || rec.Code == "" || im.duplicate(s, r, keys, key, "学校、统计年度和专业代码") {
			continue
		}
		im.queue(s, r, key, rec, old, exists)
	}
}

func (im *importer) buildSecondments() {
	s := im.sheets[SheetSecondments]
	if s == nil {
		return
	}
	keys := seen{}
	for _, r := range s.rows {
		rr := &rowReader{im: im, s: s, r: r}
		var probe store.Secondment
		rr.code("学校标识码", &probe.SchoolCode, false)
		rr.code("统一社会信用代码", &probe.CreditCode, true)
		rr.str("姓名", &probe.Name)
		rr.date("开始日期", &probe.Start)
		key := probe.Key()
		old, exists := im.secondments[key]
		rec := old
		rec.SchoolCode, rec.CreditCode, rec.Name, rec.Start = probe.SchoolCode, probe.CreditCode, probe.Name, probe.Start
		rr.str("性别", &rec.Gender)
		rr.code("身份证号", &rec.IDNumber, true)
		rr.str("方向", &rec.Direction)
		rr.str("岗位类型", &rec.Post)
		rr.date("结束日期", &rec.End)
		rr.str("备注", &rec.Note)
		rr.str("人员标识", &rec.PersonKey)
		im.knownSchool(rr, "学校标识码", rec.SchoolCode)
		im.knownEnterprise(rr, "统一社会信用代码", rec.CreditCode)
		rr.problems(rec.Validate(im.tx.Ref()))
		if rr.bad || rec.Start.IsZero() || im.duplicate(s, r, keys, key, "学校、企业、姓名和开始日期") {
			continue
		}
		im.queue(s, r, key, rec, old, exists)
	}
}

func (im *importer) buildTrainings() {
	s := im.sheets[SheetTrainings]
	if s == nil {
		return
	}
	keys := seen{}
	for _, r := range s.rows {
		rr := &rowReader{im: im, s: s, r: r}
		var probe store.Training
		rr.code("承办学校标识码", &probe.SchoolCode, false)
		rr.str("项目名称", &probe.Name)
		rr.str("培训对象", &probe.Category)
		rr.date("开始日期", &probe.Start)
		key := probe.Key()
		old, exists := im.trainings[key]
		rec := old
		rec.SchoolCode, rec.Name, rec.Category, rec.Start = probe.SchoolCode, probe.Name, probe.Category, probe.Start
		rr.count("培训人次", &rec.Count, true)
		rr.count("学时", &rec.Hours, false)
		rr.date("结束日期", &rec.End)
		rr.code("合作企业", &rec.CreditCode, true)
		im.knownSchool(rr, "承办学校标识码", rec.SchoolCode)
		if rec.CreditCode != "" {
			im.knownEnterprise(rr, "合作企业", rec.CreditCode)
		}
		rr.problems(rec.Validate(im.tx.Ref()))
		if rr.bad || rec.Start.IsZero() || im.duplicate(s, r, keys, key, "学校、项目名称、培训对象和开始日期") {
			continue
		}
		im.queue(s, r, key, rec, old, exists)
	}
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
	return nil
}
