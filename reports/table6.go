package reports

import (
	"fmt"
	"strings"

	"chanjiao/store/handoff"
)

// table6 is 报送情况, at a prefecture or province: every lower unit of the
// roster, whether and what it sent, and whether the signature held.
func (b *builder) table6(st *handoff.Completeness) *Table {
	t := b.newTable(6, "报送情况", false)
	p := &Part{Columns: []Column{
		{"序号", 10, "C", false}, {"单位", 60, "L", false}, {"区划代码", 18, "C", false}, {"是否报送", 16, "C", false},
		{"版本", 12, "R", false}, {"报送时间", 30, "C", false}, {"校验", 18, "C", false},
	}}
	for i, u := range st.Units {
		row := []Cell{Int(i + 1), Text(u.Name), Text(u.Code), Text("未报送"), Text(""), Text(""), Text("")}
		if u.Sent {
			row[3], row[4] = Text("已报送"), Int(u.Revision)
			row[5] = Text(u.SentAt.In(b.r.Date.Location()).Format("2006-01-02 15:04"))
			row[6] = Text(handoff.SignatureText(u.Signature))
		}
		p.Rows = append(p.Rows, Row{Cells: row})
	}
	p.Rows = append(p.Rows, Row{Kind: RowTotal, Cells: []Cell{Text("合计"), Text(""), Text(""),
		Text(fmt.Sprintf("已报送 %d/%d", st.SentCount(), len(st.Units))), Text(""), Text(""), Text("")}})
	t.Parts = []*Part{p}
	if missing := st.Missing(); len(missing) > 0 {
		t.Footnotes = append(t.Footnotes, "催报："+strings.Join(missing, "、")+"。")
	}
	t.Footnotes = append(t.Footnotes, "报送时间为数据包的生成时间；校验“签名有效”表示数据包签名与已确认的密钥相符，“不一致”表示其后收到的数据包签名或密钥不符已被拒收。")
	return t
}
