package store

// field is a column of a table as the clerk knows it: the workbook's column
// header (store/workbook/columns.go) or the 设置 form's label.
type field struct{ column, name string }

// tableFields lists, per table, the columns the 操作记录 shows, in the
// workbook's column order. Columns not listed (id, id_masked, person_key)
// are bookkeeping and left out.
var tableFields = map[string][]field{
	"schools": {
		{"code", "学校标识码"}, {"name", "学校名称"}, {"type", "办学类型"}, {"region", "所在区划代码"},
		{"ownership", "办学性质"}, {"quality", "优质学校等级"}, {"contact", "联系人"}, {"phone", "联系电话"},
		{"closed_year", "停办年份"}, {"unit_code", "上报单位"}},
	"enterprises": {
		{"credit_code", "统一社会信用代码"}, {"name", "企业名称"}, {"industry", "所属行业"},
		{"grade", "产教融合型企业等级"}, {"region", "所在区划代码"}, {"contact", "联系人"}, {"phone", "联系电话"}},
	"majors": {
		{"school_id", "学校"}, {"year", "统计年度"}, {"code", "专业代码"}, {"name", "专业名称"},
		{"opened_year", "开设年份"}, {"status", "状态"}, {"enrolled", "在校生数"}, {"graduates", "毕业生数"},
		{"progressed", "升学人数"}, {"order_class", "订单班人数"}, {"through", "贯通培养"}, {"quality", "优质专业等级"}},
	"secondments": {
		{"school_id", "学校"}, {"enterprise_id", "合作企业"}, {"name", "姓名"}, {"gender", "性别"},
		{"id_number", "身份证号"}, {"direction", "方向"}, {"post", "岗位类型"}, {"start_date", "开始日期"},
		{"end_date", "结束日期"}, {"note", "备注"}},
	"trainings": {
		{"school_id", "承办学校"}, {"name", "项目名称"}, {"category", "培训对象"}, {"count", "培训人次"},
		{"hours", "学时"}, {"start_date", "开始日期"}, {"end_date", "结束日期"}, {"enterprise_id", "合作企业"}},
	"agreements": {
		{"school_id", "学校"}, {"enterprise_id", "合作企业"}, {"name", "协议名称"}, {"type", "协议类型"},
		{"signed_date", "签订日期"}, {"expiry_date", "到期日期"}, {"contents", "合作内容"}},
	"classes": {
		{"school_id", "学校"}, {"year", "统计年度"}, {"name", "班级名称"}, {"type", "培养类型"}, {"major_code", "专业代码"},
		{"enterprise_id", "合作企业"}, {"students", "学生人数"}},
	"carriers": {
		{"type", "载体类型"}, {"name", "载体名称"}, {"level", "级别"}, {"recognized_year", "认定年份"}, {"founded_year", "成立年份"},
		{"revoked_year", "撤销年份"}, {"lead_school_id", "牵头学校"}, {"note", "备注"}, {"unit_code", "上报单位"}},
	"teachers": {
		{"school_id", "学校"}, {"year", "统计年度"}, {"full_time", "专任教师数"}, {"professional", "专业课教师数"},
		{"dual", "双师型教师数"}, {"part_time", "兼职教师数"}},
	"awards": {
		{"school_id", "学校"}, {"project", "项目名称"}, {"category", "类别"}, {"level", "级别"}, {"rank", "等次"},
		{"winner_type", "获奖对象"}, {"winners", "获奖者"}, {"award_date", "获奖日期"}},
	"activities": {
		{"type", "活动类型"}, {"name", "活动名称"}, {"activity_date", "日期"}, {"lead", "牵头单位"}, {"enterprises", "参加企业数"},
		{"schools", "参加学校数"}, {"visited", "走访企业数"}, {"note", "备注"}, {"unit_code", "上报单位"}},
	"unit": {
		{"level", "级别"}, {"code", "区划代码"}, {"name", "单位名称"}, {"head", "单位负责人"},
		{"stats_head", "统计负责人"}, {"preparer", "填表人"}, {"phone", "联系电话"}, {"authority", "制表机关"},
		{"doc_no", "文号"}},
}

// FieldName gives a column's Chinese name; a column not known is given as
// it is.
func FieldName(table, column string) string {
	for _, f := range tableFields[table] {
		if f.column == column {
			return f.name
		}
	}
	return column
}
