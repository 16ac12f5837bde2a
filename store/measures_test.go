package store

import (
	"encoding/json"
	"testing"
)

// Rules and counting of measures.md's agreements, classes and carriers: one
// case passing and one failing for each rule, and hand-made cases at each
// boundary of "in force", "counted in Y", "new in Y" and "at level L or
// above".

func validAgreement() Agreement {
	return Agreement{SchoolCode: schoolA, CreditCode: entX, Name: "校企合作协议", Type: AgreementFormal,
		Signed: day("2024-09-01"), Expires: day("2027-08-31"), Contents: []string{"订单培养", "实习实训"}}
}

func TestAgreementValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Agreement)
		want []fw
	}{
		{"OK", func(*Agreement) {}, nil},
		{"OKOpenEnded", func(a *Agreement) { a.Expires = day("0001-01-01") }, nil},
		{"OKIntent", func(a *Agreement) { a.Type = AgreementIntent }, nil},
		{"OKExpiresOnSigningDay", func(a *Agreement) { a.Expires = a.Signed }, nil},
		{"ErrSchoolRequired", func(a *Agreement) { a.SchoolCode = "" }, []fw{errOn("学校标识码")}},
		{"ErrEnterpriseRequired", func(a *Agreement) { a.CreditCode = "" }, []fw{errOn("统一社会信用代码")}},
		{"ErrEnterpriseMalformed", func(a *Agreement) { a.CreditCode = "91440300192203821" }, []fw{errOn("统一社会信用代码")}},
		{"ErrNameRequired", func(a *Agreement) { a.Name = "" }, []fw{errOn("协议名称")}},
		{"ErrTypeRequired", func(a *Agreement) { a.Type = "" }, []fw{errOn("协议类型")}},
		{"ErrTypeUnknown", func(a *Agreement) { a.Type = "框架协议" }, []fw{errOn("协议类型")}},
		{"ErrSignedRequired", func(a *Agreement) { a.Signed = day("0001-01-01") }, []fw{errOn("签订日期")}},
		{"ErrExpiresBeforeSigned", func(a *Agreement) { a.Expires = day("2024-08-31") }, []fw{errOn("到期日期")}},
		{"ErrContentUnknown", func(a *Agreement) { a.Contents = []string{"订单培养", "捐赠"} }, []fw{errOn("合作内容")}},
		{"ErrContentTwice", func(a *Agreement) { a.Contents = []string{"实习实训", "实习实训"} }, []fw{errOn("合作内容")}},
		{"ErrDateOutOfRange", func(a *Agreement) { a.Signed = day("1900-01-01") }, []fw{errOn("签订日期")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validAgreement()
			tt.edit(&a)
			assertProblems(t, a.Validate(mustRef(t)), tt.want...)
		})
	}
}

func validClass() Class {
	return Class{SchoolCode: schoolA, Year: 2025, Name: "比亚迪订单班", Type: ClassOrder, MajorCode: "710201", CreditCode: entX, Students: 40}
}

func TestClassValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Class)
		want []fw
	}{
		{"OK", func(*Class) {}, nil},
		{"OKNoEnterprise", func(c *Class) { c.Type, c.CreditCode = ClassDirected, "" }, nil},
		{"OKEnterpriseApprenticeWithoutMajor", func(c *Class) { c.Type, c.MajorCode = ClassEnterprise, "" }, nil},
		{"ErrMajorRequired", func(c *Class) { c.MajorCode = "" }, []fw{errOn("专业代码")}},
		{"ErrMajorRequiredForApprenticeship", func(c *Class) { c.Type, c.MajorCode = ClassApprentice, "" }, []fw{errOn("专业代码")}},
		{"ErrSchoolRequired", func(c *Class) { c.SchoolCode = "" }, []fw{errOn("学校标识码")}},
		{"ErrYearRequired", func(c *Class) { c.Year = 0 }, []fw{errOn("统计年度")}},
		{"ErrYearOutOfRange", func(c *Class) { c.Year = 1999 }, []fw{errOn("统计年度")}},
		{"ErrNameRequired", func(c *Class) { c.Name = "" }, []fw{errOn("班级名称")}},
		{"ErrTypeUnknown", func(c *Class) { c.Type = "实验班" }, []fw{errOn("培养类型")}},
		{"ErrEnterpriseMalformed", func(c *Class) { c.CreditCode = "X" }, []fw{errOn("统一社会信用代码")}},
		{"ErrNoStudents", func(c *Class) { c.Students = 0 }, []fw{errOn("学生人数")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validClass()
			tt.edit(&c)
			assertProblems(t, c.Validate(mustRef(t)), tt.want...)
		})
	}
}

