package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/store"
	"chanjiao/store/handoff"
)

// --- 上报: pack the year for the level above --------------------------------

// packState is what the 上报 dialog shows before packing.
type packState struct {
	revision int // the year's last data file, 0 if none
	locked   bool
}

// showPack opens the 上报 dialog: the folder, the revision so far, an
// optional passphrase entered twice and whether to lock the year.
func (a *App) showPack() {
	if a.busy {
		a.showMessage("请稍候", "上一项操作还没有完成，请完成后再试。")
		return
	}
	if !a.hasUnit {
		a.showMessage("上报", "请先在“设置”中设置本单位。")
		return
	}
	year := a.year
	var st packState
	a.background(func() error {
		return a.db.View(context.Background(), func(tx *store.Tx) (err error) {
			if st.revision, err = tx.Revision(year); err != nil {
				return err
			}
			locked, err := tx.LockedYears()
			for _, y := range locked {
				st.locked = st.locked || y == year
			}
			return err
		})
	}, func(err error) {
		if err != nil {
			a.showError(err)
			return
		}
		a.packDialog(year, st)
	})
}

func (a *App) packDialog(year int, st packState) {
	last := "本年度尚未生成过数据包，这次将是第 1 版。"
	if st.revision > 0 {
		last = fmt.Sprintf("上次生成的是第 %d 版。数据有改动（或解锁过）时版本号加 1，没有改动则仍为第 %d 版。", st.revision, st.revision)
	}
	intro := fmt.Sprintf("把%s%d年度的数据（连同报表PDF和Excel）生成一个数据包文件，保存到U盘后交给上级。", a.unit.Name, year)
	text := intro + "\n" + last
	p := a.newPrompt(fmt.Sprintf("上报 %d 年度数据", year), text)
	dir := ""
	if l := a.lastFolder(); l != nil {
		dir = l.Path()
	}
	dirLabel := widget.NewLabel("")
	dirLabel.Truncation = fyne.TextTruncateEllipsis
	msg := label("", widget.DangerImportance)
	msg.Wrapping = fyne.TextWrapWord
	pass1, pass2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	pass1.SetPlaceHolder("可不填")
	pass2.SetPlaceHolder("再输入一次")
	p.fields["口令"], p.fields["再次输入口令"] = pass1, pass2
	lock := widget.NewCheck("报出后锁定本年度数据（锁定后不能再修改，需修改时须填写原因解锁）", nil)
	lock.SetChecked(!st.locked)
	if st.locked {
		lock.SetText("本年度数据已锁定")
		lock.Disable()
	}
	p.checks["锁定"] = lock
	var ok *widget.Button
	check := func() {
		switch {
		case dir == "":
			msg.SetText("请选择保存数据包的文件夹（如U盘）。")
		case pass1.Text != pass2.Text:
			msg.SetText("两次输入的口令不一致。")
		default:
			msg.SetText("")
		}
		dirLabel.SetText(dir)
		if dir == "" {
			dirLabel.SetText("（未选择）")
		}
		if ok != nil {
			if msg.Text == "" {
				ok.Enable()
			} else {
				ok.Disable()
			}
		}
	}
	p.setDir = func(d string) { dir = d; check() }
	pass1.OnChanged = func(string) { check() }
	pass2.OnChanged = func(string) { check() }
	choose := widget.NewButton("选择文件夹…", func() {
		a.chooseFolder("保存数据包到文件夹（如U盘）", func(d string) { p.setDir(d) })
	})
	p.closeButton("取消", widget.MediumImportance, nil)
	ok = p.button("生成数据包", widget.HighImportance, func() {
		if msg.Text != "" {
			return
		}
		p.close()
		a.pack(year, dir, pass1.Text, lock.Checked && !st.locked, st.revision)
	})
	p.onEsc = p.close
	check()
	introLabel := widget.NewLabel(intro)
	introLabel.Wrapping = fyne.TextWrapWord
	lastLabel := boldLabel("版本：" + last)
	lastLabel.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("保存到"), container.NewBorder(nil, nil, nil, choose, dirLabel),
		widget.NewLabel("口令"), pass1,
		widget.NewLabel("再次输入口令"), pass2,
	)
	hint := widget.NewLabel("口令可不填。如与上级约定了口令，数据包将加密，上级接收时须输入同一口令；口令请电话告知，不要写在U盘上。")
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	var lockObj fyne.CanvasObject = lock
	if st.locked {
		lockObj = widget.NewLabel(fmt.Sprintf("%d 年度数据已锁定（上次报出时锁定）。", year))
	}
	p.show(container.NewVBox(introLabel, lastLabel, form, hint, lockObj, msg), fyne.NewSize(660, 460))
}

