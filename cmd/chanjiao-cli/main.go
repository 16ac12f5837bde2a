// Command chanjiao-cli does the work of the desktop program without a window:
// for scripts, CI and the level above's automation. It uses the same database
// as the window (see store.Locate). Pure Go: it builds with CGO_ENABLED=0.
//
// Exit status: 0 on success (for check: whenever the figures were computed);
// 1 when input is refused or an operation fails, with the reason in Chinese
// on stderr and the database unchanged; 2 on a usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"chanjiao/store"
)

const usage = `用法：chanjiao-cli [--db 文件] 命令 [参数]

命令：
  init --unit 区划代码 --name 单位名称 [--level county|prefecture|province]
                       设置本单位（首次使用时）
  import 文件.xlsx或文件夹... [--annotate 文件夹]
                       导入数据工作簿（每个文件要么全部导入，要么不做任何修改），最后列出汇总表；
                       未导入的文件生成“原文件名_错误标注.xlsx”，默认放在原文件旁
  template --year 年度 --out 文件夹 [--school 学校标识码,...]
                       生成下发给学校的填报表（每校一份：学校名称_年度_填报表.xlsx）；
                       只为一所学校生成时 --out 也可以是 .xlsx 文件
  export --year 年度 --out 文件.xlsx
                       导出该年度的数据工作簿
  check --year 年度 [--json]
                       计算并核对该年度的指标
  report --year 年度 --format pdf|xlsx --out 文件 [--date YYYY-MM-DD] [--detail]
                       生成上报报表；州市级、省级的报表各表每个下级单位一行，
                       按学校（专业）的明细在 Excel 的“表1明细”等工作表中，
                       --detail 时另在 PDF 旁生成“文件名明细.pdf”
  bundle export --year 年度 --out 文件或文件夹 [--passphrase-file 口令文件]
                       生成报送上级的数据包（.cjrh）
  bundle import 文件.cjrh... [--passphrase-file 口令文件] [--trust] [--accept-new-key]
                       接收下级的数据包
  status --year 年度 [--json]
                       下级单位报送情况（州市级、省级）
  backup --out 文件或文件夹     备份数据库（如备份到U盘）
  restore 备份文件              从备份恢复（先检查备份，原数据库另存）
  verify                       检查数据库完整性和操作记录链
  carry --year 年度             从上一年复制专业（不含数字，已撤销的除外）和年度目标，开始新的年度
  targets --year 年度 [--set '指标[/分类]=值'...]
                       列出该年度的目标（指标、分类、目标值）；每个 --set 设置或替换一项目标，
                       其余目标不变，全部成功才保存。例如 --set 校企合作协议覆盖率=80%
                       --set 产教融合载体数/县域产教联合体/州市级=1 --set 职业技能培训人次/在校学生、企业职工=5000；
                       值为“无”时删除该项目标
  tasks export --year 年度 --out 文件夹
                       州市级、省级：为每个已下达目标的下级单位生成任务清单
                       （{区划代码}_{单位名称}_{年度}_任务清单.xlsx），下级导入后即为上级下达的目标
  lock --year 年度              锁定已报出的年度
  unlock --year 年度 --reason 原因
                       解锁年度（记录原因，下次报送使用新版本号）
  demo                 在空数据库中填入示例数据（楚雄市）

数据库位置：--db，否则环境变量 CHANJIAO_DB，否则程序旁有 chanjiao.portable 时在程序旁，
否则在当前用户的数据文件夹。

修改数据库的命令（init、import、demo、carry、带 --set 的 targets、lock、unlock、bundle、restore，以及记入操作记录的 report、backup）在程序窗口打开时不能运行；
另一个这样的命令正在运行时，最多等待 CHANJIAO_LOCK_WAIT 秒（默认 30）。
`

