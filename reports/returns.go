// Package reports builds the returns (上报报表) of shared/spec/returns.md: one
// Returns value computed from the store, rendered as PDF (pdf.go) and as XLSX
// (xlsx.go). Every figure comes from store.Figures; this package lays the
// figures out, it never recomputes an indicator.
package reports

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"chanjiao/store"
	"chanjiao/store/handoff"
	"chanjiao/store/refdata"
)

// Options are what the caller decides about a build.
type Options struct {
	// Date is the 报出日期 and the files' creation date. Zero means the
	// database's clock (db.Now), so tests and reproducible builds pass one.
	Date time.Time
	// Detail asks for the 明细 PDF beside the returns above county level
	// (ExportAll, ExportFile); the XLSX always holds the 明细 sheets.
	Detail bool
}

// Returns is every table of one unit's year, ready to render.
type Returns struct {
	Unit      store.Unit
	Year      int
	Date      time.Time
	Title     string // {年度}年度{单位名称}产教融合统计报表
	Authority string // 制表机关: the unit's own, or the level above's name
	Region    string // the unit's region name ("楚雄市"), or "" when unknown
	Creator   string // application and version, for the document properties

	Figures  *store.Figures
	Previous *store.Figures // year-1; nil when that year holds no records

	Letter Letter
	Tables []*Table
	// Details are the school- and major-level tables above county level,
	// grouped by lower unit with 小计: the XLSX's 明细 sheets and the 明细
	// PDF. A county's returns have none: its tables list the schools.
	Details []*Table
	// DetailPDF is Options.Detail: the exports write the 明细 PDF too.
	DetailPDF bool

	// Charts are drawn in the PDF only.
	SecondmentChart BarChart
	TrainingChart   BarChart
	// DetailSecondmentChart is 图1 by school, under 表3明细 above county
	// level.
	DetailSecondmentChart BarChart
}

// Letter is table 0, the cover letter (报送说明), PDF only.
type Letter struct {
	Title       string   // 关于报送{年度}年度产教融合统计数据的报告
	Addressee   string   // the level above, with its colon
	Paragraphs  []string // generated from the figures
	Attachments []string // 表1 职业学校基本情况 …
	Signer      string   // the unit's name
	Date        string   // YYYY年M月D日
}

// Table is one of the tables 1–8.
type Table struct {
	No        int
	Code      string // 表号, CJRH-n
	Name      string // 职业学校基本情况
	Landscape bool
	Measure   string // 计量单位, "" when the columns carry their own
	Parts     []*Part
	Footnotes []string
	Detail    bool // a 明细 table: 表1明细 职业学校基本情况
}

// Caption is the table's name with its number: 表1 职业学校基本情况, or
// 表1明细 职业学校基本情况 for the school-level rows above county level.
func (t *Table) Caption() string {
	if t.Detail {
		return fmt.Sprintf("表%d明细 %s", t.No, t.Name)
	}
	return fmt.Sprintf("表%d %s", t.No, t.Name)
}

// SheetName is the XLSX sheet's name (Excel allows 31 characters).
func (t *Table) SheetName() string { return t.Caption() }

// Part is one grid of a table; table 4 has two (by 培训对象, by school).
type Part struct {
	Caption string // "" for a table with one part
	Columns []Column
	Rows    []Row
}

// Column is one column of a grid. Width is relative: the renderers scale the
// widths to the page or to Excel's character units.
type Column struct {
	Header    string
	Width     float64
	Align     string // "L", "C" or "R"
	Thousands bool   // 人次: thousands separator in the PDF
}

// RowKind tells a data row from the rows that sum it.
type RowKind int

// The kinds of row.
const (
	RowData RowKind = iota
	RowDetail
	RowGroup    // a lower unit's name, above its rows
	RowSubtotal // 小计
	RowTotal    // 合计
)

// Row is one row of a grid, one cell per column.
type Row struct {
	Kind  RowKind
	Cells []Cell

	school string // the school of a data row, for the 明细 tables' 单位
	unit   string // or the unit that recorded a carrier (表8)
}

