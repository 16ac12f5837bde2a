package app

import (
	"os"
	"runtime/debug"
)

// memoryLimit is the Go memory the window aims to stay within: a soft
// limit, near which the collector runs more often (and never fails). While
// a province's 首页 is computed, about 160 MB is live, 96 MB of it the
// records; the collector's default, letting the heap grow to twice what was
// live, took the window to 380 MB. The limit keeps it near 270 MB, with room
// under issue 14's 300 MB for the memory that is not Go's (SQLite, graphics).
const memoryLimit = 224 << 20

// LimitMemory sets the window's memory limit, unless the GOMEMLIMIT
// environment variable sets one (empty, as for Go itself, sets none).
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
