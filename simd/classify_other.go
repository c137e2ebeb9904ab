//go:build !amd64 || purego

package simd

// classifyAsm is the stub of builds without assembly; it is never called
// there, as accelerated is always false.
func classifyAsm(b *WithinBlock, keep, enter, leave []int32, seen []uint32, stamp uint32, q *PointQuery,
	except int32) Classified {
	return classifyGeneric(b, keep, enter, leave, seen, stamp, q, int(except))
}