func validCarrier() Carrier {
	return Carrier{Type: "现代产业学院", Name: "牟定县数字经济现代产业学院", Level: GradePrefecture, Recognized: 2024, Founded: 2023,
		LeadSchool: schoolA, MemberSchools: []string{schoolB}, MemberEnterprises: []string{entX, entY}}
}

func TestCarrierValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Carrier)
		want []fw
	}{
		{"OK", func(*Carrier) {}, nil},
		{"OKUnrecognizedWithoutYear", func(c *Carrier) { c.Level, c.Recognized = GradeUnrecognized, 0 }, nil},
		{"OKRecognizedInFoundingYear", func(c *Carrier) { c.Recognized = c.Founded }, nil},
		{"OKRevokedNextYear", func(c *Carrier) { c.Revoked = c.Founded + 1 }, nil},
		{"ErrTypeUnknown", func(c *Carrier) { c.Type = "研究院" }, []fw{errOn("载体类型")}},
		{"ErrNameRequired", func(c *Carrier) { c.Name = "" }, []fw{errOn("载体名称")}},
		{"ErrLevelUnknown", func(c *Carrier) { c.Level = "乡级" }, []fw{errOn("级别")}},
		{"ErrRecognizedRequired", func(c *Carrier) { c.Recognized = 0 }, []fw{errOn("认定年份")}},
		{"ErrRecognizedBeforeFounded", func(c *Carrier) { c.Recognized = 2022 }, []fw{errOn("认定年份")}},
		{"ErrFoundedRequired", func(c *Carrier) { c.Founded, c.Recognized = 0, 0; c.Level = GradeUnrecognized }, []fw{errOn("成立年份")}},
		{"ErrRevokedInFoundingYear", func(c *Carrier) { c.Revoked = c.Founded }, []fw{errOn("撤销年份")}},
		{"ErrLeadSchoolMalformed", func(c *Carrier) { c.LeadSchool = "365300" }, []fw{errOn("牵头学校标识码")}},
		{"ErrMemberSchoolMalformed", func(c *Carrier) { c.MemberSchools = []string{"abc"} }, []fw{errOn("成员学校")}},
		{"ErrMemberSchoolTwice", func(c *Carrier) { c.MemberSchools = []string{schoolB, schoolB} }, []fw{errOn("成员学校")}},
		{"ErrMemberEnterpriseMalformed", func(c *Carrier) { c.MemberEnterprises = []string{"91"} }, []fw{errOn("成员企业")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validCarrier()
			tt.edit(&c)
			assertProblems(t, c.Validate(mustRef(t)), tt.want...)
		})
	}
}

// An agreement is in force in Y when signed by Y-12-31 and not expired
// before Y-01-01.
func TestAgreementInForce(t *testing.T) {
	tests := []struct {
		signed, expires string
		want            bool
	}{
		{"2025-12-31", "", true},            // signed on the year's last day
		{"2026-01-01", "", false},           // signed the day after
		{"2020-03-01", "2025-01-01", true},  // expires on the year's first day
		{"2020-03-01", "2024-12-31", false}, // expired the day before
		{"2020-03-01", "", true},            // open-ended
		{"2025-06-01", "2025-06-30", true},  // within the year
	}
	for _, tt := range tests {
		a := validAgreement()
		a.Signed, a.Expires = day(tt.signed), day("0001-01-01") // the zero time: open-ended
		if tt.expires != "" {
			a.Expires = day(tt.expires)
		}
		if got := a.InForce(2025); got != tt.want {
			t.Errorf("signed %s, expires %q: InForce(2025) = %v, want %v", tt.signed, tt.expires, got, tt.want)
		}
	}
}

