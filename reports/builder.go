package reports

import (
	"fmt"
	"runtime"
	"sort"
	"sync"

	"chanjiao/store"
	"chanjiao/store/refdata"
)

// builder lays the figures out as tables. Per-school and per-group figures
// are the store's own computation (Dataset.Compute) over that school's or
// group's records, so a row and its 合计 come from the same code.
type builder struct {
	ref *refdata.Reference
	d   store.Dataset
	r   *Returns
	// prev is the year before, and prevAssessed its records assessed
	// against this year's targets (表5's 上年), once asked for
	prev         store.Dataset
	prevAssessed []store.Assessed

	schools map[string]store.School
	majors  map[string][]store.Major
	stints  map[string][]store.Secondment
	trains  map[string][]store.Training
	classes map[string][]store.Class
	agrees  map[string][]store.Agreement
	staff   map[string][]store.Teachers // a school's 师资 row of the year
	awards  map[string][]store.Award
	// orderClass is each major's 订单班人数, by Major.Key()
	orderClass map[string]int
	figures    map[string]*store.Figures // per school code
	sfs        map[string]store.SchoolFigures
	groups     []group
	unitRows   []unit         // the short tables' rows above county level
	entIndex   map[string]int // credit code → index in d.Enterprises
	subsets    map[string]*store.Figures
	grouping   bool // a prefecture or province: rows grouped with 小计
	// lower is the store's figures of the lower units (表12, 表4), nil at a
	// county; assessed12 their rows, once worked out
	lower      *lowerUnits
	assessed12 []assessRow
}

// group is a lower unit's schools (a county's, at a prefecture).
type group struct {
	code, name string
	schools    []string // codes, in the order of Figures.Schools
	figures    *store.Figures
}

func (b *builder) splitBySchool() {
	b.schools = map[string]store.School{}
	b.majors = map[string][]store.Major{}
	b.stints = map[string][]store.Secondment{}
	b.trains = map[string][]store.Training{}
	b.classes = map[string][]store.Class{}
	b.agrees = map[string][]store.Agreement{}
	b.staff = map[string][]store.Teachers{}
	b.awards = map[string][]store.Award{}
	b.orderClass = b.d.OrderClassStudents()
	b.figures = map[string]*store.Figures{}
	b.subsets = map[string]*store.Figures{}
	b.sfs = map[string]store.SchoolFigures{}
	for _, sf := range b.r.Figures.Schools {
		if _, dup := b.sfs[sf.Code]; !dup {
			b.sfs[sf.Code] = sf
		}
	}
	for _, s := range b.d.Schools {
		b.schools[s.Code] = s
	}
	for _, m := range b.d.Majors {
		b.majors[m.SchoolCode] = append(b.majors[m.SchoolCode], m)
	}
	for _, s := range b.d.Secondments {
		b.stints[s.SchoolCode] = append(b.stints[s.SchoolCode], s)
	}
	for _, t := range b.d.Trainings {
		b.trains[t.SchoolCode] = append(b.trains[t.SchoolCode], t)
	}
	for _, c := range b.d.Classes {
		b.classes[c.SchoolCode] = append(b.classes[c.SchoolCode], c)
	}
	for _, a := range b.d.Agreements {
		b.agrees[a.SchoolCode] = append(b.agrees[a.SchoolCode], a)
	}
	for _, t := range b.d.Teachers {
		b.staff[t.SchoolCode] = append(b.staff[t.SchoolCode], t)
	}
	for _, a := range b.d.Awards {
		b.awards[a.SchoolCode] = append(b.awards[a.SchoolCode], a)
	}
	b.indexEnterprises()
	b.grouping = b.d.Unit.Level != store.LevelCounty
	b.precompute()
	for _, s := range b.d.Schools {
		b.figures[s.Code] = b.subset([]string{s.Code}, true)
	}
	if !b.grouping {
		b.groups = []group{{figures: b.r.Figures}}
		for _, sf := range b.r.Figures.Schools {
			b.groups[0].schools = append(b.groups[0].schools, sf.Code)
		}
		return
	}
	for _, g := range b.lowerUnits() {
		g.figures = b.subset(g.schools, true)
		b.groups = append(b.groups, g)
	}
}

