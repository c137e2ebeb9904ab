package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// oracleWithin is SelectWithin written the obvious way: the indices and
// the flags, at flags[j-base] for the points j of the spans.
func oracleWithin(xs, zs []float32, rooms []uint32, spans []Span, base int32, q PointQuery, flags []uint8) (out []int32) {
	for _, s := range spans {
		for j := int(s.From); j < int(s.From)+int(s.Len); j++ {
			f := uint8(0)
			dx, dz := xs[j]-q.X, zs[j]-q.Z
			if d2 := float32(dx*dx) + float32(dz*dz); rooms[j] == q.Room {
				if d2 <= q.Radius2 {
					out = append(out, int32(j))
					f |= FlagWithin
				}
				if d2 <= q.Outer2 {
					f |= FlagOuter
				}
			}
			flags[j-int(base)] = f
		}
	}
	return out
}

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
// points (some empty, some adjacent) and a base at or before the first.
func genSpans(rng *rand.Rand, n int) ([]Span, int32) {
	spans := make([]Span, rng.IntN(6))
	at := rng.IntN(n/4 + 1)
	base := int32(at - rng.IntN(at+1))
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
	return spans, base
}

// checkWithin runs every path over garbage-filled outputs and compares them
// with the oracle: the flags of the spans' points exactly, bytes outside
// the spans and the 7 after each untouched.
func checkWithin(t *testing.T, xs, zs []float32, rooms []uint32, spans []Span, base int32, q PointQuery) {
	t.Helper()
	end := int(base)
	total := 0
	for _, s := range spans {
		end = int(s.From) + int(s.Len)
		total += padTo8(int(s.Len))
	}
	size := end - int(base) + 8
	want := make([]uint8, size)
	for i := range want {
		want[i] = 0xee
	}
	wantOut := oracleWithin(xs, zs, rooms, spans, base, q, want)
	mayZero := make([]bool, size)
	for _, s := range spans {
		for k := int(s.From+s.Len) - int(base); k < int(s.From+s.Len)-int(base)+7 && k < size; k++ {
			mayZero[k] = true
		}
	}
	var blk WithinBlock
	blk.Reset(xs, zs, rooms, spans, base)
	if blk.Padded() != total {
		t.Fatalf("spans %v: WithinBlock.Padded %d, want %d", spans, blk.Padded(), total)
	}
	for _, useAsm := range paths() {
		for _, viaBlock := range []bool{false, true} {
			name := pathName(useAsm)
			if viaBlock {
				name += "/WithinBlock"
			}
			flags := make([]uint8, size)
			for i := range flags {
				flags[i] = 0xee
			}
			out := make([]int32, total+1)
			for i := range out {
				out[i] = -7
			}
			var count int
			if viaBlock {
				count = blk.selectOn(out, flags, &q, -1, useAsm)
			} else {
				count = selectWithin(out, flags, xs, zs, rooms, spans, base, &q, useAsm)
			}
			for k := range flags {
				if flags[k] != want[k] && !(mayZero[k] && want[k] == 0xee && flags[k] == 0) {
					t.Fatalf("%s, spans %v base %d, q=%+v: flags[%d] = %#x, want %#x", name, spans, base, q, k, flags[k], want[k])
				}
			}
			if !slices.Equal(out[:count], wantOut) {
				t.Fatalf("%s, spans %v, q=%+v: got %v, want %v", name, spans, q, out[:count], wantOut)
			}
			if out[total] != -7 {
				t.Fatalf("%s, spans %v: wrote past the spans' padded total", name, spans)
			}
		}
	}
}

func TestSelectWithinMatchesOracle(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	for round := 0; round < 2000; round++ {
		q := PointQuery{
			X: (rng.Float32()*2 - 1) * 1000, Z: (rng.Float32()*2 - 1) * 1000,
			Radius2: pick(rng, float32(2500), 1, 0, 1e6, float32(math.NaN()), float32(math.Inf(1))),
			Outer2:  pick(rng, float32(3025), 2500, 0, 1e6, float32(math.NaN()), float32(math.Inf(1))),
			Room:    uint32(rng.IntN(3)),
		}
		if rng.IntN(20) == 0 {
			q.X = edgeFloat(rng, q.X)
		}
		xs, zs, rooms := genPoints(rng, rng.IntN(150), q)
		spans, base := genSpans(rng, len(xs))
		checkWithin(t, xs, zs, rooms, spans, base, q)
	}
}