// CellKind is what a cell holds.
type CellKind int

// The kinds of cell.
const (
	CellText   CellKind = iota
	CellInt             // a count
	CellRate            // a rate; Rate nil shows "—"
	CellPoints          // a change of a rate, in tenths of a percentage point
)

// Cell is one value of a grid. Counts and rates stay numbers so the XLSX
// holds numbers; Display gives the text both files show.
type Cell struct {
	Kind   CellKind
	Text   string
	Int    int
	Rate   *float64
	Signed bool // show the sign (比上年增减)
}

// Text makes a text cell.
func Text(s string) Cell { return Cell{Kind: CellText, Text: s} }

// Int makes a count cell.
func Int(n int) Cell { return Cell{Kind: CellInt, Int: n} }

// OptInt makes a count cell, or "—" when there is none.
func OptInt(n *int) Cell {
	if n == nil {
		return Text("—")
	}
	return Int(*n)
}

// Rate makes a rate cell.
func Rate(r *float64) Cell { return Cell{Kind: CellRate, Rate: r} }

// Change makes a signed count cell (比上年增减).
func Change(n int) Cell { return Cell{Kind: CellInt, Int: n, Signed: true} }

// Points makes a change of rate in tenths of a percentage point.
func Points(tenths int64) Cell { return Cell{Kind: CellPoints, Int: int(tenths), Signed: true} }

// Display is the cell as the PDF prints it; thousands adds separators
// (人次 columns). A rate shows truncated to one decimal, as store.FormatRate.
func (c Cell) Display(thousands bool) string {
	switch c.Kind {
	case CellInt:
		s := strconv.Itoa(c.Int)
		if thousands {
			s = groupThousands(c.Int)
		}
		if c.Signed && c.Int > 0 {
			s = "+" + s
		}
		return s
	case CellRate:
		return store.FormatRate(c.Rate)
	case CellPoints:
		sign := ""
		n := c.Int
		switch {
		case n > 0:
			sign = "+"
		case n < 0:
			sign, n = "-", -n
		}
		return fmt.Sprintf("%s%d.%d个百分点", sign, n/10, n%10)
	}
	return c.Text
}

// RateValue is the number an XLSX cell holds for a rate: the shown,
// truncated rate as a fraction (0.599 for 59.9%), so the sheet shows under
// format 0.0% what the PDF prints. ok is false when there is no rate.
func (c Cell) RateValue() (v float64, ok bool) {
	pm, ok := permille(c.Rate)
	if !ok {
		return 0, false
	}
	return float64(pm) / 1000, true
}

// permille reads a rate back from store.FormatRate, so the one truncation
// rule stays in store: 59.9% → 599.
func permille(r *float64) (int64, bool) {
	s := store.FormatRate(r)
	if !strings.HasSuffix(s, "%") {
		return 0, false
	}
	whole, frac, _ := strings.Cut(strings.TrimSuffix(s, "%"), ".")
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	if strings.HasPrefix(whole, "-") {
		return w*10 - f, true
	}
	return w*10 + f, true
}

func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// BarChart is a horizontal bar chart: one bar (and optionally a target) per
// item, drawn in the PDF.
type BarChart struct {
	Title  string
	Unit   string // 人, 人次
	Items  []BarItem
	Target *int // one target line for every item (互派互聘), nil for none
	// Legend names the bars without a shared target: met, short, the
	// items' own targets; empty for 完成（达标或未设目标）, 完成（未达标）, 目标.
	Legend [3]string
}

// BarItem is one bar; Target is the item's own target, if any.
type BarItem struct {
	Label  string
	Value  int
	Target *int
	Short  bool // below its target
}