// lowerUnits are the units one level down with their schools, in code
// order; their figures are left to the caller.
func (b *builder) lowerUnits() []group {
	byCode := map[string]*group{}
	var order []string
	for _, sf := range b.r.Figures.Schools {
		code := b.lowerUnit(b.schools[sf.Code].Region)
		g := byCode[code]
		if g == nil {
			g = &group{code: code, name: code}
			if reg, ok := b.ref.Region(code); ok {
				g.name = reg.Name
			}
			byCode[code] = g
			order = append(order, code)
		}
		g.schools = append(g.schools, sf.Code)
	}
	sort.Strings(order)
	out := make([]group, len(order))
	for i, code := range order {
		out[i] = *byCode[code]
	}
	return out
}

// precompute works out, on every core, the figures the tables will ask
// for: each school's, and above county level each lower unit's (and at a
// province each county's), with all records and with the majors alone. A
// province has 1,900 schools and 145 units, each computed over its records.
func (b *builder) precompute() {
	type set struct {
		codes  []string
		all    bool
		county *group // at a province, a county's assessment for 表12
	}
	var sets []set
	for _, s := range b.d.Schools {
		sets = append(sets, set{[]string{s.Code}, true, nil})
	}
	if b.grouping {
		for _, g := range b.lowerUnits() {
			sets = append(sets, set{g.schools, true, nil}, set{g.schools, false, nil})
			if b.d.Unit.Level != store.LevelProvince {
				continue
			}
			for _, c := range b.counties(g.schools) {
				sets = append(sets, set{c.schools, true, nil}, set{c.schools, false, nil}, set{county: &c})
			}
		}
		sets = append(sets, set{b.allSchools(), false, nil})
	}
	out := make([]*store.Figures, len(sets))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				if c := sets[i].county; c != nil {
					out[i] = b.countyFigures(*c)
					continue
				}
				out[i] = b.compute(sets[i].codes, sets[i].all)
			}
		})
	}
	for i := range sets {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, s := range sets {
		key := subsetKey(s.codes, s.all)
		if s.county != nil {
			key = assessedKey(s.county.code)
		}
		b.subsets[key] = out[i]
	}
}

// counties splits a prefecture's schools by county (the school's region),
// in code order.
func (b *builder) counties(schools []string) []group {
	byCounty := map[string][]string{}
	var codes []string
	for _, code := range schools {
		county := b.schools[code].Region
		if _, seen := byCounty[county]; !seen {
			codes = append(codes, county)
		}
		byCounty[county] = append(byCounty[county], code)
	}
	sort.Strings(codes)
	out := make([]group, len(codes))
	for i, c := range codes {
		out[i] = group{code: c, name: b.regionName(c), schools: byCounty[c]}
	}
	return out
}

// lowerUnit is the unit one level below this one that a region belongs to:
// the county at a prefecture, the prefecture at a province.
func (b *builder) lowerUnit(region string) string {
	if len(region) != 6 {
		return region
	}
	if b.d.Unit.Level == store.LevelProvince {
		return region[:4] + "00"
	}
	return region
}

// subset computes the figures of some schools' records with the store's
// computation. withStints false leaves out stints and trainings (the
// enterprises linked through majors alone).
func (b *builder) subset(codes []string, all bool) *store.Figures {
	key := subsetKey(codes, all) // a unit's 小计 and its short row ask alike
	if f, ok := b.subsets[key]; ok {
		return f
	}
	f := b.compute(codes, all)
	b.subsets[key] = f
	return f
}

func subsetKey(codes []string, all bool) string { return fmt.Sprint(all, codes) }

// compute is subset without the memory: it only reads the builder, so
// precompute runs it on several cores.
func (b *builder) compute(codes []string, all bool) *store.Figures {
	return b.dataset(codes, all).Counts() // the returns show no warnings
}

