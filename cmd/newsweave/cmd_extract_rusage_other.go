//go:build !unix

package main

import "time"

// cpuTime is unknown on this platform; bench extract then reports wall
// time only.
func cpuTime() time.Duration { return 0 }
