//go:build !amd64 || purego

package simd

// selectWithinAsm is the stub of builds without assembly; it is never
// called there, as accelerated is always false.
func selectWithinAsm(out []int32, flags []uint8, xs, zs []float32, rooms []uint32, spans []Span, base int32,
	q *PointQuery) int {
	return selectWithinGeneric(out, flags, xs, zs, rooms, spans, base, q, -1)
}

// selectWithinBlockAsm is the stub of builds without assembly; it is never
// called there, as accelerated is always false.
func selectWithinBlockAsm(b *WithinBlock, out []int32, flags []uint8, q *PointQuery, except int32) int {
	return selectWithinGeneric(out, flags, b.xs, b.zs, b.rooms, b.spans, b.base, q, int(except))
}
