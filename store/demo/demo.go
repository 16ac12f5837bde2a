// Package demo fills an empty database with a realistic county (楚雄市
// style): schools, partner enterprises, majors from the 2021 catalogue,
// 互派互聘 stints (some schools short of the target) and trainings, for two
// years. The data is fixed: the same call always gives the same records.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"chanjiao/store"
)

// Unit is the unit the demo uses when the database has none.
var Unit = store.Unit{Code: "532301", Name: "楚雄市教育体育局", Level: store.LevelCounty,
	Head: "李明华", StatsHead: "张丽", Preparer: "王芳", Phone: "0878-3123456", Authority: "楚雄州教育体育局"}

type schoolSpec struct {
	code, name, typ, own, quality string
	majors                        []string // catalogue code|name
	stintPersons                  int      // distinct persons in the later year
}

var schools = []schoolSpec{
	{"3653010001", "楚雄州职业教育中心", "中等职业学校", "公办", "省级",
		[]string{"710201|计算机应用", "720201|护理", "700206|汽车运用与维修", "730701|电子商务", "660301|机电技术应用"}, 14},
	{"3653010002", "楚雄市职业高级中学", "中等职业学校", "公办", "州市级",
		[]string{"740101|旅游服务与管理", "740201|中餐烹饪", "610107|茶叶生产与加工", "730301|会计事务"}, 11},
	{"3653010003", "楚雄州民族中等专业学校", "中等职业学校", "公办", "",
		[]string{"770101|幼儿保育", "710204|数字媒体技术应用", "720301|药剂"}, 7},
	{"3653010004", "楚雄市华兴职业技术学校", "中等职业学校", "民办", "",
		[]string{"700209|新能源汽车运用与维修", "660303|工业机器人技术应用"}, 4},
	{"3853010001", "楚雄技师学院", "技工学校", "公办", "省级",
		[]string{"660103|数控技术应用", "660105|焊接技术应用", "640301|建筑工程施工"}, 12},
	{"4153010001", "楚雄医药高等专科学校", "高职专科", "公办", "省级",
		[]string{"520201|护理", "520301|药学", "520416|中医康复技术"}, 16},
	{"4153010002", "楚雄职业技术学院", "高职专科", "公办", "州市级",
		[]string{"510201|计算机应用技术", "530701|电子商务", "410103|现代农业技术", "540101|旅游管理"}, 9},
	{"3453010001", "楚雄市第一中学", "普通高中", "公办", "", nil, 0},
}

var enterpriseNames = []string{
	"云南楚雄滇中汽车服务有限公司", "楚雄彝绣文化产业有限公司", "云南紫溪茶业有限公司", "楚雄州人民医院后勤服务有限公司",
	"云南智联信息技术有限公司", "滇中电子商务产业园有限公司", "楚雄高新区机电设备有限公司", "云南彝乡旅游开发有限公司",
	"楚雄农垦现代农业有限公司", "云南康养健康管理有限公司", "楚雄德胜钢铁有限公司", "云南楚雄建工集团有限公司",
	"楚雄彝人古镇酒店管理有限公司", "云南滇中新能源汽车有限公司", "楚雄医药连锁有限公司", "云南楚雄天然药业有限公司",
	"楚雄数字传媒有限公司", "云南楚雄会计师事务所有限公司", "楚雄彝味餐饮管理有限公司", "云南楚雄机器人科技有限公司",
	"楚雄福宝幼教服务有限公司", "云南楚雄物流有限公司", "楚雄中医康复医院有限公司", "云南楚雄电力安装有限公司",
	"楚雄紫溪山旅游有限公司", "云南楚雄现代种业有限公司", "楚雄智慧农业科技有限公司", "云南楚雄数控机械有限公司",
	"楚雄鑫源焊接工程有限公司", "云南楚雄网络科技有限公司",
}

