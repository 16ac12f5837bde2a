package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"chanjiao/reports"
	"chanjiao/store"
	"chanjiao/store/handoff"
)

func init() {
	register(command{name: "bundle", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.String("out", "", "输出文件或文件夹")
		fs.String("passphrase-file", "", "口令文件")
		fs.Bool("trust", false, "已电话核对首次报送单位的密钥指纹")
		fs.Bool("accept-new-key", false, "接受报送单位更换后的新密钥")
	}, run: runBundle})
	register(command{name: "status", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.Bool("json", false, "JSON 输出")
	}, run: runStatus})
}

func runBundle(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("需要 bundle export 或 bundle import")
	}
	switch args[0] {
	case "export":
		return bundleExport(e, args[1:])
	case "import":
		return bundleImport(e, args[1:])
	}
	return usagef("未知的 bundle 子命令“%s”，应为 export 或 import", args[0])
}

// passphrase reads --passphrase-file: the first line of the file.
func (e *env) passphrase() (string, error) {
	path := e.str("passphrase-file")
	if path == "" {
		return "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", store.Wrap(store.EInvalid, err, "无法读取口令文件 %s", path)
	}
	p := strings.TrimRight(strings.SplitN(string(b), "\n", 2)[0], "\r")
	if p == "" {
		return "", store.Errorf(store.EInvalid, "口令文件 %s 是空的", path)
	}
	return p, nil
}

func bundleExport(e *env, args []string) error {
	var pass string
	year, db, err := e.yearDB(args, e.required("out", "缺少 --out 输出文件或文件夹"),
		func() (err error) { pass, err = e.passphrase(); return err })
	if err != nil {
		return err
	}
	defer db.Close()
	out := e.str("out")
	returns, err := reports.Render(context.Background(), db, year, reports.Options{})
	if err != nil {
		return err
	}
	p, err := handoff.Export(context.Background(), db, year, handoff.PackOptions{Returns: returns, Passphrase: pass}, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成 %d 年度数据包（第 %d 版）：%s\n", year, p.Revision, p.Path)
	return nil
}

func bundleImport(e *env, files []string) error {
	if len(files) == 0 {
		return usagef("需要至少一个数据包文件")
	}
	pass, err := e.passphrase()
	if err != nil {
		return err
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	opts := handoff.Options{Trust: e.flag("trust"), AcceptNewKey: e.flag("accept-new-key")}
	failed := 0
	handoff.ReceiveAll(context.Background(), db, files, pass, opts, func(_ string, p *handoff.Plan, err error) {
		if err != nil {
			failed++
			fmt.Fprintln(e.stderr, errorText(err))
			return
		}
		fmt.Fprintln(e.stdout, p.Summary())
	})
	if failed > 0 {
		return store.Errorf(store.EInvalid, "%d 个数据包未接收（原因见上）", failed)
	}
	return nil
}

func (e *env) flag(name string) bool { return e.fs.Lookup(name).Value.String() == "true" }

// unitStatus is one lower unit's line of 报送情况 (`status --json`).
type unitStatus struct {
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Sent        bool       `json:"sent"`
	Revision    *int       `json:"revision"`
	SentAt      *time.Time `json:"sent_at"`
	Signature   *string    `json:"signature"` // "valid", or "mismatch" when a later file failed its signature or key check; null when nothing was sent
	LastRefusal string     `json:"last_refusal,omitempty"`
}

func runStatus(e *env, args []string) error {
	year, db, err := e.yearDB(args)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := handoff.Status(context.Background(), db, year)
	if err != nil {
		return err
	}
	if e.flag("json") {
		out := make([]unitStatus, 0, len(st.Units))
		for _, u := range st.Units {
			us := unitStatus{Code: u.Code, Name: u.Name, Sent: u.Sent, LastRefusal: u.LastRefusal}
			if u.Sent {
				rev, at, sig := u.Revision, u.SentAt, u.Signature
				us.Revision, us.SentAt, us.Signature = &rev, &at, &sig
			}
			out = append(out, us)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(e.stdout, "%s %d 年度报送情况：已报送 %d / %d\n", st.Unit.Name, year, st.SentCount(), len(st.Units))
	for _, u := range st.Units {
		line := fmt.Sprintf("  %s %s：", u.Code, u.Name)
		if u.Sent {
			line += fmt.Sprintf("已报送 第 %d 版，%s，%s", u.Revision, u.SentAt.Local().Format("2006-01-02 15:04"), handoff.SignatureText(u.Signature))
		} else {
			line += "未报送"
		}
		if u.LastRefusal != "" {
			line += "；最近一次被拒收：" + u.LastRefusal
		}
		fmt.Fprintln(e.stdout, line)
	}
	if missing := st.Missing(); len(missing) > 0 {
		fmt.Fprintf(e.stdout, "\n催报：%s\n", strings.Join(missing, "、"))
	}
	return nil
}
