package simd

// PointQuery is the query of SelectWithin: a point on the X/Z plane, two
// squared radii, and the room a point must be in.
type PointQuery struct {
	X, Z float32
	// Radius2 selects the points whose indices are written and whose
	// FlagWithin is set; Outer2 those whose FlagOuter is set (the AOI's
	// leave radius, usually larger).
	Radius2, Outer2 float32
	Room            uint32
}

// Span is a run of consecutive points of the columns: From, From+1, …,
// From+Len-1.
type Span struct {
	From, Len int32
}

// The flags of a point, one byte each, as SelectWithin writes them.
const (
	FlagWithin = 1 << 0 // within Radius2, same room
	FlagOuter  = 1 << 1 // within Outer2, same room
)

// SelectWithin judges the points of spans: with
//
//	d2 = float32((xs[j]-q.X)²) + float32((zs[j]-q.Z)²)
//
// (rounded step by step, no fused multiply-add), point j is within if
// rooms[j] == q.Room and d2 <= q.Radius2, and within the outer radius if
// rooms[j] == q.Room and d2 <= q.Outer2 (NaN is never within). It writes
// the indices j of the points within to out, in order, and returns how
// many; flags[j-base] gets FlagWithin and FlagOuter as they hold. The 7
// bytes of flags after each span may be zeroed; no other byte is touched.
// Entries of out past the count are overwritten with scratch values. It is
// a radius query over rows of grid cells read straight from the columns;
// the AOI grid runs the same test through WithinBlock.Classify.
//
// Spans must be ascending and disjoint, so a later span rewrites what the
// zeroing after an earlier one may have touched. q is passed by pointer so
// that a caller that updates a query in place per call has nothing copied.
//
// Panics: if a span reaches outside xs, zs or rooms, starts before base or
// before the end of the span before it, if out is shorter than the spans'
// total length rounded up to 8, or flags shorter than the last span's end
// minus base, plus 8.
func SelectWithin(out []int32, flags []uint8, xs, zs []float32, rooms []uint32, spans []Span, base int32,
	q *PointQuery) int {
	return selectWithin(out, flags, xs, zs, rooms, spans, base, q, accelerated.Load())
}

// selectWithin is SelectWithin on the chosen path.
func selectWithin(out []int32, flags []uint8, xs, zs []float32, rooms []uint32, spans []Span, base int32,
	q *PointQuery, useAsm bool) int {
	total, end := checkSpans(xs, zs, rooms, spans, base)
	if len(out) < total || (len(spans) > 0 && len(flags) < end-int(base)+8) {
		panic("simd: SelectWithin: out or flags is too short for the spans")
	}
	if useAsm {
		return selectWithinAsm(out, flags, xs, zs, rooms, spans, base, q)
	}
	return selectWithinGeneric(out, flags, xs, zs, rooms, spans, base, q, -1)
}

// checkSpans returns the spans' total length with each rounded up to 8 and
// the end of the last one (base if there is none).
//
// Panics: if a span reaches outside xs, zs or rooms, starts before base or
// before the end of the span before it.
func checkSpans(xs, zs []float32, rooms []uint32, spans []Span, base int32) (total, end int) {
	n := min(len(xs), len(zs), len(rooms))
	end = int(base)
	for _, s := range spans {
		if s.Len < 0 || int(s.From) < end || int(s.From)+int(s.Len) > n {
			panic("simd: a span of SelectWithin or WithinBlock is out of order or reaches outside the columns")
		}
		total += padTo8(int(s.Len))
		end = int(s.From) + int(s.Len)
	}
	return total, end
}

// padTo8 rounds n up to a multiple of 8.
func padTo8(n int) int { return (n + 7) &^ 7 }
