//go:build linux && cgo

package main

// On a Linux desktop (统信UOS, 麒麟) the window toolkit needs an X display
// with OpenGL 2.1 (GLX). Without it — a remote session through VNC or xrdp
// without GLX, a virtual machine or a computer without its graphics driver —
// the toolkit fails with an English log line and no window. checkGraphics
// finds that out first and tells the clerk in Chinese, as gl_windows.go does.

/*
#cgo LDFLAGS: -lX11 -lGL
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <X11/Xlib.h>
#include <GL/gl.h>
#include <GL/glx.h>

static int ignoreXError(Display *d, XErrorEvent *e) { return 0; }

// probeGL makes an unmapped 1×1 window with a legacy GLX context and copies
// GL_VERSION and GL_RENDERER (empty when no context could be made). It
// returns 0 when the X display cannot be opened, else 1.
static int probeGL(char *version, char *renderer, int n) {
	Display *dpy = XOpenDisplay(NULL);
	if (!dpy) return 0;
	int (*old)(Display *, XErrorEvent *) = XSetErrorHandler(ignoreXError);
	int attrs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 1, GLX_GREEN_SIZE, 1, GLX_BLUE_SIZE, 1, None};
	int dummy;
	XVisualInfo *vi = NULL;
	Colormap cmap = 0;
	Window win = 0;
	GLXContext ctx = NULL;
	XSetWindowAttributes swa;
	const GLubyte *v, *r;

	if (!glXQueryExtension(dpy, &dummy, &dummy)) goto done;
	vi = glXChooseVisual(dpy, DefaultScreen(dpy), attrs);
	if (!vi) goto done;
	cmap = XCreateColormap(dpy, RootWindow(dpy, vi->screen), vi->visual, AllocNone);
	memset(&swa, 0, sizeof swa);
	swa.colormap = cmap;
	win = XCreateWindow(dpy, RootWindow(dpy, vi->screen), 0, 0, 1, 1, 0, vi->depth, InputOutput,
		vi->visual, CWColormap | CWBorderPixel, &swa);
	ctx = glXCreateContext(dpy, vi, NULL, True);
	if (!ctx || !glXMakeCurrent(dpy, win, ctx)) goto done;
	v = glGetString(GL_VERSION);
	r = glGetString(GL_RENDERER);
	if (v) snprintf(version, n, "%s", (const char *)v);
	if (r) snprintf(renderer, n, "%s", (const char *)r);
	glXMakeCurrent(dpy, None, NULL);
done:
	if (ctx) glXDestroyContext(dpy, ctx);
	if (win) XDestroyWindow(dpy, win);
	if (cmap) XFreeColormap(dpy, cmap);
	if (vi) XFree(vi);
	XSync(dpy, False);
	XSetErrorHandler(old);
	XCloseDisplay(dpy);
	return 1;
}
*/
import "C"

import (
	"fmt"
	"os"
	"os/exec"
	"unsafe"
)

// checkGraphics returns an error, after telling the clerk on the terminal and
// in a message box, when there is no X display or its OpenGL is older than
// 2.1. CHANJIAO_SKIP_GL_CHECK=1 skips it.
func checkGraphics() error {
	if os.Getenv("CHANJIAO_SKIP_GL_CHECK") == "1" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" {
		fmt.Fprintln(os.Stderr, noDisplayText)
		return fmt.Errorf("no X display")
	}
	version, renderer, opened := probeOpenGL()
	if !opened {
		text := noDisplayText + "\n（无法连接显示 " + os.Getenv("DISPLAY") + "）"
		fmt.Fprintln(os.Stderr, text)
		return fmt.Errorf("cannot open X display %s", os.Getenv("DISPLAY"))
	}
	if glAtLeast21(version) {
		return nil
	}
	found := "没有可用的 OpenGL"
	if version != "" {
		found = "OpenGL " + version
		if renderer != "" {
			found += "（" + renderer + "）"
		}
	}
	text := fmt.Sprintf(graphicsTextLinux, found)
	fmt.Fprintln(os.Stderr, text)
	showDesktopMessage(graphicsTitleLinux, text)
	return fmt.Errorf("OpenGL 2.1 不可用：%s", found)
}

// probeOpenGL reads the display's OpenGL version and renderer; opened is
// false when the X display cannot be opened.
func probeOpenGL() (version, renderer string, opened bool) {
	const n = 256
	v := (*C.char)(C.calloc(n, 1))
	r := (*C.char)(C.calloc(n, 1))
	defer C.free(unsafe.Pointer(v))
	defer C.free(unsafe.Pointer(r))
	if C.probeGL(v, r, n) == 0 {
		return "", "", false
	}
	return C.GoString(v), C.GoString(r), true
}

// glAtLeast21 reads the "major.minor" a GL_VERSION string starts with, such
// as "4.5 (Compatibility Profile) Mesa 22.3.6" or "1.1 Mesa 22.3.6". An
// unfamiliar format passes: the toolkit decides then.
func glAtLeast21(version string) bool {
	if version == "" {
		return false
	}
	var major, minor int
	if _, err := fmt.Sscanf(version, "%d.%d", &major, &minor); err != nil {
		return true
	}
	return major > 2 || major == 2 && minor >= 1
}

const graphicsTitleLinux = "产教融合数据报送 — 无法打开窗口"

const graphicsTextLinux = `本程序的窗口需要 OpenGL 2.1 图形支持，这台电脑目前没有提供（检测到：%s），所以窗口无法打开。您的数据没有受到任何影响。

常见原因：
  • 正在通过远程桌面（VNC、xrdp 等）使用这台电脑；
  • 在虚拟机中运行，或没有安装显卡驱动程序。

解决办法：
  1. 坐在这台电脑前直接运行本程序；
  2. 请单位的信息技术人员安装显卡驱动程序（统信UOS、麒麟的“驱动管理器”），然后重新启动电脑。

在此之前，命令行程序 chanjiao-cli 仍可正常使用（导入、导出、核对数据），它不需要图形支持：在终端中输入 chanjiao-cli help 查看用法。`

const noDisplayText = `没有找到图形桌面，窗口无法打开（在纯文字终端或远程命令行中运行时会这样）。您的数据没有受到任何影响。
请在统信UOS或麒麟的桌面上双击“产教融合数据报送”图标打开本程序。
命令行程序 chanjiao-cli 不需要图形桌面，仍可正常使用：输入 chanjiao-cli help 查看用法。`

// showDesktopMessage shows text in a message box of the desktop's own tools
// (the toolkit cannot draw one without OpenGL): zenity (统信UOS, 麒麟, GNOME),
// kdialog (KDE), else a notification. It waits until the box is closed.
func showDesktopMessage(title, text string) {
	text = wrapText(text, 64) // narrower than zenity wraps, which would break each line again
	tries := [][]string{
		{"zenity", "--warning", "--no-markup", "--title=" + title, "--text=" + text},
		{"kdialog", "--title", title, "--sorry", text},
		{"notify-send", "--urgency=critical", title, text},
	}
	for _, args := range tries {
		if path, err := exec.LookPath(args[0]); err == nil && exec.Command(path, args[1:]...).Run() == nil {
			return
		}
	}
}
