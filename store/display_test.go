package store

import "testing"

// The window, the CLI and the returns all show these; one rule each.
func TestDisplayTexts(t *testing.T) {
	yes, no := true, false
	for _, c := range []struct {
		met  *bool
		want string
	}{{nil, "—"}, {&yes, "达标"}, {&no, "未达标"}} {
		if got := MetText(c.met); got != c.want {
			t.Errorf("MetText(%v) = %q, want %q", c.met, got, c.want)
		}
	}
	q := map[string]int{"州市级": 2, "省级": 3, "国家级": 0}
	if got := QualityText(q, "所"); got != "省级 3 所，州市级 2 所" {
		t.Errorf("QualityText with unit = %q", got)
	}
	if got := QualityText(q, ""); got != "省级3，州市级2" {
		t.Errorf("QualityText without unit = %q", got)
	}
	if got := QualityText(nil, "所"); got != "" {
		t.Errorf("QualityText(nil) = %q, want empty", got)
	}
	r := 0.5996 // shown as 59.9%, never rounded up to a target it missed
	if got := FormatRate(&r); got != "59.9%" {
		t.Errorf("FormatRate(0.5996) = %q", got)
	}
}

func TestFigureDecisions(t *testing.T) {
	ten := 10
	c := CategoryCount{Count: 9, Target: &ten}
	if m := c.Met(); m == nil || *m {
		t.Errorf("9 of 10 met = %v", m)
	}
	c.Count = 10
	if m := c.Met(); m == nil || !*m {
		t.Errorf("10 of 10 met = %v", m)
	}
	if m := (CategoryCount{Count: 5}).Met(); m != nil {
		t.Errorf("no target: met = %v, want nil", *m)
	}
	f := &Figures{SecondmentSchoolsMet: 3, SecondmentSchoolsAssessed: 4, Schools: []SchoolFigures{
		{Assessed: false, Secondments: SecondmentFigures{}},
		{Assessed: true, Secondments: SecondmentFigures{Target: &ten}},
	}}
	if f.AllSchoolsMet() {
		t.Error("3 of 4 schools: AllSchoolsMet")
	}
	if n, ok := f.SecondmentTarget(); !ok || n != 10 {
		t.Errorf("SecondmentTarget = %d, %v", n, ok)
	}
	if _, ok := (&Figures{}).SecondmentTarget(); ok {
		t.Error("no schools: a target")
	}
}

func TestLevelNames(t *testing.T) {
	names := LevelNames()
	if len(names) != 3 || names[0] != "县级" || names[2] != "省级" {
		t.Fatalf("LevelNames = %v", names)
	}
	for _, l := range Levels {
		if got := LevelOfName(LevelName(l)); got != l {
			t.Errorf("LevelOfName(LevelName(%q)) = %q", l, got)
		}
	}
	if LevelOfName("乡级") != "" || LevelName("town") != "town" {
		t.Error("unknown level mapped")
	}
}
