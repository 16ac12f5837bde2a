package store

// assessment gives, for every target of the year, what was done against it
// (measures.md's `assessment` list), in the order SortTargets gives.
func assessment(f *Figures, d Dataset) []Assessed {
	targets := append([]Target(nil), d.Targets...)
	SortTargets(targets)
	out := []Assessed{}
	for _, t := range targets {
		a := Assessed{Indicator: t.Indicator, Target: t.Value}
		if cat := t.Category(); cat != "" {
			a.Category = &cat
		}
		switch t.Indicator {
		case IndSecondment:
			of := f.SecondmentSchoolsAssessed
			done := f.SecondmentSchoolsMet
			a.Of = &of
			a.Done, a.Met = number(done), boolPtr(done >= of)
		case IndTraining:
			n := 0
			for _, c := range t.Categories {
				n += f.Training.ByCategory[c].Count
			}
			a.countMet(n)
		case IndProgression:
			a.Done, a.Met = f.Progression.Rate, f.Progression.Met
		case IndCoverage:
			a.Done, a.Met = f.Coverage.Rate, f.Coverage.Met
		case IndAgreements:
			a.Done, a.Met = f.Agreements.Rate, f.Agreements.Met
		case IndCarriers:
			a.countMet(carriersAtOrAbove(f.Carriers, t.Category()))
		case IndIntegrated:
			a.countMet(integratedAtOrAbove(d, t.Category()))
		case IndQualitySchool:
			n := 0
			for _, s := range d.Schools {
				if s.Assessed(d.Year) && AtOrAbove(s.Quality, t.Category()) {
					n++
				}
			}
			a.countMet(n)
		case IndQualityMajor:
			n := 0
			for _, m := range d.Majors {
				if AtOrAbove(m.Quality, t.Category()) {
					n++
				}
			}
			a.countMet(n)
		case IndOrderClasses:
			n := 0
			for _, typ := range OrderClassTypes {
				n += f.Classes[typ].Classes
			}
			a.countMet(n)
		case IndApprentices:
			a.countMet(f.Classes[ClassApprentice].Students)
		case IndDualQualified:
			a.Done, a.Met = f.Teachers.Rate, f.Teachers.Met
		case IndPractice:
			a.countMet(f.EnterprisePractice)
		case IndAwards:
			n := 0
			for _, c := range f.Awards {
				if AtOrAbove(c.Level, t.Category()) {
					n += c.Count
				}
			}
			a.countMet(n)
		case IndActivities:
			held := 0
			for _, h := range ActivityPeriodsHeld(d.Activities, t.Category(), d.Year, int(t.Value)) {
				if h {
					held++
				}
			}
			a.countMet(held)
		default:
			continue // an indicator this program does not count
		}
		out = append(out, a)
	}
	return out
}

// countMet sets a count's done and whether it reached the target.
func (a *Assessed) countMet(n int) {
	a.Done, a.Met = number(n), boolPtr(float64(n) >= a.Target)
}

// carriersAtOrAbove counts the carriers of category's type ("载体类型/级别")
// counted at its level or above.
func carriersAtOrAbove(cs []CarrierCount, category string) int {
	typ, grade := splitCarrierCategory(category)
	n := 0
	for _, c := range cs {
		if c.Type == typ && AtOrAbove(c.Level, grade) {
			n += c.Count
		}
	}
	return n
}

// integratedAtOrAbove counts the partner enterprises of the year whose
// 产教融合型企业等级 is at grade or above.
func integratedAtOrAbove(d Dataset, grade string) int {
	linked := d.LinkedCodes()
	n := 0
	for _, e := range d.Enterprises {
		if linked[e.CreditCode] && AtOrAbove(e.Grade, grade) {
			n++
		}
	}
	return n
}

func number(n int) *float64 { v := float64(n); return &v }
func boolPtr(b bool) *bool  { return &b }
