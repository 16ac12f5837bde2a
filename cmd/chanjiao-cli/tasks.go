package main

import (
	"flag"
	"fmt"

	"chanjiao/store/workbook"
)

func init() {
	register(command{name: "tasks", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.String("out", "", "输出文件夹")
	}, run: runTasks})
}

// runTasks is `tasks export --year Y --out DIR`: one 任务清单 workbook per
// lower unit this unit assigned targets to (workbook.WriteTaskLists).
func runTasks(e *env, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		return usagef("需要 tasks export --year 年度 --out 文件夹")
	}
	year, db, err := e.yearDB(args[1:], e.required("out", "缺少 --out 输出文件夹"))
	if err != nil {
		return err
	}
	defer db.Close()
	paths, err := workbook.WriteTaskLists(db, year, e.str("out"))
	for _, p := range paths {
		fmt.Fprintln(e.stdout, "已生成任务清单：", p)
	}
	return err
}
