package simd

// PointQuery is the query of SelectWithin: a point on the X/Z plane, a
// squared radius, the room a point must be in, and the index of the first
// point of the span (added to every index SelectWithin writes).
type PointQuery struct {
	X, Z    float32
	Radius2 float32
	Room    uint32
	Base    int32
}

// SelectWithin writes to out, in ascending order, the indices q.Base+j of
// the points j with rooms[j] == q.Room and
//
//	float32((xs[j]-q.X)²) + float32((zs[j]-q.Z)²) <= q.Radius2
//
// (rounded step by step, no fused multiply-add; NaN is never within), and
// returns how many it wrote. Entries of out past that count are
// overwritten with scratch values. It is the inner loop of the AOI grid: one
// call per contiguous row of cells.
//
// Panics: if zs, rooms or out is shorter than xs.
func SelectWithin(out []int32, xs, zs []float32, rooms []uint32, q PointQuery) int {
	return selectWithin(out, xs, zs, rooms, &q, accelerated.Load())
}

// selectWithin is SelectWithin on the chosen path.
func selectWithin(out []int32, xs, zs []float32, rooms []uint32, q *PointQuery, useAsm bool) int {
	n := len(xs)
	out, zs, rooms = out[:n], zs[:n], rooms[:n]
	done, count := 0, 0
	if useAsm {
		done, count = selectWithinAsm(out, xs, zs, rooms, q)
	}
	return selectWithinGeneric(out, xs, zs, rooms, q, done, count)
}
