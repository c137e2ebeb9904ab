package simd

// selectWithinGeneric is the reference of SelectWithin, for spans already
// checked against the columns and outputs. The assembly must agree with it
// exactly (it may zero fewer of the bytes after a span, which callers
// cannot rely on either way).
func selectWithinGeneric(out []int32, flags []uint8, xs, zs []float32, rooms []uint32, spans []Span, base int32,
	q *PointQuery, except int) int {
	// Locals, so the stores do not force q to be reloaded.
	x, z, r2, o2, room := q.X, q.Z, q.Radius2, q.Outer2, q.Room
	count := 0
	for _, s := range spans {
		from, to := int(s.From), int(s.From)+int(s.Len)
		f := flags[from-int(base) : to-int(base)]
		for j := from; j < to; j++ {
			// Branch-free append: count ≤ the points judged so far.
			dx, dz := xs[j]-x, zs[j]-z
			d2 := float32(dx*dx) + float32(dz*dz)
			same := b2i(rooms[j] == room && j != except)
			within := b2i(d2 <= r2) & same
			out[count] = int32(j)
			count += within
			f[j-from] = uint8(within | (b2i(d2 <= o2)&same)<<1)
		}
	}
	return count
}

// b2i is 1 for true and 0 for false; the compiler turns it into a SETcc.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
