package store

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"chanjiao/store/refdata"
)

// Dataset is what the figures of one year are computed from.
type Dataset struct {
	Unit        Unit
	Year        int
	Schools     []School
	Enterprises []Enterprise
	Majors      []Major      // of the year
	Secondments []Secondment // overlapping the year
	Trainings   []Training   // counted in the year
	Agreements  []Agreement  // in force in the year
	Classes     []Class      // of the year
	Carriers    []Carrier    // every one the units hold; each counts by its years
	Teachers    []Teachers   // 师资 rows of the year
	Awards      []Award      // of the year
	Activities  []Activity   // of the year
	Targets     []Target
	// Above county level, for a lower unit's share: the targets it set
	// itself (its file's), where Targets holds what this unit assigned it,
	// and whether it has sent its file at all.
	OwnTargets []Target
	NotSent    bool
}

// Dataset loads the records of a year in one read.
func (tx *Tx) Dataset(year int) (Dataset, error) { return tx.datasetUnder("", year) }

// datasetUnder loads the records of a year of the schools reported by the
// units under prefix ("" for all), with the enterprises they name (every
// enterprise for all).
func (tx *Tx) datasetUnder(prefix string, year int) (Dataset, error) {
	d, codes, err := tx.datasetBesideStints(prefix, year)
	if err != nil {
		return d, err
	}
	d.Secondments, err = tx.secondmentsUnder(year, prefix, codes)
	return d, err
}

// datasetBesideStints reads what datasetUnder does but the stints, and gives
// the enterprises' credit codes by id for reading them.
func (tx *Tx) datasetBesideStints(prefix string, year int) (Dataset, map[int64]string, error) {
	d := Dataset{Year: year}
	var err error
	if d.Unit, err = tx.Unit(); err != nil {
		return d, nil, err
	}
	if d.Schools, err = tx.schoolsUnder(prefix); err != nil {
		return d, nil, err
	}
	if d.Enterprises, err = tx.enterprisesUnder(prefix); err != nil {
		return d, nil, err
	}
	if d.Majors, err = tx.majorsUnder(year, prefix); err != nil {
		return d, nil, err
	}
	codes := make(map[int64]string, len(d.Enterprises)) // every enterprise the records can name
	for _, e := range d.Enterprises {
		codes[e.ID] = e.CreditCode
	}
	if d.Trainings, err = tx.trainingsUnder(year, prefix, codes); err != nil {
		return d, nil, err
	}
	if d.Agreements, err = tx.agreementsUnder(year, prefix, codes); err != nil {
		return d, nil, err
	}
	if d.Classes, err = tx.classesUnder(year, prefix, codes); err != nil {
		return d, nil, err
	}
	if d.Carriers, err = tx.carriersUnder(prefix, codes); err != nil {
		return d, nil, err
	}
	if d.Teachers, err = tx.teachersUnder(year, prefix); err != nil {
		return d, nil, err
	}
	if d.Awards, err = tx.awardsUnder(year, prefix); err != nil {
		return d, nil, err
	}
	if d.Activities, err = tx.activitiesUnder(year, prefix); err != nil {
		return d, nil, err
	}
	d.Targets, err = tx.Targets(year)
	return d, codes, err
}

// Indicators computes the figures of a year from the database.
func (db *DB) Indicators(ctx context.Context, year int) (*Figures, error) {
	f, _, err := db.indicators(ctx, year)
	return f, err
}

