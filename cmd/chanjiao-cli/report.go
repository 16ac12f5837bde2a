package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"chanjiao/reports"
)

func init() {
	register(command{name: "report", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.String("format", "", "pdf 或 xlsx")
		fs.String("out", "", "输出文件")
		fs.String("date", "", "报出日期 YYYY-MM-DD")
		fs.Bool("detail", false, "州市级、省级：同时生成按学校（专业）的明细 PDF")
	}, run: runReport})
}

// runReport writes the returns of a year as PDF or XLSX:
// report --year Y --format pdf|xlsx --out FILE [--date YYYY-MM-DD] [--detail].
// --detail with pdf above county level writes the 明细 PDF beside FILE.
func runReport(e *env, args []string) error {
	var date time.Time
	year, db, err := e.yearDB(args,
		func() error {
			if f := e.str("format"); f != "pdf" && f != "xlsx" {
				return usagef("--format 应为 pdf 或 xlsx")
			}
			return nil
		},
		e.required("out", "缺少 --out 输出文件"),
		func() (err error) {
			if s := e.str("date"); s != "" {
				if date, err = time.ParseInLocation("2006-01-02", s, time.Local); err != nil {
					return usagef("--date 应为 YYYY-MM-DD 形式的日期（如 2026-03-01）")
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	defer db.Close()
	format, out := e.str("format"), e.str("out")
	r, err := reports.Build(context.Background(), db, year, reports.Options{Date: date, Detail: e.flag("detail")})
	if err != nil {
		return err
	}
	if err := reports.ExportFile(db, r, format, out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成 %d 年度报表（%s）：%s\n", year, format, out)
	switch {
	case !e.flag("detail"):
	case len(r.Details) == 0:
		fmt.Fprintln(e.stdout, "县级报表各表已列出每所学校，不另生成明细表。")
	case format == "pdf":
		fmt.Fprintf(e.stdout, "明细 PDF：%s\n", reports.DetailPath(out))
	default:
		fmt.Fprintln(e.stdout, "明细在 Excel 文件的“表1明细”等工作表中。")
	}
	return nil
}
