package workbook

// Templates: the canonical workbook pre-filled for one school, handed out each
// spring and collected back. A template is an ordinary canonical workbook
// (import reads it like any other) with, in addition:
//
//   - a 填表说明 sheet with the rules of every column in plain Chinese;
//   - dropdowns (data validation lists) on every enumerated column, the
//     专业目录 through defined names on the hidden sheet _下拉列表, since Excel
//     limits a typed-in list to 255 characters;
//   - code and 身份证号 columns formatted as text ("@") and date columns as
//     yyyy-mm-dd, on the whole column, so Excel keeps every digit and the
//     school's typing stays a code;
//   - sheet protection without a password: only the header row and the
//     school's own 学校标识码 are locked, everything else can be typed over,
//     rows inserted and deleted, columns widened; the workbook structure is
//     locked so sheets cannot be renamed, deleted or unhidden. Review →
//     Unprotect Sheet (撤消工作表保护) lifts it; no password is asked for;
//   - the hidden sheet _模板信息 (and the same values as custom document
//     properties) recording the template version, the school and the year.
//     Import recognises its own templates by it and then refuses rows of any
//     other school (ImportOptions.OnlySchool).

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
	"chanjiao/store/atomic"
	"chanjiao/store/refdata"
)

// TemplateVersion is the layout version of the templates this program writes.
const TemplateVersion = 1

// Sheets a template or an annotated copy adds; import ignores them.
const (
	SheetInstructions = "填表说明"
	SheetErrorList    = "错误清单"
	sheetLists        = "_下拉列表"
	sheetInfo         = "_模板信息"
)

// templateRows is how many rows below the header carry the dropdowns.
const templateRows = 2000

// Custom document properties that repeat _模板信息.
const (
	propVersion = "ChanjiaoTemplateVersion"
	propSchool  = "ChanjiaoSchoolCode"
	propYear    = "ChanjiaoYear"
)

// TemplateInfo is what a template records about itself.
type TemplateInfo struct {
	Version    int
	School     string // 学校标识码 of the school it was made for
	SchoolName string
	Year       int
	Unit       string // the unit that issued it
}

// issues says what import should know of the template itself.
func (t *TemplateInfo) issues() []Issue {
	if t.Version > TemplateVersion {
		return []Issue{{Warning: true, Message: fmt.Sprintf("本填报表由较新版本的程序生成（模板版本 %d，本程序为 %d），请核对导入结果", t.Version, TemplateVersion)}}
	}
	return nil
}

// templateInfo reads the template record of an open workbook: the _模板信息
// sheet, or else the custom properties. Nil when the file is not a template.
func templateInfo(f *excelize.File) *TemplateInfo {
	var rows [][]string
	for _, n := range f.GetSheetList() {
		if trim(n) == sheetInfo {
			rows, _ = f.GetRows(n)
			break
		}
	}
	return templateRecord(rows, func() map[string]string {
		props := map[string]string{}
		ps, _ := f.GetCustomProps()
		for _, p := range ps {
			props[p.Name] = fmt.Sprint(p.Value)
		}
		return props
	})
}

// templateRecord reads the template record from the rows of the _模板信息
// sheet (label, value), or else from the custom properties.
func templateRecord(rows [][]string, customProps func() map[string]string) *TemplateInfo {
	info := &TemplateInfo{}
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		v := trim(r[1])
		switch trim(r[0]) {
		case "模板版本":
			info.Version, _ = strconv.Atoi(v)
		case "学校标识码":
			info.School = normCode(v)
		case "学校名称":
			info.SchoolName = v
		case "年度":
			info.Year, _ = strconv.Atoi(v)
		case "下发单位":
			info.Unit = v
		}
	}
	if info.School == "" {
		for name, v := range customProps() {
			v = trim(v)
			switch name {
			case propVersion:
				info.Version, _ = strconv.Atoi(v)
			case propSchool:
				info.School = normCode(v)
			case propYear:
				info.Year, _ = strconv.Atoi(v)
			}
		}
	}
	if info.School == "" {
		return nil
	}
	return info
}

// ReadTemplateInfo tells whether the file at path is one of the program's
// templates (or an annotated copy of one), and for which school: nil when not.
func ReadTemplateInfo(path string) (*TemplateInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, store.Wrap(store.EInvalid, err, "无法读取文件 %s", filepath.Base(path))
	}
	f, err := openBook(data, filepath.Base(path))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return templateInfo(f), nil
}

