// Package province makes a province-shaped set of county data files, for
// measuring the program at the scale of its biggest user (a province of 129
// counties in 16 prefectures, about 1,900 schools and 150,000 互派互聘
// records a year). Each county is a real database, filled in bulk and
// exported as a signed data file, so the files are what counties send.
package province

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/handoff"
	"chanjiao/store/refdata"
)

// Shape is how much each county holds, and how many counties there are.
type Shape struct {
	Province    string // two-digit province code
	Prefectures int    // at most this many prefectures, in code order
	Counties    int    // at most this many counties per prefecture
	Schools     int    // per county; every eighth (the 8th, 16th, …) is a 普通高中
	Enterprises int    // per county
	Majors      int    // per vocational school
	Stints      int    // 互派互聘 per vocational school
	Trainings   int    // per vocational school
}

// Yunnan is the shape of issue 14, a little above it: 16 prefectures, 129
// counties, 1,935 schools (1,806 vocational), 25,284 majors, ~162,500
// stints and 86,688 trainings.
var Yunnan = Shape{Province: "53", Prefectures: 16, Counties: 20, Schools: 15, Enterprises: 300, Majors: 14, Stints: 90, Trainings: 48}

// County is one county's data file.
type County struct {
	Prefecture string // the prefecture's code
	Code, Name string
	File       string
}

