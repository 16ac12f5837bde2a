//go:build !windows

package main

// checkGraphics is the Windows OpenGL 2.1 check (gl_windows.go). Elsewhere
// the window toolkit's own error reaches the terminal, so there is nothing to do.
func checkGraphics() error { return nil }
