package simd

// classifyGeneric is the reference of WithinBlock.Classify, for outputs
// already checked against the block. The assembly must agree with it
// exactly.
func classifyGeneric(b *WithinBlock, keep, enter, leave []int32, seen []uint32, stamp uint32, q *PointQuery,
	except int) (c Classified) {
	x, z, r2, o2, room := q.X, q.Z, q.Radius2, q.Outer2, q.Room
	xs, zs, rooms := b.xs, b.zs, b.rooms
	for _, s := range b.spans {
		for j := int(s.From); j < int(s.From)+int(s.Len); j++ {
			// Branch-free appends: each count ≤ the points judged so far.
			dx, dz := xs[j]-x, zs[j]-z
			d2 := float32(dx*dx) + float32(dz*dz)
			other := b2i(j != except)
			same := b2i(rooms[j] == room) & other
			within := b2i(d2 <= r2) & same
			outer := b2i(d2 <= o2) & same
			was := b2i(seen[j] == stamp) & other
			keep[c.Keep], enter[c.Enter], leave[c.Leave] = int32(j), int32(j), int32(j)
			c.Keep += within | outer&was
			c.Enter += within &^ was
			c.Leave += was &^ outer
			c.Seen += was
		}
	}
	return c
}
