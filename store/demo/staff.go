package demo

import (
	"fmt"

	"chanjiao/store"
)

// The demo's 师资, awards and 政校企活动 (measures.md, issue 16). Like the
// agreements they are made last and use no random numbers, so every figure
// counted before stays as it was.

// staffSpec is a vocational school's 师资 in the statistical year; the year
// before it had two 专业课教师 and a tenth of its 双师型 fewer.
type staffSpec struct {
	school                                 string
	fullTime, professional, dual, partTime int
}

// 楚雄市华兴职业技术学校 (民办) stays below the 50% 双师型 share.
var staffSpecs = []staffSpec{
	{"3653010001", 186, 132, 84, 36},
	{"3653010002", 120, 86, 48, 20},
	{"3653010003", 95, 64, 35, 12},
	{"3653010004", 48, 34, 14, 9},
	{"3853010001", 142, 108, 72, 30},
	{"4153010001", 260, 190, 128, 45},
	{"4153010002", 210, 150, 96, 40},
}

// awardSpec is an award won in the statistical year (earlier false) or the
// year before, on month/day.
type awardSpec struct {
	school, project, category, level, rank, winnerType, winners string
	earlier                                                     bool
	month, day                                                  int
}

var awardSpecs = []awardSpec{
	{"4153010001", "全国职业院校技能大赛 护理技能 赛项", "技能大赛", store.GradeNational, "二等奖", "学生", "李雪莲、杨春梅", false, 6, 12},
	{"3653010001", "云南省职业院校技能大赛 电子商务运营 赛项", "技能大赛", store.GradeProvince, "一等奖", "学生", "电子商务运营代表队", false, 4, 20},
	{"3653010002", "楚雄州职业院校技能大赛 中餐烹饪 赛项", "技能大赛", store.GradePrefecture, "一等奖", "学生", "中餐烹饪代表队", false, 3, 28},
	{"3653010004", "楚雄市中职学生技能比赛 新能源汽车检测与维修", "技能大赛", store.GradeCounty, "二等奖", "学生", "罗明亮", false, 11, 8},
	{"3853010001", "云南省职业院校技能大赛 焊接技术 赛项", "技能大赛", store.GradeProvince, "三等奖", "学生", "普志强", true, 5, 16},
	{"3653010001", "云南省职业院校教学能力比赛", "教学能力比赛", store.GradeProvince, "二等奖", "教师", "王建华、陈晓燕、刘国平", false, 10, 18},
	{"3653010003", "楚雄州职业院校教学能力比赛", "教学能力比赛", store.GradePrefecture, "一等奖", "教师", "周秀英、何德才", false, 9, 22},
	{"4153010002", "全国职业院校技能大赛教学能力比赛", "教学能力比赛", store.GradeNational, "三等奖", "教师", "张丽萍、马海涛、沙文静", true, 12, 5},
	{"3653010001", "楚雄州职业教育教学成果奖", "教学成果奖", store.GradePrefecture, "二等奖", "教师", "李明亮、起玉兰", false, 8, 30},
	{"4153010001", "云南省职业教育教学成果奖", "教学成果奖", store.GradeProvince, "特等奖", "学校", "楚雄医药高等专科学校", true, 9, 10},
	{"3653010002", "云南省中等职业学校职教风采展示", "职教风采展示", store.GradeProvince, "金奖", "学生", "彝绣传承小组", false, 5, 20},
	{"3653010003", "楚雄州中职学生职教风采展示", "职教风采展示", store.GradePrefecture, "银奖", "学生", "鲁红梅", true, 11, 15},
	{"4153010002", "全国职业院校产教融合典型案例", "其他", store.GradeNational, "优秀奖", "学校", "楚雄职业技术学院", false, 12, 1},
	{"3853010001", "楚雄市技能人才培养示范单位", "其他", store.GradeCounty, "其他", "学校", "楚雄技师学院", false, 7, 7},
}

// activitySpec is a 政校企活动 of the county in the statistical year (earlier
// false) or the year before; enterprises, schools and visited are 0 when
// not given.
type activitySpec struct {
	typ, name, lead              string
	earlier                      bool
	month, day                   int
	enterprises, schools, visits int
}

const (
	bureau    = "楚雄市教育体育局"
	govOffice = "楚雄市人民政府办公室"
)

