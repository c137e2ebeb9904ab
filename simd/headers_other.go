//go:build !amd64 || purego

package simd

// validateHeadersAsm is the stub of builds without assembly: it covers
// nothing, so the Go reference validates the whole batch.
func validateHeadersAsm(*HeaderColumns, *headerRule, []uint64, int) (done, count int) { return 0, 0 }