var surnames = []rune("王李张刘陈杨黄赵周吴徐孙马朱胡郭何罗高林普沙起鲁")
var givenNames = []string{"建华", "丽萍", "志强", "晓燕", "国平", "文静", "海涛", "秀英", "明亮", "春梅", "永福", "雪莲", "德才", "玉兰", "光荣", "红梅"}

// Fill writes the demo county (楚雄市) into an empty database, in one
// transaction. It refuses a database that holds records, and one set up as
// another unit: the demo's schools would be counted as that unit's, and its
// cover letter would say "牟定县共有职业学校7所".
func Fill(ctx context.Context, db *store.DB) error { return fill(ctx, db, false) }

// FillAnyUnit is Fill for an empty database set up as any unit: the demo's
// records go under that unit's region code. Tests use it to make several
// counties' files; the CLI's demo does not.
func FillAnyUnit(ctx context.Context, db *store.DB) error { return fill(ctx, db, true) }

// newDatabaseHint says where the demo belongs instead.
const newDatabaseHint = "示例数据请填入新的空数据库，例如：chanjiao-cli --db 示例.db demo"

func fill(ctx context.Context, db *store.DB, anyUnit bool) error {
	year := db.Now().Year() - 1 // the statistical year being reported
	return db.Update(ctx, func(tx *store.Tx) error {
		if err := refuseRecords(tx); err != nil {
			return err
		}
		unit, err := tx.Unit()
		switch {
		case store.ErrorCode(err) == store.ENotFound:
			unit = Unit
			if err := tx.SetUnit(unit); err != nil {
				return err
			}
		case err != nil:
			return err
		case unit.Code != Unit.Code && !anyUnit:
			return store.Errorf(store.EConflict, "本数据库的单位是 %s（%s），示例数据是%s（%s）的学校和记录，填入后会算作本单位的数据，所以没有填入。%s",
				unit.Name, unit.Code, strings.TrimSuffix(Unit.Name, "教育体育局"), Unit.Code, newDatabaseHint)
		}
		g := generator{tx: tx, Maker: Maker{Rnd: rand.New(rand.NewPCG(532301, uint64(year))), Region: regionOf(unit)}}
		return g.fill(year)
	})
}

// refuseRecords refuses a database with schools or enterprises (every other
// record belongs to a school).
func refuseRecords(tx *store.Tx) error {
	schools, err := tx.Schools()
	if err != nil {
		return err
	}
	ents, err := tx.Enterprises()
	if err != nil {
		return err
	}
	if len(schools)+len(ents) > 0 {
		return store.Errorf(store.EConflict, "数据库中已有 %d 所学校、%d 家企业的记录，示例数据只能填入空数据库，没有填入。%s",
			len(schools), len(ents), newDatabaseHint)
	}
	return nil
}

func regionOf(u store.Unit) string {
	if u.Level == store.LevelCounty {
		return u.Code
	}
	return Unit.Code
}

type generator struct {
	Maker
	tx       *store.Tx
	ents     []string
	entNames map[string]string // credit code → name
	made     []store.Major     // in the order made
}

