package simd

// selectWithinGeneric is the reference of SelectWithin: it judges points
// start..len(xs)-1 (the bits below start are already written), appends to
// out from index count, writes their bits, and returns the new count. The
// assembly must agree with it exactly.
func selectWithinGeneric(out []int32, mask, outer []uint64, xs, zs []float32, rooms []uint32, ids []int32, q *PointQuery,
	start, count int) int {
	n := len(xs)
	out, zs, rooms, ids = out[:n], zs[:n], rooms[:n], ids[:n]
	// Locals, so the stores do not force q to be reloaded.
	x, z, r2, o2, room := q.X, q.Z, q.Radius2, q.Outer2, q.Room
	w, wo := newMaskWriter(mask, start), newMaskWriter(outer, start)
	for j := start; j < n; j++ {
		// Branch-free append: count ≤ j, so out[count] is in range.
		dx, dz := xs[j]-x, zs[j]-z
		d2 := float32(dx*dx) + float32(dz*dz)
		same := rooms[j] == room
		ok := d2 <= r2 && same
		out[count] = ids[j]
		count += b2i(ok)
		w.set(j, ok)
		wo.set(j, d2 <= o2 && same)
	}
	w.finish(n)
	wo.finish(n)
	return count
}

// b2i is 1 for true and 0 for false; the compiler turns it into a SETcc.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
