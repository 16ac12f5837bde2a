// Command chanjiao is the desktop program: it finds the database, makes sure
// no other window has it open, opens it, copies it into the automatic
// backups and shows the window. Everything else lives in package app.
package main

import (
	"flag"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"chanjiao/app"
	"chanjiao/store"
	"chanjiao/store/backup"
	"chanjiao/store/refdata"
)

func main() { os.Exit(run()) }

func run() (code int) {
	defer recoverPanic(&code) // the last guard: nothing reaches the clerk as a Go panic
	dbFlag := flag.String("db", "", "数据库文件（默认按 CHANJIAO_DB、便携模式、用户数据文件夹的顺序查找）")
	screen := flag.String("screen", "", "") // hidden: start on a screen (the end-to-end test)
	size := flag.String("size", "", "")     // hidden: the window's size, e.g. 1024x560 (the end-to-end test)
	flag.Usage = usage
	flag.Parse()
	files := flag.Args() // workbooks and data files to open, e.g. dropped on the icon

	if err := checkGraphics(); err != nil {
		return 1 // the clerk has been told in a message box
	}
	path, err := store.Locate(*dbFlag)
	if err != nil {
		return fatal("无法确定数据库的位置：\n" + store.ErrorMessage(err))
	}
	logBeside(path)

	release, err := store.LockInstance(path)
	if err != nil && store.ErrorCode(err) == store.EConflict && len(files) > 0 {
		// the window is open: hand it the files (a data file double-clicked in Explorer)
		if ferr := forwardFiles(path, files, time.Now()); ferr == nil {
			return 0
		}
	}
	if err != nil {
		log.Printf("lock %s: %v", path, err)
		return fatal(store.ErrorMessage(err))
	}
	defer release()

	db, err := store.Open(path, refdata.Embedded())
	if err != nil {
		log.Printf("open %s: %v", path, err)
		return fatal(openMessage(path, err))
	}
	defer db.Close()

	saved, backupErr := backup.Auto(db) // a failure is a notice, never a stop
	if backupErr != nil {
		log.Printf("automatic backup: %v", backupErr)
	}

	app.LimitMemory()
	a := app.New(fyneApp(), db)
	a.NoteStartupBackup(saved, backupErr)
	if len(files) > 0 {
		a.OpenFiles(files)
	}
	takeRequests(path) // requests left by a program that is no longer running are stale
	go watchRequests(path, time.Second, a.OpenFiles)
	if w, h, ok := parseSize(*size); ok {
		a.Window().Resize(fyne.NewSize(w, h))
	}
	if *screen != "" && !a.OpenScreen(*screen) {
		log.Printf("unknown screen %q", *screen)
	}
	a.ShowAndRun()
	return 0
}

// parseSize reads a window size such as 1024x560.
func parseSize(s string) (w, h float32, ok bool) {
	ws, hs, found := strings.Cut(s, "x")
	wi, err1 := strconv.Atoi(ws)
	hi, err2 := strconv.Atoi(hs)
	if !found || err1 != nil || err2 != nil || wi < 300 || hi < 200 {
		return 0, 0, false
	}
	return float32(wi), float32(hi), true
}
