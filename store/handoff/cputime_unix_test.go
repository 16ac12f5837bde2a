//go:build unix

package handoff_test

import (
	"syscall"
	"time"
)

// cpuSeconds is the processor time the process has used (every thread,
// user and system): on a shared machine the wall time depends on what else
// runs, the processor time much less.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