// In the statistical year 联席会议 and 推进会议 are held each half-year (the
// first 推进会议 on 6-30, the last day of the first half) and the 交流会议
// miss the third quarter: the 首页 says "第三季度尚无政校企交流会议".
var activitySpecs = []activitySpec{
	{store.ActivityJoint, "楚雄市职业教育工作联席会议（上半年）", govOffice, false, 3, 15, 6, 7, 0},
	{store.ActivityJoint, "楚雄市职业教育工作联席会议（下半年）", govOffice, false, 9, 20, 5, 7, 0},
	{store.ActivityJoint, "楚雄市职业教育工作联席会议（上半年）", govOffice, true, 4, 10, 4, 6, 0},
	{store.ActivityJoint, "楚雄市职业教育工作联席会议（下半年）", govOffice, true, 10, 25, 5, 6, 0},
	{store.ActivityExchange, "第一季度政校企交流会", bureau, false, 2, 26, 12, 7, 0},
	{store.ActivityExchange, "第二季度政校企交流会", bureau, false, 5, 22, 15, 7, 0},
	{store.ActivityExchange, "第四季度政校企交流会", bureau, false, 11, 18, 10, 6, 0},
	{store.ActivityExchange, "第一季度政校企交流会", bureau, true, 3, 5, 9, 6, 0},
	{store.ActivityExchange, "第二季度政校企交流会", bureau, true, 6, 18, 11, 6, 0},
	{store.ActivityExchange, "第三季度政校企交流会", bureau, true, 8, 27, 8, 5, 0},
	{store.ActivityExchange, "第四季度政校企交流会", bureau, true, 12, 10, 10, 6, 0},
	{store.ActivityAdvance, "产教融合重点工作推进会（上半年）", bureau, false, 6, 30, 8, 7, 0},
	{store.ActivityAdvance, "产教融合重点工作推进会（下半年）", bureau, false, 12, 20, 9, 7, 0},
	{store.ActivityAdvance, "产教融合重点工作推进会（上半年）", bureau, true, 5, 28, 7, 6, 0},
	{store.ActivityAdvance, "产教融合重点工作推进会（下半年）", bureau, true, 12, 18, 8, 6, 0},
	{"校企座谈会", "新能源汽车专业校企座谈会", "楚雄市华兴职业技术学校", false, 4, 16, 5, 2, 0},
	{"校企座谈会", "医药卫生类专业校企座谈会", "楚雄医药高等专科学校", true, 10, 12, 6, 2, 0},
	{"走访企业", "春季走访园区企业", bureau, false, 3, 8, 0, 3, 6},
	{"走访企业", "走访滇中新区制造企业", bureau, false, 7, 14, 0, 4, 8},
	{"走访企业", "走访文旅与农业企业", bureau, false, 10, 20, 0, 2, 5},
	{"走访企业", "走访高新区企业", bureau, true, 5, 12, 0, 3, 7},
	{"走访企业", "走访医药企业", bureau, true, 11, 3, 0, 2, 4},
	{"签约仪式", "订单培养集中签约仪式", bureau, false, 9, 1, 4, 3, 0},
	{"签约仪式", "产教融合战略合作签约仪式", bureau, true, 3, 10, 5, 4, 0},
	{"其他", "职业教育活动周启动仪式", bureau, false, 5, 10, 8, 7, 0},
	{"其他", "职业教育活动周启动仪式", bureau, true, 5, 12, 6, 6, 0},
}

// staff makes the 师资 rows, awards and activities of the two years ending
// in year.
func (g *generator) staff(year int) error {
	for _, s := range staffSpecs {
		for _, y := range []int{year - 1, year} {
			t := store.Teachers{SchoolCode: s.school, Year: y, FullTime: s.fullTime, Professional: s.professional, Dual: s.dual,
				PartTime: given(s.partTime)}
			if y < year {
				t.FullTime, t.Professional, t.Dual = s.fullTime-2, s.professional-2, s.dual-s.dual/10
				if s.school == "3653010004" { // 兼职教师数 not given that year
					t.PartTime = nil
				}
			}
			if _, err := g.tx.PutTeachers(&t); err != nil {
				return fmt.Errorf("示例师资 %s：%w", t.Key(), err)
			}
		}
	}
	for _, s := range awardSpecs {
		a := store.Award{SchoolCode: s.school, Project: s.project, Category: s.category, Level: s.level, Rank: s.rank,
			WinnerType: s.winnerType, Winners: s.winners, Date: date(yearOf(year, s.earlier), s.month, s.day)}
		if _, err := g.tx.PutAward(&a); err != nil {
			return fmt.Errorf("示例获奖 %s：%w", a.Project, err)
		}
	}
	for _, s := range activitySpecs {
		a := store.Activity{Type: s.typ, Name: s.name, Lead: s.lead, Date: date(yearOf(year, s.earlier), s.month, s.day),
			Enterprises: given(s.enterprises), Schools: given(s.schools), Visited: given(s.visits)}
		if _, err := g.tx.PutActivity(&a); err != nil {
			return fmt.Errorf("示例政校企活动 %s：%w", a.Name, err)
		}
	}
	return nil
}

func yearOf(year int, earlier bool) int {
	if earlier {
		return year - 1
	}
	return year
}

// given is nil for 0: a count not given.
func given(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}
