//go:build !amd64 || purego

package simd

// rotateTowardAsm is the stub of builds without assembly; it is never
// called there, as accelerated is always false.
func rotateTowardAsm(dst, from, to *QuatColumns, t []float32, start, n int) int { return start }
