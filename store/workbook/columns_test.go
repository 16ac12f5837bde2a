package workbook

import (
	"strings"
	"testing"
)

// The column table is the one declaration the reader, the writer and the
// template follow: every column a template offers has a rule, a column with a
// fixed list names each choice in its rule (so the 填表说明 cannot drift from
// the dropdown), and the school's own code is offered only where a row names
// its school.
func TestColumnTableIsComplete(t *testing.T) {
	for _, s := range Sheets {
		seen := map[string]bool{}
		for _, c := range s.Columns {
			where := s.Name + " " + c.Header
			if seen[c.Header] {
				t.Errorf("%s: declared twice", where)
			}
			seen[c.Header] = true
			if offered(c) && c.rule == "" {
				t.Errorf("%s: a template offers it but it has no rule", where)
			}
			for _, choice := range c.choices {
				if !strings.Contains(c.rule, choice) {
					t.Errorf("%s: the rule %q does not name the choice %q", where, c.rule, choice)
				}
			}
			if c.list == ownSchool && !c.school {
				t.Errorf("%s: offers the school's own code but does not name a row's school", where)
			}
			if c.choices != nil && c.list != noList {
				t.Errorf("%s: has both a fixed list and a template list", where)
			}
			if c.kind != text && c.kind != code && c.kind != items && (c.choices != nil || c.list != noList) {
				t.Errorf("%s: a dropdown on a column of numbers or dates", where)
			}
		}
	}
	if got := (Column{rule: "本表为 {年度} 年度，填 {年度}。"}).ruleFor(2025); got != "本表为 2025 年度，填 2025。" {
		t.Errorf("ruleFor = %q", got)
	}
}