// Not counted when 成立年份 > Y or 撤销年份 ≤ Y (first); else at its level
// when 认定年份 ≤ Y, else as 未认定; new when counted and founded in Y.
func TestCarrierCountedAs(t *testing.T) {
	tests := []struct {
		name                        string
		founded, recognized, revoke int
		level                       string
		wantLevel                   string
		wantCounted, wantNew        bool
	}{
		{"FoundedNextYear", 2026, 2026, 0, GradeProvince, "", false, false},
		{"FoundedThisYearRecognized", 2025, 2025, 0, GradeProvince, GradeProvince, true, true},
		{"RecognizedNextYear", 2024, 2026, 0, GradeProvince, GradeUnrecognized, true, false},
		{"RecognizedThisYear", 2024, 2025, 0, GradeProvince, GradeProvince, true, false},
		{"RevokedThisYear", 2020, 2021, 2025, GradeNational, "", false, false},
		{"RevokedNextYear", 2020, 2021, 2026, GradeNational, GradeNational, true, false},
		{"RevokedBeforeRecognisedStillNotCounted", 2025, 2030, 2025, GradeCounty, "", false, false},
		{"Unrecognized", 2025, 0, 0, GradeUnrecognized, GradeUnrecognized, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Carrier{Type: "现代产业学院", Name: "x", Level: tt.level, Founded: tt.founded, Recognized: tt.recognized, Revoked: tt.revoke}
			level, counted := c.CountedAs(2025)
			if level != tt.wantLevel || counted != tt.wantCounted || c.NewIn(2025) != tt.wantNew {
				t.Errorf("CountedAs(2025) = %q, %v; NewIn = %v; want %q, %v; %v", level, counted, c.NewIn(2025), tt.wantLevel, tt.wantCounted, tt.wantNew)
			}
		})
	}
}

func TestAtOrAbove(t *testing.T) {
	for _, tt := range []struct {
		level, min string
		want       bool
	}{
		{GradeNational, GradePrefecture, true}, {GradePrefecture, GradePrefecture, true}, {GradeCounty, GradePrefecture, false},
		{GradeUnrecognized, GradeCounty, false}, {"", GradeCounty, false}, {GradeProvince, GradeNational, false},
	} {
		if got := AtOrAbove(tt.level, tt.min); got != tt.want {
			t.Errorf("AtOrAbove(%q, %q) = %v, want %v", tt.level, tt.min, got, tt.want)
		}
	}
}

