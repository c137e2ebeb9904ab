//go:build amd64 && !purego

package simd

// selectWithinAVX2 judges the points of nSpans spans (see SelectWithin),
// 8 per step with masked loads, storing each step's 8 flag bytes at
// flags[point-base] and left-packing the indices of the points within into
// out, 8 entries stored per step; it returns how many passed.
//
//go:noescape
func selectWithinAVX2(xs, zs *float32, rooms *uint32, spans *Span, nSpans int, out *int32, flags *uint8, base int,
	x, z, radius2, outer2 float32, room uint32, t *laneTables, except int) (count int)

// selectWithinAsm runs the assembly.
func selectWithinAsm(out []int32, flags []uint8, xs, zs []float32, rooms []uint32, spans []Span, base int32,
	q *PointQuery) int {
	if len(spans) == 0 || len(out) == 0 || len(xs) == 0 || len(zs) == 0 || len(rooms) == 0 {
		return selectWithinGeneric(out, flags, xs, zs, rooms, spans, base, q, -1)
	}
	return selectWithinAVX2(&xs[0], &zs[0], &rooms[0], &spans[0], len(spans), &out[0], &flags[0], int(base),
		q.X, q.Z, q.Radius2, q.Outer2, q.Room, &lanes, -1)
}

// selectWithinBlockAsm runs the kernel over a checked block with at least
// one non-empty span (so every column and out is non-empty).
func selectWithinBlockAsm(b *WithinBlock, out []int32, flags []uint8, q *PointQuery, except int32) int {
	return selectWithinAVX2(&b.xs[0], &b.zs[0], &b.rooms[0], &b.spans[0], len(b.spans), &out[0], &flags[0], int(b.base),
		q.X, q.Z, q.Radius2, q.Outer2, q.Room, &lanes, int(except))
}
