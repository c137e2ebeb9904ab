//go:build !amd64 || purego

package simd

// remapAsm is the stub of builds without assembly; it is never called
// there, as accelerated is always false.
func remapAsm(idx, table []int32) int { return 0 }
