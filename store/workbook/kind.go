package workbook

import (
	"regexp"
	"slices"
	"strings"

	"chanjiao/store"
)

// A workbook with none of the exchange sheets is of another kind: the
// program's own returns, a 任务清单 that lost its 目标 sheet or something
// else (a 任务清单 itself is an exchange workbook: its 目标 sheet imports). Importing it would
// "succeed" with no rows, so it is refused, saying what it seems to be.

// returnsSheet matches the sheets of the returns workbook the reports package
// writes ("表1 学校基本情况", …); matched by name, as workbook must not
// import reports.
var returnsSheet = regexp.MustCompile(`^表\s*\d+`)

// checkKind refuses a workbook holding none of the exchange sheets.
func (b *book) checkKind(present map[string]bookSheet) error {
	for name := range present {
		if isExchangeSheet(name) {
			return nil
		}
	}
	var names []string // in the workbook's order
	for _, s := range b.sheets {
		if n := trim(s.name); n != sheetInfo {
			names = append(names, n)
		}
	}
	expected := "数据工作簿应含工作表 " + strings.Join(sheetNames(), "、") + " 中的至少一个"
	switch bookKind(b.name, names) {
	case "returns":
		return store.Errorf(store.EInvalid, "%s 是本程序生成的统计报表（工作表 %s），不是数据工作簿，未导入任何数据。请导入学校交回的填报表或导出的数据工作簿（%s）", b.name, listNames(names), expected)
	case "tasks":
		return store.Errorf(store.EInvalid, "%s 的名称是任务清单，但其中没有“目标”工作表（可能被改名或删除），未导入任何数据。请导入上级下发的原文件；%s", b.name, expected)
	}
	return store.Errorf(store.EInvalid, "%s 不是本程序的数据工作簿（其中的工作表：%s），未导入任何数据。请导入本程序生成的填报表或数据工作簿（%s）", b.name, listNames(names), expected)
}

// sheetNames are the exchange sheets' names, in export order.
func sheetNames() []string {
	names := make([]string, len(Sheets))
	for i, s := range Sheets {
		names[i] = s.Name
	}
	return names
}

func isExchangeSheet(name string) bool { return slices.Contains(sheetNames(), name) }

// bookKind guesses what a workbook without exchange sheets is: "returns",
// "tasks" or "" for unknown.
func bookKind(file string, names []string) string {
	if strings.Contains(file, "任务清单") {
		return "tasks"
	}
	for _, n := range names {
		if returnsSheet.MatchString(n) || n == "封面" {
			return "returns"
		}
	}
	return ""
}

// listNames lists a workbook's sheets for a message, at most three of them.
func listNames(names []string) string {
	if len(names) == 0 {
		return "无"
	}
	if len(names) > 3 {
		return "“" + strings.Join(names[:3], "”、“") + "”等"
	}
	return "“" + strings.Join(names, "”、“") + "”"
}
