package reports_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
	"github.com/xuri/excelize/v2"

	"chanjiao/assets"
	"chanjiao/reports"
	"chanjiao/store"
	"chanjiao/store/handoff"
	"chanjiao/store/refdata"
)

// The benchmark county: 30 schools and 5,000 互派互聘 stints, built once
// per test binary in a temp folder that TestMain removes.
var (
	bigOnce sync.Once
	bigDB   *store.DB
	bigErr  error
	bigDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDB != nil {
		bigDB.Close()
	}
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

func bigCounty(b *testing.B) *store.DB {
	b.Helper()
	bigOnce.Do(func() {
		if bigDir, bigErr = os.MkdirTemp("", "chanjiao-bench-"); bigErr != nil {
			return
		}
		var ref *refdata.Reference
		if ref, bigErr = refdata.ForTests(); bigErr != nil {
			return
		}
		if bigDB, bigErr = store.Open(filepath.Join(bigDir, "big.db"), ref); bigErr != nil {
			return
		}
		bigDB.Now = func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }
		bigErr = bigDB.Update(context.Background(), fillBig)
	})
	if bigErr != nil {
		b.Fatalf("benchmark county: %v", bigErr)
	}
	return bigDB
}

const (
	bigSchools = 30
	bigStints  = 5000
)

func fillBig(tx *store.Tx) error {
	if err := tx.SetUnit(store.Unit{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty, Head: "李明华"}); err != nil {
		return err
	}
	var ents []string
	for i := 0; i < 40; i++ {
		e := store.Enterprise{CreditCode: fmt.Sprintf("91532301MA%08d", i), Name: fmt.Sprintf("楚雄第%d合作企业有限公司", i+1), Grade: []string{"", "省级"}[i%2]}
		if _, err := tx.PutEnterprise(&e); err != nil {
			return err
		}
		ents = append(ents, e.CreditCode)
	}
	majors := []string{"710201|计算机应用", "720201|护理", "700206|汽车运用与维修", "730701|电子商务", "660301|机电技术应用"}
	groups := store.TrainingGroups
	n := 0
	for s := 0; s < bigSchools; s++ {
		sc := store.School{Code: fmt.Sprintf("36530100%02d", s+1), Name: fmt.Sprintf("楚雄第%d职业技术学校", s+1), Type: "中等职业学校",
			Region: "532301", Ownership: "公办"}
		if _, err := tx.PutSchool(&sc); err != nil {
			return err
		}
		for i, cn := range majors {
			m := store.Major{SchoolCode: sc.Code, Year: 2025, Code: cn[:6], Name: cn[7:], Status: "招生", Enrolled: 100 + s + i,
				Graduates: 30 + i, Progressed: 18 + s%5, Enterprises: []string{ents[(s+i)%len(ents)]}}
			if _, err := tx.PutMajor(&m); err != nil {
				return err
			}
		}
		for i, g := range groups {
			tr := store.Training{SchoolCode: sc.Code, Name: "技能培训" + g, Category: g, Count: 100 + 7*s + i,
				Start: time.Date(2025, time.Month(2+i), 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, time.Month(2+i), 10, 0, 0, 0, 0, time.UTC)}
			if _, err := tx.PutTraining(&tr); err != nil {
				return err
			}
		}
		per := bigStints / bigSchools
		if s < bigStints%bigSchools {
			per++
		}
		for p := 0; p < per; p++ {
			n++
			st := store.Secondment{SchoolCode: sc.Code, CreditCode: ents[p%len(ents)], Name: fmt.Sprintf("人员%05d", n),
				PersonKey: fmt.Sprintf("K%05d", n), Direction: store.Directions[p%2], Post: "兼职教师",
				Start: time.Date(2025, time.Month(1+p%12), 1, 0, 0, 0, 0, time.UTC)}
			if _, err := tx.PutSecondment(&st); err != nil {
				return err
			}
		}
	}
	return tx.SetTargets(2025, append(store.DefaultTargets(2025),
		store.Target{Year: 2025, Indicator: store.IndTraining, Categories: []string{"在校学生"}, Value: 3000}))
}

