//go:build windows

package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

// The window toolkit (GLFW) needs OpenGL 2.1. Without it — a remote-desktop
// session, or a laptop with only Windows' "Microsoft Basic Display Adapter",
// whose OpenGL is the 1.1 "GDI Generic" renderer — it fails before any window
// exists and the program would vanish without a word. checkGraphics asks a
// hidden window's OpenGL context for its version first and, when it is below
// 2.1, tells the clerk in a message box why the window cannot open and what
// to do. Set CHANJIAO_SKIP_GL_CHECK=1 to skip the check.

var (
	user32   = syscall.NewLazyDLL("user32.dll")
	gdi32    = syscall.NewLazyDLL("gdi32.dll")
	opengl32 = syscall.NewLazyDLL("opengl32.dll")
	kernel32 = syscall.NewLazyDLL("kernel32.dll")

	procGetModuleHandleW  = kernel32.NewProc("GetModuleHandleW")
	procRegisterClassExW  = user32.NewProc("RegisterClassExW")
	procUnregisterClassW  = user32.NewProc("UnregisterClassW")
	procCreateWindowExW   = user32.NewProc("CreateWindowExW")
	procDestroyWindow     = user32.NewProc("DestroyWindow")
	procDefWindowProcW    = user32.NewProc("DefWindowProcW")
	procGetDC             = user32.NewProc("GetDC")
	procReleaseDC         = user32.NewProc("ReleaseDC")
	procMessageBoxW       = user32.NewProc("MessageBoxW")
	procChoosePixelFormat = gdi32.NewProc("ChoosePixelFormat")
	procSetPixelFormat    = gdi32.NewProc("SetPixelFormat")
	procWglCreateContext  = opengl32.NewProc("wglCreateContext")
	procWglDeleteContext  = opengl32.NewProc("wglDeleteContext")
	procWglMakeCurrent    = opengl32.NewProc("wglMakeCurrent")
	procGlGetString       = opengl32.NewProc("glGetString")
)

type wndClassEx struct {
	Size       uint32
	Style      uint32
	WndProc    uintptr
	ClsExtra   int32
	WndExtra   int32
	Instance   uintptr
	Icon       uintptr
	Cursor     uintptr
	Background uintptr
	MenuName   *uint16
	ClassName  *uint16
	IconSm     uintptr
}

type pixelFormatDescriptor struct {
	Size, Version                                       uint16
	Flags                                               uint32
	PixelType, ColorBits, RedBits, RedShift             uint8
	GreenBits, GreenShift, BlueBits, BlueShift          uint8
	AlphaBits, AlphaShift, AccumBits, AccumRedBits      uint8
	AccumGreenBits, AccumBlueBits, AccumAlphaBits       uint8
	DepthBits, StencilBits, AuxBuffers, LayerType, Rsvd uint8
	LayerMask, VisibleMask, DamageMask                  uint32
}

const (
	csOwnDC          = 0x0020
	wsOverlappedWin  = 0x00CF0000
	wsClipSiblings   = 0x04000000
	wsClipChildren   = 0x02000000
	pfdDoubleBuffer  = 0x00000001
	pfdDrawToWindow  = 0x00000004
	pfdSupportOpenGL = 0x00000020
	glRenderer       = 0x1F01
	glVersion        = 0x1F02
	mbIconWarning    = 0x00000030
	mbSetForeground  = 0x00010000
	mbTopMost        = 0x00040000
)

// checkGraphics returns an error, after showing the clerk a message box, when
// this computer's OpenGL is older than 2.1. When the check itself cannot run
// (an unexpected system error) it returns nil and lets the toolkit try.
func checkGraphics() error {
	if os.Getenv("CHANJIAO_SKIP_GL_CHECK") == "1" {
		return nil
	}
	version, renderer, ok := probeOpenGL()
	if !ok {
		return nil
	}
	major, minor, parsed := parseGLVersion(version)
	switch {
	case parsed && (major > 2 || major == 2 && minor >= 1):
		return nil
	case !parsed && version != "":
		return nil // an unfamiliar format: let the toolkit decide
	}
	found := "没有可用的 OpenGL"
	if version != "" {
		found = "OpenGL " + version
		if renderer != "" {
			found += "（" + renderer + "）"
		}
	}
	showGraphicsMessage(found)
	return fmt.Errorf("OpenGL 2.1 不可用：%s", found)
}