// indicators also gives the generation (figures_cache.go) of the state the
// figures were computed from.
func (db *DB) indicators(ctx context.Context, year int) (*Figures, int64, error) {
	var d Dataset
	var lower []Dataset
	var gen int64
	err := db.View(ctx, func(tx *Tx) (err error) {
		if gen, err = tx.generation(); err != nil {
			return err
		}
		if d, err = db.readDataset(tx, gen, year); err != nil {
			return err
		}
		if d.Unit.Level != LevelCounty {
			lower, err = tx.split(d)
		}
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	// Compute is pure: the lower units' figures are worked out beside the
	// pooled ones, on the other core.
	units := make([]*Figures, len(lower))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, sub := range lower {
			units[i] = sub.unitFigures(db.Ref)
		}
	}()
	f := d.Compute(db.Ref)
	wg.Wait()
	if d.Unit.Level != LevelCounty {
		f.Units = units
	}
	return f, gen, nil
}

var errWrittenMeanwhile = errors.New("written meanwhile")

// readDataset reads what tx.Dataset does, the largest table, the stints, on
// the other core: in a read transaction of its own, whose rows are used only
// if it saw the state tx sees (the generation gen, which every write moves
// on); else tx reads them too.
func (db *DB) readDataset(tx *Tx, gen int64, year int) (Dataset, error) {
	type read struct {
		stints []Secondment
		ok     bool
	}
	other := make(chan read, 1)
	go func() {
		var r read
		err := db.View(tx.ctx, func(tx2 *Tx) error {
			g, err := tx2.generation()
			if err != nil {
				return err
			}
			if g != gen {
				return errWrittenMeanwhile
			}
			codes, err := tx2.creditCodes()
			if err != nil {
				return err
			}
			r.stints, err = tx2.secondmentsUnder(year, "", codes)
			return err
		})
		r.ok = err == nil
		other <- r
	}()
	d, codes, err := tx.datasetBesideStints("", year)
	r := <-other
	switch {
	case err != nil:
		return d, err
	case r.ok:
		d.Secondments = r.stints
		return d, nil
	}
	d.Secondments, err = tx.secondmentsUnder(year, "", codes)
	return d, err
}

// Split divides a dataset by the unit that reports each school, for the
// lower units' own figures; targets come from each unit's file. It regroups
// d's stints and trainings by unit, in place.
func (tx *Tx) split(d Dataset) ([]Dataset, error) {
	units, err := tx.knownUnits()
	if err != nil {
		return nil, err
	}
	by := map[string]*Dataset{}
	var codes []string
	schoolUnit := map[string]string{}
	for _, s := range d.Schools {
		child := lowerUnit(d.Unit, s.UnitCode)
		if child == d.Unit.Code {
			continue // the unit's own schools count only in the pooled figures
		}
		schoolUnit[s.Code] = child
		sub, ok := by[child]
		if !ok {
			ref := units[child]
			sub = &Dataset{Year: d.Year,
				Unit: Unit{Code: child, Name: ref.Name, Level: ref.Level}}
			if sub.Targets, err = tx.unitTargets(child, d.Year); err != nil {
				return nil, err
			}
			if len(sub.Targets) == 0 {
				sub.Targets = DefaultTargets(d.Year)
			}
			by[child] = sub
			codes = append(codes, child)
		}
		sub.Schools = append(sub.Schools, s)
	}
	for u, rows := range groupBy(d.Majors, func(m Major) string { return schoolUnit[m.SchoolCode] }) {
		by[u].Majors = rows
	}
	for u, rows := range regroup(d.Secondments, func(s Secondment) string { return schoolUnit[s.SchoolCode] }) {
		by[u].Secondments = rows
	}
	for u, rows := range regroup(d.Trainings, func(t Training) string { return schoolUnit[t.SchoolCode] }) {
		by[u].Trainings = rows
	}
	for u, rows := range groupBy(d.Agreements, func(a Agreement) string { return schoolUnit[a.SchoolCode] }) {
		by[u].Agreements = rows
	}
	for u, rows := range groupBy(d.Classes, func(c Class) string { return schoolUnit[c.SchoolCode] }) {
		by[u].Classes = rows
	}
	for _, c := range d.Carriers {
		if sub := by[lowerUnit(d.Unit, c.UnitCode)]; sub != nil {
			sub.Carriers = append(sub.Carriers, c)
		}
	}
	for u, rows := range groupBy(d.Teachers, func(t Teachers) string { return schoolUnit[t.SchoolCode] }) {
		by[u].Teachers = rows
	}
	for u, rows := range groupBy(d.Awards, func(a Award) string { return schoolUnit[a.SchoolCode] }) {
		by[u].Awards = rows
	}
	for _, a := range d.Activities {
		if sub := by[lowerUnit(d.Unit, a.UnitCode)]; sub != nil {
			sub.Activities = append(sub.Activities, a)
		}
	}
	// a unit that sent an empty file, or was assigned targets and has not
	// sent, is listed too (measures.md: units[])
	receipts, err := tx.Receipts(d.Year)
	if err != nil {
		return nil, err
	}
	assigned, err := tx.AssignedUnits(d.Year)
	if err != nil {
		return nil, err
	}
	sent := map[string]bool{}
	for _, r := range receipts {
		sent[r.Sender] = true
	}
	for _, code := range append(slices.Collect(maps.Keys(sent)), assigned...) {
		if _, ok := by[code]; ok || code == d.Unit.Code {
			continue
		}
		ref, ok := units[code]
		if !ok {
			ref, _ = tx.lowerUnitRef(d.Unit, code)
		}
		sub := &Dataset{Year: d.Year, Unit: Unit{Code: code, Name: ref.Name, Level: ref.Level}, NotSent: !sent[code]}
		if sub.Targets, err = tx.unitTargets(code, d.Year); err != nil {
			return nil, err
		}
		if len(sub.Targets) == 0 && !sub.NotSent {
			sub.Targets = DefaultTargets(d.Year)
		}
		by[code] = sub
		codes = append(codes, code)
	}
	// each unit has the enterprises its records name, as its file carried
	// them, and is measured against what this unit assigned it
	sort.Strings(codes)
	out := make([]Dataset, len(codes))
	for i, c := range codes {
		out[i] = *by[c]
		out[i].Enterprises = linkedEnterprises(out[i], d.Enterprises)
		given, err := tx.AssignedTargets(c, d.Year)
		if err != nil {
			return nil, err
		}
		out[i].OwnTargets = out[i].Targets
		out[i].Targets = overlayTargets(out[i].Targets, given)
	}
	return out, nil
}

// overlayTargets is own with each indicator and 分类 that given names
// replaced by given's value.
func overlayTargets(own, given []Target) []Target {
	if len(given) == 0 {
		return own
	}
	by := map[string]Target{}
	for _, t := range own {
		by[targetKey(t)] = t
	}
	for _, t := range given {
		by[targetKey(t)] = t
	}
	out := slices.Collect(maps.Values(by))
	SortTargets(out)
	return out
}

// unitFigures is a lower unit's figures above county level: computed from
// its records, or, when it has not sent its file, only its assessment with
// nothing done.
func (d Dataset) unitFigures(ref *refdata.Reference) *Figures {
	sent := !d.NotSent
	if d.NotSent {
		f := &Figures{Unit: UnitRef{Code: d.Unit.Code, Name: d.Unit.Name, Level: d.Unit.Level}, Year: d.Year, Sent: &sent, Assessment: []Assessed{}}
		targets := slices.Clone(d.Targets)
		SortTargets(targets)
		for _, t := range targets {
			a := Assessed{Indicator: t.Indicator, Target: t.Value}
			if cat := t.Category(); cat != "" {
				a.Category = &cat
			}
			f.Assessment = append(f.Assessment, a)
		}
		return f
	}
	f := d.Compute(ref)
	f.Sent = &sent
	d.markOwnTargets(f)
	return f
}

// LowerUnitCounts is Counts for a lower unit's share measured against
// Targets (what was assigned it), with OwnTargets marked beside where they
// differ, as units[] has it: the returns' 表12 works out a province's
// counties with it.
func (d Dataset) LowerUnitCounts() *Figures {
	f := d.Counts()
	d.markOwnTargets(f)
	return f
}

// markOwnTargets sets, on each assessment entry, the unit's own target
// where it differs from the one it was measured against.
func (d Dataset) markOwnTargets(f *Figures) {
	own := map[string]float64{}
	for _, t := range d.OwnTargets {
		own[targetKey(t)] = t.Value
	}
	for i, a := range f.Assessment {
		t := Target{Indicator: a.Indicator}
		if a.Category != nil {
			t.Categories = strings.Split(*a.Category, "、")
		}
		if v, ok := own[targetKey(t)]; ok && v != a.Target {
			f.Assessment[i].OwnTarget = &v
		}
	}
}

// lowerUnit gives the unit directly under u that a record of unit code
// came through: at a prefecture the county itself, at a province the
// prefecture.
func lowerUnit(u Unit, code string) string {
	if u.Level == LevelProvince && len(code) == 6 {
		return code[:4] + "00"
	}
	return code
}

// LinkedCodes is the credit codes that link an enterprise to a school in
// the year: the year's majors, stints, trainings, agreements in force and
// classes (measures.md's partner enterprises).
func (d Dataset) LinkedCodes() map[string]bool {
	linked := map[string]bool{}
	for _, m := range d.Majors {
		for _, c := range m.Enterprises {
			linked[c] = true
		}
	}
	for _, s := range d.Secondments {
		linked[s.CreditCode] = true
	}
	for _, t := range d.Trainings {
		if t.CreditCode != "" { // a training need not have a partner
			linked[t.CreditCode] = true
		}
	}
	for _, a := range d.Agreements {
		linked[a.CreditCode] = true
	}
	for _, c := range d.Classes {
		if c.CreditCode != "" {
			linked[c.CreditCode] = true
		}
	}
	return linked
}

// linkedEnterprises keeps the enterprises d's records name.
func linkedEnterprises(d Dataset, all []Enterprise) []Enterprise {
	used := d.LinkedCodes()
	var out []Enterprise
	for _, e := range all {
		if used[e.CreditCode] {
			out = append(out, e)
		}
	}
	return out
}

// Compute derives the figures from the dataset. It is pure: the same records
// always give the same figures.
func (d Dataset) Compute(ref *refdata.Reference) *Figures {
	f := d.Counts()
	f.Warnings = d.warnings(ref)
	return f
}

// Counts is Compute without the warnings (left empty), for a caller that
// only counts: the returns work out figures for each of a province's 1,900
// schools, and checking every record of each again took half their time.
func (d Dataset) Counts() *Figures {
	f := &Figures{
		Unit:           UnitRef{Code: d.Unit.Code, Name: d.Unit.Name, Level: d.Unit.Level},
		Year:           d.Year,
		Schools:        []SchoolFigures{},
		QualitySchools: map[string]int{},
		QualityMajors:  map[string]int{},
		Warnings:       []Warning{},
	}
	var secTarget *int
	targetsBy := map[string]Target{}
	for _, t := range d.Targets {
		switch t.Indicator {
		case IndSecondment:
			v := int(t.Value)
			secTarget = &v
		case IndProgression, IndCoverage, IndAgreements, IndDualQualified:
			targetsBy[t.Indicator] = t
		}
	}

	persons := secondmentPersons(d.Secondments)
	for _, s := range d.Schools {
		sf := SchoolFigures{Code: s.Code, Name: s.Name, Type: s.Type, Assessed: s.Assessed(d.Year)}
		p := persons[s.Code]
		sf.Secondments = SecondmentFigures{SchoolToEnterprise: p.toEnterprise, EnterpriseToSchool: p.toSchool, Persons: p.all, Target: secTarget}
		if sf.Assessed {
			f.SecondmentSchoolsAssessed++
			if secTarget != nil {
				met := sf.Secondments.Persons >= *secTarget
				sf.Secondments.Met = &met
				if met {
					f.SecondmentSchoolsMet++
				}
			}
		}
		if s.Quality != "" {
			f.QualitySchools[s.Quality]++
		}
		f.Schools = append(f.Schools, sf)
	}
	sort.Slice(f.Schools, func(i, j int) bool { return f.Schools[i].Code < f.Schools[j].Code })

	f.Training = trainingFigures(d.Trainings, d.Targets)
	f.Progression = progression(d.Majors, targetsBy)
	f.Coverage = coverage(d.Schools, d.Majors, d.Year, targetsBy)
	for _, m := range d.Majors {
		if m.Quality != "" {
			f.QualityMajors[m.Quality]++
		}
	}
	f.PartnerEnterprises, f.IntegratedEnterprises = partnerEnterprises(d)
	var inForce map[string]int
	f.Agreements, inForce = agreementFigures(d, targetsBy)
	for i := range f.Schools {
		f.Schools[i].AgreementsInForce = inForce[f.Schools[i].Code]
	}
	f.Classes = classFigures(d.Classes, d.Year)
	for _, typ := range OrderClassTypes {
		f.OrderClassStudents += f.Classes[typ].Students
	}
	f.Carriers = carrierFigures(d.Carriers, d.Year)
	var perSchool map[string]*SchoolTeachers
	f.Teachers, perSchool = teacherFigures(d.Teachers, d.Year, targetsBy)
	for i := range f.Schools {
		f.Schools[i].Teachers = perSchool[f.Schools[i].Code]
	}
	f.EnterprisePractice = enterprisePractice(d.Secondments, d.Year)
	f.Awards = awardFigures(d.Awards, d.Year)
	f.Activities = activityFigures(d.Activities, d.Year)
	f.MajorsChange = majorsChange(d.Majors, d.Year)
	f.Assessment = assessment(f, d)
	return f
}

// personCounts are a school's distinct persons in 互派互聘, overall and per
// direction.
type personCounts struct{ all, toEnterprise, toSchool int }

// secondmentPersons counts, per school code, the distinct persons overall
// and per direction. A person is their 身份证号 (or 人员标识); without one,
// 姓名 + enterprise, unless a stint at the same school with the same name and
// enterprise carries an ID (the smallest, if several do). Schools are
// counted one at a time: the sets of a province's 150,000 stints, held all
// at once, were 80 MB of its 首页's peak.
func secondmentPersons(stints []Secondment) map[string]personCounts {
	bySchool := map[string][]int{}
	for i, s := range stints {
		bySchool[s.SchoolCode] = append(bySchool[s.SchoolCode], i)
	}
	type nameAt struct{ name, credit string }
	idOf := map[nameAt]person{} // → the smallest ID seen, none while none
	all, toEnterprise, toSchool := map[person]bool{}, map[person]bool{}, map[person]bool{}
	out := make(map[string]personCounts, len(bySchool))
	for school, at := range bySchool {
		clear(idOf)
		for _, i := range at {
			if s := stints[i]; personID(s).kind == "" {
				idOf[nameAt{s.Name, s.CreditCode}] = person{}
			}
		}
		for _, i := range at {
			s := stints[i]
			if id := personID(s); id.kind != "" {
				k := nameAt{s.Name, s.CreditCode}
				if old, ok := idOf[k]; ok && (old.kind == "" || id.less(old)) {
					idOf[k] = id
				}
			}
		}
		clear(all)
		clear(toEnterprise)
		clear(toSchool)
		for _, i := range at {
			s := stints[i]
			key := personID(s)
			if key.kind == "" {
				if key = idOf[nameAt{s.Name, s.CreditCode}]; key.kind == "" {
					key = person{"姓名", s.Name, s.CreditCode}
				}
			}
			all[key] = true
			switch s.Direction {
			case DirSchoolToEnterprise:
				toEnterprise[key] = true
			case DirEnterpriseToSchool:
				toSchool[key] = true
			}
		}
		out[school] = personCounts{len(all), len(toEnterprise), len(toSchool)}
	}
	return out
}

// person is who a stint's person is: by 证件 or 标识 (id), or by 姓名
// (id and the enterprise's credit code). kind "" is no one.
type person struct{ kind, id, credit string }

// less orders IDs as their text "kind:id" would be ordered.
func (p person) less(q person) bool {
	return cmp.Or(strings.Compare(p.kind, q.kind), strings.Compare(p.id, q.id)) < 0
}

func personID(s Secondment) person {
	switch {
	case s.IDNumber != "":
		return person{kind: "证件", id: s.IDNumber}
	case s.PersonKey != "":
		return person{kind: "标识", id: s.PersonKey}
	}
	return person{}
}

func trainingFigures(ts []Training, targets []Target) TrainingFigures {
	tf := TrainingFigures{ByCategory: map[string]CategoryCount{}, Targets: []TrainingTarget{}}
	counts := map[string]int{}
	for _, t := range ts {
		counts[t.Category] += t.Count
		tf.Total += t.Count
	}
	own := map[string]*int{}
	for _, t := range targets {
		if t.Indicator != IndTraining {
			continue
		}
		tt := TrainingTarget{Categories: canonicalCategories(t.Categories), Target: int(t.Value)}
		for _, c := range tt.Categories {
			tt.Count += counts[c]
		}
		tt.Met = tt.Count >= tt.Target
		tf.Targets = append(tf.Targets, tt)
		if len(tt.Categories) == 1 {
			v := tt.Target
			own[tt.Categories[0]] = &v
		}
	}
	for _, g := range TrainingGroups {
		tf.ByCategory[g] = CategoryCount{Count: counts[g], Target: own[g]}
	}
	return tf
}

// progression pools 升学人数 over 毕业生数 of 中职-level majors (61–79).
func progression(ms []Major, targets map[string]Target) RateFigure {
	var r RateFigure
	for _, m := range ms {
		if n := twoDigits(m.Code); n >= 61 && n <= 79 {
			r.Graduates += m.Graduates
			r.Progressed += m.Progressed
		}
	}
	t, ok := targets[IndProgression]
	r.Rate, r.Target, r.Met = pooledRate(r.Progressed, r.Graduates, t, ok)
	return r
}

// coverage is the share of running 中等职业学校 with a 3+2 or 五年一贯制 major.
func coverage(schools []School, ms []Major, year int, targets map[string]Target) CoverageFigure {
	var c CoverageFigure
	through := map[string]bool{}
	for _, m := range ms {
		if m.Through == Through32 || m.Through == ThroughFiveYear {
			through[m.SchoolCode] = true
		}
	}
	for _, s := range schools {
		if s.Type == TypeSecondary && s.Assessed(year) {
			c.Schools++
			if through[s.Code] {
				c.Covered++
			}
		}
	}
	t, ok := targets[IndCoverage]
	c.Rate, c.Target, c.Met = pooledRate(c.Covered, c.Schools, t, ok)
	return c
}

// pooledRate is num/den (nil when den is 0), the target when one is set, and
// whether it is met (nil without a target or a denominator).
func pooledRate(num, den int, t Target, targeted bool) (rate, target *float64, met *bool) {
	if den > 0 {
		v := float64(num) / float64(den)
		rate = &v
	}
	if targeted {
		v := t.Value
		target = &v
		if den > 0 {
			m := rateMet(num, den, v)
			met = &m
		}
	}
	return rate, target, met
}

// rateMet decides num/den ≥ target on exact values: the target is taken in
// basis points, so 0.6 compares as num × 10000 ≥ 6000 × den.
func rateMet(num, den int, target float64) bool {
	bp := int64(target*10000 + 0.5)
	return int64(num)*10000 >= bp*int64(den)
}

// partnerEnterprises counts distinct enterprises linked to a school through a
// major, a stint or a training of the year, and those among them with a
// 产教融合型企业等级.
func partnerEnterprises(d Dataset) (partners, integrated int) {
	linked := d.LinkedCodes()
	for _, e := range d.Enterprises {
		if linked[e.CreditCode] && e.Grade != "" {
			integrated++
		}
	}
	return len(linked), integrated
}

func twoDigits(code string) int {
	if len(code) < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' {
		return -1
	}
	return int(code[0]-'0')*10 + int(code[1]-'0')
}

