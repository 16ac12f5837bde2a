package workbook

// The sheets of a template: styles, the school's rows, dropdowns and range
// checks, the hidden lists and record, and the protection.

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chanjiao/store"
)

// templateStyles are the styles of a template.
type templateStyles struct {
	headReq, headOpt            int        // header of a required / optional column (locked)
	cells                       cellStyles // data cells (unlocked)
	ownCode                     int        // the school's own code (locked)
	title, note, ruleHead, rule int        // 填表说明
	ruleReq                     int
}

func newTemplateStyles(f *excelize.File) (*templateStyles, error) {
	unlocked := &excelize.Protection{Locked: false}
	locked := &excelize.Protection{Locked: true}
	head := func(color string) *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Bold: true}, Border: thinBorder, Protection: locked,
			Fill:      excelize.Fill{Type: "pattern", Color: []string{color}, Pattern: 1},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}
	}
	wrap := &excelize.Alignment{Vertical: "top", WrapText: true}
	st := &templateStyles{}
	type spec struct {
		dst *int
		s   *excelize.Style
	}
	add := func(specs []spec) error {
		for _, sp := range specs {
			id, err := f.NewStyle(sp.s)
			if err != nil {
				return err
			}
			*sp.dst = id
		}
		return nil
	}
	if err := add([]spec{{&st.headReq, head("F8CBAD")}, {&st.headOpt, head("DDEBF7")}}); err != nil {
		return nil, err
	}
	var err error
	if st.cells, err = newCellStyles(f, unlocked); err != nil {
		return nil, err
	}
	if err := add([]spec{
		{&st.ownCode, &excelize.Style{Border: thinBorder, CustomNumFmt: &textFormat, Protection: locked,
			Fill: excelize.Fill{Type: "pattern", Color: []string{"E7E6E6"}, Pattern: 1}}},
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{&st.note, &excelize.Style{Alignment: wrap}},
		{&st.ruleHead, head("D9D9D9")},
		{&st.rule, &excelize.Style{Border: thinBorder, Alignment: wrap}},
		{&st.ruleReq, &excelize.Style{Border: thinBorder, Alignment: wrap, Font: &excelize.Font{Bold: true, Color: "C00000"}}},
	}); err != nil {
		return nil, err
	}
	return st, nil
}

// offered says whether a template has the column: not those written only
// above county level (人员标识).
func offered(c Column) bool { return !c.aboveCounty }

// templateSheets are the sheets a school fills in.
func templateSheets() []SheetDef {
	var out []SheetDef
	for _, def := range Sheets {
		if def.InTemplate() {
			out = append(out, def)
		}
	}
	return out
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
	named map[list]string
}

func (t *templateWriter) write() error {
	f := t.f
	var err error
	if t.st, err = newTemplateStyles(f); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetInstructions); err != nil {
		return err
	}
	for _, def := range templateSheets() {
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
	for _, def := range templateSheets() {
		cols, rows := project(def.Columns, t.rows(def.Name, def.Columns), offered)
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
	return t.properties()
}

// rows are what a sheet of the template is filled with: the school, the
// county's enterprises, the school's agreements in force in the year (to be
// kept or corrected, and new ones added), and its majors of the year before
// carried into this year with their figures blank. Classes, stints and
// trainings are the year's own: those sheets start empty.
func (t *templateWriter) rows(sheetName string, cols []Column) [][]any {
	d := t.d
	switch sheetName {
	case SheetSchools:
		return [][]any{schoolRow(d.School)}
	case SheetEnterprises:
		return rowsOf(d.Enterprises, enterpriseRow)
	case SheetMajors:
		return rowsOf(d.Majors, func(m store.Major) []any {
			m.SchoolCode, m.Year = d.School.Code, d.Year
			r := majorRow(m)
			for i, c := range cols {
				if c.kind == count {
					r[i] = nil // the school fills in this year's figures
				}
			}
			return r
		})
	case SheetAgreements:
		return rowsOf(d.Agreements, agreementRow)
	}
	return nil
}

// properties records what the template is for in the document properties.
func (t *templateWriter) properties() error {
	f, d, s := t.f, t.d, t.d.School
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
	level := store.CatalogueLevel(t.d.School.Type)
	for _, m := range t.d.Catalogue {
		if level == "" || m.Level == level {
			codes = append(codes, m.Code)
			names = append(names, m.Name)
		}
	}
	t.named = map[list]string{}
	cols := []struct {
		head  string
		items []string
		list  list
		def   string
	}{
		{"专业代码", codes, majorCodes, "CJ_MajorCodes"},
		{"专业名称", names, majorNames, "CJ_MajorNames"},
		{"所属行业", store.IndustrySections, industries, "CJ_Industries"},
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
		t.named[c.list] = c.def
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
		if err := f.SetColStyle(name, col, st.cells.of(c)); err != nil {
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
			if err := f.SetCellStyle(name, cell, cell, st.cells.of(cols[ci])); err != nil {
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
	return fitToWidth(f, name, true)
}

// validate puts the column's dropdown (or range check) and its rule, as a
// prompt, on the rows below the header.
func (t *templateWriter) validate(sheetName string, ci int, c Column) error {
	col, _ := excelize.ColumnNumberToName(ci)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, templateRows+1)
	if err := t.check(dv, c); err != nil {
		return err
	}
	title, prompt := c.Header, c.ruleFor(t.d.Year)
	if r := []rune(prompt); len(r) > 250 {
		prompt = string(r[:249]) + "…"
	}
	if r := []rune(title); len(r) > 30 {
		title = string(r[:30])
	}
	dv.SetInput(title, prompt)
	return t.f.AddDataValidation(sheetName, dv)
}

// check sets what a cell of the column may hold: a fixed list, the school's
// own code, a list of the hidden sheet (a warning only: the school may know
// better), or a range of counts, years or dates.
func (t *templateWriter) check(dv *excelize.DataValidation, c Column) error {
	stop, warn := excelize.DataValidationErrorStyleStop, excelize.DataValidationErrorStyleWarning
	choices := c.choices
	if c.list == ownSchool {
		choices = []string{t.d.School.Code}
	}
	switch {
	case choices != nil:
		if err := dv.SetDropList(choices); err != nil {
			return err
		}
		if c.kind == items { // several may be typed in: a warning only
			dv.SetError(warn, c.Header, "可从下拉列表选择一项；多项请用分号（;）或顿号（、）隔开，每项为"+strings.Join(choices, "、")+"之一。确认无误可选“是”继续")
		} else {
			dv.SetError(stop, c.Header, "请从下拉列表中选择："+strings.Join(choices, "、"))
		}
	case c.list != noList:
		if named := t.named[c.list]; named != "" {
			dv.SetSqrefDropList(named)
			dv.SetError(warn, c.Header, "不在专业目录（或行业门类）列表中，请核对；确认无误可选“是”继续")
		}
	case c.kind == count:
		if err := dv.SetRange(0, 1000000000, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(stop, c.Header, "请填写不小于 0 的整数")
	case c.kind == year:
		if err := dv.SetRange(2000, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(stop, c.Header, "请填写 2000 至 2100 之间的年份，如 "+strconv.Itoa(t.d.Year))
	case c.kind == date:
		// 2000-01-01 … 2100-12-31 as Excel serial numbers
		if err := dv.SetRange(36526, 73415, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(warn, c.Header, "请填写日期，如 "+strconv.Itoa(t.d.Year)+"-03-01")
	}
	return nil
}

// protect locks the header rows and the school's code; the workbook
// structure is locked so the sheets keep their names. No password.
func (t *templateWriter) protect() error {
	for _, def := range templateSheets() {
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