// fileSchools lists the 学校标识码 the rows of the file name.
func fileSchools(sheets map[string]*sheet) []string {
	set := map[string]bool{}
	for name, col := range map[string]string{SheetSchools: "学校标识码", SheetMajors: "学校标识码",
		SheetSecondments: "学校标识码", SheetTrainings: "承办学校标识码"} {
		s := sheets[name]
		if s == nil || !s.has(col) {
			continue
		}
		for _, r := range s.rows {
			c := s.get(r, col)
			code := normCode(c.raw)
			if c.numeric {
				code, _ = numberText(c.raw)
			}
			if code != "" {
				set[code] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// limit makes the importer refuse rows of any school but only.
func (im *importer) limit(only string, tmpl *TemplateInfo) {
	im.only = only
	if only == "" {
		return
	}
	if tmpl != nil && tmpl.School == only {
		im.onlyName, im.year = tmpl.SchoolName, tmpl.Year
	}
	if s, ok := im.schools[only]; ok && im.onlyName == "" {
		im.onlyName = s.Name
	}
}

// ownSchool reports whether code is the school the file may touch, noting an
// error on the row when it is not.
func (im *importer) ownSchool(rr *rowReader, col, code string) bool {
	if im.only == "" || code == "" || code == im.only {
		return true
	}
	who := im.only
	if im.onlyName != "" {
		who = "“" + im.onlyName + "”（" + im.only + "）"
	}
	rr.fail(col, "本工作簿是"+who+"的填报表，只能填写本校的记录，不能填写学校标识码 "+code+" 的记录")
	return false
}

// TemplateData is what one school's template is made from.
type TemplateData struct {
	Year        int
	Unit        store.Unit
	School      store.School
	Majors      []store.Major // carried over from the year before, figures left blank
	Enterprises []store.Enterprise
	Catalogue   []refdata.Major // the 专业目录; nil when the reference data is missing
	Created     time.Time
}

// LoadTemplateData reads what the templates of year need, for the schools of
// codes, or, when codes is empty, for every school still running in year.
func LoadTemplateData(ctx context.Context, db *store.DB, year int, codes []string) ([]TemplateData, error) {
	if year < 2000 || year > 2100 {
		return nil, store.Errorf(store.EInvalid, "年度应为 2000 至 2100 之间的年份")
	}
	var out []TemplateData
	err := db.View(ctx, func(tx *store.Tx) error {
		unit, err := tx.Unit()
		if err != nil {
			return err
		}
		var schools []store.School
		if len(codes) == 0 {
			all, err := tx.Schools()
			if err != nil {
				return err
			}
			for _, s := range all {
				if s.ClosedYear == 0 || s.ClosedYear > year {
					schools = append(schools, s)
				}
			}
			if len(schools) == 0 {
				return store.Errorf(store.EInvalid, "数据库中没有 %d 年仍在办学的学校，无法生成填报表", year)
			}
		}
		for _, c := range codes {
			s, err := tx.SchoolByCode(normCode(trim(c)))
			if err != nil {
				return err
			}
			schools = append(schools, s)
		}
		ents, err := tx.Enterprises()
		if err != nil {
			return err
		}
		last, err := tx.Majors(year - 1)
		if err != nil {
			return err
		}
		var cat []refdata.Major
		if ref := tx.Ref(); ref != nil && !ref.Missing {
			cat = ref.Majors()
		}
		for _, s := range schools {
			d := TemplateData{Year: year, Unit: unit, School: s, Enterprises: ents, Catalogue: cat, Created: db.Now()}
			for _, m := range last {
				if m.SchoolCode == s.Code && m.Status != "撤销" {
					d.Majors = append(d.Majors, m)
				}
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// TemplateFileName is {学校名称}_{年度}_填报表.xlsx, with the characters no
// file system takes replaced and a long name shortened (see safeFileName).
func TemplateFileName(schoolName string, year int) string {
	return safeFileName(schoolName) + "_" + strconv.Itoa(year) + "_填报表.xlsx"
}

// Bounds of the name part of a file name: a file name may have 255 bytes
// (Linux) or 255 UTF-16 units (Windows), and a long one is hard to read.
const (
	maxNameRunes = 60
	maxNameBytes = 150
)

// safeFileName is s usable as (part of) a file name. A name over the bounds
// keeps its beginning and ends with "…" and a hash of the whole name, so
// two different names still give two different files.
func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || unicode.IsControl(r) {
			return '_'
		}
		return r
	}, trim(s))
	s = strings.Trim(s, ". ")
	if s == "" {
		s = "学校"
	}
	if utf8.RuneCountInString(s) <= maxNameRunes && len(s) <= maxNameBytes {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(s))
	tail := fmt.Sprintf("…%08x", h.Sum32())
	head, n := 0, utf8.RuneCountInString(tail)
	for i, r := range s {
		if n == maxNameRunes || i+utf8.RuneLen(r)+len(tail) > maxNameBytes {
			break
		}
		head, n = i+utf8.RuneLen(r), n+1
	}
	return strings.TrimRight(s[:head], ". ") + tail
}

// Template writes the template of one school for year to path.
func Template(ctx context.Context, db *store.DB, year int, schoolCode, path string) error {
	ds, err := LoadTemplateData(ctx, db, year, []string{schoolCode})
	if err != nil {
		return err
	}
	return atomic.WriteFile(path, func(w io.Writer) error { return WriteTemplate(w, ds[0]) })
}

// Templates writes one template per school into dir, named by
// TemplateFileName (with the 学校标识码 added when two schools share a name),
// for the schools of codes or, when codes is empty, every school still running
// in year. It returns the files written, in school-code order.
func Templates(ctx context.Context, db *store.DB, year int, codes []string, dir string) ([]string, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, store.Errorf(store.EInvalid, "文件夹不存在：%s", dir)
	}
	ds, err := LoadTemplateData(ctx, db, year, codes)
	if err != nil {
		return nil, err
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].School.Code < ds[j].School.Code })
	names := map[string]int{}
	for _, d := range ds {
		names[safeFileName(d.School.Name)]++
	}
	var paths []string
	for _, d := range ds {
		if err := ctx.Err(); err != nil {
			return paths, store.Wrap(store.EInvalid, err, "已取消，已生成 %d 个文件", len(paths))
		}
		name := TemplateFileName(d.School.Name, year)
		if names[safeFileName(d.School.Name)] > 1 {
			name = TemplateFileName(d.School.Name+"_"+d.School.Code, year)
		}
		p := filepath.Join(dir, name)
		if err := atomic.WriteFile(p, func(w io.Writer) error { return WriteTemplate(w, d) }); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// catalogueLevel is the catalogue level a school type runs; "" for any.
func catalogueLevel(schoolType string) string {
	switch schoolType {
	case "中等职业学校", "技工学校":
		return "中职"
	case "高职专科":
		return "高职专科"
	case "职业本科":
		return "职业本科"
	}
	return ""
}

// templateStyles are the styles of a template.
type templateStyles struct {
	headReq, headOpt            int // header of a required / optional column (locked)
	text, date, number          int // data cells (unlocked)
	ownCode                     int // the school's own code (locked)
	title, note, ruleHead, rule int // 填表说明
	ruleReq                     int
}

func newTemplateStyles(f *excelize.File) (*templateStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	textFmt, dateFmt := "@", "yyyy-mm-dd"
	unlocked := &excelize.Protection{Locked: false}
	locked := &excelize.Protection{Locked: true}
	head := func(color string) *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Protection: locked,
			Fill:      excelize.Fill{Type: "pattern", Color: []string{color}, Pattern: 1},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}
	}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	st := &templateStyles{}
	specs := []struct {
		dst *int
		s   *excelize.Style
	}{
		{&st.headReq, head("F8CBAD")},
		{&st.headOpt, head("DDEBF7")},
		{&st.text, &excelize.Style{Border: border, CustomNumFmt: &textFmt, Protection: unlocked}},
		{&st.date, &excelize.Style{Border: border, CustomNumFmt: &dateFmt, Protection: unlocked}},
		{&st.number, &excelize.Style{Border: border, NumFmt: 1, Protection: unlocked}},
		{&st.ownCode, &excelize.Style{Border: border, CustomNumFmt: &textFmt, Protection: locked,
			Fill: excelize.Fill{Type: "pattern", Color: []string{"E7E6E6"}, Pattern: 1}}},
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&st.note, &excelize.Style{Alignment: wrap}},
		{&st.ruleHead, head("D9D9D9")},
		{&st.rule, &excelize.Style{Border: border, Alignment: wrap}},
		{&st.ruleReq, &excelize.Style{Border: border, Alignment: wrap, Font: &excelize.Font{Bold: true, Color: "C00000"}}},
	}
	for _, sp := range specs {
		id, err := f.NewStyle(sp.s)
		if err != nil {
			return nil, err
		}
		*sp.dst = id
	}
	return st, nil
}

// templateColumns are the columns a template has: the canonical ones, without
// 人员标识 (written only above county level).
func templateColumns(def []Column, name string) []Column {
	if name == SheetSecondments {
		return def[:len(def)-1]
	}
	return def
}

// WriteTemplate writes one school's template.
func WriteTemplate(w io.Writer, d TemplateData) error {
	f := excelize.NewFile()
	defer f.Close()
	t := &templateWriter{f: f, d: d}
	if err := t.write(); err != nil {
		return err
	}
	return f.Write(w)
}

type templateWriter struct {
	f  *excelize.File
	d  TemplateData
	st *templateStyles
	// defined names of the lists on the hidden sheet
	majorCodes, majorNames, industries string
}

func (t *templateWriter) write() error {
	f, d := t.f, t.d
	var err error
	if t.st, err = newTemplateStyles(f); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetInstructions); err != nil {
		return err
	}
	for _, def := range Sheets {
		if _, err := f.NewSheet(def.Name); err != nil {
			return err
		}
	}
	for _, n := range []string{sheetLists, sheetInfo} {
		if _, err := f.NewSheet(n); err != nil {
			return err
		}
	}
	if err := t.lists(); err != nil {
		return err
	}
	if err := t.info(); err != nil {
		return err
	}
	s := d.School
	for _, def := range Sheets {
		cols := templateColumns(def.Columns, def.Name)
		var rows [][]any
		switch def.Name {
		case SheetSchools:
			rows = append(rows, []any{s.Code, s.Name, s.Type, s.Region, s.Ownership, s.Quality, s.Contact, s.Phone, optInt(s.ClosedYear)})
		case SheetEnterprises:
			for _, e := range d.Enterprises {
				rows = append(rows, []any{e.CreditCode, e.Name, e.Industry, e.Grade, e.Region, e.Contact, e.Phone})
			}
		case SheetMajors:
			for _, m := range d.Majors {
				rows = append(rows, []any{s.Code, d.Year, m.Code, m.Name, optInt(m.OpenedYear), m.Status, nil, nil, nil, nil,
					m.Through, m.Quality, strings.Join(m.Enterprises, ";")})
			}
		}
		if err := t.dataSheet(def.Name, cols, rows); err != nil {
			return err
		}
	}
	// the school's own code: locked
	if err := f.SetCellStyle(SheetSchools, "A2", "A2", t.st.ownCode); err != nil {
		return err
	}
	if err := t.instructions(); err != nil {
		return err
	}
	if err := t.protect(); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年度产教融合数据填报表", s.Name, d.Year)
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Subject: "产教融合数据填报", Creator: d.Unit.Name,
		Description: fmt.Sprintf("chanjiao template v%d; school %s; year %d", TemplateVersion, s.Code, d.Year),
		Created:     d.Created.UTC().Format(time.RFC3339), Language: "zh-CN"}); err != nil {
		return err
	}
	for _, p := range []excelize.CustomProperty{{Name: propVersion, Value: strconv.Itoa(TemplateVersion)},
		{Name: propSchool, Value: s.Code}, {Name: propYear, Value: strconv.Itoa(d.Year)}} {
		if err := f.SetCustomProps(p); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// lists writes the hidden sheet of the long dropdown lists and names them.
func (t *templateWriter) lists() error {
	f := t.f
	var codes, names []string
	level := catalogueLevel(t.d.School.Type)
	for _, m := range t.d.Catalogue {
		if level == "" || m.Level == level {
			codes = append(codes, m.Code)
			names = append(names, m.Name)
		}
	}
	cols := []struct {
		head  string
		items []string
		name  *string
		def   string
	}{
		{"专业代码", codes, &t.majorCodes, "CJ_MajorCodes"},
		{"专业名称", names, &t.majorNames, "CJ_MajorNames"},
		{"所属行业", store.IndustrySections, &t.industries, "CJ_Industries"},
	}
	for ci, c := range cols {
		col, _ := excelize.ColumnNumberToName(ci + 1)
		if err := f.SetCellStr(sheetLists, col+"1", c.head); err != nil {
			return err
		}
		for i, v := range c.items {
			if err := f.SetCellStr(sheetLists, fmt.Sprintf("%s%d", col, i+2), v); err != nil {
				return err
			}
		}
		if len(c.items) == 0 {
			continue
		}
		if err := f.SetDefinedName(&excelize.DefinedName{Name: c.def,
			RefersTo: fmt.Sprintf("'%s'!$%s$2:$%s$%d", sheetLists, col, col, len(c.items)+1)}); err != nil {
			return err
		}
		*c.name = c.def
	}
	if err := f.SetColWidth(sheetLists, "A", "C", 30); err != nil {
		return err
	}
	return f.SetSheetVisible(sheetLists, false)
}

// info writes _模板信息, the record by which import knows the template.
func (t *templateWriter) info() error {
	d := t.d
	rows := [][]any{
		{"项目", "值"},
		{"模板版本", strconv.Itoa(TemplateVersion)},
		{"学校标识码", d.School.Code},
		{"学校名称", d.School.Name},
		{"年度", strconv.Itoa(d.Year)},
		{"下发单位", strings.TrimSpace(d.Unit.Name + "（" + d.Unit.Code + "）")},
		{"生成时间", d.Created.Format("2006-01-02 15:04")},
		{"说明", "本工作表供程序识别填报表，请勿修改"},
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := t.f.SetCellStr(sheetInfo, cell, v.(string)); err != nil {
				return err
			}
		}
	}
	if err := t.f.SetColWidth(sheetInfo, "A", "B", 24); err != nil {
		return err
	}
	return t.f.SetSheetVisible(sheetInfo, false)
}

