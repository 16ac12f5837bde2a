package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two counties send their data files to the prefecture on a "USB stick"; the
// prefecture's figures are the counties' summed, with rates pooled.
func TestCountiesToPrefecture(t *testing.T) {
	c := newCLI(t).withRefData()
	dir := t.TempDir()
	usb := filepath.Join(dir, "U盘 F")
	if err := os.Mkdir(usb, 0o755); err != nil {
		t.Fatal(err)
	}
	chuxiong, mouding, zhou := filepath.Join(dir, "chuxiong.db"), filepath.Join(dir, "mouding.db"), filepath.Join(dir, "zhou.db")
	const year = "2025"

	c.ok("--db", chuxiong, "init", "--unit", "532301", "--name", "楚雄市教育体育局")
	c.ok("--db", chuxiong, "demo")
	c.ok("--db", mouding, "init", "--unit", "532323", "--name", "牟定县")
	c.ok("--db", mouding, "import", examplePath(t))
	c.ok("--db", zhou, "init", "--unit", "532300", "--name", "楚雄州教育体育局", "--level", "prefecture")

	out := c.ok("--db", chuxiong, "bundle", "export", "--year", year, "--out", usb).stdout
	if !strings.Contains(out, "第 1 版") {
		t.Fatalf("bundle export: %s", out)
	}
	c.ok("--db", mouding, "bundle", "export", "--year", year, "--out", usb)
	files, _ := filepath.Glob(filepath.Join(usb, "*.cjrh"))
	if len(files) != 2 || !strings.Contains(strings.Join(files, " "), "532323_牟定县_2025_第1版.cjrh") {
		t.Fatalf("files on the stick: %v", files)
	}

	// without confirming the keys nothing is taken
	r := c.expect(1, append([]string{"--db", zhou, "bundle", "import"}, files...)...)
	if !strings.Contains(r.stderr, "密钥指纹") {
		t.Fatalf("unconfirmed: %s", r)
	}
	c.ok(append([]string{"--db", zhou, "bundle", "import", "--trust"}, files...)...)

	var counties []map[string]any
	for _, db := range []string{chuxiong, mouding} {
		counties = append(counties, decode(t, c.ok("--db", db, "check", "--year", year, "--json").stdout))
	}
	pref := decode(t, c.ok("--db", zhou, "check", "--year", year, "--json").stdout)
	units, _ := pref["units"].([]any)
	if len(units) != 2 {
		t.Fatalf("prefecture holds %d units, want 2", len(units))
	}
	sum := func(path ...any) float64 {
		total := 0.0
		for _, doc := range counties {
			total += at(t, doc, path...).(float64)
		}
		return total
	}
	for _, path := range [][]any{
		{"secondment_schools_met"}, {"secondment_schools_assessed"}, {"training", "total"},
		{"training", "在校学生", "count"}, {"training", "农村劳动力", "count"},
		{"progression", "graduates"}, {"progression", "progressed"}, {"order_class_students"},
	} {
		if got, want := at(t, pref, path...).(float64), sum(path...); got != want {
			t.Errorf("prefecture %v = %v, want the counties' sum %v", path, got, want)
		}
	}
	if got, want := len(pref["schools"].([]any)), len(counties[0]["schools"].([]any))+len(counties[1]["schools"].([]any)); got != want {
		t.Errorf("prefecture lists %d schools, want %d", got, want)
	}
	pooled := sum("progression", "progressed") / sum("progression", "graduates")
	if got := at(t, pref, "progression", "rate").(float64); got != pooled {
		t.Errorf("pooled rate %v, want %v (never an average)", got, pooled)
	}
	for i, u := range units {
		um := u.(map[string]any)
		for _, path := range [][]any{{"secondment_schools_met"}, {"training", "total"}, {"progression", "rate"}} {
			if got, want := at(t, um, path...), at(t, counties[i], path...); got != want {
				t.Errorf("unit %v %v = %v, the county says %v", um["unit"], path, got, want)
			}
		}
	}

	// 报送情况: the roster of 楚雄州's 10 counties, two of them sent
	var status []map[string]any
	if err := json.Unmarshal([]byte(c.ok("--db", zhou, "status", "--year", year, "--json").stdout), &status); err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, s := range status {
		if s["sent"] == true {
			sent++
			if s["revision"].(float64) != 1 || s["signature"] != "valid" || s["sent_at"] == nil {
				t.Errorf("sent unit: %v", s)
			}
		} else if s["revision"] != nil || s["signature"] != nil {
			t.Errorf("unsent unit: %v", s)
		}
	}
	if len(status) != 10 || sent != 2 {
		t.Fatalf("status: %d units, %d sent: %v", len(status), sent, status)
	}
	if out := c.ok("--db", zhou, "status", "--year", year).stdout; !strings.Contains(out, "催报") || !strings.Contains(out, "双柏县") {
		t.Errorf("status text lacks the 催报 list: %s", out)
	}

	// the same files again change nothing
	before := c.ok("--db", zhou, "check", "--year", year, "--json").stdout
	c.ok(append([]string{"--db", zhou, "bundle", "import"}, files...)...)
	if after := c.ok("--db", zhou, "check", "--year", year, "--json").stdout; after != before {
		t.Error("re-importing the same files changed the figures")
	}
}