// warnings lists the warning-level problems of the year's records, in the
// order of the workbook's sheets.
func (d Dataset) warnings(ref *refdata.Reference) []Warning {
	out := []Warning{}
	add := func(table, key string, ps Problems) { out = appendWarnings(out, table, key, ps) }
	for _, s := range d.Schools {
		add("学校", s.Key(), s.Validate(ref))
	}
	for _, e := range d.Enterprises {
		add("合作企业", e.Key(), e.Validate(ref))
	}
	for _, m := range d.Majors {
		add("专业", m.Key(), m.Validate(ref))
	}
	out = warningsInOrder(out, "互派互聘", d.Secondments, ref, compareSecondments)
	out = warningsInOrder(out, "培训", d.Trainings, ref, compareTrainings)
	for _, a := range d.Agreements {
		add("校企合作协议", a.Key(), a.Validate(ref))
	}
	out = append(out, classWarnings(d.Classes, d.Majors)...)
	return out
}

func appendWarnings(out []Warning, table, key string, ps Problems) []Warning {
	for _, p := range ps {
		if p.Warning {
			out = append(out, Warning{Table: table, Key: key, Field: p.Field, Message: p.Message})
		}
	}
	return out
}

// warningsInOrder appends the warnings of rows in the order compare puts
// the rows: split may have regrouped them by unit.
func warningsInOrder[T interface {
	Key() string
	Validate(*refdata.Reference) Problems
}](out []Warning, table string, rows []T, ref *refdata.Reference, compare func(a, b T) int) []Warning {
	type warned struct {
		row T
		ps  Problems
	}
	var ws []warned
	for _, r := range rows {
		if ps := r.Validate(ref); slices.ContainsFunc(ps, func(p Problem) bool { return p.Warning }) {
			ws = append(ws, warned{r, ps})
		}
	}
	slices.SortFunc(ws, func(a, b warned) int { return compare(a.row, b.row) })
	for _, w := range ws {
		out = appendWarnings(out, table, w.row.Key(), w.ps)
	}
	return out
}
