package workbook

// The 目标 sheet (measures.md "Sheet 目标" and "Targets sent down"): a
// unit's own targets, the targets a prefecture or province assigns to the
// units directly under it, and the 任务清单 a unit receives.
//
// A 任务清单 is told apart from a unit's own 目标 rows by the 下达单位
// column: the 区划代码 of the unit that assigned the row's target, empty
// for a target the unit set itself. A column, not the document properties,
// because the clerk sees it, it survives Excel and WPS re-saving the file,
// and one sheet can hold both kinds (a prefecture's export writes its own
// targets and, with itself as 下达单位, those it assigned).

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"chanjiao/store"
)

var targetColumns = []Column{
	{Header: "区划代码", Required: true, Width: 10, kind: code,
		rule: "目标所属单位的 6 位行政区划代码：本单位的；州市、省也可填直属下级单位的（即向其下达的目标）。"},
	{Header: "统计年度", Required: true, Width: 10, kind: year, rule: "目标的年度（4 位数字）。"},
	{Header: "指标", Required: true, Width: 20, kind: text, choices: indicatorNames(),
		rule: "指标名称，从下拉列表选择：" + strings.Join(indicatorNames(), "、") + "。"},
	{Header: "分类", Width: 26, kind: text,
		rule: "职业技能培训人次填培训对象（多个用顿号隔开）；产教融合载体数填“载体类型/级别”；产教融合型企业数、优质学校数、优质专业数、获奖数填级别；政校企活动频次填活动类型；其他指标留空。"},
	{Header: "目标值", Required: true, Width: 10, kind: text,
		rule: "人数、个数填整数；比率写成 60% 或 0.6；政校企活动频次填 1（每年）、2（每半年）、4（每季度）或 12（每月）；填“无”取消该目标。"},
	{Header: ColumnAssignedBy, Width: 10, kind: code,
		rule: "上级下达的目标填下达单位的 6 位区划代码（任务清单中已填好）；本单位自定的目标留空。"},
}

// ColumnAssignedBy is the 目标 sheet's column naming the unit that assigned
// a target: filled in a 任务清单, empty for a unit's own target.
const ColumnAssignedBy = "下达单位"

// noTarget is the 目标值 that removes a target, a default included.
const noTarget = "无"

func indicatorNames() []string {
	out := make([]string, len(store.Indicators))
	for i, d := range store.Indicators {
		out[i] = d.Name
	}
	return out
}

// TargetRow is a row of the 目标 sheet: a target of the unit Unit, set by
// the unit itself (From empty) or assigned to it by the unit From.
type TargetRow struct {
	Unit    string
	From    string
	Target  store.Target
	Removed bool // 目标值 无: the target (a default included) is removed
}

// How a 目标 row bears on this unit.
type targetScope int

const (
	ownTarget      targetScope = iota // this unit's own target
	acceptedTarget                    // this unit's target, from its 任务清单
	assignedTarget                    // a target this unit assigns to a unit under it
)

// targetRow is a row of the 目标 sheet as read.
type targetRow struct {
	TargetRow
	row   int
	scope targetScope
}

type targetRows []targetRow

func (im *importer) buildTarget(rr *rowReader) {
	var r targetRow
	r.row = rr.r.num
	var name, cat, value string
	rr.text("区划代码", &r.Unit)
	rr.number("统计年度", &r.Target.Year)
	rr.text("指标", &name)
	rr.text("分类", &cat)
	rr.text("目标值", &value)
	rr.text(ColumnAssignedBy, &r.From)
	for _, c := range [][2]string{{"区划代码", r.Unit}, {"指标", name}, {"目标值", value}} {
		if c[1] == "" && !rr.failed[c[0]] {
			rr.fail(c[0], "必须填写")
		}
	}
	def, ok := store.IndicatorByName(name)
	if name != "" && !ok {
		rr.fail("指标", "“"+name+"”不是可设目标的指标，应为"+strings.Join(indicatorNames(), "、")+"之一")
	}
	r.Target.Indicator = def.Key
	r.Target.Categories = targetCategories(def, cat)
	if ok && value != "" {
		v, removed, msg := parseTargetValue(def, value)
		if msg != "" {
			rr.fail("目标值", msg)
		}
		r.Target.Value, r.Removed = v, removed
	}
	if ok && !rr.failed["目标值"] && !r.Removed {
		for _, p := range store.ValidateTargets([]store.Target{r.Target}) {
			col := "目标值"
			if strings.Contains(p.Message, "分类") || strings.Contains(p.Message, "培训对象") {
				col = "分类"
			}
			rr.fail(col, p.Message)
		}
	}
	if r.Unit != "" {
		r.scope = im.targetScope(rr, r.Unit, r.From)
	}
	if r.Removed && r.scope == acceptedTarget {
		rr.fail("目标值", "上级下达的目标不能为“无”")
	}
	if rr.bad {
		return
	}
	key := fmt.Sprintf("%s/%s/%d/%s", r.Unit, r.From, r.Target.Year, store.TargetKey(r.Target))
	if rr.unique(key, "区划代码、统计年度、指标、分类和下达单位") {
		im.targets = append(im.targets, r)
	}
}

