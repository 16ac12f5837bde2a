package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/handoff"
)

// 接收: data files from the units below, taken one after another through
// the steps a clerk sees. Each step is one store/handoff function.

// chooseBundle is 接收数据包…: a file dialog for .cjrh.
func (a *App) chooseBundle() {
	a.chooseFile("接收数据包（.cjrh）", []string{".cjrh"}, func(path string) { a.receiveFiles([]string{path}, nil) })
}

// chooseBundleFolder receives every .cjrh file in a folder (a USB stick
// with several counties' files).
func (a *App) chooseBundleFolder() {
	a.chooseFolder("接收文件夹中的全部数据包", func(dir string) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			a.showError(store.Wrap(store.EInvalid, err, "无法读取文件夹 %s", dir))
			return
		}
		var paths []string
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".cjrh") {
				paths = append(paths, filepath.Join(dir, e.Name()))
			}
		}
		if len(paths) == 0 {
			a.showMessage("接收数据包", "文件夹 "+dir+" 中没有数据包（.cjrh）文件。")
			return
		}
		a.receiveFiles(paths, nil)
	})
}

// receiveOutcome is what happened to one data file.
type receiveOutcome struct {
	file     string
	received bool   // applied (or the same file again)
	refused  bool   // refused for a reason of the file's, recorded
	text     string // the Chinese summary or reason
}

// receiveFlow takes data files one after another through the steps a
// clerk sees: passphrase, key confirmation, the diff, then apply.
type receiveFlow struct {
	a       *App
	files   []string
	i       int
	pass    string // the passphrase that opened the last encrypted file
	outs    []receiveOutcome
	applied bool
	next    func()
}

// receiveFiles starts the receive flow; next runs after its result.
func (a *App) receiveFiles(paths []string, next func()) {
	if !a.hasUnit { // files from the command line may come before loadUnit's answer
		var u store.Unit
		a.background(func() error {
			return a.db.View(context.Background(), func(tx *store.Tx) (err error) { u, err = tx.Unit(); return err })
		}, func(err error) {
			if err != nil {
				a.showMessage("接收数据包", "请先在“设置”中设置本单位（州市级或省级），再接收数据包。")
				return
			}
			a.unit, a.hasUnit = u, true
			a.receiveFiles(paths, next)
		})
		return
	}
	if !a.receives() {
		a.showMessage("接收数据包", "本单位是县级单位，不接收数据包。数据包由州市、省级教育行政部门接收。")
		return
	}
	if a.refuseWhileBusy() {
		return
	}
	f := &receiveFlow{a: a, files: paths, next: next}
	a.setBusy(true)
	f.step()
}

// step opens the current file, or ends the flow.
func (f *receiveFlow) step() {
	if f.i >= len(f.files) {
		f.finish()
		return
	}
	f.open(f.pass, false)
}

func (f *receiveFlow) done(o receiveOutcome) {
	f.outs = append(f.outs, o)
	f.i++
	f.step()
}

// refuse records a refused file (for 报送情况; handoff.Refuse decides what is
// a refusal) and moves on.
func (f *receiveFlow) refuse(name string, b *handoff.Bundle, err error) {
	f.a.logErr(err)
	refused, shown := handoff.Refuse(f.a.db, name, b, err)
	f.done(receiveOutcome{file: name, refused: refused, text: store.ErrorMessage(shown)})
}

func (f *receiveFlow) cancelled(name string) {
	f.done(receiveOutcome{file: name, text: "已取消，未接收"})
}

// open reads and checks the current file completely, and prepares it.
func (f *receiveFlow) open(pass string, retry bool) {
	a := f.a
	path := f.files[f.i]
	name := filepath.Base(path)
	var b *handoff.Bundle
	var plan *handoff.Plan
	a.longTask("接收数据包", func(ctx context.Context, p *progress) (err error) {
		p.set(fmt.Sprintf("正在核对（%d/%d）：%s", f.i+1, len(f.files), name), float64(f.i)/float64(len(f.files)))
		if b, err = handoff.ReadFile(path, pass); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		plan, err = handoff.Prepare(ctx, a.db, b)
		return err
	}, func(err error) {
		switch {
		case errors.Is(err, context.Canceled):
			f.cancelled(name)
		case errors.Is(err, handoff.ErrNeedPassphrase):
			f.askPassphrase(name, "")
		case errors.Is(err, handoff.ErrWrongPassphrase):
			f.askPassphrase(name, "口令不正确，请重新输入（或数据包已损坏）。")
		case err != nil:
			f.refuse(name, b, err)
		default:
			if pass != "" {
				f.pass = pass
			}
			f.confirmKey(plan)
		}
	})
}

