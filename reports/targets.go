package reports

import (
	"fmt"
	"slices"
	"strings"

	"chanjiao/store"
)

// the targets, named in the footnotes

func (b *builder) isDefault(ind string) bool {
	var stored, def []store.Target
	for _, t := range b.d.Targets {
		if t.Indicator == ind {
			stored = append(stored, t)
		}
	}
	for _, t := range store.DefaultTargets(b.d.Year) {
		if t.Indicator == ind {
			def = append(def, t)
		}
	}
	return fmt.Sprint(stored) == fmt.Sprint(def)
}

func (b *builder) source(ind, policy string) string {
	if b.isDefault(ind) {
		return "（默认目标，依据" + policy + "）"
	}
	return fmt.Sprintf("（%s设定的%d年度目标）", b.d.Unit.Name, b.d.Year)
}

func (b *builder) secondmentTargetValue() *int {
	for _, s := range b.r.Figures.Schools {
		if s.Secondments.Target != nil {
			return s.Secondments.Target
		}
	}
	for _, t := range b.d.Targets {
		if t.Indicator == store.IndSecondment {
			v := int(t.Value)
			return &v
		}
	}
	return nil
}

func (b *builder) secondmentTarget() string {
	v := b.secondmentTargetValue()
	if v == nil {
		return "本年度未设目标"
	}
	return fmt.Sprintf("每校每年与相应企业互派互聘不少于%d人", *v) +
		b.source(store.IndSecondment, "曲靖市政府对市政协六届一次会议第327号提案的答复，2022")
}

func (b *builder) trainingTargets() string {
	var parts []string
	for _, t := range b.r.Figures.Training.Targets {
		parts = append(parts, fmt.Sprintf("%s不少于%s人次", store.CategoriesText(t.Categories), groupThousands(t.Target)))
	}
	if len(parts) == 0 {
		return "本年度未设目标"
	}
	return strings.Join(parts, "，") + b.source(store.IndTraining, "楚雄州职业教育提质增效工作实施方案，2024")
}

func (b *builder) progressionTarget() string {
	t := b.r.Figures.Progression.Target
	if t == nil {
		return "本年度未设目标"
	}
	return "不低于" + store.FormatRate(t) + b.source(store.IndProgression, "楚雄州职业教育提质增效工作实施方案，2024")
}

func (b *builder) coverageTarget() string {
	t := b.r.Figures.Coverage.Target
	if t == nil {
		return "本年度未设目标"
	}
	return "达到" + store.FormatRate(t) + b.source(store.IndCoverage, "楚雄州职业教育提质增效工作实施方案，2024")
}

// measureUnits is the unit each count indicator of measures.md is counted in.
var measureUnits = map[string]string{
	store.IndCarriers: "个", store.IndIntegrated: "家", store.IndQualitySchool: "所", store.IndQualityMajor: "个",
	store.IndOrderClasses: "个", store.IndApprentices: "人", store.IndPractice: "人次", store.IndAwards: "项",
	store.IndActivities: "期",
}

// assessed are the year's targets on the given indicators with what was done
// against them, from the figures' assessment list, in its order.
func (b *builder) assessed(f *store.Figures, keys ...string) []store.Assessed {
	return assessedOf(f.Assessment, keys...)
}

// assessedOf are the entries of an assessment list on the given indicators.
func assessedOf(as []store.Assessed, keys ...string) []store.Assessed {
	var out []store.Assessed
	for _, a := range as {
		if slices.Contains(keys, a.Indicator) {
			out = append(out, a)
		}
	}
	return out
}

// categoryText is a target's 分类 as the tables name it: 州市级及以上, or
// 县域产教联合体，州市级及以上; "" without one.
func categoryText(a store.Assessed) string {
	if a.Category == nil {
		return ""
	}
	cat := *a.Category
	if a.Indicator == store.IndActivities || a.Indicator == store.IndTraining {
		return cat
	}
	if a.Indicator == store.IndCarriers {
		typ, grade, _ := strings.Cut(cat, "/")
		return typ + "，" + grade + "及以上"
	}
	return cat + "及以上"
}

// assessedName is a targeted indicator with its 分类: 产教融合载体数（县域产教联合体，州市级及以上）.
func assessedName(a store.Assessed) string {
	name := store.IndicatorName(a.Indicator)
	if c := categoryText(a); c != "" {
		name += "（" + c + "）"
	}
	return name
}

// targetValue is a target as the notes write it: 不少于5个, 不低于60.0%.
func targetValue(a store.Assessed) string {
	if a.Indicator == store.IndActivities {
		return periodsText(int(a.Target)) + "至少1次"
	}
	if def, ok := store.IndicatorByKey(a.Indicator); ok && def.IsRate() {
		v := a.Target
		return "不低于" + store.FormatRate(&v)
	}
	return fmt.Sprintf("不少于%d%s", int(a.Target), measureUnits[a.Indicator])
}

// measureTargets names the year's targets on some of measures.md's
// indicators, for a footnote.
func (b *builder) measureTargets(keys ...string) string {
	var parts []string
	for _, a := range b.assessed(b.r.Figures, keys...) {
		parts = append(parts, assessedName(a)+targetValue(a))
	}
	if len(parts) == 0 {
		return "本年度未设目标"
	}
	return strings.Join(parts, "，") + fmt.Sprintf("（%s设定的%d年度目标）", b.d.Unit.Name, b.d.Year)
}

// namedTargets is measureTargets, or "{name}本年度未设目标" when the year
// has none on these indicators.
func (b *builder) namedTargets(name string, keys ...string) string {
	if len(b.assessed(b.r.Figures, keys...)) == 0 {
		return name + "本年度未设目标"
	}
	return b.measureTargets(keys...)
}

// periodsText is how often a frequency target of n periods asks for an
// activity: 每年, 每半年, 每季度, 每月.
func periodsText(n int) string {
	switch n {
	case 2:
		return "每半年"
	case 4:
		return "每季度"
	case 12:
		return "每月"
	}
	return "每年"
}
