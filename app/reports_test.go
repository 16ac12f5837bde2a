package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"chanjiao/store"
)

func TestReportsFigures(t *testing.T) {
	a := newTestApp(t, true)
	a.show("报表")
	var all []string
	for _, r := range a.reports.rows {
		all = append(all, strings.Join(r[:], "|"))
	}
	text := strings.Join(all, "\n")
	f := a.home.figs
	mustContain(t, text, fmt.Sprintf("达标学校数|%d / %d 所", f.SecondmentSchoolsMet, f.SecondmentSchoolsAssessed))
	mustContain(t, text, fmt.Sprintf("培训人次合计|%d 人次", f.Training.Total))
	mustContain(t, text, "中职升学率|")
	mustContain(t, text, "楚雄市第一中学|")
	mustContain(t, text, "|不考核")
}

// A large county: 5,000 stints. Search on each keystroke and a sort must
// stay well under what a clerk notices (100 ms).
func TestLargeTableStaysFast(t *testing.T) {
	a := newTestApp(t, true)
	a.show("互派互聘")
	s := a.secondments
	base := s.tbl.all[0]
	recs := make([]store.Secondment, 5000)
	for i := range recs {
		r := base
		r.ID = int64(i + 1)
		r.Name = fmt.Sprintf("人员%04d", i)
		recs[i] = r
	}
	s.tbl.set(recs, s.same, nil)
	start := time.Now()
	test.Type(s.tbl.search, "人员12")
	perKey := time.Since(start) / 4
	if len(s.tbl.view) != 100 {
		t.Fatalf("search shows %d", len(s.tbl.view))
	}
	start = time.Now()
	s.tbl.sortBy(2)
	sortTime := time.Since(start)
	typeInto(s.tbl.search, "")
	start = time.Now()
	s.tbl.sortBy(2)
	fullSort := time.Since(start)
	t.Logf("5000 rows: %v per keystroke, sort of 100 %v, sort of 5000 %v", perKey, sortTime, fullSort)
	if perKey > 100*time.Millisecond || fullSort > 300*time.Millisecond {
		t.Fatalf("too slow: %v per keystroke, %v sort", perKey, fullSort)
	}
}