// targetCategories is a 分类 cell as a target's categories: a training
// target's 培训对象 in their list's order, any other's one item.
func targetCategories(def store.IndicatorDef, cell string) []string {
	if cell == "" {
		return nil
	}
	if def.Key != store.IndTraining {
		return []string{cell}
	}
	cats := store.SplitList(cell)
	slices.SortStableFunc(cats, func(a, b string) int { return rank(a, store.TrainingGroups) - rank(b, store.TrainingGroups) })
	return cats
}

// parseTargetValue reads a 目标值: 无, a count, or for a rate 60% or 0.6.
func parseTargetValue(def store.IndicatorDef, s string) (v float64, removed bool, msg string) {
	s = strings.TrimSpace(s)
	if s == noTarget {
		return 0, true, ""
	}
	num, pct := strings.CutSuffix(strings.ReplaceAll(s, "％", "%"), "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, "“" + s + "”不是有效的目标值：应为数字、百分比（如 60%）或“无”"
	}
	switch {
	case def.IsRate() && pct:
		f /= 100
	case def.IsRate() && f > 1:
		return 0, false, "“" + s + "”不是有效的比率：请写成 60% 或 0.6"
	case pct:
		return 0, false, def.Name + "的目标值是数量，不能写成百分比"
	}
	return f, false, ""
}

// targetScope says how a row for unit code, assigned by from ("" for the
// unit's own), bears on this unit, failing the row where it may not: a row
// for another unit is an error, except at a prefecture or province for a
// unit directly under it.
func (im *importer) targetScope(rr *rowReader, code, from string) targetScope {
	u := im.unit
	if !regionCode(code) || !im.knownRegion(code) {
		rr.fail("区划代码", "“"+code+"”不是有效的 6 位行政区划代码")
		return ownTarget
	}
	if from != "" && (!regionCode(from) || !im.knownRegion(from)) {
		rr.fail(ColumnAssignedBy, "“"+from+"”不是有效的 6 位行政区划代码")
		return ownTarget
	}
	switch {
	case code == u.Code && from == "":
		return ownTarget
	case code == u.Code && from == u.Parent():
		return acceptedTarget
	case code == u.Code:
		rr.fail(ColumnAssignedBy, fmt.Sprintf("下达单位 %s 不是本单位（%s）的上级，本单位的任务清单应由 %s 下达", im.regionName(from), im.regionName(u.Code), im.regionName(u.Parent())))
	case store.Under(store.UnitRef{Code: code, Level: childLevel(u.Level)}, u) && (from == "" || from == u.Code):
		return assignedTarget
	case store.Under(store.UnitRef{Code: code, Level: childLevel(u.Level)}, u):
		rr.fail(ColumnAssignedBy, fmt.Sprintf("向下级单位下达的目标，下达单位应为本单位 %s 或留空", u.Code))
	case from != "":
		rr.fail("区划代码", fmt.Sprintf("本工作簿是%s下达给%s的任务清单，本单位是%s，不能导入其他单位的任务清单", im.regionName(from), im.regionName(code), im.regionName(u.Code)))
	case u.Level == store.LevelCounty:
		rr.fail("区划代码", fmt.Sprintf("区划代码 %s 不是本单位（%s），只能设置本单位的目标", im.regionName(code), im.regionName(u.Code)))
	default:
		rr.fail("区划代码", fmt.Sprintf("区划代码 %s 既不是本单位（%s），也不是本单位直属的下级单位", im.regionName(code), im.regionName(u.Code)))
	}
	return ownTarget
}

func regionCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// knownRegion reports whether code is in the reference data's regions (any
// code passes when the reference data is missing).
func (im *importer) knownRegion(code string) bool {
	ref := im.tx.Ref()
	if ref == nil || ref.Missing {
		return true
	}
	_, ok := ref.Region(code)
	return ok
}

// regionName is “楚雄州（532300）”, or the bare code when it is unknown.
func (im *importer) regionName(code string) string {
	if code == im.unit.Code && im.unit.Name != "" {
		return "“" + im.unit.Name + "”（" + code + "）"
	}
	if r, ok := im.tx.Ref().Region(code); ok {
		return "“" + r.Name + "”（" + code + "）"
	}
	return code
}

// childLevel is the level of the units directly under a unit of level.
func childLevel(level string) string {
	switch level {
	case store.LevelProvince:
		return store.LevelPrefecture
	case store.LevelPrefecture:
		return store.LevelCounty
	}
	return ""
}
