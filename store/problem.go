package store

import (
	"strings"
	"time"

	"chanjiao/store/refdata"
)

// Problem is one thing wrong with a record. Field is the column header of
// the canonical workbook (and the label of the form field), so the workbook
// import and the window can point at the exact place.
type Problem struct {
	Field   string
	Message string
	Warning bool // a warning is listed but does not stop a save or import
	// Against is the other field a cross-field rule compares Field with; a
	// reader that could not read that field leaves the rule unsaid, since
	// it would only repeat the first error with a made-up value.
	Against string
}

// Problems is every problem of a record, errors and warnings together.
type Problems []Problem

func (ps *Problems) add(field, msg string) { *ps = append(*ps, Problem{Field: field, Message: msg}) }
func (ps *Problems) addAgainst(field, against, msg string) {
	*ps = append(*ps, Problem{Field: field, Message: msg, Against: against})
}
func (ps *Problems) warn(field, msg string) {
	*ps = append(*ps, Problem{Field: field, Message: msg, Warning: true})
}

// Besides drops the problems about fields that could not be read, and the
// cross-field rules that compare with them: the reader has already said
// what is wrong there, and a rule on a made-up value would only repeat it.
func (ps Problems) Besides(unread func(field string) bool) Problems {
	var out Problems
	for _, p := range ps {
		if !unread(p.Field) && (p.Against == "" || !unread(p.Against)) {
			out = append(out, p)
		}
	}
	return out
}

// HasErrors reports whether any problem is an error.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if !p.Warning {
			return true
		}
	}
	return false
}

// Err returns an EInvalid Error listing the errors, or nil when there are none.
func (ps Problems) Err() error {
	var msgs []string
	for _, p := range ps {
		if !p.Warning {
			msgs = append(msgs, p.Field+"："+p.Message)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return Errorf(EInvalid, "%s", strings.Join(msgs, "；"))
}

// 办学类型, 专业状态 and 贯通培养 values that rules depend on; the text is
// what the workbook and the screens show.
const (
	TypeSecondary  = "中等职业学校"
	TypeTechnical  = "技工学校"
	TypeJunior     = "高职专科"
	TypeBachelor   = "职业本科"
	TypeHighSchool = "普通高中"
	TypeOther      = "其他"

	StatusEnrolling = "招生"
	StatusSuspended = "停招"
	StatusClosed    = "撤销"

	ThroughNone     = "无"
	Through32       = "3+2"
	Through34       = "3+4"
	ThroughFiveYear = "五年一贯制"
)

// Enumerations of the canonical workbook.
var (
	SchoolTypes      = []string{TypeSecondary, TypeTechnical, TypeJunior, TypeBachelor, TypeHighSchool, TypeOther}
	Ownerships       = []string{"公办", "民办"}
	QualityLevels    = []string{"国家级", "省级", "州市级"}
	MajorStatuses    = []string{StatusEnrolling, StatusSuspended, StatusClosed}
	ThroughTypes     = []string{ThroughNone, Through32, Through34, ThroughFiveYear}
	Genders          = []string{"男", "女"}
	Directions       = []string{DirSchoolToEnterprise, DirEnterpriseToSchool}
	PostTypes        = []string{"挂职", "兼职教师", "管理人员", "技术人员", PostPractice, "其他"}
	TrainingGroups   = []string{"在校学生", "企业职工", "社会人员", "农村劳动力"}
	IndustrySections = []string{
		"A 农、林、牧、渔业", "B 采矿业", "C 制造业", "D 电力、热力、燃气及水生产和供应业",
		"E 建筑业", "F 批发和零售业", "G 交通运输、仓储和邮政业", "H 住宿和餐饮业",
		"I 信息传输、软件和信息技术服务业", "J 金融业", "K 房地产业", "L 租赁和商务服务业",
		"M 科学研究和技术服务业", "N 水利、环境和公共设施管理业", "O 居民服务、修理和其他服务业",
		"P 教育", "Q 卫生和社会工作", "R 文化、体育和娱乐业", "S 公共管理、社会保障和社会组织", "T 国际组织",
	}
)

// The two directions of a 互派互聘 stint.
const (
	DirSchoolToEnterprise = "学校派往企业"
	DirEnterpriseToSchool = "企业派往学校"
)

func oneOf(v string, list []string) bool {
	for _, s := range list {
		if v == s {
			return true
		}
	}
	return false
}

func listText(list []string) string { return strings.Join(list, "、") }

// industryValid accepts a GB/T 4754 门类 letter (A–T) or its name.
func industryValid(v string) bool {
	for _, s := range IndustrySections {
		if v == s[:1] || v == s[2:] || v == s {
			return true
		}
	}
	return false
}

func required(ps *Problems, field, v string) bool {
	if v == "" {
		ps.add(field, "必须填写")
		return false
	}
	return true
}

func checkOptionalLevel(ps *Problems, field, v string) {
	if v != "" && !oneOf(v, QualityLevels) {
		ps.add(field, "应为"+listText(QualityLevels)+"之一，或留空")
	}
}

// The dates a record may carry: the 产教融合 records of a living person.
// Outside this range a date is a typing error, Excel cannot show it (before
// 1900), or an export could not be imported again.
var (
	FirstDate = time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)
	LastDate  = time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)
)

// DateRangeText says the range in a clerk's words.
const DateRangeText = "1950-01-01 至 2100-12-31"

// DateInRange reports whether t falls within FirstDate–LastDate.
func DateInRange(t time.Time) bool { return !t.Before(FirstDate) && !t.After(LastDate) }

// checkDate adds a problem for a date given outside the range.
func checkDate(ps *Problems, field string, t time.Time) {
	if !t.IsZero() && !DateInRange(t) {
		ps.add(field, "应在 "+DateRangeText+" 之间，请核对日期")
	}
}

func checkYear(ps *Problems, field string, y int) {
	if y != 0 && (y < 2000 || y > 2100) {
		ps.add(field, "年份应在 2000 至 2100 之间")
	}
}

func checkRegion(ps *Problems, ref *refdata.Reference, field, code string) {
	if !allDigits(code, 6) {
		ps.add(field, "应为 6 位数字的区划代码")
		return
	}
	if ref != nil && !ref.Missing {
		if _, ok := ref.Region(code); !ok {
			ps.warn(field, "区划代码 "+code+" 不在区划代码表中")
		}
	}
}

// DateLayout is how dates are stored and shown.
const DateLayout = "2006-01-02"

// FormatDate writes a date as 2025-03-01, or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// ParseDate reads a stored date; "" gives the zero time.
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(DateLayout, s)
}
