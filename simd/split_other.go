//go:build !amd64 || purego

package simd

// splitByBitsAsm is the stub of builds without assembly: it covers
// nothing, so the Go reference does all the work.
func splitByBitsAsm([]int32, []int32, *BitLookup) (done, nMissed, set int) {
	return 0, 0, 0
}
