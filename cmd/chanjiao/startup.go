package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chanjiao/app"
	"chanjiao/store"
)

// appID names the program to the window toolkit (its preferences folder).
const appID = "cn.gov.edu.chanjiao"

var theApp fyne.App

// fyneApp is the one window-toolkit app of the process, made on first use so
// a message that comes before the main window uses the same one.
func fyneApp() fyne.App {
	if theApp == nil {
		theApp = fyneapp.NewWithID(appID)
	}
	return theApp
}

func usage() {
	fmt.Fprintf(flag.CommandLine.Output(), "用法：chanjiao [--db 数据库文件] [工作簿或数据包…]\n")
	flag.CommandLine.VisitAll(func(f *flag.Flag) {
		if f.Usage != "" {
			fmt.Fprintf(flag.CommandLine.Output(), "  --%s\t%s\n", f.Name, f.Usage)
		}
	})
}

// fatal tells the clerk why the program cannot start: on the terminal, and in
// a small window when there is a screen to show it on. It returns the exit
// code.
func fatal(msg string) int {
	fmt.Fprintln(os.Stderr, msg)
	if hasDisplay() {
		showMessageWindow(msg)
	}
	return 1
}

// showMessageWindow shows msg in a small window of its own and runs until it
// is closed. The text is wrapped here, so the window is exactly as tall as
// the message.
func showMessageWindow(msg string) {
	fa := fyneApp()
	fa.Settings().SetTheme(app.Theme())
	w := fa.NewWindow("产教融合数据报送")
	text := widget.NewLabel(wrapText(msg, 64))
	closeBtn := widget.NewButton("关闭", w.Close)
	closeBtn.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(nil,
		container.NewHBox(layout.NewSpacer(), closeBtn),
		container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, text)))
	w.CenterOnScreen()
	w.ShowAndRun()
}

// wrapText breaks each line of s so that it is at most width columns wide,
// counting a Chinese character as two.
func wrapText(s string, width int) string {
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for _, r := range line {
			w := 1
			if r >= 0x2E80 {
				w = 2
			}
			if col+w > width {
				b.WriteByte('\n')
				col = 0
			}
			b.WriteRune(r)
			col += w
		}
	}
	return b.String()
}

// hasDisplay says whether a window can be shown: always on Windows and macOS,
// on Linux when an X or Wayland display is set.
func hasDisplay() bool {
	if isWindowsOrMac() {
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// logBeside sends the log to chanjiao.log beside the database; the clerk
// sees only Chinese messages, the log keeps the technical chain. The file
// stays open until the process ends, so a late panic is logged too.
func logBeside(dbPath string) {
	f, err := os.OpenFile(filepath.Join(filepath.Dir(dbPath), "chanjiao.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err == nil {
		log.SetOutput(f)
	}
}

// openMessage explains why the database could not be opened, and that
// nothing was changed.
func openMessage(path string, err error) string {
	dir := filepath.Dir(path)
	var msg string
	_, statErr := os.Stat(dir)
	switch {
	case statErr != nil:
		msg = "数据库所在的文件夹不存在：" + dir + "（U盘是否已拔出？）"
	case errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission) || !writable(dir):
		msg = "数据库所在的位置不能写入（如写保护的U盘、光盘，或没有权限的文件夹）：" + dir +
			"\n请把数据库文件复制到电脑上可以写入的文件夹，再用该文件打开。"
	case errors.Is(err, syscall.ENOSPC):
		msg = "磁盘空间已满，无法打开数据库 " + path + "。请清理磁盘后重试。"
	default:
		msg = "无法打开数据库 " + path + "：\n" + store.ErrorMessage(err)
	}
	return msg + "\n\n数据没有任何改动。"
}

// writable tries to create a file in dir.
func writable(dir string) bool {
	f, err := os.CreateTemp(dir, ".chanjiao-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}

// recoverPanic turns a panic on the main goroutine into a message and exit
// code 1; the stack goes to the log.
func recoverPanic(code *int) {
	if r := recover(); r != nil {
		log.Printf("panic: %v\n%s", r, debug.Stack())
		fmt.Fprintln(os.Stderr, "程序内部错误，已写入日志 chanjiao.log，请重新打开程序。您已保存的数据不受影响。")
		*code = 1
	}
}

func isWindowsOrMac() bool { return runtime.GOOS == "windows" || runtime.GOOS == "darwin" }
