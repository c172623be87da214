//go:build unix

package ner

import "syscall"

// processCPU returns the user+system CPU time of the process in ns, so
// benchmarks can report CPU cost independent of machine load.
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