// TestSelectWithinByHand pins a small case: points 1, 3 and 8 pass, 4 is
// in another room and 5 is NaN; point 7 is within only the outer radius.
// Points 9 and 10 are outside the spans, whose flags start at base 0.
func TestSelectWithinByHand(t *testing.T) {
	t.Parallel()
	xs := []float32{100, 3, 100, 30, 0, float32(math.NaN()), 100, 33, -50, 0, 0}
	zs := []float32{100, 4, 100, 40, 0, 0, 100, 44, 0, 0, 0}
	rooms := []uint32{0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}
	spans := []Span{{From: 0, Len: 7}, {From: 7, Len: 2}}
	q := PointQuery{Radius2: 2500, Outer2: 3025}
	const w, o = FlagWithin | FlagOuter, FlagOuter
	for _, useAsm := range paths() {
		flags, out := make([]uint8, 17), make([]int32, 16)
		n := selectWithin(out, flags, xs, zs, rooms, spans, 0, &q, useAsm)
		if want := []uint8{0, w, 0, w, 0, 0, 0, o, w}; !slices.Equal(flags[:9], want) || !slices.Equal(out[:n], []int32{1, 3, 8}) {
			t.Errorf("%s: flags %v indices %v, want %v and [1 3 8]", pathName(useAsm), flags[:9], out[:n], want)
		}
	}
}

func TestSelectWithinPanicsOnBadSpans(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		out, flag int
		zs, rooms int
		spans     []Span
		base      int32
	}{
		{"out", 63, 80, 65, 65, []Span{{0, 60}}, 0},
		{"flags", 64, 67, 65, 65, []Span{{0, 60}}, 0},
		{"span past zs", 72, 80, 64, 65, []Span{{1, 64}}, 0},
		{"span past rooms", 72, 80, 65, 64, []Span{{1, 64}}, 0},
		{"span before base", 72, 80, 65, 65, []Span{{1, 8}}, 2},
		{"negative length", 72, 80, 65, 65, []Span{{1, -8}}, 0},
		{"overlapping spans", 72, 80, 65, 65, []Span{{0, 8}, {7, 8}}, 0},
	} {
		for _, useAsm := range paths() {
			t.Run(tc.name+"/"+pathName(useAsm), func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Fatalf("no panic for %s", tc.name)
					}
				}()
				selectWithin(make([]int32, tc.out), make([]uint8, tc.flag), make([]float32, 65),
					make([]float32, tc.zs), make([]uint32, tc.rooms), tc.spans, tc.base, &PointQuery{}, useAsm)
			})
		}
	}
}

// FuzzSelectWithin builds up to 200 points and a few spans from a seed,
// overwrites the first points with raw fuzzer bytes (x, z and room, 12
// bytes a point), and checks every path against the oracle.
func FuzzSelectWithin(f *testing.F) {
	f.Add(uint64(1), uint8(0), float32(0), float32(0), float32(2500), float32(3025), []byte{})
	f.Add(uint64(2), uint8(17), float32(-500), float32(250), float32(2500), float32(2500),
		[]byte{0, 0, 0xc0, 0x7f, 0, 0, 0x80, 0x7f, 0, 0, 0, 0, 0, 0, 0x48, 0x42, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(uint64(3), uint8(200), float32(math.NaN()), float32(0), float32(math.Inf(1)), float32(math.NaN()),
		[]byte("hostile bytes for the coordinates"))
	f.Add(uint64(4), uint8(64), float32(1), float32(1), float32(1e30), float32(0), make([]byte, 12*64))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, x, z, r2, o2 float32, raw []byte) {
		q := PointQuery{X: x, Z: z, Radius2: r2, Outer2: o2, Room: uint32(seed % 3)}
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		xs, zs, rooms := genPoints(rng, int(n)%201, q)
		for i := 0; i < len(xs) && len(raw) >= 12; i, raw = i+1, raw[12:] {
			xs[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw))
			zs[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4:]))
			rooms[i] = binary.LittleEndian.Uint32(raw[8:]) % 4
		}
		spans, base := genSpans(rng, len(xs))
		checkWithin(t, xs, zs, rooms, spans, base, q)
	})
}

