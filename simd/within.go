package simd

// PointQuery is the query of SelectWithin: a point on the X/Z plane, a
// squared radius, and the room a point must be in.
type PointQuery struct {
	X, Z    float32
	Radius2 float32
	Room    uint32
}

// SelectWithin judges every point j: it is within if rooms[j] == q.Room and
//
//	float32((xs[j]-q.X)²) + float32((zs[j]-q.Z)²) <= q.Radius2
//
// (rounded step by step, no fused multiply-add; NaN is never within). It
// writes ids[j] of the points within to out, in ascending j, sets bit j of
// mask (word j/64, see Bit) to the verdict, and returns how many are
// within. Entries of out past that count are overwritten with scratch
// values; mask bits from len(xs) to the end of the last word are cleared,
// words past MaskWords(len(xs)) are not touched. It is the inner loop of the
// AOI grid: one call per observer over the candidates of its neighbourhood.
//
// Panics: if zs, rooms, ids or out is shorter than xs, or mask shorter than
// MaskWords(len(xs)).
func SelectWithin(out []int32, mask []uint64, xs, zs []float32, rooms []uint32, ids []int32, q PointQuery) int {
	return selectWithin(out, mask, xs, zs, rooms, ids, &q, accelerated.Load())
}

// selectWithin is SelectWithin on the chosen path.
func selectWithin(out []int32, mask []uint64, xs, zs []float32, rooms []uint32, ids []int32, q *PointQuery, useAsm bool) int {
	n := len(xs)
	if len(zs) < n || len(rooms) < n || len(ids) < n || len(out) < n {
		panic("simd: SelectWithin: a column or out is shorter than xs")
	}
	if len(mask) < MaskWords(n) {
		panic("simd: SelectWithin: mask shorter than MaskWords(len(xs))")
	}
	out, zs, rooms, ids = out[:n], zs[:n], rooms[:n], ids[:n]
	done, count := 0, 0
	if useAsm {
		done, count = selectWithinAsm(out, mask, xs, zs, rooms, ids, q)
	}
	return selectWithinGeneric(out, mask, xs, zs, rooms, ids, q, done, count)
}
