package store

import (
	"fmt"
	"strings"
)

// CategoriesText joins 培训对象 for display.
func CategoriesText(cs []string) string { return strings.Join(cs, "、") }

// MetText is how every screen and paper shows whether a target is met:
// 达标, 未达标, or "—" when no target applies.
func MetText(met *bool) string {
	switch {
	case met == nil:
		return "—"
	case *met:
		return "达标"
	}
	return "未达标"
}

// QualityText writes quality counts in QualityLevels order: "省级 3 所，
// 州市级 2 所" with a unit, "省级3，州市级2" without one (a narrow cell on
// paper); "" when there are none.
func QualityText(m map[string]int, unit string) string {
	var parts []string
	for _, l := range QualityLevels {
		if m[l] > 0 {
			if unit == "" {
				parts = append(parts, fmt.Sprintf("%s%d", l, m[l]))
			} else {
				parts = append(parts, fmt.Sprintf("%s %d %s", l, m[l], unit))
			}
		}
	}
	return strings.Join(parts, "，")
}

// FormatRate shows a rate truncated to one decimal place (0.5996 → 59.9%),
// so a shown 60.0% is always met; "—" when there is none.
func FormatRate(r *float64) string {
	if r == nil {
		return "—"
	}
	permille := int64(*r*1000 + 1e-9)
	return fmt.Sprintf("%d.%d%%", permille/10, permille%10)
}
