package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// genPoints returns n points around the query, some exactly on the radius,
// some with edge values (NaN, ±Inf, denormals), in one or two rooms.
func genPoints(rng *rand.Rand, n int, q PointQuery) (xs, zs []float32, rooms []uint32) {
	r := float32(math.Sqrt(float64(q.Radius2)))
	for range n {
		x := q.X + (rng.Float32()*2-1)*1.5*r
		z := q.Z + (rng.Float32()*2-1)*1.5*r
		switch rng.IntN(10) {
		case 0: // exactly r away on one axis
			x, z = q.X+r, q.Z
		case 1: // the 3-4-5 triangle scaled to the radius
			x, z = q.X+r*0.6, q.Z-r*0.8
		}
		xs = append(xs, edgeFloat(rng, x))
		zs = append(zs, edgeFloat(rng, z))
		rooms = append(rooms, q.Room+uint32(b2i(rng.IntN(5) == 0)))
	}
	return xs, zs, rooms
}

// genSpans returns up to 5 random ascending, disjoint spans inside n
// points (some empty, some adjacent).
func genSpans(rng *rand.Rand, n int) []Span {
	spans := make([]Span, rng.IntN(6))
	at := rng.IntN(n/4 + 1)
	for i := range spans {
		if at < n && rng.IntN(3) != 0 {
			at += rng.IntN(min(n-at, 9) + 1) // a gap, sometimes none
		}
		l := rng.IntN(n - at + 1)
		if rng.IntN(2) == 0 {
			l = min(n-at, rng.IntN(30))
		}
		spans[i] = Span{From: int32(at), Len: int32(l)}
		at += l
	}
	return spans
}

// TestWithinBlockPanics checks that Reset refuses spans out of order or
// outside the columns, and that the block keeps its own copy of the spans,
// so changing the caller's slice after Reset cannot make a query read
// outside the columns.
func TestWithinBlockPanics(t *testing.T) {
	t.Parallel()
	col := make([]float32, 65)
	rooms := make([]uint32, 65)
	for _, tc := range []struct {
		name  string
		spans []Span
	}{
		{"span past the columns", []Span{{1, 65}}},
		{"span before 0", []Span{{-1, 8}}},
		{"negative length", []Span{{1, -8}}},
		{"overlapping spans", []Span{{0, 8}, {7, 8}}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("no panic for %s", tc.name)
				}
			}()
			var b WithinBlock
			b.Reset(col, col, rooms, tc.spans)
		}()
	}
	spans := []Span{{0, 60}}
	var b WithinBlock
	b.Reset(col, col, rooms, spans)
	spans[0] = Span{0, 1 << 20} // the block must not see this
	out := make([]int32, 64)
	seen := make([]uint32, 65)
	for _, useAsm := range paths() {
		c := b.classifyOn(out, make([]int32, 64), make([]int32, 64), seen, 1, &PointQuery{Radius2: 1, Outer2: 1}, -1, useAsm)
		if c.Keep != 60 {
			t.Fatalf("%s: %d kept among 60 points at the query's centre, want 60", pathName(useAsm), c.Keep)
		}
	}
}

// BenchmarkClassify measures one AOI neighbourhood scan: three rows of 19
// points, the mean 3×3 block at city density, about 40% of them within and
// a third of those seen last tick.
func BenchmarkClassify(b *testing.B) {
	for _, useAsm := range paths() {
		b.Run(pathName(useAsm), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(5, 6))
			q := PointQuery{X: 75, Z: 75, Radius2: 2500, Outer2: 3025}
			xs, zs, rooms := make([]float32, 200), make([]float32, 200), make([]uint32, 200)
			seen := make([]uint32, 200)
			for i := range xs {
				xs[i], zs[i] = rng.Float32()*150, rng.Float32()*150
				if rng.IntN(6) < 1 {
					seen[i] = 1
				}
			}
			var blk WithinBlock
			blk.Reset(xs, zs, rooms, []Span{{From: 10, Len: 19}, {From: 90, Len: 19}, {From: 170, Len: 19}})
			keep, enter, leave := make([]int32, 72), make([]int32, 72), make([]int32, 72)
			b.ReportAllocs()
			total := 0
			for b.Loop() {
				total += blk.classifyOn(keep, enter, leave, seen, 1, &q, -1, useAsm).Keep
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/57, "ns/point")
			if total == 0 {
				b.Fatal("nothing within")
			}
		})
	}
}
