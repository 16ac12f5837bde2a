package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// helpText is the built-in guide (帮助, F1): the year's work in order, what
// the figures on 首页 mean and which policy sets each target, what to do
// with a refused file, and how to move to a new laptop. The policy names
// follow reports/targets.go and spec/indicators.md.
const helpText = `## 一年的工作顺序

1. **设置本单位**：在“设置”页填写本单位的区划代码、名称和级别，核对本年度目标（可点“恢复政策默认值”）。每台电脑只需设置一次。
2. **下发模板**：菜单“文件 → 下发填报模板…”，为每所学校生成一份填报表，发给学校填写。
3. **收取**：学校交回后，菜单“文件 → 收取填报表（导入文件夹中的全部工作簿）…”，把所有交回的文件放在一个文件夹里一次收取。
4. **核对**：看“首页”的“下一步”和“待核实”提示，在各页改正有问题的记录；提示不影响保存和报送，但请逐条核对。校企合作协议、订单班与学徒制、产教融合载体在左侧“合作与载体”页的三个标签中。
5. **报表**：菜单“文件 → 导出报表（PDF 和 Excel）…”，打印或存档。
6. **上报**：菜单“文件 → 上报：生成数据包…”，把生成的数据包交给上级。

**州（市）、省级单位**还要：

- **接收**：菜单“文件 → 接收数据包…”或“接收文件夹中的全部数据包…”。第一次收到某个下级单位的数据包时，请打电话核对对方的密钥指纹。
- **报送情况**：“首页”列出哪些下级单位已报送、哪些还没有报送本年度数据。

## 首页各项数字的含义

- **互派互聘**：每所学校本年度与企业互派互聘的人数，按不重复的人计（同一人一年多次只算一次；两个方向合计可能少于两个方向相加）。目标：每校每年不少于 10 人——曲靖市政府对市政协六届一次会议第327号提案的答复（2022）。普通高中和已停办的学校不考核。
- **职业技能培训**：按培训对象统计的培训人次，按结束日期所在年度计。目标由本单位设定（默认没有），例如楚雄州每年不少于 10 万人次——楚雄州职业教育提质增效工作实施方案（2024）。
- **中职升学率**：中职专业升学人数 ÷ 毕业生数。目标：2025 年起不低于 60%——楚雄州职业教育提质增效工作实施方案（2024）。
- **3+2 贯通覆盖率**：至少有一个 3+2 或五年一贯制专业的中等职业学校所占比例。目标：2026 年达到 100%——同上。
- **校企合作协议覆盖率**：本年度有有效“合作协议”的学校所占比例（意向书不计入覆盖率）。协议在签订日期所在年度至到期日期所在年度之间有效；没有到期日期的长期有效。
- **订单班与学徒制**：按培养类型统计本年度的班级数和学生人数；一个专业的“订单班人数”是其订单班、冠名班、定向班的学生人数合计。订单班数计这三类班级。
- **产教融合载体**：按载体类型和所处级别统计；认定年份之前按“未认定”计，撤销年份起不再计入；成立年份为本年度的计为本年新增。按级别的目标计该级别及以上的载体。
- 以上各项的目标（协议覆盖率、订单班数、现代学徒制学生数、产教融合型企业数、各类载体数）由本单位在“设置”页按年度设定，默认不设。
- **合作企业数、订单班学生数**：只报告，不设目标。
- 是否达标按准确数值判断；比率只截取一位小数显示，所以显示 60.0% 一定是达标的。
- 目标可在“设置”页按年度修改；每份报表都写明所依据的目标。

## 文件被拒收怎么办

- 提示会写明**文件名、工作表、行和列**，以及错在哪里。照着提示改正后重新收取即可，被拒收的文件不会改动任何数据。
- 收取填报表时，程序会在原文件旁生成一份 **“_错误标注.xlsx”** 副本：错误的单元格标红并附批注，可以直接发回学校，改正后交回。
- 提示“文件已损坏，请重新拷贝”时，多半是拷贝不完整或 U 盘出错：请**重新拷贝一次**原文件，或请学校重新发送。提示“无法作为 .xlsx 工作簿读取”时（例如旧的 .xls 文件），请在 Excel 中打开后另存为 .xlsx 再收取。
- 数据包被拒收时，请对方重新生成数据包再发送；不要手工修改数据包。

## 换新电脑

1. 在旧电脑上：“设置”页点 **备份到U盘**，等提示完成后再拔出 U 盘。
2. 在新电脑上安装本程序。
3. 打开程序，在“设置”页点 **从备份恢复**，选择 U 盘上的备份文件，核对提示后确认恢复。
4. 恢复后到“设置”页查看 **数据包签名密钥指纹**，与旧电脑上的一致，上级才能照常接收您的数据包。

## 快捷键

- **F1**：打开本说明；**Esc**：关闭对话框或窗口。
- **Ctrl+N** 新建记录，**Ctrl+S** 保存，**Ctrl+F** 查找。
`

const helpTitle = "使用说明"

// helpMenu is the window's 帮助 menu.
func (a *App) helpMenu() *fyne.Menu {
	return fyne.NewMenu("帮助", fyne.NewMenuItem(helpTitle+"（F1）", a.guard(func() { a.showHelp() })))
}

// showHelp opens the guide in a scrolling dialog that fits a 1024×600
// screen; 关闭 and Esc close it. Over another dialog, that one gets Esc
// back once the guide is closed; a second F1 keeps the open guide.
func (a *App) showHelp() *prompt {
	under := a.prompt
	if under != nil && under.title == helpTitle {
		return under
	}
	p := a.newPrompt(helpTitle, helpText)
	back := func() {
		if under != nil && a.prompt == nil {
			a.prompt = under
		}
	}
	p.closeButton("关闭", widget.HighImportance, back)
	p.onEsc = func() { p.close(); back() }
	body := widget.NewRichTextFromMarkdown(helpText)
	body.Wrapping = fyne.TextWrapBreak // Chinese has no spaces to wrap at
	p.show(container.NewVScroll(body), dialogSize(a, 900, 640))
	return p
}