// packResult is what a pack wrote.
type packResult struct {
	path        string
	revision    int
	fingerprint string
	locked      bool
}

// pack renders the returns, packs the year, writes the file into dir and
// locks the year when asked, off the UI goroutine.
func (a *App) pack(year int, dir, passphrase string, lock bool, before int) {
	var res packResult
	a.longTask(fmt.Sprintf("上报 %d 年度数据", year), func(ctx context.Context, pr *progress) error {
		pr.set("正在生成报表…", 0.1)
		ret, err := buildReturns(ctx, a.db, year)
		if err != nil {
			return err
		}
		files, err := renderReturns(ret)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		pr.set("正在打包并签名…", 0.5)
		packed, err := handoff.Export(ctx, a.db, year, handoff.PackOptions{Returns: files, Passphrase: passphrase}, dir)
		if err != nil {
			return err
		}
		res.path, res.revision = packed.Path, packed.Revision
		res.fingerprint = store.Fingerprint(packed.Manifest.PublicKey)
		if lock {
			pr.set("正在锁定本年度数据…", 0.95)
			if err := a.db.Update(context.Background(), func(tx *store.Tx) error { return tx.Lock(year) }); err != nil {
				return err
			}
			res.locked = true
		}
		return nil
	}, func(err error) {
		a.lastPack = res
		if err != nil {
			if errors.Is(err, context.Canceled) {
				a.showMessage("上报", "已取消，没有生成数据包。")
				return
			}
			a.showError(err)
			return
		}
		var lines []string
		if before > 0 && before != res.revision {
			lines = append(lines, fmt.Sprintf("已生成 %d 年度数据包：第 %d 版（上次为第 %d 版）。", year, res.revision, before))
		} else if before == res.revision {
			lines = append(lines, fmt.Sprintf("已生成 %d 年度数据包：第 %d 版（数据没有改动，版本号不变）。", year, res.revision))
		} else {
			lines = append(lines, fmt.Sprintf("已生成 %d 年度数据包：第 %d 版。", year, res.revision))
		}
		lines = append(lines, "文件："+res.path)
		if passphrase != "" {
			lines = append(lines, "数据包已用口令加密，请电话告知上级口令。")
		}
		if res.locked {
			lines = append(lines, fmt.Sprintf("%d 年度数据已锁定。", year))
		}
		fpNote := "首次报送时，上级会电话核对本机密钥指纹，请照此逐组读给对方："
		p := a.newPrompt("上报", strings.Join(lines, "\n")+"\n\n"+fpNote+"\n本机密钥指纹："+res.fingerprint)
		p.button("打开所在文件夹", widget.MediumImportance, func() { a.openPath(filepath.Dir(res.path)) })
		p.closeButton("关闭", widget.HighImportance, nil)
		p.onEsc = p.close
		fp := boldLabel(res.fingerprint)
		fp.SizeName = theme.SizeNameSubHeadingText
		fp.Alignment = fyne.TextAlignCenter
		fp.Selectable = true
		note := widget.NewLabel(fpNote)
		note.Wrapping = fyne.TextWrapWord
		p.show(container.NewVBox(textBox(strings.Join(lines, "\n"), widget.MediumImportance), widget.NewSeparator(), note, fp), fyne.NewSize(660, 360))
		if res.locked {
			a.changed()
		}
	})
}

