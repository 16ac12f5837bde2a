//go:build !unix

package handoff_test

// cpuSeconds is not measured here: the benchmarks' processor-time figures
// read 0.
func cpuSeconds() float64 { return 0 }
