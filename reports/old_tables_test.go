package reports_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chanjiao/reports"
	"chanjiao/store"
)

// plainCounty is a county with the records the returns had before
// agreements, classes and carriers: two schools with majors, stints and
// trainings, the default targets.
func plainCounty(t *testing.T) *reports.Returns {
	db := unitDBWith(t, store.Unit{Code: "532322", Name: "双柏县教育体育局", Level: store.LevelCounty, Head: "王芳"}, []testSchool{
		{"3653220001", "双柏县职业高级中学", "532322", 12, 80},
		{"3653220002", "双柏县民族职业技术学校", "532322", 6, 50},
	}, false)
	return build(t, db, 2025)
}

// oldTablesGolden holds the text of 表1–表5's pages of plainCounty's PDF as
// the returns printed it before 表7 and 表8 were added. After a deliberate
// change to those tables, CHANJIAO_UPDATE_GOLDEN=1 rewrites it.
const oldTablesGolden = "testdata/old_tables.txt"

// TestOldTablesUnchanged: a county without agreements, classes or
// carriers prints 表1–表5 on the same pages, word for word, as before 表7
// and 表8 came. The PDF's bytes do change: the letter lists two more
// attachments and the font subset holds the new tables' characters.
func TestOldTablesUnchanged(t *testing.T) {
	r := plainCounty(t)
	pages := pdfText(t, pdfBytes(t, r))
	var old []string
	for _, p := range pages[1:] { // after the letter
		if strings.Contains(squeeze(p), "表7校企合作协议与订单班情况") {
			break
		}
		old = append(old, p)
	}
	got := strings.Join(old, "\f")
	if os.Getenv("CHANJIAO_UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll(filepath.Dir(oldTablesGolden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(oldTablesGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(oldTablesGolden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("表1–表5 print differently from %s:\n%s", oldTablesGolden, got)
	}
}