// probeOpenGL creates a hidden window with a legacy OpenGL context and reads
// GL_VERSION and GL_RENDERER. ok is false only when the check could not run;
// a context that cannot be created gives ok with an empty version.
func probeOpenGL() (version, renderer string, ok bool) {
	// A WGL context belongs to the thread that made it current.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if procGlGetString.Find() != nil || procRegisterClassExW.Find() != nil {
		return "", "", false
	}

	inst, _, _ := procGetModuleHandleW.Call(0)
	className, _ := syscall.UTF16PtrFromString("chanjiaoGLProbe")
	wc := wndClassEx{
		Style:     csOwnDC,
		WndProc:   procDefWindowProcW.Addr(),
		Instance:  inst,
		ClassName: className,
	}
	wc.Size = uint32(unsafe.Sizeof(wc))
	if r, _, _ := procRegisterClassExW.Call(uintptr(unsafe.Pointer(&wc))); r == 0 {
		return "", "", false
	}
	defer procUnregisterClassW.Call(uintptr(unsafe.Pointer(className)), inst)

	hwnd, _, _ := procCreateWindowExW.Call(0,
		uintptr(unsafe.Pointer(className)), uintptr(unsafe.Pointer(className)),
		wsOverlappedWin|wsClipSiblings|wsClipChildren,
		0, 0, 64, 64, 0, 0, inst, 0)
	if hwnd == 0 {
		return "", "", false
	}
	defer procDestroyWindow.Call(hwnd)

	hdc, _, _ := procGetDC.Call(hwnd)
	if hdc == 0 {
		return "", "", false
	}
	defer procReleaseDC.Call(hwnd, hdc)

	pfd := pixelFormatDescriptor{
		Version:     1,
		Flags:       pfdDrawToWindow | pfdSupportOpenGL | pfdDoubleBuffer,
		ColorBits:   32,
		AlphaBits:   8,
		DepthBits:   24,
		StencilBits: 8,
	}
	pfd.Size = uint16(unsafe.Sizeof(pfd))
	format, _, _ := procChoosePixelFormat.Call(hdc, uintptr(unsafe.Pointer(&pfd)))
	if format == 0 {
		return "", "", true // no OpenGL pixel format at all
	}
	if r, _, _ := procSetPixelFormat.Call(hdc, format, uintptr(unsafe.Pointer(&pfd))); r == 0 {
		return "", "", true
	}
	ctx, _, _ := procWglCreateContext.Call(hdc)
	if ctx == 0 {
		return "", "", true
	}
	defer procWglDeleteContext.Call(ctx)
	if r, _, _ := procWglMakeCurrent.Call(hdc, ctx); r == 0 {
		return "", "", true
	}
	defer procWglMakeCurrent.Call(0, 0)
	return glString(glVersion), glString(glRenderer), true
}

// glString reads a NUL-terminated string returned by glGetString.
func glString(name uintptr) string {
	r, _, _ := procGlGetString.Call(name)
	if r == 0 {
		return ""
	}
	p := *(**byte)(unsafe.Pointer(&r))
	b := unsafe.Slice(p, 512)
	n := 0
	for n < len(b) && b[n] != 0 {
		n++
	}
	return strings.TrimSpace(string(b[:n]))
}

// parseGLVersion reads "major.minor" from the start of a GL_VERSION string
// such as "4.6.0 NVIDIA 551.86" or "1.1.0".
func parseGLVersion(v string) (major, minor int, ok bool) {
	v, _, _ = strings.Cut(v, " ")
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return 0, 0, false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(parts[1])
	return major, minor, err1 == nil && err2 == nil
}

const graphicsTitle = "产教融合数据报送 — 无法打开窗口"

const graphicsText = `本程序的窗口需要 OpenGL 2.1 图形支持，这台电脑目前没有提供（检测到：%s），所以窗口无法打开。您的数据没有受到任何影响。

常见原因：
  • 正在通过“远程桌面”使用这台电脑；
  • 没有安装显卡驱动程序（只有 Windows 自带的“Microsoft 基本显示适配器”）。

解决办法：
  1. 坐在这台电脑前直接运行本程序，不要通过远程桌面；
  2. 请单位的信息技术人员从电脑厂商或显卡厂商（英特尔、AMD、英伟达等）的网站下载并安装显卡驱动程序，然后重新启动电脑。

在此之前，同一文件夹中的命令行程序 chanjiao-cli.exe 仍可正常使用（导入、导出、核对数据），它不需要图形支持。`

func showGraphicsMessage(found string) {
	title, _ := syscall.UTF16PtrFromString(graphicsTitle)
	text, _ := syscall.UTF16PtrFromString(strings.ReplaceAll(fmt.Sprintf(graphicsText, found), "\n", "\r\n"))
	procMessageBoxW.Call(0, uintptr(unsafe.Pointer(text)), uintptr(unsafe.Pointer(title)),
		mbIconWarning|mbSetForeground|mbTopMost)
}
