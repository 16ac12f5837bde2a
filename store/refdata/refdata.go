// Package refdata reads the reference lists the records are checked against:
// the 2021 职业教育专业目录 and the national region codes (GB/T 2260).
package refdata

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"chanjiao/assets"
)

// Major is one entry of the 专业目录.
type Major struct {
	Level    string // 中职, 高职专科, 职业本科
	Category string // 大类名称
	Class    string // 专业类名称
	Code     string // as the catalogue writes it, with K where it has one
	Name     string
}

// Region is one administrative division. Code is the catalogue's own form:
// 2 digits for a province, 4 for a prefecture, 6 for a county.
type Region struct {
	Code   string
	Name   string
	Parent string // the code of the level above; empty for a province
}

// Reference holds the loaded lists. Missing is true when the build carried no
// data: codes are then accepted as free text and the program warns about it.
type Reference struct {
	Missing bool
	majors  map[string]Major // keyed by the six digits
	order   []string
	regions map[string]Region
}

const (
	majorsFile    = "vocational-majors-2021.csv"
	provincesFile = "regions-provinces.csv"
	citiesFile    = "regions-cities.csv"
	areasFile     = "regions-areas.csv"
)

// Load reads the CSV files from fsys. A folder without them gives a Reference
// with Missing set, not an error; a malformed file is an error.
func Load(fsys fs.FS) (*Reference, error) {
	ref := &Reference{majors: map[string]Major{}, regions: map[string]Region{}}
	if _, err := fs.Stat(fsys, majorsFile); errors.Is(err, fs.ErrNotExist) {
		ref.Missing = true
		return ref, nil
	}
	err := readCSV(fsys, majorsFile, 8, func(r []string) {
		m := Major{Level: r[0], Category: r[2], Class: r[4], Code: r[5], Name: r[6]}
		six := strings.TrimSuffix(m.Code, "K")
		ref.majors[six] = m
		ref.order = append(ref.order, six)
	})
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name   string
		parent int // column of the parent code, -1 for none
	}{{provincesFile, -1}, {citiesFile, 2}, {areasFile, 2}} {
		err := readCSV(fsys, f.name, 2, func(r []string) {
			reg := Region{Code: r[0], Name: r[1]}
			if f.parent >= 0 && f.parent < len(r) {
				reg.Parent = r[f.parent]
			}
			ref.regions[reg.Code] = reg
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(ref.order)
	return ref, nil
}

func readCSV(fsys fs.FS, name string, minCols int, row func([]string)) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	if _, err := r.Read(); err != nil { // header
		return fmt.Errorf("%s: %w", name, err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if len(rec) < minCols {
			return fmt.Errorf("%s: line with %d columns, want %d", name, len(rec), minCols)
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		row(rec)
	}
}

var (
	embeddedOnce sync.Once
	embeddedRef  *Reference
)

// Embedded returns the reference data built into the binary.
func Embedded() *Reference {
	embeddedOnce.Do(func() {
		ref, err := Load(assets.Data())
		if err != nil {
			ref = &Reference{Missing: true}
		}
		embeddedRef = ref
	})
	return embeddedRef
}

// ForTests loads ../shared/data relative to the repository root (the folder
// holding go.mod), wherever the test runs from.
func ForTests() (*Reference, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	ref, err := Load(os.DirFS(data))
	if err == nil && ref.Missing {
		err = fmt.Errorf("no reference data in %s", data)
	}
	return ref, err
}

// Major looks a major up by its six digits (a trailing K is ignored).
func (r *Reference) Major(code string) (Major, bool) {
	if r == nil {
		return Major{}, false
	}
	m, ok := r.majors[strings.TrimSuffix(code, "K")]
	return m, ok
}

// Majors returns the catalogue in code order.
func (r *Reference) Majors() []Major {
	if r == nil {
		return nil
	}
	out := make([]Major, len(r.order))
	for i, c := range r.order {
		out[i] = r.majors[c]
	}
	return out
}

// Region looks a region up by its code in the catalogue's form (2, 4 or 6
// digits); a 6-digit code ending in 00 or 0000 also finds the prefecture or
// province.
func (r *Reference) Region(code string) (Region, bool) {
	if r == nil {
		return Region{}, false
	}
	if reg, ok := r.regions[code]; ok {
		return reg, true
	}
	if len(code) == 6 && strings.HasSuffix(code, "0000") {
		reg, ok := r.regions[code[:2]]
		return reg, ok
	}
	if len(code) == 6 && strings.HasSuffix(code, "00") {
		reg, ok := r.regions[code[:4]]
		return reg, ok
	}
	return Region{}, false
}

// Regions returns every region whose code starts with prefix and has the
// given length (2, 4 or 6), in code order.
func (r *Reference) Regions(prefix string, length int) []Region {
	if r == nil {
		return nil
	}
	var out []Region
	for code, reg := range r.regions {
		if len(code) == length && strings.HasPrefix(code, prefix) {
			out = append(out, reg)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// LevelOfCode gives the level a major code belongs to from its first two
// digits: 中职 61–79, 高职专科 41–59, 职业本科 21–39; "" when none.
func LevelOfCode(code string) string {
	if len(code) < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' {
		return ""
	}
	n := int(code[0]-'0')*10 + int(code[1]-'0')
	switch {
	case n >= 61 && n <= 79:
		return "中职"
	case n >= 41 && n <= 59:
		return "高职专科"
	case n >= 21 && n <= 39:
		return "职业本科"
	}
	return ""
}
