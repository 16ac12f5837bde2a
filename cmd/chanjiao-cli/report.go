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
	}, run: runReport})
}

// runReport writes the returns of a year as PDF or XLSX:
// report --year Y --format pdf|xlsx --out FILE [--date YYYY-MM-DD].
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
	r, err := reports.Build(context.Background(), db, year, reports.Options{Date: date})
	if err != nil {
		return err
	}
	if err := reports.ExportFile(db, r, format, out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成 %d 年度报表（%s）：%s\n", year, format, out)
	return nil
}