func (g *generator) fill(year int) error {
	g.entNames = map[string]string{}
	for i, name := range enterpriseNames {
		// one early code fails its check character: a warning to explain
		e := store.Enterprise{CreditCode: g.CreditCode(i != 17), Name: name, Region: g.Region,
			Industry: []string{"C", "I", "H", "Q", "F", "A", "E"}[i%7]}
		if i%6 == 0 {
			e.Grade = []string{"省级", "州市级"}[i%2]
		}
		if i%5 == 1 {
			e.Contact, e.Phone = g.person(), fmt.Sprintf("0878-31%05d", 10000+i*37)
		}
		if _, err := g.tx.PutEnterprise(&e); err != nil {
			return fmt.Errorf("示例企业 %s：%w", name, err)
		}
		g.ents = append(g.ents, e.CreditCode)
		g.entNames[e.CreditCode] = name
	}
	for si, s := range schools {
		sc := store.School{Code: s.code, Name: s.name, Type: s.typ, Region: g.Region, Ownership: s.own, Quality: s.quality,
			Contact: g.person(), Phone: fmt.Sprintf("0878-32%05d", 20000+si*111)}
		if _, err := g.tx.PutSchool(&sc); err != nil {
			return fmt.Errorf("示例学校 %s：%w", s.name, err)
		}
		for _, y := range []int{year - 1, year} {
			if err := g.majors(s, y); err != nil {
				return err
			}
			if err := g.trainings(s, y); err != nil {
				return err
			}
		}
		if err := g.stints(s, year); err != nil {
			return err
		}
	}
	for _, y := range []int{year - 1, year} {
		ts := withTargets(store.DefaultTargets(y),
			store.Target{Year: y, Indicator: store.IndTraining, Categories: []string{"在校学生"}, Value: 3000},
			store.Target{Year: y, Indicator: store.IndTraining, Categories: []string{"企业职工", "社会人员"}, Value: 2000},
			store.Target{Year: y, Indicator: store.IndTraining, Categories: []string{"农村劳动力"}, Value: 5000},
			store.Target{Year: y, Indicator: store.IndAgreements, Value: 0.8},
			store.Target{Year: y, Indicator: store.IndCarriers, Categories: []string{store.CarrierCategory("县域产教联合体", store.GradePrefecture)}, Value: 1},
			store.Target{Year: y, Indicator: store.IndCarriers, Categories: []string{store.CarrierCategory("现代产业学院", store.GradeCounty)}, Value: 3},
			store.Target{Year: y, Indicator: store.IndIntegrated, Categories: []string{store.GradePrefecture}, Value: 3},
			store.Target{Year: y, Indicator: store.IndOrderClasses, Value: 10},
			store.Target{Year: y, Indicator: store.IndApprentices, Value: 60},
			store.Target{Year: y, Indicator: store.IndDualQualified, Value: 0.5},
			store.Target{Year: y, Indicator: store.IndPractice, Value: 20},
			store.Target{Year: y, Indicator: store.IndAwards, Categories: []string{store.GradeProvince}, Value: 4},
			store.Target{Year: y, Indicator: store.IndActivities, Categories: []string{store.ActivityJoint}, Value: 2},
			store.Target{Year: y, Indicator: store.IndActivities, Categories: []string{store.ActivityExchange}, Value: 4},
			store.Target{Year: y, Indicator: store.IndActivities, Categories: []string{store.ActivityAdvance}, Value: 2})
		if err := g.tx.SetTargets(y, ts); err != nil {
			return err
		}
	}
	if err := g.measures(year); err != nil {
		return err
	}
	return g.staff(year)
}

// withTargets adds to the defaults the demo's targets on indicators and
// 分类 they do not already have (the defaults grow as issues add them).
func withTargets(defaults []store.Target, extra ...store.Target) []store.Target {
	for _, x := range extra {
		if !slices.ContainsFunc(defaults, func(t store.Target) bool { return t.Indicator == x.Indicator && t.Category() == x.Category() }) {
			defaults = append(defaults, x)
		}
	}
	return defaults
}

func (g *generator) majors(s schoolSpec, year int) error {
	for i, cn := range s.majors {
		code, name, _ := strings.Cut(cn, "|")
		enrolled := 80 + g.Rnd.IntN(300)
		grads := enrolled/3 + g.Rnd.IntN(10)
		m := store.Major{SchoolCode: s.code, Year: year, Code: code, Name: name, OpenedYear: 2010 + i*2, Status: store.StatusEnrolling,
			Enrolled: enrolled, Graduates: grads, Progressed: grads * (45 + g.Rnd.IntN(30)) / 100,
			Quality:     []string{"", "省级", "", "州市级"}[i%4],
			Enterprises: []string{g.ents[(i*3+len(s.name))%len(g.ents)], g.ents[(i*7+1)%len(g.ents)]}}
		if m.Enterprises[0] == m.Enterprises[1] {
			m.Enterprises = m.Enterprises[:1]
		}
		if s.typ == store.TypeSecondary && i == 0 && s.own == "公办" {
			m.Through = store.Through32
		}
		if _, err := g.tx.PutMajor(&m); err != nil {
			return fmt.Errorf("示例专业 %s %s：%w", s.name, name, err)
		}
		g.made = append(g.made, m)
		if n := min([]int{0, 20, 35, 0, 42}[i%5], m.Enrolled); n > 0 {
			c := store.LegacyOrderClass(m, n)
			if _, err := g.tx.PutClass(&c); err != nil {
				return fmt.Errorf("示例订单班 %s：%w", c.Name, err)
			}
		}
	}
	return nil
}

