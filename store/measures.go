package store

import (
	"slices"
	"strings"
)

// The fixed lists of shared/spec/measures.md, in the order its tables give
// them: that order is also the order of figures and returns.
const (
	AgreementFormal = "合作协议"
	AgreementIntent = "合作意向书"

	ClassOrder        = "订单班"
	ClassNamed        = "冠名班"
	ClassDirected     = "定向班"
	ClassApprentice   = "现代学徒制"
	ClassEnterprise   = "企业新型学徒制"
	GradeNational     = "国家级"
	GradeProvince     = "省级"
	GradePrefecture   = "州市级"
	GradeCounty       = "县级"
	GradeUnrecognized = "未认定"
)

var (
	AgreementTypes      = []string{AgreementFormal, AgreementIntent}
	CooperationContents = []string{"订单培养", "共建专业", "共建实训基地", "实习实训", "师资互派", "技术服务", "职工培训", "其他"}
	ClassTypes          = []string{ClassOrder, ClassNamed, ClassDirected, ClassApprentice, ClassEnterprise}
	// OrderClassTypes are the classes whose students are a major's 订单班人数.
	OrderClassTypes = []string{ClassOrder, ClassNamed, ClassDirected}
	CarrierTypes    = []string{"县域产教联合体", "市域产教联合体", "行业产教融合共同体", "现代产业学院", "乡村振兴学院",
		"产教融合实践中心", "公共实训基地", "生产性实训基地", "职业教育集团", "技能大师工作室", "混合所有制学院", "其他"}
	// Grades are the recognised levels (级别), highest first: "at level L or
	// above" counts L and every level before it here.
	Grades = []string{GradeNational, GradeProvince, GradePrefecture, GradeCounty}
	// CarrierGrades are the levels a carrier can have: a recognised one, or
	// 未认定 while it is being built.
	CarrierGrades = append(slices.Clip(Grades), GradeUnrecognized)
)

// GradeRank gives a level's place in Grades (0 for 国家级), or len(Grades)
// for 未认定 and anything else.
func GradeRank(level string) int {
	if i := slices.Index(Grades, level); i >= 0 {
		return i
	}
	return len(Grades)
}

// AtOrAbove reports whether level is at least min ("at level L or above").
func AtOrAbove(level, min string) bool {
	return slices.Contains(Grades, level) && GradeRank(level) <= GradeRank(min)
}

// SplitList splits a list cell or field: items separated by ';', '；' or
// '、', trimmed, empty ones dropped.
func SplitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' || r == '、' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// joinOrdered joins a list field's items for storing, in the order list
// has them (items not in list go last, in their own order).
func joinOrdered(items, list []string) string {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b string) int { return rankIn(a, list) - rankIn(b, list) })
	return strings.Join(out, "、")
}

func rankIn(v string, list []string) int {
	if i := slices.Index(list, v); i >= 0 {
		return i
	}
	return len(list)
}

// checkList adds a problem for every item of a list field not in allowed,
// and for an item given twice.
func checkList(ps *Problems, field string, items, allowed []string) {
	seen := map[string]bool{}
	for _, it := range items {
		if !oneOf(it, allowed) {
			ps.add(field, "“"+it+"”应为"+listText(allowed)+"之一")
		} else if seen[it] {
			ps.add(field, "“"+it+"”重复")
		}
		seen[it] = true
	}
}

// splitCarrierCategory splits a carriers target's 分类 "载体类型/级别".
func splitCarrierCategory(category string) (carrierType, grade string) {
	carrierType, grade, _ = strings.Cut(category, "/")
	return carrierType, grade
}

// The fixed lists of measures.md's 师资, 获奖 and 政校企活动 sheets.
const (
	// PostPractice is the 岗位类型 of a teacher's 企业实践 (enterprise_practice).
	PostPractice = "实践锻炼"

	ActivityJoint    = "联席会议"
	ActivityExchange = "政校企交流会议"
	ActivityAdvance  = "政校企推进会议"
)

var (
	AwardCategories = []string{"技能大赛", "教学能力比赛", "教学成果奖", "职教风采展示", "其他"}
	AwardRanks      = []string{"特等奖", "一等奖", "二等奖", "三等奖", "金奖", "银奖", "铜奖", "优秀奖", "其他"}
	AwardWinners    = []string{"学生", "教师", "学校"}
	ActivityTypes   = []string{ActivityJoint, ActivityExchange, ActivityAdvance, "校企座谈会", "走访企业", "签约仪式", "其他"}
	// ActivityPeriods are the targets an activity type can have: how many
	// calendar periods of the year must each hold one (year, half-years,
	// quarters, months).
	ActivityPeriods = []int{1, 2, 4, 12}
)
