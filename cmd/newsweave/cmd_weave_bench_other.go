//go:build !linux

package main

import "time"

// onThreadCPU runs fn; per-thread CPU time is not measured on this
// platform, so bench weave reports wall time per stage only.
func onThreadCPU(fn func()) time.Duration {
	fn()
	return 0
}
