package demo

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"chanjiao/store"
)

// The demo's agreements, classes and carriers (measures.md). They are made
// after every other record and use no random numbers, so the records made
// before keep their figures. Agreements and classes name only enterprises
// the school's majors already have: the partner enterprises stay the same.

// classSpec is a class the demo gives a school in both years, on its major
// number major (-1: a 企业新型学徒制 class, on no major).
type classSpec struct {
	school   string
	major    int
	typ      string
	students int
	partner  bool // with the major's first enterprise
}

var classSpecs = []classSpec{
	{"3653010001", 0, store.ClassApprentice, 28, true},
	{"3653010001", 3, store.ClassNamed, 32, true},
	{"3653010002", 0, store.ClassNamed, 30, true},
	{"3653010003", 0, store.ClassDirected, 25, false},
	{"3653010004", 0, store.ClassApprentice, 18, true},
	{"3853010001", 0, store.ClassApprentice, 24, true},
	{"3853010001", -1, store.ClassEnterprise, 45, true},
	{"4153010001", 0, store.ClassDirected, 40, true},
	{"4153010002", 3, store.ClassNamed, 36, true},
	{"4153010002", -1, store.ClassEnterprise, 60, true},
}

// measures makes the agreements, classes and carriers of the two years
// ending in year.
func (g *generator) measures(year int) error {
	if err := g.agreements(year); err != nil {
		return err
	}
	for _, y := range []int{year - 1, year} {
		if err := g.classes(y, y < year); err != nil {
			return err
		}
	}
	return g.carriers(year)
}

// major is the school's major number i of year, as made above.
func (g *generator) major(school string, year, i int) (store.Major, bool) {
	n := 0
	for _, m := range g.made {
		if m.SchoolCode == school && m.Year == year {
			if n == i {
				return m, true
			}
			n++
		}
	}
	return store.Major{}, false
}

