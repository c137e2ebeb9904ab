//go:build !amd64 || purego

package simd

// cpuSupported is false: this build has no assembly kernels.
const cpuSupported = false
