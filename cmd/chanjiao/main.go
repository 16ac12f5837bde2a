// Command chanjiao is the desktop program: it finds the database, opens it
// and shows the window. Everything else lives in package app.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"

	fyneapp "fyne.io/fyne/v2/app"

	"chanjiao/app"
	"chanjiao/store"
	"chanjiao/store/refdata"
)

func main() {
	dbFlag := flag.String("db", "", "数据库文件（默认按 CHANJIAO_DB、便携模式、用户数据文件夹的顺序查找）")
	flag.Parse()
	fa := fyneapp.NewWithID("cn.gov.edu.chanjiao")
	path, err := store.Locate(*dbFlag)
	if err == nil {
		if f, ferr := os.OpenFile(filepath.Join(filepath.Dir(path), "chanjiao.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); ferr == nil {
			log.SetOutput(f)
			defer f.Close()
		}
	}
	defer func() { // the last guard: nothing reaches the clerk as a Go panic
		if r := recover(); r != nil {
			log.Printf("panic: %v\n%s", r, debug.Stack())
			fmt.Fprintln(os.Stderr, "程序内部错误，已写入日志 chanjiao.log，请重新打开程序。")
			os.Exit(1)
		}
	}()
	if err != nil {
		app.ShowFatal(fa, store.ErrorMessage(err))
		return
	}
	db, err := store.Open(path, refdata.Embedded())
	if err != nil {
		log.Printf("open %s: %v", path, err)
		app.ShowFatal(fa, "无法打开数据库：\n"+store.ErrorMessage(err))
		return
	}
	defer db.Close()
	app.New(fa, db).ShowAndRun()
}
