package simd

// PointQuery is the query of WithinBlock.Classify: a point on the X/Z
// plane, two squared radii, and the room a point must be in.
type PointQuery struct {
	X, Z float32
	// Radius2 is the enter radius squared; Outer2 the leave radius squared
	// (the AOI's hysteresis band lies between them).
	Radius2, Outer2 float32
	Room            uint32
}

// Span is a run of consecutive points of the columns: From, From+1, …,
// From+Len-1.
type Span struct {
	From, Len int32
}

// checkSpans returns the spans' total length with each rounded up to 8 and
// the end of the last one (0 if there is none).
//
// Panics: if a span reaches outside xs, zs or rooms, starts before 0 or
// before the end of the span before it.
func checkSpans(xs, zs []float32, rooms []uint32, spans []Span) (total, end int) {
	n := min(len(xs), len(zs), len(rooms))
	for _, s := range spans {
		if s.Len < 0 || int(s.From) < end || int(s.From)+int(s.Len) > n {
			panic("simd: a span of WithinBlock is out of order or reaches outside the columns")
		}
		total += padTo8(int(s.Len))
		end = int(s.From) + int(s.Len)
	}
	return total, end
}

// padTo8 rounds n up to a multiple of 8.
func padTo8(n int) int { return (n + 7) &^ 7 }

// b2i is 1 for true and 0 for false; the compiler turns it into a SETcc.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
