package simd

// PointQuery is the query of SelectWithin: a point on the X/Z plane, two
// squared radii, and the room a point must be in.
type PointQuery struct {
	X, Z float32
	// Radius2 selects the points whose ids are written and whose bits are
	// set in the mask; Outer2 those whose bits are set in the outer mask
	// (the AOI's leave radius, usually larger).
	Radius2, Outer2 float32
	Room            uint32
}

// SelectWithin judges every point j: with
//
//	d2 = float32((xs[j]-q.X)²) + float32((zs[j]-q.Z)²)
//
// (rounded step by step, no fused multiply-add), it is within if
// rooms[j] == q.Room and d2 <= q.Radius2, and within the outer radius if
// rooms[j] == q.Room and d2 <= q.Outer2 (NaN is never within). It writes
// ids[j] of the points within to out, in ascending j, sets bit j of mask
// and of outer (word j/64, see Bit) to the two verdicts, and returns how
// many are within. Entries of out past that count are overwritten with
// scratch values; bits from len(xs) to the end of the last word are
// cleared, words past MaskWords(len(xs)) are not touched. It is the inner
// loop of the AOI grid: one call per observer over the candidates of its
// neighbourhood.
//
// Panics: if zs, rooms, ids or out is shorter than xs, or mask or outer
// shorter than MaskWords(len(xs)).
//
// q is passed by pointer so that a caller that updates a query in place per
// call (as the AOI grid does) has nothing copied.
func SelectWithin(out []int32, mask, outer []uint64, xs, zs []float32, rooms []uint32, ids []int32, q *PointQuery) int {
	return selectWithin(out, mask, outer, xs, zs, rooms, ids, q, accelerated.Load())
}

// selectWithin is SelectWithin on the chosen path.
func selectWithin(out []int32, mask, outer []uint64, xs, zs []float32, rooms []uint32, ids []int32, q *PointQuery,
	useAsm bool) int {
	n := len(xs)
	if len(zs) < n || len(rooms) < n || len(ids) < n || len(out) < n {
		panic("simd: SelectWithin: a column or out is shorter than xs")
	}
	if len(mask) < MaskWords(n) || len(outer) < MaskWords(n) {
		panic("simd: SelectWithin: a mask is shorter than MaskWords(len(xs))")
	}
	out, zs, rooms, ids = out[:n], zs[:n], rooms[:n], ids[:n]
	done, count := 0, 0
	if useAsm {
		if done, count = selectWithinAsm(out, mask, outer, xs, zs, rooms, ids, q); done == n {
			return count // the assembly cleared the masks' last words past n
		}
	}
	return selectWithinGeneric(out, mask, outer, xs, zs, rooms, ids, q, done, count)
}