// dataSheet writes one canonical sheet: header, column formats, rows,
// dropdowns and prompts.
func (t *templateWriter) dataSheet(name string, cols []Column, rows [][]any) error {
	f, st := t.f, t.st
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, c.Width+2); err != nil {
			return err
		}
		if err := f.SetColStyle(name, col, t.dataStyle(c)); err != nil {
			return err
		}
		head := st.headOpt
		if c.Required {
			head = st.headReq
		}
		if err := f.SetCellStr(name, col+"1", c.Header); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, col+"1", col+"1", head); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(name, 1, 30); err != nil {
		return err
	}
	for ri, r := range rows {
		for ci, v := range r {
			cell, _ := excelize.CoordinatesToCellName(ci+1, ri+2)
			if err := f.SetCellStyle(name, cell, cell, t.dataStyle(cols[ci])); err != nil {
				return err
			}
			var err error
			switch x := v.(type) {
			case nil:
			case string:
				if x != "" {
					err = f.SetCellStr(name, cell, x)
				}
			default:
				err = f.SetCellValue(name, cell, x)
			}
			if err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, c := range cols {
		if err := t.validate(name, i+1, c); err != nil {
			return err
		}
	}
	fit := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	one, zero := 1, 0
	orientation := "landscape"
	return f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero})
}

