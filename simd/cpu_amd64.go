//go:build amd64 && !purego

package simd

import "github.com/klauspost/cpuid/v2"

// cpuSupported is resolved once: cpuid's AVX2 flag already includes the check
// that the OS saves YMM state (XGETBV), and every kernel counts with POPCNT.
var cpuSupported = cpuid.CPU.Supports(cpuid.AVX2, cpuid.POPCNT)