// BenchmarkExport measures the whole export of the big county: Build from
// the database, then both files. Baseline writes the same cells with
// excelize's stream writer and the same grid with gofpdf directly, from the
// built values (rawStreamXLSX, rawPDF);
// the ratio Ours/Baseline is the cost of the layout.
func BenchmarkExport(b *testing.B) {
	db := bigCounty(b)
	ctx := context.Background()
	opts := reports.Options{Date: testDate}
	r, err := reports.Build(ctx, db, 2025, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Ours", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			r, err := reports.Build(ctx, db, 2025, opts)
			if err != nil {
				b.Fatal(err)
			}
			if err := reports.WritePDF(io.Discard, r); err != nil {
				b.Fatal(err)
			}
			if err := reports.WriteXLSX(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Baseline", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := rawPDF(io.Discard, r.Tables); err != nil {
				b.Fatal(err)
			}
			if err := rawStreamXLSX(io.Discard, r.Tables); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("OursBuild", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := reports.Build(ctx, db, 2025, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("OursPDF", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := reports.WritePDF(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("BaselinePDF", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := rawPDF(io.Discard, r.Tables); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("OursXLSX", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := reports.WriteXLSX(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("BaselineXLSX", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := rawStreamXLSX(io.Discard, r.Tables); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// The province of issue 14: Yunnan's 16 prefectures and their counties,
// 1,900 schools, 23,000 majors, 150,000 互派互聘 stints and 80,000
// training programmes, generated in memory.
const (
	provSchools   = 1900
	provMajors    = 23000
	provStints    = 150000
	provTrainings = 80000
	provEnts      = 4000
)

// provinceDataset is the province's year, with the 报送情况 of its
// prefectures, all sent.
func provinceDataset(tb testing.TB) (*refdata.Reference, store.Dataset, *handoff.Completeness) {
	tb.Helper()
	ref, err := refdata.ForTests()
	if err != nil {
		tb.Fatal(err)
	}
	unit := store.Unit{Code: "530000", Name: "云南省教育厅", Level: store.LevelProvince, Head: "李明华"}
	d := store.Dataset{Unit: unit, Year: 2025, Targets: store.DefaultTargets(2025)}
	st := &handoff.Completeness{Unit: unit, Year: 2025}
	var counties []refdata.Region
	for _, p := range ref.Regions("53", 4) {
		st.Units = append(st.Units, handoff.UnitStatus{Code: p.Code + "00", Name: p.Name, Sent: true, Revision: 1,
			SentAt: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC), Signature: "valid"})
		counties = append(counties, ref.Regions(p.Code, 6)...)
	}
	if len(counties) < 100 {
		tb.Fatalf("the region catalogue has %d counties in Yunnan", len(counties))
	}
	for i := 0; i < provEnts; i++ {
		d.Enterprises = append(d.Enterprises, store.Enterprise{CreditCode: fmt.Sprintf("91530000MA%08d", i), Name: fmt.Sprintf("云南第%d合作企业有限公司", i+1)})
	}
	var majors []refdata.Major
	for _, m := range ref.Majors() {
		if refdata.LevelOfCode(m.Code) == "中职" && len(majors) < 40 {
			majors = append(majors, m)
		}
	}
	for s := 0; s < provSchools; s++ {
		c := counties[s%len(counties)]
		d.Schools = append(d.Schools, store.School{Code: fmt.Sprintf("36%08d", s+1), Name: fmt.Sprintf("%s第%d职业技术学校", c.Name, s/len(counties)+1),
			Type: "中等职业学校", Region: c.Code, Ownership: "公办"})
	}
	for i := 0; i < provMajors; i++ {
		s, m := d.Schools[i%provSchools], majors[(i/provSchools+i)%len(majors)]
		d.Majors = append(d.Majors, store.Major{SchoolCode: s.Code, Year: 2025, Code: m.Code, Name: m.Name, Status: "招生",
			Enrolled: 100 + i%50, Graduates: 30 + i%7, Progressed: 18 + i%5,
			Enterprises: []string{d.Enterprises[i%provEnts].CreditCode}})
	}
	for i := 0; i < provStints; i++ {
		d.Secondments = append(d.Secondments, store.Secondment{SchoolCode: d.Schools[i%provSchools].Code, CreditCode: d.Enterprises[i%provEnts].CreditCode,
			Name: fmt.Sprintf("人员%06d", i), PersonKey: fmt.Sprintf("K%06d", i), Direction: store.Directions[i%2], Post: "兼职教师",
			Start: time.Date(2025, time.Month(1+i%12), 1, 0, 0, 0, 0, time.UTC)})
	}
	for i := 0; i < provTrainings; i++ {
		g := store.TrainingGroups[i%len(store.TrainingGroups)]
		d.Trainings = append(d.Trainings, store.Training{SchoolCode: d.Schools[i%provSchools].Code, Name: "技能培训" + g, Category: g, Count: 20 + i%40,
			Start: time.Date(2025, time.Month(1+i%12), 1, 0, 0, 0, 0, time.UTC)})
	}
	return ref, d, st
}

var pageRE = regexp.MustCompile(`/Type /Page\b[^s]`)

// BenchmarkProvinceReturns measures a province's returns, each step against
// a floor measured in the same run: excelize's stream writer with the same
// cells and nothing else, gofpdf drawing the same cells in a plain grid.
// ratio is ours ÷ floor; pages is the printed PDF's length (goal ≤ 80).
func BenchmarkProvinceReturns(b *testing.B) {
	ref, d, st := provinceDataset(b)
	opts := reports.Options{Date: testDate}
	r := reports.BuildDataset(ref, d, st, opts)
	all := append(append([]*reports.Table(nil), r.Tables...), r.Details...)
	var pdf bytes.Buffer
	if err := reports.WritePDF(&pdf, r); err != nil {
		b.Fatal(err)
	}
	pages := float64(len(pageRE.FindAll(pdf.Bytes(), -1)))
	floorXLSX := func() error { return rawStreamXLSX(io.Discard, all) }
	floorPDF := func() error { return rawPDF(io.Discard, r.Tables) }
	floorDetail := func() error { return rawPDF(io.Discard, r.Details) }

	b.Run("Build", func(b *testing.B) {
		for b.Loop() {
			reports.BuildDataset(ref, d, st, opts)
		}
	})
	b.Run("PDF", func(b *testing.B) {
		for b.Loop() {
			if err := reports.WritePDF(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
		reportFloor(b, floorPDF)
		b.ReportMetric(pages, "pages")
	})
	b.Run("XLSX", func(b *testing.B) {
		for b.Loop() {
			if err := reports.WriteXLSX(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
		reportFloor(b, floorXLSX)
	})
	b.Run("DetailPDF", func(b *testing.B) {
		for b.Loop() {
			if err := reports.WriteDetailPDF(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
		reportFloor(b, floorDetail)
	})
	// the goal of issue 14: build, PDF and XLSX of a province in ≤ 3 s
	b.Run("BuildPDFXLSX", func(b *testing.B) {
		for b.Loop() {
			r := reports.BuildDataset(ref, d, st, opts)
			if err := reports.WritePDF(io.Discard, r); err != nil {
				b.Fatal(err)
			}
			if err := reports.WriteXLSX(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
		reportFloor(b, func() error { return errorsJoin(floorPDF(), floorXLSX()) })
		b.ReportMetric(pages, "pages")
	})
}

func errorsJoin(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// reportFloor times floor as often as the benchmark ran (at least 3 times)
// and reports ours ÷ floor, and the floor itself.
func reportFloor(b *testing.B, floor func() error) {
	b.Helper()
	ours := b.Elapsed().Seconds() / float64(b.N)
	b.StopTimer()
	n := max(3, b.N)
	start := time.Now()
	for i := 0; i < n; i++ {
		if err := floor(); err != nil {
			b.Fatal(err)
		}
	}
	f := time.Since(start).Seconds() / float64(n)
	b.ReportMetric(f*1000, "floor-ms")
	b.ReportMetric(ours/f, "ratio")
}

// rawStreamXLSX writes the tables' cells, one sheet each, with excelize's
// stream writer and nothing else: no styles, merges or print set-up.
func rawStreamXLSX(w io.Writer, tables []*reports.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, t := range tables {
		name := t.SheetName()
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		row := 1
		for _, p := range t.Parts {
			header := make([]any, len(p.Columns))
			for c, col := range p.Columns {
				header[c] = col.Header
			}
			if err := sw.SetRow(cellRef(row), header); err != nil {
				return err
			}
			row++
			for _, rw := range p.Rows {
				vals := make([]any, len(rw.Cells))
				for c, cell := range rw.Cells {
					vals[c] = rawCell(cell)
				}
				if err := sw.SetRow(cellRef(row), vals); err != nil {
					return err
				}
				row++
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

func cellRef(row int) string { s, _ := excelize.CoordinatesToCellName(1, row); return s }

func rawCell(c reports.Cell) any {
	switch c.Kind {
	case reports.CellInt, reports.CellPoints:
		return c.Int
	case reports.CellRate:
		if v, ok := c.RateValue(); ok {
			return v
		}
	}
	return c.Text
}

// rawPDF draws the tables' cells with gofpdf in a plain bordered grid, one
// line per cell, the header on each landscape page, the same font.
func rawPDF(w io.Writer, tables []*reports.Table) error {
	pdf := gofpdf.New("L", "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes("f", "", assets.Font)
	pdf.SetFont("f", "", 9)
	for _, t := range tables {
		for _, p := range t.Parts {
			cw := 225.0 / float64(len(p.Columns))
			y := 200.0
			for _, rw := range p.Rows {
				if y+7 > 184 {
					pdf.AddPage()
					y = 28
					pdf.SetXY(37, y)
					for _, col := range p.Columns {
						pdf.CellFormat(cw, 7, col.Header, "1", 0, "C", false, 0, "")
					}
					y += 7
				}
				pdf.SetXY(37, y)
				for c, cell := range rw.Cells {
					pdf.CellFormat(cw, 7, cell.Display(p.Columns[c].Thousands), "1", 0, "C", false, 0, "")
				}
				y += 7
			}
		}
	}
	return pdf.Output(w)
}
