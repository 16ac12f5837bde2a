//go:build linux && cgo

package main

import "testing"

func TestGLAtLeast21(t *testing.T) {
	for v, want := range map[string]bool{
		"":                false, // no context could be made
		"1.1 Mesa 22.3.6": false, // MESA_GL_VERSION_OVERRIDE=1.1, an old driver
		"2.0 Mesa 22.3.6": false,
		"2.1 Mesa 22.3.6": true,
		"4.5 (Compatibility Profile) Mesa 22.3.6": true,
		"10.0":          true,
		"OpenGL ES 3.2": true, // unfamiliar: the toolkit decides
	} {
		if got := glAtLeast21(v); got != want {
			t.Errorf("glAtLeast21(%q) = %v, want %v", v, got, want)
		}
	}
}