func (f *receiveFlow) askPassphrase(name, problem string) {
	a := f.a
	text := name + "\n该数据包已加密，请输入与报送单位约定的口令。"
	p := a.newPrompt("输入口令", text)
	pass := widget.NewPasswordEntry()
	p.fields["口令"] = pass
	p.closeButton("取消", widget.MediumImportance, func() { f.cancelled(name) })
	ok := p.closeButton("打开", widget.HighImportance, func() { f.open(pass.Text, true) })
	ok.Disable()
	pass.OnChanged = func(s string) {
		if s == "" {
			ok.Disable()
		} else {
			ok.Enable()
		}
	}
	pass.OnSubmitted = func(s string) {
		if s != "" {
			p.close()
			f.open(s, true)
		}
	}
	p.onEsc = func() { p.close(); f.cancelled(name) }
	intro := widget.NewLabel(text)
	intro.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{intro}
	if problem != "" {
		p.text += "\n" + problem
		objs = append(objs, label(problem, widget.DangerImportance))
	}
	objs = append(objs, pass)
	p.show(container.NewVBox(objs...), fyne.NewSize(520, 240))
	a.win.Canvas().Focus(pass)
}

// confirmKey asks to confirm the fingerprint of a first file, or warns about
// a changed key, before the diff.
func (f *receiveFlow) confirmKey(plan *handoff.Plan) {
	a := f.a
	b := plan.Bundle
	m := b.Manifest
	switch plan.Key {
	case handoff.KeyPinned:
		f.showDiff(plan, handoff.Options{})
	case handoff.KeyUnknown:
		text := fmt.Sprintf("这是首次收到 %s（%s）的数据包。\n\n请电话核对对方的密钥指纹：对方生成数据包后，程序会显示“本机密钥指纹”。请对方逐组读出，与下面的指纹一致才接收：\n\n%s\n\n指纹一致说明数据包确实来自对方的电脑；核对后本程序会记住这把密钥。",
			m.Sender.Name, m.Sender.Code, b.Fingerprint)
		p := a.newPrompt("核对密钥指纹", text)
		p.closeButton("取消", widget.MediumImportance, func() { f.cancelled(b.FileName) })
		p.closeButton("已电话核对，指纹一致", widget.HighImportance, func() { f.showDiff(plan, handoff.Options{Trust: true}) })
		p.onEsc = func() { p.close(); f.cancelled(b.FileName) }
		fp := boldLabel(b.Fingerprint)
		fp.Alignment = fyne.TextAlignCenter
		fp.SizeName = theme.SizeNameSubHeadingText
		fp.Selectable = true
		intro := widget.NewLabel(fmt.Sprintf("这是首次收到 %s（%s）的数据包。\n请电话核对对方的密钥指纹：对方生成数据包后，程序会显示“本机密钥指纹”，请对方逐组读出，与下面的指纹一致才接收。", m.Sender.Name, m.Sender.Code))
		intro.Wrapping = fyne.TextWrapWord
		after := widget.NewLabel("指纹一致说明数据包确实来自对方的电脑；核对后本程序会记住这把密钥，以后的数据包自动核对。")
		after.SizeName = theme.SizeNameCaptionText
		after.Wrapping = fyne.TextWrapWord
		p.show(container.NewVBox(intro, fp, after), fyne.NewSize(620, 320))
	case handoff.KeyChanged:
		text := fmt.Sprintf("警告：%s（%s）的签名密钥与以前不同！\n\n新指纹：%s\n\n如果对方更换了电脑或重装了程序，密钥会变；但也可能是有人冒充对方。请务必电话联系对方，核对新指纹一致后才接受。接受新密钥会记入操作日志。",
			m.Sender.Name, m.Sender.Code, b.Fingerprint)
		p := a.newPrompt("密钥已变更", text)
		p.closeButton("取消（不接收）", widget.HighImportance, func() { f.cancelled(b.FileName) })
		accept := p.closeButton("接受新密钥", widget.DangerImportance, func() { f.showDiff(plan, handoff.Options{AcceptNewKey: true}) })
		accept.Disable()
		sure := widget.NewCheck("我已电话联系对方，核对新指纹一致", func(on bool) {
			if on {
				accept.Enable()
			} else {
				accept.Disable()
			}
		})
		p.checks["已核实"] = sure
		p.onEsc = func() { p.close(); f.cancelled(b.FileName) }
		warn := label(text, widget.DangerImportance)
		warn.Wrapping = fyne.TextWrapWord
		warn.TextStyle.Bold = true
		p.show(container.NewVBox(warn, sure), fyne.NewSize(620, 340))
	}
}

