//go:build !linux

package record

import "time"

var clockStart = time.Now()

// threadCPU falls back to the wall clock where no per-thread CPU clock is wired up.
func threadCPU() time.Duration { return time.Since(clockStart) }
