package simd

// selectWithinGeneric is the reference of SelectWithin: it judges points
// start..len(xs)-1, appending to out from index count, and returns the new
// count. The assembly must agree with it exactly.
func selectWithinGeneric(out []int32, xs, zs []float32, rooms []uint32, q *PointQuery, start, count int) int {
	n := len(xs)
	out, zs, rooms = out[:n], zs[:n], rooms[:n]
	// Locals, so the stores to out do not force q to be reloaded.
	x, z, r2, room, base := q.X, q.Z, q.Radius2, q.Room, q.Base
	for j := start; j < n; j++ {
		// Branch-free: a third or so of the points pass, which a branch
		// would mispredict often. count ≤ j, so out[count] is in range.
		dx, dz := xs[j]-x, zs[j]-z
		d2 := float32(dx*dx) + float32(dz*dz)
		out[count] = base + int32(j)
		count += b2i(d2 <= r2) & b2i(rooms[j] == room)
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