// The figures of agreements, classes and carriers, and the assessment of
// their targets, from a hand-made year.
func TestComputeMeasures(t *testing.T) {
	a, b := secondaryA(), secondaryB()
	hs := School{Code: "3453003101", Name: "高中", Type: TypeHighSchool, Region: "532323", Ownership: "公办"}
	d := dataset2025(a, b, hs)
	d.Enterprises = []Enterprise{{CreditCode: entX, Name: "X", Grade: GradeProvince}, {CreditCode: entY, Name: "Y", Grade: GradePrefecture},
		{CreditCode: entZ, Name: "Z", Grade: GradeNational}}
	ag := func(school, typ, signed, expires string) Agreement {
		x := validAgreement()
		x.SchoolCode, x.Type, x.Signed, x.Expires, x.Name = school, typ, day(signed), day("0001-01-01"), typ+signed
		if expires != "" {
			x.Expires = day(expires)
		}
		return x
	}
	d.Agreements = []Agreement{
		ag(schoolA, AgreementFormal, "2025-03-01", ""),           // signed in Y, covers A
		ag(schoolA, AgreementIntent, "2025-04-01", ""),           // an intent signed in Y
		ag(schoolB, AgreementIntent, "2023-04-01", "2025-01-01"), // in force, but an intent: B not covered
		ag(hs.Code, AgreementFormal, "2024-01-01", "2026-01-01"), // in force at a school not assessed
	}
	d.Majors = []Major{major(schoolA, "710201", 10, 5), major(schoolB, "740101", 10, 5)} // 在校生 30 each
	cl := func(school, name, typ, code string, n int) Class {
		return Class{SchoolCode: school, Year: 2025, Name: name, Type: typ, MajorCode: code, Students: n}
	}
	d.Classes = []Class{
		cl(schoolA, "订单1", ClassOrder, "710201", 12), cl(schoolA, "冠名1", ClassNamed, "710201", 10),
		cl(schoolB, "定向1", ClassDirected, "740101", 5), cl(schoolB, "学徒1", ClassApprentice, "740101", 25),
		cl(schoolB, "企业学徒", ClassEnterprise, "", 50),
	}
	d.Classes[0].CreditCode = entZ // a class links Z as a partner
	d.Carriers = []Carrier{
		{Type: "现代产业学院", Name: "甲", Level: GradeProvince, Recognized: 2024, Founded: 2023},
		{Type: "现代产业学院", Name: "乙", Level: GradeCounty, Recognized: 2025, Founded: 2025},
		{Type: "现代产业学院", Name: "丙", Level: GradeProvince, Recognized: 2026, Founded: 2025}, // 未认定 in 2025
		{Type: "县域产教联合体", Name: "丁", Level: GradePrefecture, Recognized: 2021, Founded: 2020, Revoked: 2025},
	}
	d.Targets = append(DefaultTargets(2025),
		Target{Indicator: IndAgreements, Value: 0.5},
		Target{Indicator: IndCarriers, Categories: []string{CarrierCategory("现代产业学院", GradePrefecture)}, Value: 1},
		Target{Indicator: IndIntegrated, Categories: []string{GradeProvince}, Value: 2},
		Target{Indicator: IndOrderClasses, Value: 4},
		Target{Indicator: IndApprentices, Value: 25})
	f := d.Compute(mustRef(t))

	ag25 := f.Agreements
	if ag25.Signed != 1 || ag25.IntentsSigned != 1 || ag25.InForce != 4 || ag25.SchoolsCovered != 1 || ag25.SchoolsAssessed != 2 ||
		ag25.Rate == nil || *ag25.Rate != 0.5 || ag25.Met == nil || !*ag25.Met {
		b, _ := json.Marshal(ag25)
		t.Errorf("agreements = %s", b)
	}
	if got := schoolFigures(t, f, schoolA).AgreementsInForce; got != 2 {
		t.Errorf("A's agreements in force = %d, want 2", got)
	}
	if f.Classes[ClassOrder] != (ClassCount{1, 12}) || f.Classes[ClassApprentice] != (ClassCount{1, 25}) || f.Classes[ClassEnterprise] != (ClassCount{1, 50}) {
		t.Errorf("classes = %v", f.Classes)
	}
	if f.OrderClassStudents != 27 { // 订单班 12 + 冠名班 10 + 定向班 5
		t.Errorf("order_class_students = %d, want 27", f.OrderClassStudents)
	}
	carriers, _ := json.Marshal(f.Carriers)
	if want := `[{"type":"现代产业学院","level":"省级","count":1,"new":0},{"type":"现代产业学院","level":"县级","count":1,"new":1},{"type":"现代产业学院","level":"未认定","count":1,"new":1}]`; string(carriers) != want {
		t.Errorf("carriers = %s\nwant %s", carriers, want)
	}
	got := map[string]string{}
	for _, a := range f.Assessment {
		cat := ""
		if a.Category != nil {
			cat = "/" + *a.Category
		}
		got[a.Indicator+cat] = jsonText(a.Done) + " " + jsonText(a.Met)
	}
	for k, want := range map[string]string{
		IndAgreements: "0.5 true",
		IndCarriers + "/现代产业学院/州市级": "1 true", // the 省级 one; the 县级 and 未认定 ones are below
		IndIntegrated + "/省级":       "2 true", // X (agreement, 省级) and Z (class, 国家级); Y is not a partner
		IndOrderClasses:             "3 false",
		IndApprentices:              "25 true",
		IndSecondment:               "0 false",
	} {
		if got[k] != want {
			t.Errorf("assessment %s = %q, want %q (all: %v)", k, got[k], want, got)
		}
	}
	// a major's order classes beyond its 在校生数 (企业新型学徒制 aside) warn once
	// (B's 定向班 5 + 现代学徒制 25 = 30 is not over; its 企业新型学徒制 does not count)
	d.Classes = append(d.Classes, cl(schoolA, "订单2", ClassOrder, "710201", 9)) // 12 + 10 + 9 = 31 > 30
	var warned []string
	for _, w := range d.Compute(mustRef(t)).Warnings {
		if w.Table == "订单班与学徒制" {
			warned = append(warned, w.Key)
		}
	}
	if len(warned) != 1 || warned[0] != schoolA+"/2025/710201" {
		t.Errorf("class warnings = %v, want one for %s/2025/710201", warned, schoolA)
	}
}

func jsonText(v any) string { b, _ := json.Marshal(v); return string(b) }
