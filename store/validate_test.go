package store

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"chanjiao/store/refdata"
)

// Validation rules of shared/spec/workbook.md, one case passing and one
// failing for each, asserting the exact field of every problem and whether
// it is a warning.

var testRefOnce = sync.OnceValues(refdata.ForTests)

// mustRef returns the reference data of ../shared/data, failing the test
// when it cannot be loaded.
func mustRef(tb testing.TB) *refdata.Reference {
	tb.Helper()
	ref, err := testRefOnce()
	if err != nil {
		tb.Fatalf("refdata.ForTests: %v", err)
	}
	return ref
}

// fw is what a test asserts of a problem: its field and whether it is a warning.
type fw struct {
	Field   string
	Warning bool
}

func (p fw) String() string {
	if p.Warning {
		return p.Field + "(warning)"
	}
	return p.Field + "(error)"
}

func errOn(field string) fw  { return fw{Field: field} }
func warnOn(field string) fw { return fw{Field: field, Warning: true} }

// assertProblems checks that ps holds exactly want, in any order.
func assertProblems(t *testing.T, ps Problems, want ...fw) {
	t.Helper()
	got := make([]string, len(ps))
	for i, p := range ps {
		got[i] = fw{p.Field, p.Warning}.String()
	}
	exp := make([]string, len(want))
	for i, w := range want {
		exp[i] = w.String()
	}
	sort.Strings(got)
	sort.Strings(exp)
	if strings.Join(got, ", ") != strings.Join(exp, ", ") {
		t.Errorf("problems = [%s], want [%s]\n(all: %+v)", strings.Join(got, ", "), strings.Join(exp, ", "), ps)
	}
	for _, p := range ps {
		if p.Message == "" {
			t.Errorf("problem on %s has no message", p.Field)
		}
	}
	wantErr := false
	for _, w := range want {
		wantErr = wantErr || !w.Warning
	}
	if ps.HasErrors() != wantErr {
		t.Errorf("HasErrors() = %v, want %v", ps.HasErrors(), wantErr)
	}
	if (ps.Err() != nil) != wantErr {
		t.Errorf("Err() = %v, want error: %v", ps.Err(), wantErr)
	}
}

func day(s string) time.Time {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCreditCodeCheckDigit(t *testing.T) {
	tests := []struct {
		name       string
		code       string
		wellFormed bool
		check      bool
	}{
		{"OKShenzhen", "914403001922038216", true, true},
		{"OKBeijingLetterCheck", "91110000600037341L", true, true},
		{"OKComputed", "915323230000000105", true, true},
		{"WarnCheckCharZ", "91350100M000100Y4Z", true, false},
		{"ErrContainsZInBody", "91350100Z000100Y4A", false, false},
		{"ErrLastDigitChanged", "914403001922038217", true, false},
		{"ErrLetterCheckChanged", "91110000600037341M", true, false},
		{"ErrSeventeen", "91440300192203821", false, false},
		{"ErrNineteen", "9144030019220382160", false, false},
		{"ErrContainsI", "91440300I92203821X", false, false},
		{"ErrContainsO", "91440300O92203821X", false, false},
		{"ErrLowercase", "91110000600037341l", false, false},
		{"ErrEmpty", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CreditCodeWellFormed(tt.code); got != tt.wellFormed {
				t.Errorf("CreditCodeWellFormed(%q) = %v, want %v", tt.code, got, tt.wellFormed)
			}
			if got := CreditCodeCheckDigit(tt.code); got != tt.check {
				t.Errorf("CreditCodeCheckDigit(%q) = %v, want %v", tt.code, got, tt.check)
			}
		})
	}
}

