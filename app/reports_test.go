package app

import (
	"fmt"
	"strings"
	"testing"
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