func (t *templateWriter) dataStyle(c Column) int {
	switch c.kind {
	case date:
		return t.st.date
	case count, year:
		return t.st.number
	}
	return t.st.text
}

// validate puts the column's dropdown (or range check) and its prompt on the
// rows below the header.
func (t *templateWriter) validate(sheetName string, ci int, c Column) error {
	col, _ := excelize.ColumnNumberToName(ci)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, templateRows+1)
	style := excelize.DataValidationErrorStyleStop
	var list []string
	named := ""
	switch {
	case c.Header == "办学类型":
		list = store.SchoolTypes
	case c.Header == "办学性质":
		list = store.Ownerships
	case c.Header == "优质学校等级", c.Header == "优质专业等级", c.Header == "产教融合型企业等级":
		list = store.QualityLevels
	case c.Header == "状态":
		list = store.MajorStatuses
	case c.Header == "贯通培养":
		list = store.ThroughTypes
	case c.Header == "性别":
		list = store.Genders
	case c.Header == "方向":
		list = store.Directions
	case c.Header == "岗位类型":
		list = store.PostTypes
	case c.Header == "培训对象":
		list = store.TrainingGroups
	case (c.Header == "学校标识码" || c.Header == "承办学校标识码") && sheetName != SheetSchools:
		list = []string{t.d.School.Code}
	case c.Header == "专业代码":
		named, style = t.majorCodes, excelize.DataValidationErrorStyleWarning
	case c.Header == "专业名称":
		named, style = t.majorNames, excelize.DataValidationErrorStyleWarning
	case c.Header == "所属行业":
		named, style = t.industries, excelize.DataValidationErrorStyleWarning
	case c.kind == count:
		if err := dv.SetRange(0, 1000000000, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请填写不小于 0 的整数")
	case c.kind == year:
		if err := dv.SetRange(2000, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请填写 2000 至 2100 之间的年份，如 "+strconv.Itoa(t.d.Year))
	case c.kind == date:
		// 2000-01-01 … 2100-12-31 as Excel serial numbers
		if err := dv.SetRange(36526, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, c.Header, "请填写日期，如 "+strconv.Itoa(t.d.Year)+"-03-01")
	}
	switch {
	case list != nil:
		if err := dv.SetDropList(list); err != nil {
			return err
		}
		dv.SetError(style, c.Header, "请从下拉列表中选择："+strings.Join(list, "、"))
	case named != "":
		dv.SetSqrefDropList(named)
		dv.SetError(style, c.Header, "不在专业目录（或行业门类）列表中，请核对；确认无误可选“是”继续")
	}
	title, prompt := c.Header, columnRule(sheetName, c.Header, t.d.Year)
	if r := []rune(prompt); len(r) > 250 {
		prompt = string(r[:249]) + "…"
	}
	if r := []rune(title); len(r) > 30 {
		title = string(r[:30])
	}
	dv.SetInput(title, prompt)
	return t.f.AddDataValidation(sheetName, dv)
}

// protect locks the header rows and the school's code; the workbook
// structure is locked so the sheets keep their names. No password.
func (t *templateWriter) protect() error {
	for _, def := range Sheets {
		if err := t.f.ProtectSheet(def.Name, &excelize.SheetProtectionOptions{
			SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
			InsertRows: true, DeleteRows: true, AutoFilter: true, Sort: true}); err != nil {
			return err
		}
	}
	for _, n := range []string{SheetInstructions, sheetLists, sheetInfo} {
		if err := t.f.ProtectSheet(n, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true}); err != nil {
			return err
		}
	}
	return t.f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true})
}