// Files writes one data file per county into dir and lists them by
// prefecture, in code order; each county's database is made in a temporary
// folder and removed. The data is fixed: the same shape and year always give
// the same records (the signing keys differ).
func Files(ctx context.Context, ref *refdata.Reference, dir string, year int, sh Shape) ([]County, error) {
	work, err := os.MkdirTemp("", "chanjiao-province-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	var out []County
	prefs := ref.Regions(sh.Province, 4)
	for pi, p := range prefs {
		if pi == sh.Prefectures {
			break
		}
		counties := ref.Regions(p.Code, 6)
		for ci, c := range counties {
			if ci == sh.Counties || ctx.Err() != nil {
				break
			}
			file, err := countyFile(ctx, ref, work, dir, year, sh, c)
			if err != nil {
				return nil, fmt.Errorf("%s：%w", c.Name, err)
			}
			out = append(out, County{Prefecture: p.Code + "00", Code: c.Code, Name: c.Name, File: file})
		}
	}
	return out, ctx.Err()
}

// countyFile makes the county's database and exports its year.
func countyFile(ctx context.Context, ref *refdata.Reference, work, dir string, year int, sh Shape, c refdata.Region) (string, error) {
	db, err := store.Open(filepath.Join(work, c.Code+".db"), ref)
	if err != nil {
		return "", err
	}
	defer db.Close()
	unit := store.Unit{Code: c.Code, Name: c.Name + "教育体育局", Level: store.LevelCounty}
	g := gen{Maker: demo.Maker{Rnd: rand.New(rand.NewPCG(uint64(year), uint64(len(c.Code)*1000)+codeSeed(c.Code))), Region: c.Code}, year: year}
	recs, ents := g.county(unit, c.Name, sh, ref)
	err = db.Update(ctx, func(tx *store.Tx) error {
		if err := tx.SetUnit(unit); err != nil {
			return err
		}
		if err := tx.AddRecords([]store.UnitRecords{recs}, ents, "生成省级规模测试数据"); err != nil {
			return err
		}
		return tx.SetTargets(year, store.DefaultTargets(year))
	})
	if err != nil {
		return "", err
	}
	p, err := handoff.Export(ctx, db, year, handoff.PackOptions{}, dir)
	if err != nil {
		return "", err
	}
	return p.Path, nil
}

func codeSeed(code string) uint64 {
	var n uint64
	for _, r := range code {
		n = n*10 + uint64(r-'0')
	}
	return n
}

type gen struct {
	demo.Maker
	year int
}

var (
	surnames   = []rune("王李张刘陈杨黄赵周吴徐孙马朱胡郭何罗高林普沙起鲁段杞者")
	givenNames = []string{"建华", "丽萍", "志强", "晓燕", "国平", "文静", "海涛", "秀英", "明亮", "春梅", "永福", "雪莲", "德才", "玉兰", "光荣", "红梅", "国华", "金凤"}
	posts      = []string{"实践锻炼", "兼职教师", "挂职", "技术人员", "管理人员"}
	categories = []string{"在校学生", "企业职工", "社会人员", "农村劳动力"}
)

// county makes a county's schools and their records of the year.
func (g *gen) county(unit store.Unit, name string, sh Shape, ref *refdata.Reference) (store.UnitRecords, []store.Enterprise) {
	ur := store.UnitRecords{Unit: store.UnitRef{Code: unit.Code, Name: unit.Name, Level: unit.Level}}
	var ents []store.Enterprise
	for i := 0; i < sh.Enterprises; i++ {
		ents = append(ents, store.Enterprise{CreditCode: g.CreditCode(true), Name: fmt.Sprintf("%s第%d实业有限公司", name, i+1),
			Region: g.Region, Industry: []string{"C", "I", "H", "Q", "F", "A", "E"}[i%7]})
	}
	var secondary []refdata.Major
	for _, m := range ref.Majors() {
		if refdata.LevelOfCode(m.Code) == "中职" {
			secondary = append(secondary, m)
		}
	}
	for si := 0; si < sh.Schools; si++ {
		typ, prefix := store.TypeSecondary, "36"
		if si%8 == 7 {
			typ, prefix = store.TypeHighSchool, "34"
		}
		s := store.School{Code: fmt.Sprintf("%s%s%02d", prefix, g.Region, si+1), Name: fmt.Sprintf("%s第%d职业高级中学", name, si+1),
			Type: typ, Region: g.Region, Ownership: "公办"}
		ur.Schools = append(ur.Schools, s)
		if typ == store.TypeHighSchool {
			continue
		}
		for mi := 0; mi < sh.Majors; mi++ {
			m := secondary[(si*sh.Majors+mi*7)%len(secondary)]
			enrolled := 40 + g.Rnd.IntN(400)
			graduates := 10 + g.Rnd.IntN(150)
			major := store.Major{SchoolCode: s.Code, Year: g.year, Code: m.Code, Name: m.Name, Status: "招生",
				Enrolled: enrolled, Graduates: graduates, Progressed: g.Rnd.IntN(graduates + 1)}
			orderClass := g.Rnd.IntN(enrolled/4 + 1)
			major.Enterprises = []string{ents[g.Rnd.IntN(len(ents))].CreditCode}
			ur.Majors = append(ur.Majors, major)
			if orderClass > 0 {
				ur.Classes = append(ur.Classes, store.LegacyOrderClass(major, orderClass))
			}
		}
		for p := 0; p < sh.Stints; p++ {
			gender := []string{"男", "女"}[g.Rnd.IntN(2)]
			start := date(g.year, 1+g.Rnd.IntN(9), 1+g.Rnd.IntN(27))
			st := store.Secondment{SchoolCode: s.Code, CreditCode: ents[g.Rnd.IntN(len(ents))].CreditCode, Name: g.person(), Gender: gender,
				Direction: store.DirSchoolToEnterprise, Post: posts[p%len(posts)], Start: start, End: start.AddDate(0, 3, 0)}
			if p%4 == 3 {
				st.Direction, st.Post = store.DirEnterpriseToSchool, "兼职教师"
			}
			if p%5 != 4 {
				st.IDNumber = g.IDNumber(gender)
			}
			ur.Secondments = append(ur.Secondments, st)
		}
		for t := 0; t < sh.Trainings; t++ {
			start := date(g.year, 1+t%12, 1+g.Rnd.IntN(20))
			ur.Trainings = append(ur.Trainings, store.Training{SchoolCode: s.Code, Name: fmt.Sprintf("职业技能培训第%d期", t+1),
				Category: categories[t%len(categories)], Count: 20 + g.Rnd.IntN(200), Hours: 8 + 8*g.Rnd.IntN(6), Start: start, End: start.AddDate(0, 0, 5)})
		}
	}
	return ur, ents
}

func (g *gen) person() string {
	return string(surnames[g.Rnd.IntN(len(surnames))]) + givenNames[g.Rnd.IntN(len(givenNames))]
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// Flow is the year's hand-off above the counties: each prefecture's
// database (in dir, named by its code) receives its counties' files and
// sends its own file; the province's receives those. As on the real
// machines, the prefectures' work and the province's overlap: the province
// receives each file as it comes (see SideBySide). It gives the province's
// database's path and the prefectures', by code.
func Flow(ctx context.Context, ref *refdata.Reference, counties []County, dir string, year int) (string, map[string]string, error) {
	prov, prefs, _, err := TimedFlow(ctx, ref, counties, dir, year, 0)
	return prov, prefs, err
}

// TimedFlow is Flow, also giving how long each unit's own machine worked
// (its database made, its files received, its own file sent), by code.
// atOnce is how many prefectures work at the same time (see SideBySide):
// 0 for one per processor, where the units share this machine's processors
// and each time is more than the unit's own machine would take; 1 for one
// unit at a time, each timed as if alone on its own machine.
func TimedFlow(ctx context.Context, ref *refdata.Reference, counties []County, dir string, year, atOnce int) (string, map[string]string, map[string]time.Duration, error) {
	order, byPref := ByPrefecture(counties)
	if len(order) == 0 {
		return "", nil, nil, fmt.Errorf("没有县级数据包")
	}
	code := order[0][:2] + "0000"
	prov := filepath.Join(dir, code+".db")
	start := time.Now()
	db, err := unitDB(ctx, ref, prov, code, store.LevelProvince)
	if err != nil {
		return "", nil, nil, err
	}
	defer db.Close()
	prefs, took := map[string]string{}, map[string]time.Duration{code: time.Since(start)}
	type sent struct {
		file string
		took time.Duration
	}
	err = SideBySide(ctx, atOnce, order, func(ctx context.Context, pref string) (sent, error) {
		start := time.Now()
		var files []string
		for _, c := range byPref[pref] {
			files = append(files, c.File)
		}
		file, err := prefecture(ctx, ref, filepath.Join(dir, pref+".db"), pref, files, year, dir)
		return sent{file, time.Since(start)}, err
	}, func(pref string, s sent) error {
		prefs[pref], took[pref] = filepath.Join(dir, pref+".db"), s.took
		start := time.Now()
		err := receive(ctx, db, code, []string{s.file})
		took[code] += time.Since(start)
		return err
	})
	return prov, prefs, took, err
}

// ByPrefecture groups counties by their prefecture, giving the prefectures'
// codes in the order their first county comes: the flow and its benchmark's
// floor take them so.
func ByPrefecture(counties []County) ([]string, map[string][]County) {
	var order []string
	by := map[string][]County{}
	for _, c := range counties {
		if by[c.Prefecture] == nil {
			order = append(order, c.Prefecture)
		}
		by[c.Prefecture] = append(by[c.Prefecture], c)
	}
	return order, by
}

// SideBySide runs work for each code, atOnce at a time (0: as many as there
// are processors), and gives each result to then on the caller's goroutine,
// one at a time, as it comes: the hand-off's shape, where the province takes
// each prefecture's file as it arrives. A result holds its processor until
// then is done with it, so the province never waits behind prefectures'
// work, as on its own machine. The first error stops the rest and is
// returned.
func SideBySide[T any](ctx context.Context, atOnce int, codes []string, work func(ctx context.Context, code string) (T, error), then func(code string, r T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		code string
		r    T
		err  error
	}
	todo, done := make(chan string, len(codes)), make(chan result, len(codes))
	for _, c := range codes {
		todo <- c
	}
	close(todo)
	// a processor is taken for each code's work and freed once then is done
	// with its result. On two processors, one worker left the province's
	// idle between files (10.9–11.3 s against 8.9–9.9 s); two that did not
	// wait for it left it 5 files behind when the last prefecture was done,
	// 1.8 s of receiving after it; waiting, it ends 0.1 s after the last.
	if atOnce <= 0 {
		atOnce = runtime.GOMAXPROCS(0)
	}
	n := min(atOnce, len(codes))
	busy := make(chan struct{}, n)
	for range n {
		go func() {
			for c := range todo {
				busy <- struct{}{}
				if ctx.Err() != nil {
					done <- result{code: c, err: ctx.Err()}
					continue
				}
				r, err := work(ctx, c)
				done <- result{c, r, err}
			}
		}()
	}
	var failed error
	for range codes { // every code gives a result, so no worker is left waiting
		res := <-done
		if failed == nil {
			if failed = res.err; failed == nil {
				failed = then(res.code, res.r)
			}
		}
		if failed != nil {
			cancel()
		}
		<-busy
	}
	return failed
}

// prefecture makes a prefecture's database, receives its counties' files
// into it and exports its year into out.
func prefecture(ctx context.Context, ref *refdata.Reference, path, code string, files []string, year int, out string) (string, error) {
	db, err := unitDB(ctx, ref, path, code, store.LevelPrefecture)
	if err != nil {
		return "", err
	}
	defer db.Close()
	if err := receive(ctx, db, code, files); err != nil {
		return "", err
	}
	p, err := handoff.Export(ctx, db, year, handoff.PackOptions{}, out)
	if err != nil {
		return "", err
	}
	return p.Path, nil
}

// unitDB makes a unit's database.
func unitDB(ctx context.Context, ref *refdata.Reference, path, code, level string) (*store.DB, error) {
	db, err := store.Open(path, ref)
	if err != nil {
		return nil, err
	}
	reg, _ := ref.Region(code)
	if err := db.Update(ctx, func(tx *store.Tx) error {
		return tx.SetUnit(store.Unit{Code: code, Name: reg.Name + "教育体育局", Level: level})
	}); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// receive receives files into the database of the unit code, trusting
// their keys, and gives the first refusal.
func receive(ctx context.Context, db *store.DB, code string, files []string) error {
	var failed error
	handoff.ReceiveAll(ctx, db, files, "", handoff.Options{Trust: true}, func(f string, _ *handoff.Plan, err error) {
		if err != nil && failed == nil {
			failed = fmt.Errorf("%s 接收 %s：%w", code, filepath.Base(f), err)
		}
	})
	return failed
}
