package workbook

import (
	"slices"
	"strconv"
	"strings"

	"chanjiao/store"
)

// Sheet names and their columns, in the order export writes them.
const (
	SheetSchools     = "学校"
	SheetEnterprises = "合作企业"
	SheetMajors      = "专业"
	SheetSecondments = "互派互聘"
	SheetTrainings   = "培训"
	SheetAgreements  = "校企合作协议"
	SheetClasses     = "订单班与学徒制"
	SheetCarriers    = "产教融合载体"
	SheetTeachers    = "师资"
	SheetAwards      = "获奖"
	SheetActivities  = "政校企活动"
	SheetTargets     = "目标"
)

// Column is one column of a sheet, declared once: the reader, the writer, the
// school template's sheet, its dropdowns and its 填表说明 all follow it.
type Column struct {
	Header   string
	Required bool
	Width    float64 // export width, in Excel character units
	kind     kind
	// rule is what the column takes, in plain Chinese, for the template's
	// 填表说明 and the cell's prompt; {年度} stands for the template's year.
	rule string
	// choices is the fixed list a value comes from: the template's dropdown.
	choices []string
	// list is a list the template fills in for the school: its own code, or
	// a long list on the hidden sheet.
	list list
	// school marks the column naming the school a row belongs to: a
	// template's rows may name only its own.
	school bool
	// aboveCounty marks a column written only above county level: not in a
	// template, and in an export only when some record has a value.
	aboveCounty bool
}

type kind int

const (
	text     kind = iota
	code          // NFKC + upper-case; a numeric cell is read as its digits
	textCode      // like code, but a numeric cell is an error (Excel lost digits)
	date
	count
	year
	items // a list: items separated by ;, ； or 、 (store.SplitList); choices, when set, are what each item may be
)

// list is a dropdown the template makes for the school, not a fixed list.
type list int

const (
	noList     list = iota
	ownSchool       // the school's own 学校标识码
	majorCodes      // the 专业目录 at the school's level, on the hidden sheet
	majorNames
	industries // the 国民经济行业门类, on the hidden sheet
)

// ruleFor is the column's rule for a template of year.
func (c Column) ruleFor(year int) string {
	return strings.ReplaceAll(c.rule, "{年度}", strconv.Itoa(year))
}

// Rules that several columns share.
const (
	ruleOwnSchool  = "本校的学校标识码（从下拉列表选择），不能填写其他学校。"
	ruleRegion     = "所在县（市、区）的 6 位行政区划代码，如 532301。"
	ruleContact    = "联系人姓名。"
	rulePhone      = "只能包含数字、空格、“-”和“+”，如 0878-3123456。"
	ruleStart      = "日期，如 {年度}-03-01。"
	ruleYear       = "本表为 {年度} 年度，填 {年度}。"
	ruleEnterprise = "合作企业的统一社会信用代码，该企业须在“合作企业”表中。"
)

// SheetDef is a sheet of the workbook and its columns.
type SheetDef struct {
	Name    string
	Columns []Column
	// countyOnly marks a sheet of the unit's own records (carriers), not a
	// school's: a template does not have it and a school's file may not fill it.
	countyOnly bool
	// retired are columns the contract no longer has: read from an older
	// workbook, never written.
	retired []Column
}

