package main

// template: the workbooks handed out to the schools each spring; and the
// summary that import prints when the filled workbooks come back.

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/width"

	"chanjiao/store"
	"chanjiao/store/workbook"
)

func init() {
	register(command{name: "template", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.String("out", "", "输出文件夹，或（只有一所学校时）文件")
		fs.String("school", "", "学校标识码，多个用逗号隔开；不给则为所有仍在办学的学校")
	}, run: runTemplate})
}

// runTemplate writes the templates: into the folder --out (created when its
// parent exists), one per school; or, for a single --school, into the file
// --out when it ends in .xlsx.
func runTemplate(e *env, args []string) error {
	out := e.str("out")
	codes := strings.FieldsFunc(e.str("school"), func(r rune) bool { return r == ',' || r == '，' || r == ' ' })
	toFile := strings.EqualFold(filepath.Ext(out), ".xlsx")
	year, db, err := e.yearDB(args, e.required("out", "缺少 --out 输出文件夹（或文件）"), func() error {
		if toFile && len(codes) != 1 {
			return usagef("--out 是文件时只能为一所学校生成（用 --school 指定）；为多所学校生成时 --out 应为文件夹")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	if toFile {
		if err := workbook.Template(ctx, db, year, codes[0], out); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已生成 %d 年度填报表：%s\n", year, out)
		return nil
	}
	if st, err := os.Stat(out); err != nil {
		if err := os.Mkdir(out, 0o755); err != nil {
			return store.Wrap(store.EInvalid, err, "无法创建文件夹 %s", out)
		}
	} else if !st.IsDir() {
		return store.Errorf(store.EInvalid, "%s 已存在且不是文件夹", out)
	}
	paths, err := workbook.Templates(ctx, db, year, codes, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成 %d 份 %d 年度填报表，在 %s：\n", len(paths), year, out)
	for _, p := range paths {
		fmt.Fprintln(e.stdout, "  "+filepath.Base(p))
	}
	return nil
}

// importLine is one file's line of the import summary.
type importLine struct {
	school, file         string
	added, updated, warn int
	outcome              string
}

// summaryLine is one file's line of the summary: its 结果 says how many
// errors and the first, and names the annotated copy.
func summaryLine(o *workbook.FileOutcome) importLine {
	l := importLine{school: o.School, file: filepath.Base(o.Path)}
	if o.Err == nil {
		l.added, l.updated, l.warn, l.outcome = sum(o.Result.Added), sum(o.Result.Updated), len(o.Result.Warnings), "已导入"
		return l
	}
	re := o.Refused()
	if re == nil {
		l.outcome = "未导入：" + store.ErrorMessage(o.Err)
		return l
	}
	n, first := 0, ""
	for _, i := range re.Issues {
		if i.Warning {
			l.warn++
			continue
		}
		if n == 0 {
			first = i.String()
		}
		n++
	}
	if r := []rune(first); len(r) > 60 {
		first = string(r[:59]) + "…"
	}
	l.outcome = fmt.Sprintf("未导入：%d 处错误（%s）", n, first)
	switch {
	case o.Annotated != "":
		l.outcome += "；标注副本：" + filepath.Base(o.Annotated)
	case o.AnnotateErr != nil:
		l.outcome += "；" + store.ErrorMessage(o.AnnotateErr)
	}
	return l
}

// printSummary writes the summary table, columns aligned for a terminal
// (a Chinese character is two columns wide).
func printSummary(e *env, lines []importLine) {
	ok := 0
	for _, l := range lines {
		if strings.HasPrefix(l.outcome, "已导入") {
			ok++
		}
	}
	fmt.Fprintf(e.stdout, "\n导入汇总：共 %d 个文件，已导入 %d 个，未导入 %d 个\n", len(lines), ok, len(lines)-ok)
	rows := [][]string{{"学校", "文件", "新增", "更新", "警告", "结果"}}
	for _, l := range lines {
		rows = append(rows, []string{l.school, l.file, fmt.Sprint(l.added), fmt.Sprint(l.updated), fmt.Sprint(l.warn), l.outcome})
	}
	widths := make([]int, 5)
	for _, r := range rows {
		for i := range widths {
			widths[i] = max(widths[i], textWidth(r[i]))
		}
	}
	for _, r := range rows {
		fmt.Fprintln(e.stdout, formatRow(r, widths))
	}
}

func formatRow(r []string, widths []int) string {
	var b strings.Builder
	for i, v := range r {
		if i > 0 {
			b.WriteString("  ")
		}
		if i >= len(widths) {
			b.WriteString(v)
			continue
		}
		pad := strings.Repeat(" ", widths[i]-textWidth(v))
		if i >= 2 {
			b.WriteString(pad + v)
		} else {
			b.WriteString(v + pad)
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// textWidth is how many terminal columns s takes.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
