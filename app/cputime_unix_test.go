//go:build unix

package app

import "syscall"

// cpuNs is the CPU time the process has used so far, in nanoseconds.
func cpuNs() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
