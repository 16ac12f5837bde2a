package refdata

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// head returns the first n lines of a file of ../shared/data, or "" when the
// data is not there.
func head(name string, n int) string {
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", name))
	if err != nil {
		return ""
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for i := 0; i < n && sc.Scan(); i++ {
		b.WriteString(sc.Text())
		b.WriteString("\n")
	}
	return b.String()
}

// FuzzLoad feeds arbitrary CSV text to Load as the four reference files: it
// must load or refuse, never panic, and what it loads must be consistent.
func FuzzLoad(f *testing.F) {
	f.Add(head(majorsFile, 30), head(provincesFile, 5), head(citiesFile, 5), head(areasFile, 5))
	f.Add("h\n1,2,3,4,5,610201K,名,8\n", "code,name\n53,云南省\n", "code,name,parent\n5323,楚雄州,53\n", "code,name,parent\n532323,牟定县,5323\n")
	f.Add("h\n\"unterminated,1\n", "", "", "")
	f.Add("", "\ufeffcode,name\n", "a\n", "b\n")
	f.Fuzz(func(t *testing.T, majors, provinces, cities, areas string) {
		fsys := fstest.MapFS{
			majorsFile:    {Data: []byte(majors)},
			provincesFile: {Data: []byte(provinces)},
			citiesFile:    {Data: []byte(cities)},
			areasFile:     {Data: []byte(areas)},
		}
		ref, err := Load(fsys)
		if err != nil {
			if ref != nil {
				t.Fatalf("error %v with a result", err)
			}
			return
		}
		if ref.Missing {
			t.Fatal("Missing set though the files are there")
		}
		for _, m := range ref.Majors() {
			got, ok := ref.Major(m.Code)
			if !ok || got != m {
				t.Fatalf("Major(%q) = %+v, %v; want %+v", m.Code, got, ok, m)
			}
			switch l := LevelOfCode(m.Code); l { // a fuzzed catalogue may hold any code
			case "", "中职", "高职专科", "职业本科":
			default:
				t.Fatalf("major %q: level %q", m.Code, l)
			}
		}
		for _, l := range []int{2, 4, 6} {
			for _, r := range ref.Regions("", l) {
				if got, ok := ref.Region(r.Code); !ok || got.Code != r.Code {
					t.Fatalf("Region(%q) = %+v, %v", r.Code, got, ok)
				}
			}
		}
	})
}
