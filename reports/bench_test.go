package reports_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
	"github.com/xuri/excelize/v2"

	"chanjiao/assets"
	"chanjiao/reports"
	"chanjiao/store"
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
				Graduates: 30 + i, Progressed: 18 + s%5, OrderClass: 10 * i, Enterprises: []string{ents[(s+i)%len(ents)]}}
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
// excelize and the same grid with gofpdf directly, from the built values;
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
			if err := baselinePDF(io.Discard, r); err != nil {
				b.Fatal(err)
			}
			if err := baselineXLSX(io.Discard, r); err != nil {
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
			if err := baselinePDF(io.Discard, r); err != nil {
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
			if err := baselineXLSX(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// baselineXLSX writes the same cells, one sheet per table, with nothing else.
func baselineXLSX(w io.Writer, r *reports.Returns) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, t := range r.Tables {
		name := t.SheetName()
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		row := 1
		for _, p := range t.Parts {
			for c, col := range p.Columns {
				axis, _ := excelize.CoordinatesToCellName(c+1, row)
				f.SetCellValue(name, axis, col.Header)
			}
			row++
			for _, rw := range p.Rows {
				for c, cell := range rw.Cells {
					axis, _ := excelize.CoordinatesToCellName(c+1, row)
					var v any = cell.Text
					switch cell.Kind {
					case reports.CellInt, reports.CellPoints:
						v = cell.Int
					case reports.CellRate:
						if x, ok := cell.RateValue(); ok {
							v = x
						}
					}
					if err := f.SetCellValue(name, axis, v); err != nil {
						return err
					}
				}
				row++
			}
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// baselinePDF draws the same grid, bordered cells with the same font, a
// fixed number of rows per landscape page.
func baselinePDF(w io.Writer, r *reports.Returns) error {
	pdf := gofpdf.New("L", "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes("f", "", assets.Font)
	pdf.SetFont("f", "", 9)
	for _, t := range r.Tables {
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
