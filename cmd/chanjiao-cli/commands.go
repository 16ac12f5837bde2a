package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"chanjiao/store"
	"chanjiao/store/demo"
	"chanjiao/store/refdata"
	"chanjiao/store/workbook"
)

func init() {
	register(command{name: "init", flags: func(fs *flag.FlagSet) {
		fs.String("unit", "", "区划代码")
		fs.String("name", "", "单位名称")
		fs.String("level", store.LevelCounty, "级别")
	}, run: runInit})
	register(command{name: "import", flags: func(fs *flag.FlagSet) {
		fs.String("annotate", "", "未导入文件的错误标注副本放在此文件夹（默认放在原文件旁）")
	}, run: runImport})
	register(command{name: "export", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.String("out", "", "输出文件")
	}, run: runExport})
	register(command{name: "check", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.Bool("json", false, "JSON 输出")
	}, run: runCheck})
	register(command{name: "carry", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "新的年度")
	}, run: runCarry})
	register(command{name: "demo", flags: func(fs *flag.FlagSet) {
		fs.Bool("if-new", false, "只在数据库尚不存在时填入")
	}, run: runDemo})
}

// open opens the database the window uses, creating it if needed.
func (e *env) open() (*store.DB, error) {
	path, err := store.Locate(e.dbFlag)
	if err != nil {
		return nil, err
	}
	return store.Open(path, reference())
}

// reference is the embedded reference data, or the folder named by
// CHANJIAO_REFDATA (tests, or a unit that loaded a newer catalogue).
func reference() *refdata.Reference {
	if dir := os.Getenv("CHANJIAO_REFDATA"); dir != "" {
		if ref, err := refdata.Load(os.DirFS(dir)); err == nil && !ref.Missing {
			return ref
		}
	}
	return refdata.Embedded()
}

// yearDB checks that a command of one year got no stray arguments, a
// plausible --year and whatever else checks ask, in that order, then opens
// the database: usage errors come first and never touch the database. The
// caller closes it.
func (e *env) yearDB(args []string, checks ...func() error) (int, *store.DB, error) {
	if err := noArgs(args); err != nil {
		return 0, nil, err
	}
	year, err := e.year()
	if err != nil {
		return 0, nil, err
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return 0, nil, err
		}
	}
	db, err := e.open()
	return year, db, err
}

// required is a yearDB check that the string flag name was given.
func (e *env) required(name, missing string) func() error {
	return func() error {
		if e.str(name) == "" {
			return usagef("%s", missing)
		}
		return nil
	}
}

func (e *env) str(name string) string { return e.fs.Lookup(name).Value.String() }

func (e *env) year() (int, error) {
	y := e.fs.Lookup("year").Value.(flag.Getter).Get().(int)
	if y == 0 {
		return 0, usagef("缺少 --year 年度")
	}
	if y < 2000 || y > 2100 {
		return 0, usagef("--year 应为 2000 至 2100 之间的年份")
	}
	return y, nil
}

// errorText is what stderr gets for a failure: the clerk's message; for a
// failure nobody foresaw also the technical chain, since stderr is the
// command line's only log.
func errorText(err error) string {
	var known *store.Error
	if !errors.As(err, &known) {
		return store.InternalMessage + "\n技术信息（请提供给技术支持）：" + err.Error()
	}
	return store.ErrorMessage(err)
}

func noArgs(args []string) error {
	if len(args) > 0 {
		return usagef("多余的参数：%s", strings.Join(args, " "))
	}
	return nil
}