// command is one subcommand: its flags and what it does.
type command struct {
	name  string
	flags func(fs *flag.FlagSet) // declares the command's flags
	run   func(env *env, args []string) error
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// env is what a command runs with.
type env struct {
	dbFlag string
	stdout io.Writer
	stderr io.Writer
	fs     *flag.FlagSet
}

// usageError is a mistake in how the command was called: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "%s\n技术信息（请提供给技术支持）：%v\n", store.InternalMessage, r)
			code = 1
		}
	}()
	global := flag.NewFlagSet("chanjiao-cli", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	dbFlag := global.String("db", "", "数据库文件")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "参数错误：%v\n\n%s", err, usage)
		return 2
	}
	if global.NArg() == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	name, rest := global.Arg(0), global.Args()[1:]
	if name == "help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "未知命令“%s”。\n\n%s", name, usage)
		return 2
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cmdDB := fs.String("db", "", "数据库文件")
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	positional, err := parseInterleaved(fs, rest)
	if err != nil {
		fmt.Fprintf(stderr, "%s：参数错误：%v\n\n%s", name, flagMessage(err), usage)
		return 2
	}
	e := &env{dbFlag: *dbFlag, stdout: stdout, stderr: stderr, fs: fs}
	if *cmdDB != "" {
		e.dbFlag = *cmdDB
	}
	release, err := guard(name, e, positional)
	if err != nil {
		fmt.Fprintln(stderr, errorText(err))
		return 1
	}
	defer release()
	if err := cmd.run(e, positional); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "%s：%s\n\n%s", name, ue.msg, usage)
			return 2
		}
		fmt.Fprintln(stderr, errorText(err))
		return 1
	}
	return 0
}

// parseInterleaved lets flags come before or after positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func flagMessage(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "没有参数 " + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "参数 " + strings.TrimPrefix(msg, "flag needs an argument: ") + " 需要一个值"
	case strings.Contains(msg, "invalid value"):
		return "参数值无效（" + msg + "）"
	}
	return msg
}

// writeOp names, for the clerk, what a command that changes the database
// does; "" for the commands that only read it. Those that write take the
// lock the window holds (store.LockForCommand), so a restore can never
// replace the file under an import, nor an import run beside the window.
func writeOp(name string, e *env, positional []string) string {
	switch name {
	case "init":
		return "设置本单位"
	case "import":
		return "导入"
	case "demo":
		return "填入示例数据"
	case "carry":
		return "从上一年复制"
	case "targets":
		if len(e.sets()) > 0 {
			return "设置年度目标"
		}
	case "lock":
		return "锁定年度"
	case "unlock":
		return "解锁年度"
	case "restore":
		return "从备份恢复"
	case "report": // the export is recorded in the 操作记录
		return "生成报表"
	case "backup":
		return "备份"
	case "bundle":
		if len(positional) > 0 && positional[0] == "import" {
			return "接收数据包"
		}
		return "生成数据包" // it records a revision and an audit entry
	}
	return ""
}

// outputKind is the kind of file a command's --out names, if it has one.
func outputKind(name string, e *env, positional []string) (store.OutputKind, bool) {
	switch name {
	case "export", "template":
		return store.OutputXLSX, true
	case "report":
		if e.str("format") == "pdf" {
			return store.OutputPDF, true
		}
		return store.OutputXLSX, true
	case "bundle":
		return store.OutputDataFile, len(positional) > 0 && positional[0] == "export"
	case "backup":
		return store.OutputBackup, true
	}
	return 0, false
}

// guard runs before every command: it refuses an --out that would destroy
// the database or a file that is not the kind written (store.CheckOutput;
// a folder's file names are checked by the writer), and takes the instance
// lock for the commands that write.
func guard(name string, e *env, positional []string) (release func(), err error) {
	op := writeOp(name, e, positional)
	kind, hasOut := outputKind(name, e, positional)
	out := ""
	if hasOut {
		out = e.str("out")
	}
	if op == "" && out == "" {
		return func() {}, nil
	}
	path, err := store.Locate(e.dbFlag)
	if err != nil {
		return nil, err
	}
	if st, serr := os.Stat(out); out != "" && (serr != nil || !st.IsDir()) {
		if err := store.CheckOutput(path, out, kind); err != nil {
			return nil, err
		}
	}
	if op == "" {
		return func() {}, nil
	}
	return store.LockForCommand(path, op, lockWait())
}

// lockWait is how long a command waits for another to finish:
// CHANJIAO_LOCK_WAIT seconds, 30 unless set.
func lockWait() time.Duration {
	if n, err := strconv.Atoi(os.Getenv("CHANJIAO_LOCK_WAIT")); err == nil && n >= 0 && n <= 3600 {
		return time.Duration(n) * time.Second
	}
	return 30 * time.Second
}