// dataset is some schools' records of the year with the enterprises they
// link to, measured against this unit's targets.
func (b *builder) dataset(codes []string, all bool) store.Dataset {
	sub := store.Dataset{Unit: b.d.Unit, Year: b.d.Year, Targets: b.d.Targets}
	var nm, ns, nt int
	for _, c := range codes {
		nm, ns, nt = nm+len(b.majors[c]), ns+len(b.stints[c]), nt+len(b.trains[c])
	}
	sub.Schools = make([]store.School, 0, len(codes))
	sub.Majors = make([]store.Major, 0, nm)
	if all {
		sub.Secondments = make([]store.Secondment, 0, ns)
		sub.Trainings = make([]store.Training, 0, nt)
	}
	for _, c := range codes {
		sub.Schools = append(sub.Schools, b.schools[c])
		sub.Majors = append(sub.Majors, b.majors[c]...)
		sub.Classes = append(sub.Classes, b.classes[c]...) // a major's 订单班人数
		if all {
			sub.Secondments = append(sub.Secondments, b.stints[c]...)
			sub.Trainings = append(sub.Trainings, b.trains[c]...)
			sub.Agreements = append(sub.Agreements, b.agrees[c]...)
			sub.Teachers = append(sub.Teachers, b.staff[c]...)
			sub.Awards = append(sub.Awards, b.awards[c]...)
		}
	}
	sub.Enterprises = b.linkedEnterprises(sub)
	return sub
}

func (b *builder) indexEnterprises() {
	b.entIndex = map[string]int{}
	for i, e := range b.d.Enterprises {
		if _, dup := b.entIndex[e.CreditCode]; !dup {
			b.entIndex[e.CreditCode] = i
		}
	}
}

// linkedEnterprises are the enterprises a subset's records link to, in the
// database's order: the figures count no other, and checking all of a
// province's enterprises for every school took most of its build.
func (b *builder) linkedEnterprises(sub store.Dataset) []store.Enterprise {
	codes := sub.LinkedCodes()
	idx := make([]int, 0, len(codes))
	for c := range codes {
		if i, ok := b.entIndex[c]; ok {
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	out := make([]store.Enterprise, len(idx))
	for j, i := range idx {
		out[j] = b.d.Enterprises[i]
	}
	return out
}

// schoolFigures is a school's line of the year's figures (the first, as
// a scan of Figures.Schools would find).
func (b *builder) schoolFigures(code string) store.SchoolFigures { return b.sfs[code] }

func (b *builder) newTable(no int, name string, landscape bool) *Table {
	return &Table{No: no, Code: fmt.Sprintf("CJRH-%d", no), Name: name, Landscape: landscape}
}

// eachGroup lays out the rows of every group, with a 小计 row per group at
// a prefecture or province; seq numbers the data rows across groups.
func (b *builder) eachGroup(p *Part, rows func(g group, seq *int) []Row, subtotal func(g group) Row) {
	seq := 0
	for _, g := range b.groups {
		rs := rows(g, &seq)
		b.appendGroup(p, g.name, rs, func() Row {
			st := subtotal(g)
			st.Cells[0] = Text("小计")
			return st
		})
	}
}

// appendGroup adds one unit's rows to a part: above county level under a
// line with its name and followed by its 小计.
func (b *builder) appendGroup(p *Part, name string, rows []Row, subtotal func() Row) {
	if b.grouping {
		p.Rows = append(p.Rows, Row{Kind: RowGroup, Cells: padCells(len(p.Columns), Text(name))})
	}
	p.Rows = append(p.Rows, rows...)
	if b.grouping {
		st := subtotal()
		st.Kind = RowSubtotal
		p.Rows = append(p.Rows, st)
	}
}

func padCells(n int, first Cell) []Cell {
	cs := make([]Cell, n)
	for i := range cs {
		cs[i] = Text("")
	}
	cs[0] = first
	return cs
}
