//go:build !amd64 || purego

package simd

// splitByFlagsAsm is the stub of builds without assembly: it covers
// nothing, so the Go reference does all the work.
func splitByFlagsAsm([]int32, []int32, *FlagLookup) (done, nMissed, set int) {
	return 0, 0, 0
}
