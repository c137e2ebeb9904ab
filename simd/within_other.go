//go:build !amd64 || purego

package simd

// selectWithinAsm is the stub of builds without assembly: it covers
// nothing, so the Go reference judges every point.
func selectWithinAsm([]int32, []uint64, []uint64, []float32, []float32, []uint32, []int32, *PointQuery) (done, count int) {
	return 0, 0
}