// --- 接收: data files from the units below ----------------------------------

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
	if a.busy {
		a.showMessage("请稍候", "上一项操作还没有完成，请完成后再试。")
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

// refuse records a refusal beside the database (for 报送情况) and moves on.
func (f *receiveFlow) refuse(name string, b *handoff.Bundle, err error) {
	a := f.a
	a.logErr(err)
	r := handoff.Refusal{At: a.db.Now(), File: name, Reason: store.ErrorMessage(err)}
	if b != nil {
		r.Sender, r.Year, r.Revision = b.Manifest.Sender.Code, b.Manifest.Year, b.Manifest.Revision
	}
	text := r.Reason
	if lerr := handoff.RecordRefusal(a.db.Path, r); lerr != nil {
		a.logErr(lerr)
		text += "（另外，拒收记录未能保存：" + store.ErrorMessage(lerr) + "）"
	}
	f.done(receiveOutcome{file: name, refused: true, text: text})
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
	var readErr error
	a.longTask("接收数据包", func(ctx context.Context, p *progress) error {
		p.set(fmt.Sprintf("正在核对（%d/%d）：%s", f.i+1, len(f.files), name), float64(f.i)/float64(len(f.files)))
		data, err := readBundle(path)
		if err != nil {
			readErr = err
			return err
		}
		if b, err = handoff.Open(data, name, pass); err != nil {
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
		case err != nil && pass != "" && strings.Contains(store.ErrorMessage(err), "口令不正确"):
			f.askPassphrase(name, "口令不正确，请重新输入（或数据包已损坏）。")
		case readErr != nil:
			a.logErr(err)
			f.done(receiveOutcome{file: name, text: store.ErrorMessage(err)})
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

// readBundle reads a data file, refusing anything far larger than one.
func readBundle(path string) ([]byte, error) {
	name := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, store.Wrap(store.EInvalid, err, "%s：无法打开（U盘是否已拔出？）", name)
	}
	if st.IsDir() {
		return nil, store.Errorf(store.EInvalid, "%s 是文件夹，不是数据包", name)
	}
	if st.Size() > 256<<20 {
		return nil, store.Errorf(store.EInvalid, "%s：文件过大，不是本程序的数据包", name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, store.Wrap(store.EInvalid, err, "%s：无法读取（U盘是否已拔出？）", name)
	}
	return data, nil
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

// --- files from the command line and dropped on the window -----------------

// OpenFiles opens files given on the command line (double-clicking a data
// file in Explorer) or handed over by another start of the program:
// workbooks (.xlsx) are imported, data files (.cjrh) received. It may be
// called before ShowAndRun (the files open once the window shows) and from
// any goroutine.
func (a *App) OpenFiles(paths []string) {
	if len(paths) == 0 {
		return
	}
	if a.sync {
		a.openFiles(paths)
		return
	}
	a.mu.Lock()
	if !a.started {
		a.pending = append(a.pending, paths...)
		a.mu.Unlock()
		return
	}
	a.mu.Unlock()
	fyne.Do(func() { a.guard(func() { a.openFiles(paths) })() })
}

func (a *App) dropped(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	a.openFiles(paths)
}

// openFiles sorts files by kind: workbooks are imported first, then data
// files received; anything else is named as not understood.
func (a *App) openFiles(paths []string) {
	var books, bundles, other []string
	for _, p := range paths {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".xlsx":
			books = append(books, p)
		case ".cjrh":
			bundles = append(bundles, p)
		default:
			other = append(other, filepath.Base(p))
		}
	}
	sort.Strings(books)
	sort.Strings(bundles)
	if len(books)+len(bundles) > 0 {
		a.rememberFolder(filepath.Dir(append(books, bundles...)[0]))
	}
	if a.busy && len(books)+len(bundles) > 0 {
		a.showMessage("请稍候", "上一项操作还没有完成，请完成后再打开这些文件。")
		return
	}
	tell := func() {
		if len(other) > 0 {
			a.showMessage("无法打开", "只能打开工作簿（.xlsx）和数据包（.cjrh）。以下文件未打开：\n"+strings.Join(other, "\n"))
		}
	}
	receive := func() {
		if len(bundles) > 0 {
			a.receiveFiles(bundles, tell)
			return
		}
		tell()
	}
	if len(books) > 0 {
		a.importWorkbooks(books, receive)
		return
	}
	receive()
}
