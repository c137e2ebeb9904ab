//go:build !amd64 || purego

package simd

// checkMovesAsm is the stub of builds without assembly: it covers nothing,
// so the Go reference judges the whole batch.
func checkMovesAsm(*MoveColumns, *moveRule, []uint64, []uint8, int) (done, count int) { return 0, 0 }