// stints gives the school stintPersons distinct persons in year: most with a
// 身份证号, one person with two stints, a few going from enterprise to school,
// one stint still running, one that ended the year before (not counted).
func (g *generator) stints(s schoolSpec, year int) error {
	posts := []string{"实践锻炼", "兼职教师", "挂职", "技术人员", "管理人员"}
	for p := 0; p < s.stintPersons; p++ {
		st := store.Secondment{SchoolCode: s.code, CreditCode: g.ents[g.Rnd.IntN(len(g.ents))], Name: g.person(),
			Gender: []string{"男", "女"}[g.Rnd.IntN(2)], Direction: store.DirSchoolToEnterprise, Post: posts[p%len(posts)],
			Start: date(year, 1+p%9, 1+g.Rnd.IntN(27))}
		if p%4 == 3 {
			st.Direction, st.Post = store.DirEnterpriseToSchool, "兼职教师"
		}
		if p%5 != 4 {
			st.IDNumber = g.IDNumber(st.Gender)
		}
		if p == 0 {
			st.End = time.Time{} // still running
		} else {
			st.End = st.Start.AddDate(0, 3, 0)
		}
		if _, err := g.tx.PutSecondment(&st); err != nil {
			return fmt.Errorf("示例互派互聘 %s：%w", st.Name, err)
		}
		if p == 1 { // the same person again later in the year: counts once
			again := st
			again.ID, again.Start, again.End = 0, st.End.AddDate(0, 1, 0), st.End.AddDate(0, 3, 0)
			if _, err := g.tx.PutSecondment(&again); err != nil {
				return err
			}
		}
	}
	if s.stintPersons > 0 { // a stint of the year before, which does not count
		old := store.Secondment{SchoolCode: s.code, CreditCode: g.ents[0], Name: g.person(), Direction: store.DirSchoolToEnterprise,
			Post: "实践锻炼", Start: date(year-1, 3, 1), End: date(year-1, 6, 30), IDNumber: g.IDNumber("")}
		if _, err := g.tx.PutSecondment(&old); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) trainings(s schoolSpec, year int) error {
	if s.typ == store.TypeHighSchool {
		return nil
	}
	programmes := []struct{ name, group string }{
		{"岗位技能提升培训", "企业职工"}, {"农村劳动力转移就业技能培训", "农村劳动力"}, {"学生职业技能等级证书培训", "在校学生"},
		{"退役军人及失业人员再就业培训", "社会人员"}, {"高素质农民培训", "农村劳动力"},
	}
	for i, p := range programmes {
		start := date(year, 2+i*2, 10)
		t := store.Training{SchoolCode: s.code, Name: p.name, Category: p.group, Count: 60 + g.Rnd.IntN(700), Hours: 16 + 8*g.Rnd.IntN(6),
			Start: start, End: start.AddDate(0, 0, 5+g.Rnd.IntN(20))}
		if i%2 == 0 {
			t.CreditCode = g.ents[g.Rnd.IntN(len(g.ents))]
		}
		if _, err := g.tx.PutTraining(&t); err != nil {
			return fmt.Errorf("示例培训 %s：%w", p.name, err)
		}
	}
	return nil
}

func (g *generator) person() string {
	return string(surnames[g.Rnd.IntN(len(surnames))]) + givenNames[g.Rnd.IntN(len(givenNames))]
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