// Sheets lists the sheets in export order with their columns.
var Sheets = []SheetDef{
	{Name: SheetSchools, Columns: []Column{
		{Header: "学校标识码", Required: true, Width: 14, kind: code, school: true,
			rule: "10 位数字的学校标识码，已由教育局填好并锁定，请勿修改。"},
		{Header: "学校名称", Required: true, Width: 30, kind: text, rule: "学校全称。"},
		{Header: "办学类型", Required: true, Width: 14, kind: text, choices: store.SchoolTypes,
			rule: "从下拉列表选择：" + strings.Join(store.SchoolTypes, "、") + "。"},
		{Header: "所在区划代码", Required: true, Width: 13, kind: code, rule: ruleRegion},
		{Header: "办学性质", Required: true, Width: 10, kind: text, choices: store.Ownerships, rule: "公办或民办。"},
		{Header: "优质学校等级", Width: 13, kind: text, choices: store.QualityLevels, rule: "国家级、省级或州市级；不是优质学校的留空。"},
		{Header: "联系人", Width: 10, kind: text, rule: ruleContact},
		{Header: "联系电话", Width: 16, kind: text, rule: rulePhone},
		{Header: "停办年份", Width: 10, kind: year, rule: "学校停办的年份（4 位数字）；仍在办学的留空。"}}},
	{Name: SheetEnterprises, Columns: []Column{
		{Header: "统一社会信用代码", Required: true, Width: 22, kind: textCode,
			rule: "照营业执照填写的 18 位代码，由数字和大写字母组成（不含 I、O、S、V、Z）；本表中不能重复。"},
		{Header: "企业名称", Required: true, Width: 34, kind: text, rule: "营业执照上的企业名称。"},
		{Header: "所属行业", Width: 12, kind: text, list: industries,
			rule: "国民经济行业门类，从下拉列表选择，也可只填字母（如 C）。"},
		{Header: "产教融合型企业等级", Width: 18, kind: text, choices: store.QualityLevels,
			rule: "国家级、省级或州市级；不是产教融合型企业的留空。"},
		{Header: "所在区划代码", Width: 13, kind: code, rule: ruleRegion},
		{Header: "联系人", Width: 10, kind: text, rule: ruleContact},
		{Header: "联系电话", Width: 16, kind: text, rule: rulePhone}}},
	{Name: SheetMajors, Columns: []Column{
		{Header: "学校标识码", Required: true, Width: 14, kind: code, school: true, list: ownSchool, rule: ruleOwnSchool},
		{Header: "统计年度", Required: true, Width: 10, kind: year, rule: ruleYear},
		{Header: "专业代码", Required: true, Width: 11, kind: code, list: majorCodes,
			rule: "2021 年《职业教育专业目录》中的 6 位专业代码（国家控制专业带 K），从下拉列表选择。中职学校只能开设中职专业（61–79 开头），高职专科 41–59，职业本科 21–39。"},
		{Header: "专业名称", Required: true, Width: 24, kind: text, list: majorNames, rule: "与专业目录一致的专业名称。"},
		{Header: "开设年份", Width: 10, kind: year, rule: "该专业首次招生的年份，不能晚于统计年度；不清楚的留空。"},
		{Header: "状态", Required: true, Width: 8, kind: text, choices: store.MajorStatuses, rule: "招生、停招或撤销。"},
		{Header: "在校生数", Required: true, Width: 10, kind: count, rule: "{年度} 年度该专业的在校生人数，整数，没有填 0。"},
		{Header: "毕业生数", Required: true, Width: 10, kind: count, rule: "{年度} 年度该专业的毕业生人数，整数，没有填 0。"},
		{Header: "升学人数", Required: true, Width: 10, kind: count, rule: "毕业生中升入高一级学校的人数，不能大于毕业生数。"},
		{Header: "贯通培养", Width: 11, kind: text, choices: store.ThroughTypes, rule: "无、3+2、3+4 或五年一贯制；可留空。"},
		{Header: "优质专业等级", Width: 13, kind: text, choices: store.QualityLevels, rule: "国家级、省级或州市级；不是优质专业的留空。"},
		{Header: "合作企业", Width: 42, kind: text,
			rule: "与该专业合作的企业的统一社会信用代码，多个用分号（;）隔开；每个企业都要在“合作企业”表中。"}},
		retired: []Column{{Header: ColumnLegacyOrderClass, kind: count}}},
	{Name: SheetSecondments, Columns: []Column{
		{Header: "学校标识码", Required: true, Width: 14, kind: code, school: true, list: ownSchool, rule: ruleOwnSchool},
		{Header: "统一社会信用代码", Required: true, Width: 22, kind: textCode,
			rule: "派往或派出人员的企业的统一社会信用代码，该企业须在“合作企业”表中。"},
		{Header: "姓名", Required: true, Width: 10, kind: text, rule: "人员姓名。"},
		{Header: "性别", Width: 6, kind: text, choices: store.Genders, rule: "男或女；可留空。"},
		{Header: "身份证号", Width: 21, kind: textCode,
			rule: "18 位，最后一位可以是 X；本列已设为文本格式，直接输入即可（设成数字格式会丢失后几位）。可留空。"},
		{Header: "方向", Required: true, Width: 14, kind: text, choices: store.Directions, rule: "学校派往企业，或企业派往学校。"},
		{Header: "岗位类型", Required: true, Width: 11, kind: text, choices: store.PostTypes,
			rule: "从下拉列表选择：" + strings.Join(store.PostTypes, "、") + "。"},
		{Header: "开始日期", Required: true, Width: 12, kind: date, rule: ruleStart},
		{Header: "结束日期", Width: 12, kind: date, rule: "日期，不能早于开始日期；仍在岗的留空。"},
		{Header: "备注", Width: 24, kind: text, rule: "其他需要说明的情况。"},
		{Header: "人员标识", Width: 24, kind: text, aboveCounty: true}}},
	{Name: SheetTrainings, Columns: []Column{
		{Header: "承办学校标识码", Required: true, Width: 16, kind: code, school: true, list: ownSchool, rule: ruleOwnSchool},
		{Header: "项目名称", Required: true, Width: 30, kind: text, rule: "培训项目（班次）的名称。"},
		{Header: "培训对象", Required: true, Width: 12, kind: text, choices: store.TrainingGroups,
			rule: "在校学生、企业职工、社会人员或农村劳动力。"},
		{Header: "培训人次", Required: true, Width: 10, kind: count, rule: "参加培训的人次，整数，至少为 1。"},
		{Header: "学时", Width: 8, kind: count, rule: "培训学时，整数；可留空。"},
		{Header: "开始日期", Required: true, Width: 12, kind: date, rule: ruleStart},
		{Header: "结束日期", Width: 12, kind: date, rule: "日期，不能早于开始日期；可留空。"},
		{Header: "合作企业", Width: 22, kind: textCode,
			rule: "合作企业的统一社会信用代码（一个），须在“合作企业”表中；没有的留空。"}}},
	{Name: SheetAgreements, Columns: []Column{
		{Header: "学校标识码", Required: true, Width: 14, kind: code, school: true, list: ownSchool, rule: ruleOwnSchool},
		{Header: "统一社会信用代码", Required: true, Width: 22, kind: textCode, rule: ruleEnterprise},
		{Header: "协议名称", Required: true, Width: 30, kind: text, rule: "协议（意向书）的名称，与签订日期一起区分同一学校与同一企业的多份协议。"},
		{Header: "协议类型", Required: true, Width: 12, kind: text, choices: store.AgreementTypes, rule: "合作协议或合作意向书。"},
		{Header: "签订日期", Required: true, Width: 12, kind: date, rule: ruleStart},
		{Header: "到期日期", Width: 12, kind: date, rule: "日期，不能早于签订日期；长期有效的留空。"},
		{Header: "合作内容", Width: 30, kind: items, choices: store.CooperationContents,
			rule: "可填多项，用分号（;）或顿号（、）隔开，每项为" + strings.Join(store.CooperationContents, "、") + "之一；可留空。"}}},
	{Name: SheetClasses, Columns: []Column{
		{Header: "学校标识码", Required: true, Width: 14, kind: code, school: true, list: ownSchool, rule: ruleOwnSchool},
		{Header: "统计年度", Required: true, Width: 10, kind: year, rule: ruleYear},
		{Header: "班级名称", Required: true, Width: 24, kind: text, rule: "班级（项目）名称，同一年度内不能重复，如 2025级比亚迪订单班。"},
		{Header: "培养类型", Required: true, Width: 14, kind: text, choices: store.ClassTypes,
			rule: "从下拉列表选择：" + strings.Join(store.ClassTypes, "、") + "。"},
		{Header: "专业代码", Required: true, Width: 11, kind: code, list: majorCodes,
			rule: "班级所属专业的 6 位专业代码，须是本校该年度在“专业”表中的专业；企业新型学徒制可以不填。"},
		{Header: "统一社会信用代码", Width: 22, kind: textCode, rule: "合作企业的统一社会信用代码，须在“合作企业”表中；定向班没有合作企业的留空。"},
		{Header: "学生人数", Required: true, Width: 10, kind: count, rule: "该班（项目）{年度} 年度的学生人数，整数，至少为 1。"}}},
	{Name: SheetCarriers, countyOnly: true, Columns: []Column{
		{Header: "载体类型", Required: true, Width: 18, kind: text, choices: store.CarrierTypes,
			rule: "从下拉列表选择：" + strings.Join(store.CarrierTypes, "、") + "。"},
		{Header: "载体名称", Required: true, Width: 30, kind: text, rule: "载体全称；同一类型内不能重复。"},
		{Header: "级别", Required: true, Width: 10, kind: text, choices: store.CarrierGrades,
			rule: "国家级、省级、州市级、县级，正在建设尚未认定的填未认定。"},
		{Header: "认定年份", Width: 10, kind: year, rule: "获认定的年份（4 位数字），不能早于成立年份；级别为未认定的留空。"},
		{Header: "成立年份", Required: true, Width: 10, kind: year, rule: "成立（组建）的年份（4 位数字）。"},
		{Header: "撤销年份", Width: 10, kind: year, rule: "撤销的年份，应晚于成立年份；从该年起不再统计。仍存续的留空。"},
		{Header: "牵头学校标识码", Width: 16, kind: code, rule: "牵头学校的 10 位学校标识码，须在“学校”表中；可留空。"},
		{Header: "成员学校", Width: 34, kind: items, rule: "成员学校的学校标识码，多个用分号（;）或顿号（、）隔开，每个都要在“学校”表中。"},
		{Header: "成员企业", Width: 42, kind: items, rule: "成员企业的统一社会信用代码，多个用分号（;）或顿号（、）隔开，每个都要在“合作企业”表中。"},
		{Header: "备注", Width: 24, kind: text, rule: "其他需要说明的情况。"}}},
	{Name: SheetTeachers, Columns: []Column{
		{Header: "学校标识码", Required: true, Width: 14, kind: code, school: true, list: ownSchool, rule: ruleOwnSchool},
		{Header: "统计年度", Required: true, Width: 10, kind: year, rule: ruleYear},
		{Header: "专任教师数", Required: true, Width: 11, kind: count, rule: "{年度} 年度本校专任教师人数，整数。"},
		{Header: "专业课教师数", Required: true, Width: 12, kind: count, rule: "专任教师中的专业课教师人数，不能大于专任教师数。"},
		{Header: "双师型教师数", Required: true, Width: 12, kind: count, rule: "专业课教师中经认定的双师型教师人数，不能大于专业课教师数。"},
		{Header: "兼职教师数", Width: 11, kind: count, rule: "学校聘请的兼职教师（来自企业或其他单位）人数，整数；不清楚的留空。"}}},
	{Name: SheetAwards, Columns: []Column{
		{Header: "学校标识码", Required: true, Width: 14, kind: code, school: true, list: ownSchool, rule: ruleOwnSchool},
		{Header: "项目名称", Required: true, Width: 34, kind: text, rule: "比赛或奖项的名称，如 全国职业院校技能大赛 电子商务运营 赛项。"},
		{Header: "类别", Required: true, Width: 14, kind: text, choices: store.AwardCategories,
			rule: "从下拉列表选择：" + strings.Join(store.AwardCategories, "、") + "。"},
		{Header: "级别", Required: true, Width: 10, kind: text, choices: store.Grades, rule: "国家级、省级、州市级或县级。"},
		{Header: "等次", Required: true, Width: 10, kind: text, choices: store.AwardRanks,
			rule: "从下拉列表选择：" + strings.Join(store.AwardRanks, "、") + "。"},
		{Header: "获奖对象", Required: true, Width: 10, kind: text, choices: store.AwardWinners, rule: "学生、教师或学校。"},
		{Header: "获奖者", Required: true, Width: 24, kind: text, rule: "获奖者姓名（多人用顿号隔开）或团队名称；学校获奖的填学校名称。"},
		{Header: "获奖日期", Required: true, Width: 12, kind: date, rule: "日期，如 {年度}-05-20；按获奖日期所在年度统计。"}}},
	{Name: SheetActivities, countyOnly: true, Columns: []Column{
		{Header: "活动类型", Required: true, Width: 16, kind: text, choices: store.ActivityTypes,
			rule: "从下拉列表选择：" + strings.Join(store.ActivityTypes, "、") + "。"},
		{Header: "活动名称", Required: true, Width: 30, kind: text, rule: "会议或活动的名称；同一类型、同一日期内不能重复。"},
		{Header: "日期", Required: true, Width: 12, kind: date, rule: "举办日期，如 {年度}-03-01。"},
		{Header: "牵头单位", Width: 20, kind: text, rule: "牵头（主办）单位；可留空。"},
		{Header: "参加企业数", Width: 11, kind: count, rule: "参加的企业数，整数；不清楚的留空。"},
		{Header: "参加学校数", Width: 11, kind: count, rule: "参加的学校数，整数；不清楚的留空。"},
		{Header: "走访企业数", Width: 11, kind: count, rule: "走访的企业数，整数；不是走访企业的留空。"},
		{Header: "备注", Width: 24, kind: text, rule: "其他需要说明的情况。"}}},
	{Name: SheetTargets, countyOnly: true, Columns: targetColumns},
}

// ColumnLegacyOrderClass is the 专业 sheet's retired 订单班人数 column
// (measures.md): an older workbook's value becomes an 订单班 class.
const ColumnLegacyOrderClass = "订单班人数"

// InTemplate says whether a school's template has the sheet: not the
// unit's own records (carriers stay with the county).
func (d SheetDef) InTemplate() bool { return !d.countyOnly }

// readColumns are the columns import reads: the contract's and the retired.
func (d SheetDef) readColumns() []Column {
	return append(slices.Clip(d.Columns), d.retired...)
}

// columnsOf is the columns of a sheet, of the ones keep accepts.
func columnsOf(cols []Column, keep func(Column) bool) []Column {
	var out []Column
	for _, c := range cols {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}
