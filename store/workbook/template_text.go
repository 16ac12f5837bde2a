package workbook

// The 填表说明 sheet of a template: the general rules, then each column's
// rule as the column table declares it.

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// instructions writes 填表说明: the general rules, then every column's.
func (t *templateWriter) instructions() error {
	f, st, d := t.f, t.st, t.d
	n := SheetInstructions
	for col, w := range map[string]float64{"A": 12, "B": 20, "C": 8, "D": 90} {
		if err := f.SetColWidth(n, col, col, w); err != nil {
			return err
		}
	}
	row := 1
	line := func(text string, style int, height float64) error {
		cell := fmt.Sprintf("A%d", row)
		if err := f.MergeCell(n, cell, fmt.Sprintf("D%d", row)); err != nil {
			return err
		}
		if err := f.SetCellStr(n, cell, text); err != nil {
			return err
		}
		if err := f.SetCellStyle(n, cell, fmt.Sprintf("D%d", row), style); err != nil {
			return err
		}
		if err := f.SetRowHeight(n, row, height); err != nil {
			return err
		}
		row++
		return nil
	}
	if err := line(fmt.Sprintf("%s %d 年度产教融合数据填报表 · 填表说明", d.School.Name, d.Year), st.title, 28); err != nil {
		return err
	}
	unit := d.Unit.Name
	if unit == "" {
		unit = "县级教育行政部门"
	}
	if err := line(fmt.Sprintf("下发单位：%s　　学校标识码：%s　　模板版本：%d　　生成日期：%s", unit, d.School.Code, TemplateVersion, d.Created.Format("2006-01-02")), st.note, 20); err != nil {
		return err
	}
	row++
	for i, r := range generalRules(d) {
		if err := line(fmt.Sprintf("%d. %s", i+1, r), st.note, lineHeight(r, 150)); err != nil {
			return err
		}
	}
	row++
	for i, h := range []string{"工作表", "列", "必填", "填写要求"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		if err := f.SetCellStr(n, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(n, cell, cell, st.ruleHead); err != nil {
			return err
		}
	}
	row++
	for _, def := range templateSheets() {
		for _, c := range columnsOf(def.Columns, offered) {
			req, style := "选填", st.rule
			if c.Required {
				req, style = "必填", st.ruleReq
			}
			rule := c.ruleFor(d.Year)
			for i, v := range []string{def.Name, c.Header, req, rule} {
				cell, _ := excelize.CoordinatesToCellName(i+1, row)
				if err := f.SetCellStr(n, cell, v); err != nil {
					return err
				}
				s := st.rule
				if i == 2 {
					s = style
				}
				if err := f.SetCellStyle(n, cell, cell, s); err != nil {
					return err
				}
			}
			if err := f.SetRowHeight(n, row, lineHeight(rule, 110)); err != nil {
				return err
			}
			row++
		}
	}
	return fitToWidth(f, n, false)
}

// lineHeight is a row height that shows text wrapped at about width
// half-width characters per line (a Chinese character counts two).
func lineHeight(text string, width int) float64 {
	w := 0
	for _, r := range text {
		if r < 0x2E80 {
			w++
		} else {
			w += 2
		}
	}
	lines := w/width + 1
	return float64(lines)*15 + 4
}

func generalRules(d TemplateData) []string {
	y, prev := d.Year, d.Year-1
	return []string{
		fmt.Sprintf("本工作簿是“%s”（学校标识码 %s）%d 年度的产教融合数据填报表。请只填写本校的记录：写有其他学校标识码的行会被拒收。", d.School.Name, d.School.Code, y),
		"请不要修改工作表的名称和第 1 行的表头，不要删除或移动列。表头为橙色的列必须填写，蓝色的列可以不填。",
		"带下拉箭头的单元格请从列表中选择。学校标识码、统一社会信用代码、身份证号、专业代码等代码列已设为文本格式，直接输入即可，不会丢失位数或开头的 0；请不要把这些列改成数字格式。",
		fmt.Sprintf("日期请写成 %d-03-01 这样的格式（也可写 %d/3/1 或 %d年3月1日）。人数、年份填整数，没有的填 0。", y, y, y),
		"“学校”表已填好本校的信息，学校标识码已锁定。其他信息如有变化请直接修改。",
		fmt.Sprintf("“专业”表已列出本校 %d 年度的专业，统计年度已改为 %d。请逐行填写 %d 年度的在校生数、毕业生数、升学人数；已不再开设的专业请把状态改为“撤销”并填 0，或删除该行；新开设的专业请在下面空行新增。", prev, y, y),
		"“合作企业”表已列出本县（市、区）已登记的合作企业。本校的合作企业如不在表中，请在下面空行新增；专业、互派互聘、培训中引用的企业都必须在此表中。",
		fmt.Sprintf("“互派互聘”表每人每次派出（聘用）填一行，“培训”表每个培训项目（班次）填一行，填写 %d 年度的情况。", y),
		fmt.Sprintf("“校企合作协议”表每份合作协议或合作意向书填一行，已列出本校 %d 年度仍有效的协议，如有变化（如到期日期）请直接修改，不要删除；新签订的协议请在下面空行新增。", y),
		fmt.Sprintf("“订单班与学徒制”表每个订单班、冠名班、定向班、现代学徒制或企业新型学徒制班级填一行，填写 %d 年度的学生人数；班级的专业须在“专业”表中（企业新型学徒制可不填专业）。订单班人数不再填在“专业”表中，由这些班级的学生人数合计。", y),
		fmt.Sprintf("“师资”表填一行：本校 %d 年度的专任教师数、其中的专业课教师数、其中的双师型教师数，兼职教师数不清楚的可留空。“获奖”表每个获奖项目（每位或每组获奖者）填一行，填写获奖日期在 %d 年度的。", y, y),
		"工作表处于保护状态，只保护表头和本校学校标识码，其余单元格可直接填写，也可插入或删除行。如确需取消保护：审阅 → 撤消工作表保护（没有密码）。",
		"填好后请保存为 .xlsx 格式（不要另存为 .xls），按原文件名交回。如有错误，教育局会把标注了错误的副本发回：出错的单元格标为红色，鼠标指向可看到原因，“错误清单”工作表列出全部错误，点击可跳到对应单元格。请直接在该副本中修改后交回，红色在改动后会自动消失。",
	}
}