// shortName is an enterprise's name without its place and company form, as
// a class or agreement is called after it.
func (g *generator) shortName(code string) string {
	name := g.entNames[code]
	for _, p := range []string{"云南", "楚雄州", "楚雄", "滇中"} {
		name = strings.TrimPrefix(name, p)
	}
	name = strings.TrimSuffix(strings.TrimSuffix(name, "有限公司"), "集团")
	for utf8.RuneCountInString(name) > 4 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// agreements gives each vocational school a few agreements with its majors'
// enterprises: one long-running 合作协议, an open-ended one, one that expired
// the year before, and a 合作意向书 signed in year. 楚雄市华兴职业技术学校 has
// only the letter of intent, so coverage stays short of every school.
func (g *generator) agreements(year int) error {
	for si, s := range schools {
		if s.typ == store.TypeHighSchool {
			continue
		}
		first, _ := g.major(s.code, year, 0)
		second, ok := g.major(s.code, year, 1)
		if !ok {
			second = first
		}
		a, b := first.Enterprises[0], second.Enterprises[len(second.Enterprises)-1]
		var as []store.Agreement
		if s.own == "公办" {
			as = append(as,
				store.Agreement{CreditCode: a, Name: g.shortName(a) + "校企合作协议", Type: store.AgreementFormal,
					Signed: date(year-2, 9, 1+si), Expires: date(year+1, 8, 31), Contents: []string{"订单培养", "实习实训", "共建实训基地"}},
				store.Agreement{CreditCode: b, Name: g.shortName(b) + "产教融合战略合作协议", Type: store.AgreementFormal,
					Signed: date(year-1, 3, 10+si), Contents: []string{"共建专业", "师资互派", "技术服务"}},
				store.Agreement{CreditCode: b, Name: g.shortName(b) + "实习基地协议", Type: store.AgreementFormal,
					Signed: date(year-3, 6, 1), Expires: date(year-1, 6, 30), Contents: []string{"实习实训"}})
		}
		as = append(as, store.Agreement{CreditCode: a, Name: g.shortName(a) + "职工培训合作意向书", Type: store.AgreementIntent,
			Signed: date(year, 4+si%6, 15), Contents: []string{"职工培训", "其他"}})
		if s.own == "公办" && si%3 == 0 { // and a formal agreement signed this year
			as = append(as, store.Agreement{CreditCode: a, Name: g.shortName(a) + "订单培养协议", Type: store.AgreementFormal,
				Signed: date(year, 9, 1), Expires: date(year+3, 7, 31), Contents: []string{"订单培养"}})
		}
		for _, ag := range as {
			ag.SchoolCode = s.code
			if _, err := g.tx.PutAgreement(&ag); err != nil {
				return fmt.Errorf("示例校企合作协议 %s：%w", ag.Name, err)
			}
		}
	}
	return nil
}

// classes adds to the 订单班 made from the old 订单班人数 a class of every
// other kind; the year before, some had a few students fewer.
func (g *generator) classes(year int, earlier bool) error {
	for i, cs := range classSpecs {
		c := store.Class{SchoolCode: cs.school, Year: year, Type: cs.typ, Students: cs.students}
		if earlier && i%2 == 1 {
			c.Students -= 3
		}
		m, _ := g.major(cs.school, year, max(cs.major, 0))
		if cs.partner {
			c.CreditCode = m.Enterprises[0]
		}
		switch {
		case cs.typ == store.ClassEnterprise:
			c.Name = g.shortName(c.CreditCode) + store.ClassEnterprise + "班"
		case cs.typ == store.ClassNamed:
			c.MajorCode, c.Name = m.Code, g.shortName(c.CreditCode)+store.ClassNamed
		default:
			c.MajorCode, c.Name = m.Code, m.Name+cs.typ+"班"
		}
		if _, err := g.tx.PutClass(&c); err != nil {
			return fmt.Errorf("示例班级 %s：%w", c.Name, err)
		}
	}
	return nil
}

// carriers gives the county carriers at every level: one founded in year
// and not yet recognised, one recognised only in year, and one revoked in
// year (counted the year before only).
func (g *generator) carriers(year int) error {
	vocational := []string{}
	for _, s := range schools {
		if s.typ != store.TypeHighSchool {
			vocational = append(vocational, s.code)
		}
	}
	cs := []store.Carrier{
		{Type: "县域产教联合体", Name: "楚雄市县域产教联合体", Level: store.GradePrefecture, Recognized: year - 1, Founded: year - 2,
			LeadSchool: "3653010001", MemberSchools: vocational, MemberEnterprises: g.ents[:8],
			Note: "由市教育体育局、市工业和信息化局牵头"},
		{Type: "行业产教融合共同体", Name: "滇中绿色食品（茶产业）行业产教融合共同体", Level: store.GradePrefecture,
			Recognized: year, Founded: year - 1, LeadSchool: "3653010002",
			MemberSchools: []string{"3653010002", "4153010002"}, MemberEnterprises: []string{g.ents[2], g.ents[8], g.ents[25]}},
		{Type: "现代产业学院", Name: "楚雄彝绣文化现代产业学院", Level: store.GradeProvince, Recognized: year - 1, Founded: year - 3,
			LeadSchool: "4153010002", MemberSchools: []string{"4153010002", "3653010002"}, MemberEnterprises: []string{g.ents[1], g.ents[7]}},
		{Type: "现代产业学院", Name: "滇中新能源汽车现代产业学院", Level: store.GradeCounty, Recognized: year, Founded: year - 1,
			LeadSchool: "3653010004", MemberSchools: []string{"3653010004", "3653010001"}, MemberEnterprises: []string{g.ents[0], g.ents[13]}},
		{Type: "乡村振兴学院", Name: "楚雄市乡村振兴学院", Level: store.GradeUnrecognized, Founded: year,
			LeadSchool: "4153010002", MemberSchools: []string{"4153010002"}, MemberEnterprises: []string{g.ents[8], g.ents[25], g.ents[26]},
			Note: "筹建中，拟申报州级示范"},
		{Type: "产教融合实践中心", Name: "楚雄医药卫生产教融合实践中心", Level: store.GradeNational, Recognized: year - 1, Founded: year - 4,
			LeadSchool: "4153010001", MemberSchools: []string{"4153010001", "3653010003"}, MemberEnterprises: []string{g.ents[3], g.ents[14], g.ents[15]}},
		{Type: "技能大师工作室", Name: "彝族刺绣技能大师工作室", Level: store.GradeCounty, Recognized: year - 2, Founded: year - 2,
			LeadSchool: "3653010002"},
		{Type: "职业教育集团", Name: "楚雄市职业教育集团", Level: store.GradeProvince, Recognized: year - 6, Founded: year - 8, Revoked: year,
			LeadSchool: "3653010001", MemberSchools: vocational, Note: "已并入楚雄市县域产教联合体"},
	}
	for _, c := range cs {
		if _, err := g.tx.PutCarrier(&c); err != nil {
			return fmt.Errorf("示例产教融合载体 %s：%w", c.Name, err)
		}
	}
	return nil
}