// instructions writes 填表说明: the general rules, then every column's.
func (t *templateWriter) instructions() error {
	f, st, d := t.f, t.st, t.d
	n := SheetInstructions
	for col, w := range map[string]float64{"A": 12, "B": 20, "C": 8, "D": 90} {
		if err := f.SetColWidth(n, col, col, w); err != nil {
			return err
		}
	}
	row := 1
	line := func(text string, style int, height float64) error {
		cell := fmt.Sprintf("A%d", row)
		if err := f.MergeCell(n, cell, fmt.Sprintf("D%d", row)); err != nil {
			return err
		}
		if err := f.SetCellStr(n, cell, text); err != nil {
			return err
		}
		if err := f.SetCellStyle(n, cell, fmt.Sprintf("D%d", row), style); err != nil {
			return err
		}
		if err := f.SetRowHeight(n, row, height); err != nil {
			return err
		}
		row++
		return nil
	}
	if err := line(fmt.Sprintf("%s %d 年度产教融合数据填报表 · 填表说明", d.School.Name, d.Year), st.title, 28); err != nil {
		return err
	}
	unit := d.Unit.Name
	if unit == "" {
		unit = "县级教育行政部门"
	}
	if err := line(fmt.Sprintf("下发单位：%s　　学校标识码：%s　　模板版本：%d　　生成日期：%s", unit, d.School.Code, TemplateVersion, d.Created.Format("2006-01-02")), st.note, 20); err != nil {
		return err
	}
	row++
	for i, r := range generalRules(d) {
		if err := line(fmt.Sprintf("%d. %s", i+1, r), st.note, lineHeight(r, 150)); err != nil {
			return err
		}
	}
	row++
	for i, h := range []string{"工作表", "列", "必填", "填写要求"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		if err := f.SetCellStr(n, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(n, cell, cell, st.ruleHead); err != nil {
			return err
		}
	}
	row++
	for _, def := range Sheets {
		for _, c := range templateColumns(def.Columns, def.Name) {
			req, style := "选填", st.rule
			if c.Required {
				req, style = "必填", st.ruleReq
			}
			rule := columnRule(def.Name, c.Header, d.Year)
			for i, v := range []string{def.Name, c.Header, req, rule} {
				cell, _ := excelize.CoordinatesToCellName(i+1, row)
				if err := f.SetCellStr(n, cell, v); err != nil {
					return err
				}
				s := st.rule
				if i == 2 {
					s = style
				}
				if err := f.SetCellStyle(n, cell, cell, s); err != nil {
					return err
				}
			}
			if err := f.SetRowHeight(n, row, lineHeight(rule, 110)); err != nil {
				return err
			}
			row++
		}
	}
	fit := true
	if err := f.SetSheetProps(n, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	one, zero := 1, 0
	return f.SetPageLayout(n, &excelize.PageLayoutOptions{FitToWidth: &one, FitToHeight: &zero})
}

// lineHeight is a row height that shows text wrapped at about width
// half-width characters per line (a Chinese character counts two).
func lineHeight(text string, width int) float64 {
	w := 0
	for _, r := range text {
		if r < 0x2E80 {
			w++
		} else {
			w += 2
		}
	}
	lines := w/width + 1
	return float64(lines)*15 + 4
}

func generalRules(d TemplateData) []string {
	y, prev := d.Year, d.Year-1
	return []string{
		fmt.Sprintf("本工作簿是“%s”（学校标识码 %s）%d 年度的产教融合数据填报表。请只填写本校的记录：写有其他学校标识码的行会被拒收。", d.School.Name, d.School.Code, y),
		"请不要修改工作表的名称和第 1 行的表头，不要删除或移动列。表头为橙色的列必须填写，蓝色的列可以不填。",
		"带下拉箭头的单元格请从列表中选择。学校标识码、统一社会信用代码、身份证号、专业代码等代码列已设为文本格式，直接输入即可，不会丢失位数或开头的 0；请不要把这些列改成数字格式。",
		fmt.Sprintf("日期请写成 %d-03-01 这样的格式（也可写 %d/3/1 或 %d年3月1日）。人数、年份填整数，没有的填 0。", y, y, y),
		"“学校”表已填好本校的信息，学校标识码已锁定。其他信息如有变化请直接修改。",
		fmt.Sprintf("“专业”表已列出本校 %d 年度的专业，统计年度已改为 %d。请逐行填写 %d 年度的在校生数、毕业生数、升学人数（及订单班人数）；已不再开设的专业请把状态改为“撤销”并填 0，或删除该行；新开设的专业请在下面空行新增。", prev, y, y),
		"“合作企业”表已列出本县（市、区）已登记的合作企业。本校的合作企业如不在表中，请在下面空行新增；专业、互派互聘、培训中引用的企业都必须在此表中。",
		fmt.Sprintf("“互派互聘”表每人每次派出（聘用）填一行，“培训”表每个培训项目（班次）填一行，填写 %d 年度的情况。", y),
		"工作表处于保护状态，只保护表头和本校学校标识码，其余单元格可直接填写，也可插入或删除行。如确需取消保护：审阅 → 撤消工作表保护（没有密码）。",
		"填好后请保存为 .xlsx 格式（不要另存为 .xls），按原文件名交回。如有错误，教育局会把标注了错误的副本发回：出错的单元格标为红色，鼠标指向可看到原因，“错误清单”工作表列出全部错误，点击可跳到对应单元格。请直接在该副本中修改后交回，红色在改动后会自动消失。",
	}
}

// columnRule is the plain-Chinese rule of one column.
func columnRule(sheetName, header string, y int) string {
	own := "本校的学校标识码（从下拉列表选择），不能填写其他学校。"
	switch sheetName + "/" + header {
	case SheetSchools + "/学校标识码":
		return "10 位数字的学校标识码，已由教育局填好并锁定，请勿修改。"
	case SheetSchools + "/学校名称":
		return "学校全称。"
	case SheetSchools + "/办学类型":
		return "从下拉列表选择：" + strings.Join(store.SchoolTypes, "、") + "。"
	case SheetSchools + "/所在区划代码", SheetEnterprises + "/所在区划代码":
		return "所在县（市、区）的 6 位行政区划代码，如 532301。"
	case SheetSchools + "/办学性质":
		return "公办或民办。"
	case SheetSchools + "/优质学校等级":
		return "国家级、省级或州市级；不是优质学校的留空。"
	case SheetSchools + "/联系人", SheetEnterprises + "/联系人":
		return "联系人姓名。"
	case SheetSchools + "/联系电话", SheetEnterprises + "/联系电话":
		return "只能包含数字、空格、“-”和“+”，如 0878-3123456。"
	case SheetSchools + "/停办年份":
		return "学校停办的年份（4 位数字）；仍在办学的留空。"
	case SheetEnterprises + "/统一社会信用代码":
		return "照营业执照填写的 18 位代码，由数字和大写字母组成（不含 I、O、S、V、Z）；本表中不能重复。"
	case SheetEnterprises + "/企业名称":
		return "营业执照上的企业名称。"
	case SheetEnterprises + "/所属行业":
		return "国民经济行业门类，从下拉列表选择，也可只填字母（如 C）。"
	case SheetEnterprises + "/产教融合型企业等级":
		return "国家级、省级或州市级；不是产教融合型企业的留空。"
	case SheetMajors + "/学校标识码", SheetSecondments + "/学校标识码":
		return own
	case SheetMajors + "/统计年度":
		return fmt.Sprintf("本表为 %d 年度，填 %d。", y, y)
	case SheetMajors + "/专业代码":
		return "2021 年《职业教育专业目录》中的 6 位专业代码（国家控制专业带 K），从下拉列表选择。中职学校只能开设中职专业（61–79 开头），高职专科 41–59，职业本科 21–39。"
	case SheetMajors + "/专业名称":
		return "与专业目录一致的专业名称。"
	case SheetMajors + "/开设年份":
		return "该专业首次招生的年份，不能晚于统计年度；不清楚的留空。"
	case SheetMajors + "/状态":
		return "招生、停招或撤销。"
	case SheetMajors + "/在校生数":
		return fmt.Sprintf("%d 年度该专业的在校生人数，整数，没有填 0。", y)
	case SheetMajors + "/毕业生数":
		return fmt.Sprintf("%d 年度该专业的毕业生人数，整数，没有填 0。", y)
	case SheetMajors + "/升学人数":
		return "毕业生中升入高一级学校的人数，不能大于毕业生数。"
	case SheetMajors + "/订单班人数":
		return "在校生中订单班的人数，不能大于在校生数；没有的留空或填 0。"
	case SheetMajors + "/贯通培养":
		return "无、3+2、3+4 或五年一贯制；可留空。"
	case SheetMajors + "/优质专业等级":
		return "国家级、省级或州市级；不是优质专业的留空。"
	case SheetMajors + "/合作企业":
		return "与该专业合作的企业的统一社会信用代码，多个用分号（;）隔开；每个企业都要在“合作企业”表中。"
	case SheetSecondments + "/统一社会信用代码":
		return "派往或派出人员的企业的统一社会信用代码，该企业须在“合作企业”表中。"
	case SheetSecondments + "/姓名":
		return "人员姓名。"
	case SheetSecondments + "/性别":
		return "男或女；可留空。"
	case SheetSecondments + "/身份证号":
		return "18 位，最后一位可以是 X；本列已设为文本格式，直接输入即可（设成数字格式会丢失后几位）。可留空。"
	case SheetSecondments + "/方向":
		return "学校派往企业，或企业派往学校。"
	case SheetSecondments + "/岗位类型":
		return "从下拉列表选择：" + strings.Join(store.PostTypes, "、") + "。"
	case SheetSecondments + "/开始日期", SheetTrainings + "/开始日期":
		return fmt.Sprintf("日期，如 %d-03-01。", y)
	case SheetSecondments + "/结束日期":
		return "日期，不能早于开始日期；仍在岗的留空。"
	case SheetSecondments + "/备注":
		return "其他需要说明的情况。"
	case SheetTrainings + "/承办学校标识码":
		return own
	case SheetTrainings + "/项目名称":
		return "培训项目（班次）的名称。"
	case SheetTrainings + "/培训对象":
		return "在校学生、企业职工、社会人员或农村劳动力。"
	case SheetTrainings + "/培训人次":
		return "参加培训的人次，整数，至少为 1。"
	case SheetTrainings + "/学时":
		return "培训学时，整数；可留空。"
	case SheetTrainings + "/结束日期":
		return "日期，不能早于开始日期；可留空。"
	case SheetTrainings + "/合作企业":
		return "合作企业的统一社会信用代码（一个），须在“合作企业”表中；没有的留空。"
	}
	return ""
}