// showDiff shows what the file changes (per table, and the headline figures
// before and after) and asks 接收 / 取消. The same file again needs no
// question.
func (f *receiveFlow) showDiff(plan *handoff.Plan, opts handoff.Options) {
	a := f.a
	if plan.Decision == handoff.Unchanged && plan.Key == handoff.KeyPinned {
		f.done(receiveOutcome{file: plan.Bundle.FileName, received: true, text: plan.Summary()})
		return
	}
	m := plan.Bundle.Manifest
	title := "接收数据包：核对变化"
	p := a.newPrompt(title, plan.Summary())
	p.closeButton("取消", widget.MediumImportance, func() { f.cancelled(plan.Bundle.FileName) })
	p.closeButton("接收", widget.HighImportance, func() { f.apply(plan, opts) })
	p.onEsc = func() { p.close(); f.cancelled(plan.Bundle.FileName) }

	var head string
	switch plan.Decision {
	case handoff.New:
		head = fmt.Sprintf("%s（%s）%d 年度第 %d 版，首次接收。", m.Sender.Name, m.Sender.Code, m.Year, m.Revision)
	case handoff.Newer:
		head = fmt.Sprintf("%s（%s）%d 年度第 %d 版，将替换已收到的第 %d 版。", m.Sender.Name, m.Sender.Code, m.Year, m.Revision, plan.OldRevision)
	case handoff.Unchanged:
		head = fmt.Sprintf("%s（%s）%d 年度第 %d 版已经接收过，内容相同。", m.Sender.Name, m.Sender.Code, m.Year, m.Revision)
	}
	headLabel := boldLabel(head)
	headLabel.Wrapping = fyne.TextWrapWord

	diff := container.New(layout.NewGridLayout(4), boldLabel("各表变化（条）"), boldLabel("新增"), boldLabel("修改"), boldLabel("删除"))
	for _, d := range plan.Diff {
		diff.Add(widget.NewLabel(d.Table))
		for _, n := range []int{d.Added, d.Changed, d.Removed} {
			l := widget.NewLabel(fmt.Sprint(n))
			if n == 0 {
				l.Importance = widget.LowImportance
			}
			diff.Add(l)
		}
	}
	bf, af := plan.Before, plan.After
	heads := container.New(layout.NewGridLayout(3), boldLabel("主要数字"), boldLabel("接收前"), boldLabel("接收后"))
	for _, r := range [][3]string{
		{"学校数", fmt.Sprint(bf.Schools), fmt.Sprint(af.Schools)},
		{"互派互聘达标学校", fmt.Sprintf("%d / %d", bf.SecondmentMet, bf.SecondmentSchools), fmt.Sprintf("%d / %d", af.SecondmentMet, af.SecondmentSchools)},
		{"培训人次", fmt.Sprint(bf.TrainingTotal), fmt.Sprint(af.TrainingTotal)},
		{"中职升学率", store.FormatRate(bf.ProgressionRate), store.FormatRate(af.ProgressionRate)},
	} {
		heads.Add(widget.NewLabel(r[0]))
		heads.Add(widget.NewLabel(r[1]))
		l := widget.NewLabel(r[2])
		if r[1] != r[2] {
			l.TextStyle.Bold = true
		}
		heads.Add(l)
	}
	note := widget.NewLabel("按“接收”后，该单位本年度的数据将整体替换为数据包中的数据。")
	note.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(headLabel, widget.NewSeparator(), diff, widget.NewSeparator(), heads, widget.NewSeparator(), note)
	p.show(container.NewVScroll(body), fyne.NewSize(640, 690))
}

func (f *receiveFlow) apply(plan *handoff.Plan, opts handoff.Options) {
	a := f.a
	b := plan.Bundle
	var got *handoff.Plan
	a.longTask("接收数据包", func(ctx context.Context, p *progress) error {
		p.set("正在写入："+b.FileName, 0.5)
		var err error
		got, err = handoff.Apply(ctx, a.db, b, opts)
		return err
	}, func(err error) {
		switch {
		case errors.Is(err, context.Canceled):
			f.cancelled(b.FileName)
		case err != nil:
			f.refuse(b.FileName, b, err)
		default:
			f.applied = true
			f.done(receiveOutcome{file: b.FileName, received: true, text: got.Summary()})
		}
	})
}

// finish shows what happened to every file and refreshes the screens.
func (f *receiveFlow) finish() {
	a := f.a
	a.setBusy(false)
	var lines []string
	got, refused := 0, 0
	for _, o := range f.outs {
		switch {
		case o.received:
			got++
			lines = append(lines, "✓ "+o.file+"：已接收\n"+o.text)
		case o.refused:
			refused++
			lines = append(lines, "✗ "+o.file+"：拒收\n原因："+strings.TrimPrefix(o.text, o.file+"："))
		default:
			lines = append(lines, "– "+o.file+"："+o.text)
		}
	}
	if f.applied || refused > 0 { // records or 报送情况 (the refusals) changed
		a.changed()
	}
	count := fmt.Sprintf("共%d个数据包：接收%d个，拒收%d个，未处理%d个。", len(f.outs), got, refused, len(f.outs)-got-refused)
	detail := strings.Join(lines, "\n\n")
	text := count + "\n\n" + detail
	title := "接收结果"
	head := label(count, widget.MediumImportance)
	switch {
	case refused > 0:
		head.Importance = widget.DangerImportance
	case got == len(f.outs):
		head.Importance = widget.SuccessImportance
	}
	if refused > 0 {
		head.Text += "拒收的文件已记录（能识别报送单位的，记入报送情况），请联系报送单位重新报送。"
	}
	head.Wrapping = fyne.TextWrapWord
	p := a.newPrompt(title, text)
	p.button("复制全部", widget.MediumImportance, func() { a.copyText(text) })
	p.closeButton("关闭", widget.HighImportance, f.next)
	p.onEsc = func() { p.close(); runNext(f.next) }
	p.show(container.NewBorder(head, nil, nil, nil, container.NewVScroll(textBox(detail, widget.MediumImportance))), fyne.NewSize(720, 560))
}