// BenchmarkSelectWithin measures one AOI neighbourhood scan: three rows of
// 19 points, the mean 3×3 block at city density, about 40% of them within.
func BenchmarkSelectWithin(b *testing.B) {
	for _, useAsm := range paths() {
		b.Run(pathName(useAsm), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(5, 6))
			q := PointQuery{X: 75, Z: 75, Radius2: 2500, Outer2: 3025}
			xs, zs, rooms := make([]float32, 200), make([]float32, 200), make([]uint32, 200)
			for i := range xs {
				xs[i], zs[i] = rng.Float32()*150, rng.Float32()*150
			}
			spans := []Span{{From: 10, Len: 19}, {From: 90, Len: 19}, {From: 170, Len: 19}}
			flags, out := make([]uint8, 200), make([]int32, 72)
			b.ReportAllocs()
			total := 0
			for b.Loop() {
				total += selectWithin(out, flags, xs, zs, rooms, spans, 10, &q, useAsm)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/57, "ns/point")
			if total == 0 {
				b.Fatal("nothing within")
			}
		})
	}
}

// TestWithinBlockPanics checks that Reset refuses the spans SelectWithin
// refuses, that Select refuses short outputs, and that the block keeps its
// own copy of the spans, so changing the caller's slice after Reset cannot
// make a query read outside the columns.
func TestWithinBlockPanics(t *testing.T) {
	t.Parallel()
	mustPanic := func(t *testing.T, what string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Fatalf("no panic for %s", what)
			}
		}()
		f()
	}
	col := make([]float32, 65)
	rooms := make([]uint32, 65)
	for _, tc := range []struct {
		name  string
		spans []Span
		base  int32
	}{
		{"span past the columns", []Span{{1, 65}}, 0},
		{"span before base", []Span{{1, 8}}, 2},
		{"negative length", []Span{{1, -8}}, 0},
		{"overlapping spans", []Span{{0, 8}, {7, 8}}, 0},
	} {
		mustPanic(t, tc.name, func() {
			var b WithinBlock
			b.Reset(col, col, rooms, tc.spans, tc.base)
		})
	}
	spans := []Span{{0, 60}}
	var b WithinBlock
	b.Reset(col, col, rooms, spans, 0)
	for _, useAsm := range paths() {
		mustPanic(t, "short out/"+pathName(useAsm), func() { b.selectOn(make([]int32, 63), make([]uint8, 68), &PointQuery{}, -1, useAsm) })
		mustPanic(t, "short flags/"+pathName(useAsm), func() { b.selectOn(make([]int32, 64), make([]uint8, 67), &PointQuery{}, -1, useAsm) })
	}
	spans[0] = Span{0, 1 << 20} // the block must not see this
	out := make([]int32, 64)
	for _, useAsm := range paths() {
		if n := b.selectOn(out, make([]uint8, 68), &PointQuery{Radius2: 1, Outer2: 1}, -1, useAsm); n != 60 {
			t.Fatalf("%s: %d hits among 60 points at the query's centre, want 60", pathName(useAsm), n)
		}
	}
}

// TestWithinBlockExcept checks that the excepted point is judged exactly as
// if it were in another room, on every path, wherever it falls: in a span
// (at a step's first, middle or last lane, or in a partial step), between
// spans, or outside the block.
func TestWithinBlockExcept(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 22))
	for round := 0; round < 1500; round++ {
		q := PointQuery{X: 10, Z: -5, Radius2: 2500, Outer2: 3025, Room: uint32(rng.IntN(2))}
		xs, zs, rooms := genPoints(rng, 1+rng.IntN(120), q)
		spans, base := genSpans(rng, len(xs))
		var blk WithinBlock
		blk.Reset(xs, zs, rooms, spans, base)
		except := int32(rng.IntN(len(xs)+2) - 1) // −1 … len: none, any point, past the end
		other := slices.Clone(rooms)
		if except >= 0 && int(except) < len(other) {
			other[except] = q.Room + 1
		}
		end := int(base)
		for _, sp := range spans {
			end = int(sp.From + sp.Len)
		}
		want := make([]uint8, end-int(base)+8)
		wantOut := oracleWithin(xs, zs, other, spans, base, q, want)
		for _, useAsm := range paths() {
			flags := make([]uint8, len(want))
			out := make([]int32, blk.Padded()+1)
			n := blk.selectOn(out, flags, &q, except, useAsm)
			if !slices.Equal(out[:n], wantOut) {
				t.Fatalf("%s, except %d, spans %v: got %v, want %v", pathName(useAsm), except, spans, out[:n], wantOut)
			}
			for _, sp := range spans {
				for j := sp.From; j < sp.From+sp.Len; j++ {
					if k := j - base; flags[k] != want[k] {
						t.Fatalf("%s, except %d, spans %v: flags of point %d = %#x, want %#x", pathName(useAsm), except, spans, j, flags[k], want[k])
					}
				}
			}
		}
	}
}
