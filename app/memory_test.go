package app

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestLimitMemory: the window sets its memory limit, and leaves one that
// GOMEMLIMIT sets alone.
func TestLimitMemory(t *testing.T) {
	t.Cleanup(func() { debug.SetMemoryLimit(math.MaxInt64) })
	t.Setenv("GOMEMLIMIT", "1GiB") // restored after the test
	debug.SetMemoryLimit(math.MaxInt64)
	LimitMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the limit became %d", got)
	}
	for _, unset := range []func(){func() { os.Setenv("GOMEMLIMIT", "") }, func() { os.Unsetenv("GOMEMLIMIT") }} {
		debug.SetMemoryLimit(math.MaxInt64)
		unset()
		LimitMemory()
		if got := debug.SetMemoryLimit(-1); got != memoryLimit {
			t.Errorf("the limit is %d, want %d", got, memoryLimit)
		}
	}
}