// FormatDate writes a date as 报出日期 does: 2026年3月1日.
func FormatDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// Build computes the returns of a year from the database: the figures of
// the year and of the year before, and the records of the year for the
// per-school and per-major rows.
func Build(ctx context.Context, db *store.DB, year int, opts Options) (*Returns, error) {
	var cur, prev store.Dataset
	var lower *lowerUnits
	err := db.View(ctx, func(tx *store.Tx) (err error) {
		if cur, err = tx.Dataset(year); err != nil {
			return err
		}
		if prev, err = tx.Dataset(year - 1); err != nil {
			return err
		}
		if cur.Unit.Level != store.LevelCounty {
			lower, err = readLowerUnits(tx, cur, db.Ref)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	var st *handoff.Completeness
	if cur.Unit.Level != store.LevelCounty {
		if st, err = handoff.Status(ctx, db, year); err != nil {
			return nil, err
		}
	}
	if opts.Date.IsZero() {
		opts.Date = db.Now()
	}
	return build(db.Ref, cur, prev, st, lower, opts), nil
}

// readLowerUnits reads what 表12 needs beyond the records: the store's
// units[], and at a province each county's targets from its prefecture's
// file (the store lists no county there).
func readLowerUnits(tx *store.Tx, d store.Dataset, ref *refdata.Reference) (*lowerUnits, error) {
	units, err := tx.UnitsOf(d, ref)
	if err != nil {
		return nil, err
	}
	lu := &lowerUnits{Units: units, Targets: map[string][]store.Target{}}
	if d.Unit.Level != store.LevelProvince {
		return lu, nil
	}
	for _, s := range d.Schools {
		county := s.Region
		if _, done := lu.Targets[county]; done || len(county) != 6 {
			continue
		}
		if lu.Targets[county], err = tx.UnitTargets(county, d.Year); err != nil {
			return nil, err
		}
	}
	return lu, nil
}

// build lays a year's records out as the returns; st is the lower units'
// 报送情况 above county level.
func build(ref *refdata.Reference, cur, prev store.Dataset, st *handoff.Completeness, lower *lowerUnits, opts Options) *Returns {
	year, date := cur.Year, opts.Date
	b := &builder{ref: ref, d: cur, prev: prev, lower: lower}
	r := &Returns{
		DetailPDF: opts.Detail,
		Unit:      cur.Unit,
		Year:      year,
		Date:      date,
		Title:     fmt.Sprintf("%d年度%s产教融合统计报表", year, cur.Unit.Name),
		Creator:   "产教融合数据报送（chanjiao）" + store.Version,
		Figures:   cur.Compute(ref),
	}
	if len(prev.Majors)+len(prev.Secondments)+len(prev.Trainings)+len(prev.Classes) > 0 {
		r.Previous = prev.Compute(ref)
	}
	r.Authority, r.Region = authority(b, cur.Unit)
	b.r = r
	b.splitBySchool()
	r.Tables = []*Table{b.table1(), b.table2(), b.table3(), b.table4(), b.table5()}
	if st != nil {
		r.Tables = append(r.Tables, b.table6(st))
	}
	r.Tables = append(r.Tables, b.table7(), b.table8(), b.table9(), b.table10(), b.table11())
	if b.grouping {
		r.Tables = append(r.Tables, b.table12())
	}
	r.Letter = b.letter()
	r.SecondmentChart = b.secondmentChart()
	if b.grouping { // by school in the 明细 PDF, by unit in the returns
		r.DetailSecondmentChart = r.SecondmentChart
		r.SecondmentChart = b.unitSecondmentChart()
	}
	r.TrainingChart = b.trainingChart()
	return r
}

// authority is the 制表机关: what the unit set, else the name of the level
// above from the region catalogue, else a generic name.
func authority(b *builder, u store.Unit) (auth, region string) {
	if reg, ok := b.ref.Region(u.Code); ok && u.Code != "" {
		region = reg.Name
	}
	if u.Authority != "" {
		return u.Authority, region
	}
	if p := u.Parent(); p != "" {
		if reg, ok := b.ref.Region(p); ok {
			return reg.Name + "教育行政部门", region
		}
	}
	return "上级教育行政部门", region
}
