//go:build amd64 && !purego

package simd

// classifyAVX2 judges the points of nSpans spans 8 per step (see
// WithinBlock.Classify), left-packing the indices of each step's kept,
// entered and left points into keep, enter and leave, 8 entries stored per
// step (enter and leave only for steps that have some).
//
//go:noescape
func classifyAVX2(xs, zs *float32, rooms, seen *uint32, spans *Span, nSpans int, keep, enter, leave *int32,
	x, z, radius2, outer2 float32, room, stamp uint32, t *laneTables, except int) (nKeep, nEnter, nLeave, nSeen int)

// classifyAsm runs the assembly over a checked block with at least one
// non-empty span (so every column, output and seen is non-empty).
func classifyAsm(b *WithinBlock, keep, enter, leave []int32, seen []uint32, stamp uint32, q *PointQuery,
	except int32) Classified {
	k, e, l, s := classifyAVX2(&b.xs[0], &b.zs[0], &b.rooms[0], &seen[0], &b.spans[0], len(b.spans),
		&keep[0], &enter[0], &leave[0], q.X, q.Z, q.Radius2, q.Outer2, q.Room, stamp, &lanes, int(except))
	return Classified{Keep: k, Enter: e, Leave: l, Seen: s}
}