func TestIDNumberValid(t *testing.T) {
	tests := []struct {
		name string
		id   string
		want bool
	}{
		{"OKCheckX", "11010519491231002X", true},
		{"OKCheck4", "440524188001010014", true},
		{"OKComputed", "532323198502020021", true},
		{"ErrXChanged", "110105194912310021", false},
		{"ErrLastDigitChanged", "440524188001010015", false},
		{"ErrBodyChanged", "440524188001010024", false},
		{"ErrLowercaseX", "11010519491231002x", false},
		{"ErrSeventeen", "44052418800101001", false},
		{"ErrFifteen", "440524800101001", false},
		{"ErrLetterInBody", "4405241880010100A4", false},
		{"ErrEmpty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IDNumberValid(tt.id); got != tt.want {
				t.Errorf("IDNumberValid(%q) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestPhoneValid(t *testing.T) {
	for _, tt := range []struct {
		phone string
		want  bool
	}{
		{"", true}, {"0878-5211234", true}, {"+86 878 5211234", true}, {"13800138000", true},
		{"0878-52x", false}, {"0878—5211234", false}, {"(0878)5211234", false}, {"０８７８", false},
	} {
		t.Run(tt.phone, func(t *testing.T) {
			if got := PhoneValid(tt.phone); got != tt.want {
				t.Errorf("PhoneValid(%q) = %v, want %v", tt.phone, got, tt.want)
			}
		})
	}
}

func TestMaskID(t *testing.T) {
	if got, want := MaskID("11010519491231002X"), "110105********002X"; got != want {
		t.Errorf("MaskID = %q, want %q", got, want)
	}
	if got := MaskID("123"); got != "123" {
		t.Errorf("MaskID(short) = %q, want it unchanged", got)
	}
}

func validSchool() School {
	return School{Code: "3653003101", Name: "牟定县职业高级中学", Type: "中等职业学校", Region: "532323", Ownership: "公办"}
}

func TestSchoolValidate(t *testing.T) {
	ref := mustRef(t)
	tests := []struct {
		name string
		edit func(*School)
		want []fw
	}{
		{"OK", func(*School) {}, nil},
		{"OKAllOptional", func(s *School) {
			s.Quality, s.Contact, s.Phone, s.ClosedYear = "国家级", "李老师", "0878-5211234", 2030
		}, nil},
		{"ErrCodeRequired", func(s *School) { s.Code = "" }, []fw{errOn("学校标识码")}},
		{"ErrCodeNineDigits", func(s *School) { s.Code = "365300310" }, []fw{errOn("学校标识码")}},
		{"ErrCodeElevenDigits", func(s *School) { s.Code = "36530031011" }, []fw{errOn("学校标识码")}},
		{"ErrCodeLetter", func(s *School) { s.Code = "36530031A1" }, []fw{errOn("学校标识码")}},
		{"ErrNameRequired", func(s *School) { s.Name = "" }, []fw{errOn("学校名称")}},
		{"ErrTypeRequired", func(s *School) { s.Type = "" }, []fw{errOn("办学类型")}},
		{"ErrTypeUnknown", func(s *School) { s.Type = "职业高中" }, []fw{errOn("办学类型")}},
		{"ErrRegionRequired", func(s *School) { s.Region = "" }, []fw{errOn("所在区划代码")}},
		{"ErrRegionFiveDigits", func(s *School) { s.Region = "53232" }, []fw{errOn("所在区划代码")}},
		{"ErrRegionLetters", func(s *School) { s.Region = "5323AB" }, []fw{errOn("所在区划代码")}},
		{"WarnRegionNotInList", func(s *School) { s.Region = "532399" }, []fw{warnOn("所在区划代码")}},
		{"OKRegionPrefecture", func(s *School) { s.Region = "532300" }, nil},
		{"ErrOwnershipRequired", func(s *School) { s.Ownership = "" }, []fw{errOn("办学性质")}},
		{"ErrOwnershipUnknown", func(s *School) { s.Ownership = "私立" }, []fw{errOn("办学性质")}},
		{"OKOwnershipPrivate", func(s *School) { s.Ownership = "民办" }, nil},
		{"ErrQuality", func(s *School) { s.Quality = "市级" }, []fw{errOn("优质学校等级")}},
		{"OKQualityPrefecture", func(s *School) { s.Quality = "州市级" }, nil},
		{"ErrPhone", func(s *School) { s.Phone = "0878-52x" }, []fw{errOn("联系电话")}},
		{"OKPhonePlusSpaces", func(s *School) { s.Phone = "+86 878 5211234" }, nil},
		{"ErrClosedYearTooEarly", func(s *School) { s.ClosedYear = 1999 }, []fw{errOn("停办年份")}},
		{"ErrClosedYearTooLate", func(s *School) { s.ClosedYear = 2101 }, []fw{errOn("停办年份")}},
		{"OKClosedYearBounds", func(s *School) { s.ClosedYear = 2000 }, nil},
		{"ErrSeveral", func(s *School) { s.Code, s.Name, s.Phone = "1", "", "x" }, []fw{errOn("学校标识码"), errOn("学校名称"), errOn("联系电话")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSchool()
			tt.edit(&s)
			assertProblems(t, s.Validate(ref), tt.want...)
		})
	}
	for _, typ := range SchoolTypes {
		t.Run("OKType"+typ, func(t *testing.T) {
			s := validSchool()
			s.Type = typ
			assertProblems(t, s.Validate(ref))
		})
	}
}

func TestSchoolAssessed(t *testing.T) {
	tests := []struct {
		name   string
		typ    string
		closed int
		want   bool
	}{
		{"OKRunning", "中等职业学校", 0, true},
		{"OKClosesNextYear", "中等职业学校", 2026, true},
		{"NotClosedThisYear", "中等职业学校", 2025, false},
		{"NotClosedEarlier", "技工学校", 2020, false},
		{"NotHighSchool", "普通高中", 0, false},
		{"OKOther", "其他", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSchool()
			s.Type, s.ClosedYear = tt.typ, tt.closed
			if got := s.Assessed(2025); got != tt.want {
				t.Errorf("Assessed(2025) = %v, want %v", got, tt.want)
			}
		})
	}
}

func validEnterprise() Enterprise {
	return Enterprise{CreditCode: "914403001922038216", Name: "深圳某科技有限公司"}
}

func TestEnterpriseValidate(t *testing.T) {
	ref := mustRef(t)
	tests := []struct {
		name string
		edit func(*Enterprise)
		want []fw
	}{
		{"OK", func(*Enterprise) {}, nil},
		{"OKLetterCheckDigit", func(e *Enterprise) { e.CreditCode = "91110000600037341L" }, nil},
		{"OKAllOptional", func(e *Enterprise) {
			e.Industry, e.Grade, e.Region, e.Contact, e.Phone = "C", "省级", "532323", "王经理", "0878-5211234"
		}, nil},
		{"ErrCreditCodeRequired", func(e *Enterprise) { e.CreditCode = "" }, []fw{errOn("统一社会信用代码")}},
		{"WarnCheckDigit", func(e *Enterprise) { e.CreditCode = "914403001922038217" }, []fw{warnOn("统一社会信用代码")}},
		{"ErrSeventeen", func(e *Enterprise) { e.CreditCode = "91440300192203821" }, []fw{errOn("统一社会信用代码")}},
		{"ErrContainsI", func(e *Enterprise) { e.CreditCode = "91440300I92203821X" }, []fw{errOn("统一社会信用代码")}},
		{"ErrContainsO", func(e *Enterprise) { e.CreditCode = "91440300O92203821X" }, []fw{errOn("统一社会信用代码")}},
		{"WarnCheckCharZ", func(e *Enterprise) { e.CreditCode = "91350100M000100Y4Z" }, []fw{warnOn("统一社会信用代码")}},
		{"ErrContainsZInBody", func(e *Enterprise) { e.CreditCode = "91350100Z000100Y4A" }, []fw{errOn("统一社会信用代码")}},
		{"ErrNameRequired", func(e *Enterprise) { e.Name = "" }, []fw{errOn("企业名称")}},
		{"OKIndustryName", func(e *Enterprise) { e.Industry = "制造业" }, nil},
		{"OKIndustryLetterAndName", func(e *Enterprise) { e.Industry = "P 教育" }, nil},
		{"OKIndustryT", func(e *Enterprise) { e.Industry = "T" }, nil},
		{"ErrIndustryU", func(e *Enterprise) { e.Industry = "U" }, []fw{errOn("所属行业")}},
		{"ErrIndustryPartialName", func(e *Enterprise) { e.Industry = "制造" }, []fw{errOn("所属行业")}},
		{"ErrGrade", func(e *Enterprise) { e.Grade = "县级" }, []fw{errOn("产教融合型企业等级")}},
		{"ErrRegionFormat", func(e *Enterprise) { e.Region = "5323" }, []fw{errOn("所在区划代码")}},
		{"WarnRegionNotInList", func(e *Enterprise) { e.Region = "532399" }, []fw{warnOn("所在区划代码")}},
		{"ErrPhone", func(e *Enterprise) { e.Phone = "电话" }, []fw{errOn("联系电话")}},
		{"WarnCheckDigitAndErrName", func(e *Enterprise) { e.CreditCode, e.Name = "914403001922038217", "" },
			[]fw{warnOn("统一社会信用代码"), errOn("企业名称")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := validEnterprise()
			tt.edit(&e)
			assertProblems(t, e.Validate(ref), tt.want...)
		})
	}
}

func validMajor() Major {
	return Major{SchoolCode: "3653003101", SchoolType: "中等职业学校", Year: 2025, Code: "710201", Name: "计算机应用",
		Status: "招生", Enrolled: 200, Graduates: 60, Progressed: 40}
}

func TestMajorValidate(t *testing.T) {
	ref := mustRef(t)
	tests := []struct {
		name string
		edit func(*Major)
		want []fw
	}{
		{"OK", func(*Major) {}, nil},
		{"OKAllOptional", func(m *Major) {
			m.OpenedYear, m.Through, m.Quality = 2018, "3+2", "省级"
			m.Enterprises = []string{"914403001922038216", "91110000600037341L"}
		}, nil},
		{"ErrSchoolRequired", func(m *Major) { m.SchoolCode = "" }, []fw{errOn("学校标识码")}},
		{"ErrYearTooEarly", func(m *Major) { m.Year = 1999 }, []fw{errOn("统计年度")}},
		{"ErrYearMissing", func(m *Major) { m.Year = 0 }, []fw{errOn("统计年度")}},
		{"OKYearBound", func(m *Major) { m.Year = 2100 }, nil},
		{"ErrCodeRequired", func(m *Major) { m.Code = "" }, []fw{errOn("专业代码")}},
		{"ErrCodeFiveDigits", func(m *Major) { m.Code = "71020" }, []fw{errOn("专业代码")}},
		{"ErrCodeSevenDigits", func(m *Major) { m.Code = "7102011" }, []fw{errOn("专业代码")}},
		{"ErrCodeOtherSuffix", func(m *Major) { m.Code = "710201A" }, []fw{errOn("专业代码")}},
		{"ErrCodeNotInCatalogue", func(m *Major) { m.Code = "719999" }, []fw{errOn("专业代码")}},
		{"WarnCodeNotInCatalogueTechnician", func(m *Major) { m.SchoolType, m.Code = "技工学校", "719999" }, []fw{warnOn("专业代码")}},
		{"OKTechnicianSecondary", func(m *Major) { m.SchoolType, m.Code, m.Name = "技工学校", "660103", "数控技术应用" }, nil},
		{"ErrLevelHigherAtSecondary", func(m *Major) { m.Code, m.Name = "510201", "计算机应用技术" }, []fw{errOn("专业代码")}},
		{"ErrLevelHigherAtTechnician", func(m *Major) { m.SchoolType, m.Code, m.Name = "技工学校", "510201", "计算机应用技术" }, []fw{errOn("专业代码")}},
		{"ErrLevelSecondaryAtCollege", func(m *Major) { m.SchoolType = "高职专科" }, []fw{errOn("专业代码")}},
		{"OKCollege", func(m *Major) { m.SchoolType, m.Code, m.Name = "高职专科", "510201", "计算机应用技术" }, nil},
		{"ErrLevelCollegeAtUndergraduate", func(m *Major) { m.SchoolType, m.Code, m.Name = "职业本科", "510201", "计算机应用技术" }, []fw{errOn("专业代码")}},
		{"OKUndergraduate", func(m *Major) { m.SchoolType, m.Code, m.Name = "职业本科", "210101", "现代种业技术" }, nil},
		{"OKOtherSecondary", func(m *Major) { m.SchoolType = "其他" }, nil},
		{"OKOtherCollege", func(m *Major) { m.SchoolType, m.Code, m.Name = "其他", "510201", "计算机应用技术" }, nil},
		{"OKOtherUndergraduate", func(m *Major) { m.SchoolType, m.Code, m.Name = "其他", "210101", "现代种业技术" }, nil},
		{"WarnHighSchool", func(m *Major) { m.SchoolType = "普通高中" }, []fw{warnOn("专业代码")}},
		{"WarnNameDiffers", func(m *Major) { m.Name = "计算机应用与维修" }, []fw{warnOn("专业名称")}},
		{"WarnKMissing", func(m *Major) { m.SchoolType, m.Code, m.Name = "高职专科", "520101", "临床医学" }, []fw{warnOn("专业代码")}},
		{"OKKPresent", func(m *Major) { m.SchoolType, m.Code, m.Name = "高职专科", "520101K", "临床医学" }, nil},
		{"WarnKExtra", func(m *Major) { m.Code = "710201K" }, []fw{warnOn("专业代码")}},
		{"ErrNameRequired", func(m *Major) { m.Name = "" }, []fw{errOn("专业名称")}},
		{"OKOpenedSameYear", func(m *Major) { m.OpenedYear = 2025 }, nil},
		{"ErrOpenedAfterYear", func(m *Major) { m.OpenedYear = 2026 }, []fw{errOn("开设年份")}},
		{"ErrOpenedTooEarly", func(m *Major) { m.OpenedYear = 1990 }, []fw{errOn("开设年份")}},
		{"ErrStatusRequired", func(m *Major) { m.Status = "" }, []fw{errOn("状态")}},
		{"ErrStatusUnknown", func(m *Major) { m.Status = "暂停" }, []fw{errOn("状态")}},
		{"OKStatusClosed", func(m *Major) { m.Status = "撤销" }, nil},
		{"ErrProgressedNegative", func(m *Major) { m.Progressed = -1 }, []fw{errOn("升学人数")}},
		{"ErrEnrolledNegative", func(m *Major) { m.Enrolled = -1 }, []fw{errOn("在校生数")}},
		{"ErrGraduatesNegative", func(m *Major) { m.Graduates, m.Progressed = -1, -1 }, []fw{errOn("毕业生数"), errOn("升学人数")}},
		{"OKProgressedEqualsGraduates", func(m *Major) { m.Progressed = 60 }, nil},
		{"ErrProgressedOverGraduates", func(m *Major) { m.Progressed = 61 }, []fw{errOn("升学人数")}},
		{"OKThroughFiveYear", func(m *Major) { m.Through = "五年一贯制" }, nil},
		{"ErrThrough", func(m *Major) { m.Through = "2+3" }, []fw{errOn("贯通培养")}},
		{"ErrQuality", func(m *Major) { m.Quality = "校级" }, []fw{errOn("优质专业等级")}},
		{"ErrEnterpriseMalformed", func(m *Major) { m.Enterprises = []string{"914403001922038216", "123"} }, []fw{errOn("合作企业")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validMajor()
			tt.edit(&m)
			assertProblems(t, m.Validate(ref), tt.want...)
		})
	}
}

func TestCatalogueCode(t *testing.T) {
	ref := mustRef(t)
	for _, tt := range []struct{ in, want string }{
		{"520101", "520101K"}, {"520101K", "520101K"}, {"710201", "710201"}, {"710201K", "710201"}, {"719999", "719999"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			if got := CatalogueCode(ref, tt.in); got != tt.want {
				t.Errorf("CatalogueCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func validSecondment() Secondment {
	return Secondment{SchoolCode: "3653003101", CreditCode: "914403001922038216", Name: "张三", Gender: "女",
		IDNumber: "11010519491231002X", Direction: DirSchoolToEnterprise, Post: "挂职",
		Start: day("2025-03-01"), End: day("2025-06-30")}
}

func TestSecondmentValidate(t *testing.T) {
	ref := mustRef(t)
	tests := []struct {
		name string
		edit func(*Secondment)
		want []fw
	}{
		{"OK", func(*Secondment) {}, nil},
		{"OKNoIDNoGenderNoEnd", func(s *Secondment) { s.IDNumber, s.Gender, s.End = "", "", time.Time{} }, nil},
		{"OKEndEqualsStart", func(s *Secondment) { s.End = s.Start }, nil},
		{"OKOtherDirection", func(s *Secondment) { s.Direction = DirEnterpriseToSchool }, nil},
		{"ErrSchoolRequired", func(s *Secondment) { s.SchoolCode = "" }, []fw{errOn("学校标识码")}},
		{"ErrCreditCodeRequired", func(s *Secondment) { s.CreditCode = "" }, []fw{errOn("统一社会信用代码")}},
		{"ErrNameRequired", func(s *Secondment) { s.Name = "" }, []fw{errOn("姓名")}},
		{"ErrGender", func(s *Secondment) { s.Gender = "M" }, []fw{errOn("性别")}},
		{"WarnGenderNotTheID", func(s *Secondment) { s.Gender = "男" }, []fw{warnOn("性别")}},
		{"ErrIDCheckDigit", func(s *Secondment) { s.IDNumber = "110105194912310021" }, []fw{errOn("身份证号")}},
		{"ErrIDOtherCheckDigit", func(s *Secondment) { s.IDNumber = "440524188001010015" }, []fw{errOn("身份证号")}},
		{"ErrIDSeventeen", func(s *Secondment) { s.IDNumber = "11010519491231002" }, []fw{errOn("身份证号")}},
		{"ErrDirectionRequired", func(s *Secondment) { s.Direction = "" }, []fw{errOn("方向")}},
		{"ErrDirectionUnknown", func(s *Secondment) { s.Direction = "派往企业" }, []fw{errOn("方向")}},
		{"ErrPostRequired", func(s *Secondment) { s.Post = "" }, []fw{errOn("岗位类型")}},
		{"ErrPostUnknown", func(s *Secondment) { s.Post = "教师" }, []fw{errOn("岗位类型")}},
		{"ErrStartRequired", func(s *Secondment) { s.Start = time.Time{} }, []fw{errOn("开始日期")}},
		{"ErrEndBeforeStart", func(s *Secondment) { s.End = day("2025-02-28") }, []fw{errOn("结束日期")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSecondment()
			tt.edit(&s)
			assertProblems(t, s.Validate(ref), tt.want...)
		})
	}
	for _, post := range PostTypes {
		t.Run("OKPost"+post, func(t *testing.T) {
			s := validSecondment()
			s.Post = post
			assertProblems(t, s.Validate(ref))
		})
	}
}

func validTraining() Training {
	return Training{SchoolCode: "3653003101", Name: "电工技能培训", Category: "农村劳动力", Count: 150, Hours: 8,
		Start: day("2025-04-01"), End: day("2025-04-10")}
}

func TestTrainingValidate(t *testing.T) {
	ref := mustRef(t)
	tests := []struct {
		name string
		edit func(*Training)
		want []fw
	}{
		{"OK", func(*Training) {}, nil},
		{"OKNoEndNoHours", func(tr *Training) { tr.End, tr.Hours = time.Time{}, 0 }, nil},
		{"OKCountOne", func(tr *Training) { tr.Count = 1 }, nil},
		{"OKEnterprise", func(tr *Training) { tr.CreditCode = "914403001922038216" }, nil},
		{"ErrSchoolRequired", func(tr *Training) { tr.SchoolCode = "" }, []fw{errOn("承办学校标识码")}},
		{"ErrNameRequired", func(tr *Training) { tr.Name = "" }, []fw{errOn("项目名称")}},
		{"ErrCategoryRequired", func(tr *Training) { tr.Category = "" }, []fw{errOn("培训对象")}},
		{"ErrCategoryUnknown", func(tr *Training) { tr.Category = "学生" }, []fw{errOn("培训对象")}},
		{"ErrCountZero", func(tr *Training) { tr.Count = 0 }, []fw{errOn("培训人次")}},
		{"ErrCountNegative", func(tr *Training) { tr.Count = -5 }, []fw{errOn("培训人次")}},
		{"ErrHoursNegative", func(tr *Training) { tr.Hours = -1 }, []fw{errOn("学时")}},
		{"ErrStartRequired", func(tr *Training) { tr.Start = time.Time{} }, []fw{errOn("开始日期")}},
		{"ErrEndBeforeStart", func(tr *Training) { tr.End = day("2025-03-31") }, []fw{errOn("结束日期")}},
		{"ErrEnterpriseMalformed", func(tr *Training) { tr.CreditCode = "9144030019220382" }, []fw{errOn("合作企业")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := validTraining()
			tt.edit(&tr)
			assertProblems(t, tr.Validate(ref), tt.want...)
		})
	}
	for _, g := range TrainingGroups {
		t.Run("OKCategory"+g, func(t *testing.T) {
			tr := validTraining()
			tr.Category = g
			assertProblems(t, tr.Validate(ref))
		})
	}
}

func TestUnitValidate(t *testing.T) {
	ref := mustRef(t)
	tests := []struct {
		name string
		unit Unit
		want []fw
	}{
		{"OKCounty", Unit{Code: "532323", Name: "牟定县", Level: LevelCounty}, nil},
		{"OKPrefecture", Unit{Code: "532300", Name: "楚雄州", Level: LevelPrefecture}, nil},
		{"OKProvince", Unit{Code: "530000", Name: "云南省", Level: LevelProvince}, nil},
		{"OKPhone", Unit{Code: "532323", Name: "牟定县", Level: LevelCounty, Phone: "0878-5211234"}, nil},
		{"ErrCodeRequired", Unit{Name: "牟定县", Level: LevelCounty}, []fw{errOn("区划代码")}},
		{"ErrCodeFiveDigits", Unit{Code: "53232", Name: "牟定县", Level: LevelCounty}, []fw{errOn("区划代码")}},
		{"ErrCodeFourDigitsUnnormalised", Unit{Code: "5323", Name: "楚雄州", Level: LevelPrefecture}, []fw{errOn("区划代码")}},
		{"ErrCountyCodeOfPrefecture", Unit{Code: "532300", Name: "牟定县", Level: LevelCounty}, []fw{errOn("区划代码")}},
		{"ErrCountyCodeOfProvince", Unit{Code: "530000", Name: "牟定县", Level: LevelCounty}, []fw{errOn("区划代码")}},
		{"ErrPrefectureCodeOfCounty", Unit{Code: "532323", Name: "楚雄州", Level: LevelPrefecture}, []fw{errOn("区划代码")}},
		{"ErrPrefectureCodeOfProvince", Unit{Code: "530000", Name: "楚雄州", Level: LevelPrefecture}, []fw{errOn("区划代码")}},
		{"ErrProvinceCodeOfPrefecture", Unit{Code: "532300", Name: "云南省", Level: LevelProvince}, []fw{errOn("区划代码")}},
		{"ErrProvinceCodeOfCounty", Unit{Code: "532323", Name: "云南省", Level: LevelProvince}, []fw{errOn("区划代码")}},
		{"WarnCountyNotInList", Unit{Code: "532399", Name: "某县", Level: LevelCounty}, []fw{warnOn("区划代码")}},
		{"WarnPrefectureNotInList", Unit{Code: "539900", Name: "某州", Level: LevelPrefecture}, []fw{warnOn("区划代码")}},
		{"ErrNameRequired", Unit{Code: "532323", Level: LevelCounty}, []fw{errOn("单位名称")}},
		{"ErrLevelUnknown", Unit{Code: "532323", Name: "牟定县", Level: "city"}, []fw{errOn("级别")}},
		{"ErrPhone", Unit{Code: "532323", Name: "牟定县", Level: LevelCounty, Phone: "分机8"}, []fw{errOn("联系电话")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, tt.unit.Validate(ref), tt.want...)
		})
	}
}

func TestNormalizeUnitCodeAndParent(t *testing.T) {
	for _, tt := range []struct {
		in, level, code, parent string
	}{
		{"53", LevelProvince, "530000", ""},
		{"5323", LevelPrefecture, "532300", "530000"},
		{"532323", LevelCounty, "532323", "532300"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			u := Unit{Code: NormalizeUnitCode(tt.in), Level: tt.level}
			if u.Code != tt.code {
				t.Errorf("NormalizeUnitCode(%q) = %q, want %q", tt.in, u.Code, tt.code)
			}
			if got := u.Parent(); got != tt.parent {
				t.Errorf("Parent() of %s = %q, want %q", u.Code, got, tt.parent)
			}
		})
	}
}

func TestValidateTargets(t *testing.T) {
	sec, trn, prog, cov := IndicatorName(IndSecondment), IndicatorName(IndTraining), IndicatorName(IndProgression), IndicatorName(IndCoverage)
	tr := func(v float64, cats ...string) Target {
		return Target{Year: 2025, Indicator: IndTraining, Categories: cats, Value: v}
	}
	tests := []struct {
		name string
		ts   []Target
		want []fw
	}{
		{"OKEmpty", nil, nil},
		{"OKDefaults2026", DefaultTargets(2026), nil},
		{"OKSecondmentZero", []Target{{Indicator: IndSecondment, Value: 0}}, nil},
		{"ErrSecondmentNegative", []Target{{Indicator: IndSecondment, Value: -1}}, []fw{errOn(sec)}},
		{"ErrSecondmentFraction", []Target{{Indicator: IndSecondment, Value: 10.5}}, []fw{errOn(sec)}},
		{"ErrSecondmentTwice", []Target{{Indicator: IndSecondment, Value: 10}, {Indicator: IndSecondment, Value: 12}}, []fw{errOn(sec)}},
		{"OKProgressionBounds", []Target{{Indicator: IndProgression, Value: 0}, {Indicator: IndCoverage, Value: 1}}, nil},
		{"ErrProgressionOver", []Target{{Indicator: IndProgression, Value: 1.2}}, []fw{errOn(prog)}},
		{"ErrProgressionPercentNotFraction", []Target{{Indicator: IndProgression, Value: 60}}, []fw{errOn(prog)}},
		{"ErrCoverageNegative", []Target{{Indicator: IndCoverage, Value: -0.1}}, []fw{errOn(cov)}},
		{"ErrCoverageTwice", []Target{{Indicator: IndCoverage, Value: 1}, {Indicator: IndCoverage, Value: 0.5}}, []fw{errOn(cov)}},
		{"OKTrainingChuxiong", []Target{tr(30000, "在校学生"), tr(20000, "企业职工", "社会人员"), tr(50000, "农村劳动力")}, nil},
		{"ErrTrainingNoCategories", []Target{tr(100)}, []fw{errOn(trn)}},
		{"ErrTrainingUnknownCategory", []Target{tr(100, "退役军人")}, []fw{errOn(trn)}},
		{"ErrTrainingCategoryInTwoTargets", []Target{tr(100, "在校学生"), tr(200, "在校学生", "社会人员")}, []fw{errOn(trn)}},
		{"ErrTrainingNegative", []Target{tr(-1, "在校学生")}, []fw{errOn(trn)}},
		{"ErrTrainingFraction", []Target{tr(0.5, "在校学生")}, []fw{errOn(trn)}},
		{"ErrUnknownIndicator", []Target{{Indicator: "employment", Value: 1}}, []fw{errOn("指标")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertProblems(t, ValidateTargets(tt.ts), tt.want...)
		})
	}
}

func TestDefaultTargets(t *testing.T) {
	for _, tt := range []struct {
		year int
		want string
	}{
		{2024, "secondment=10 dual_qualified=0.5 activities=2 activities=4 activities=2"},
		{2025, "secondment=10 progression=0.6 dual_qualified=0.5 activities=2 activities=4 activities=2"},
		{2026, "secondment=10 progression=0.6 coverage=1 dual_qualified=0.5 activities=2 activities=4 activities=2"},
		{2030, "secondment=10 progression=0.6 coverage=1 dual_qualified=0.5 activities=2 activities=4 activities=2"},
	} {
		t.Run(fmt.Sprint(tt.year), func(t *testing.T) {
			var parts []string
			for _, tg := range DefaultTargets(tt.year) {
				if tg.Year != tt.year {
					t.Errorf("target %s has year %d, want %d", tg.Indicator, tg.Year, tt.year)
				}
				parts = append(parts, fmt.Sprintf("%s=%g", tg.Indicator, tg.Value))
			}
			if got := strings.Join(parts, " "); got != tt.want {
				t.Errorf("DefaultTargets(%d) = %s, want %s", tt.year, got, tt.want)
			}
		})
	}
}