func runInit(e *env, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if e.str("unit") == "" || e.str("name") == "" {
		return usagef("需要 --unit 区划代码 和 --name 单位名称")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.SetUnitIdentity(context.Background(), e.str("unit"), e.str("name"), e.str("level"))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已设置本单位：%s（%s，%s），数据库：%s\n", u.Name, u.Code, store.LevelName(u.Level), db.Path)
	warnMissingRef(e)
	return nil
}

func warnMissingRef(e *env) {
	if reference().Missing {
		fmt.Fprintln(e.stderr, "警告：本程序未带参考数据（专业目录、区划代码），代码只按格式检查")
	}
}

// runImport imports each file on its own, all or nothing per file, through
// workbook.ImportBatch (as the window does), and prints one summary table. A
// workbook refused for its contents gets an annotated copy
// ({原文件名}_错误标注.xlsx, see workbook.Annotate) beside it, or in the
// folder --annotate. A folder argument stands for its workbooks.
func runImport(e *env, args []string) error {
	if len(workbook.BatchFiles(args)) == 0 {
		return usagef("需要至少一个 .xlsx 文件")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.View(context.Background(), func(tx *store.Tx) error { _, err := tx.Unit(); return err }); err != nil {
		return err
	}
	res := workbook.ImportBatch(context.Background(), db, args, workbook.BatchOptions{
		AnnotateDir: e.str("annotate"),
		Progress: func(s workbook.BatchStep) {
			if s.Done != nil {
				printOutcome(e, s.Done)
			}
		}})
	var lines []importLine
	for _, o := range res.Files {
		lines = append(lines, summaryLine(&o))
	}
	printSummary(e, lines)
	if n := res.Failed(); n > 0 {
		return store.Errorf(store.EInvalid, "%d 个文件未导入（原因见上）", n)
	}
	return nil
}

// printOutcome tells what happened to one file as soon as it is done.
func printOutcome(e *env, o *workbook.FileOutcome) {
	name := filepath.Base(o.Path)
	if o.Err == nil {
		fmt.Fprintf(e.stdout, "%s 已导入：\n%s\n", name, indent(o.Result.Summary()))
		if len(o.Result.Warnings) > 0 {
			fmt.Fprintf(e.stdout, "警告 %d 条（不影响导入，请核实）：\n", len(o.Result.Warnings))
			for _, w := range o.Result.Warnings {
				fmt.Fprintln(e.stdout, "  "+w.String())
			}
		}
		return
	}
	fmt.Fprintln(e.stderr, errorText(o.Err))
	if o.Annotated != "" {
		fmt.Fprintf(e.stdout, "%s 未导入，已生成错误标注副本：%s\n", name, o.Annotated)
	} else if o.AnnotateErr != nil {
		fmt.Fprintf(e.stderr, "%s：%s\n", name, store.ErrorMessage(o.AnnotateErr))
	}
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

func runExport(e *env, args []string) error {
	year, db, err := e.yearDB(args, e.required("out", "缺少 --out 输出文件"))
	if err != nil {
		return err
	}
	defer db.Close()
	out := e.str("out")
	if err := workbook.Export(context.Background(), db, year, out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已导出 %d 年度数据工作簿：%s\n", year, out)
	return nil
}

func runCheck(e *env, args []string) error {
	year, db, err := e.yearDB(args)
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := db.Indicators(context.Background(), year)
	if err != nil {
		return err
	}
	if e.fs.Lookup("json").Value.String() == "true" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(f)
	}
	return printCheck(e, db, f)
}

// runCarry starts a year from the one before (store.CarryForward).
func runCarry(e *env, args []string) error {
	year, db, err := e.yearDB(args)
	if err != nil {
		return err
	}
	defer db.Close()
	added, err := db.CarryForward(context.Background(), year)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已从 %d 年复制 %d 个专业和年度目标到 %d 年。请填写本年度的在校生、毕业生等数字。\n", year-1, added, year)
	return nil
}

func runDemo(e *env, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	if e.flag("if-new") { // `make run`: a ready demo database, never over a real one
		path, err := store.Locate(e.dbFlag)
		if err != nil {
			return err
		}
		if _, err := os.Stat(path); err == nil {
			fmt.Fprintf(e.stdout, "数据库 %s 已存在，未填入示例数据\n", path)
			return nil
		}
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := demo.Fill(context.Background(), db); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已填入示例数据（%d、%d 年度），数据库：%s\n", db.Now().Year()-2, db.Now().Year()-1, db.Path)
	return nil
}
