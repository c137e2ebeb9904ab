package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// oracleWithin is SelectWithin written the obvious way: the ids and the
// two masks.
func oracleWithin(xs, zs []float32, rooms []uint32, ids []int32, q PointQuery) (out []int32, mask, outer []uint64) {
	mask, outer = make([]uint64, MaskWords(len(xs))), make([]uint64, MaskWords(len(xs)))
	for j := range xs {
		if rooms[j] != q.Room {
			continue
		}
		dx, dz := xs[j]-q.X, zs[j]-q.Z
		d2 := float32(dx*dx) + float32(dz*dz)
		if d2 <= q.Radius2 {
			out = append(out, ids[j])
			mask[j>>6] |= 1 << (j & 63)
		}
		if d2 <= q.Outer2 {
			outer[j>>6] |= 1 << (j & 63)
		}
	}
	return out, mask, outer
}

// genIDs returns n distinct ids, ascending from a random start.
func genIDs(rng *rand.Rand, n int) []int32 {
	ids := make([]int32, n)
	next := rng.Int32N(1 << 20)
	for i := range ids {
		ids[i] = next
		next += 1 + rng.Int32N(3)
	}
	return ids
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

// checkWithin runs every path over garbage-filled outputs and compares them
// with the oracle.
func checkWithin(t *testing.T, xs, zs []float32, rooms []uint32, ids []int32, q PointQuery) {
	t.Helper()
	want, wantMask, wantOuter := oracleWithin(xs, zs, rooms, ids, q)
	for _, useAsm := range paths() {
		mask, outer := make([]uint64, len(wantMask)+1), make([]uint64, len(wantMask)+1)
		for i := range mask {
			mask[i], outer[i] = garbage, garbage
		}
		out := make([]int32, len(xs)+1)
		for i := range out {
			out[i] = -7
		}
		count := selectWithin(out, mask, outer, xs, zs, rooms, ids, &q, useAsm)
		if err := compareMasks(wantMask, mask, len(xs)); err != nil {
			t.Fatalf("%s, %d points, q=%+v: %v", pathName(useAsm), len(xs), q, err)
		}
		if err := compareMasks(wantOuter, outer, len(xs)); err != nil {
			t.Fatalf("%s, %d points, q=%+v: outer %v", pathName(useAsm), len(xs), q, err)
		}
		if !slices.Equal(out[:count], want) {
			t.Fatalf("%s, %d points, q=%+v: got %v, want %v", pathName(useAsm), len(xs), q, out[:count], want)
		}
		if out[len(xs)] != -7 {
			t.Fatalf("%s, %d points: wrote past len(xs)", pathName(useAsm), len(xs))
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
		checkWithin(t, xs, zs, rooms, genIDs(rng, len(xs)), q)
	}
}

// TestSelectWithinByHand pins a small case: points 1, 3 and 9 pass (9 is
// in the tail the Go path finishes), 4 is in another room and 5 is NaN;
// point 8 is within only the outer radius.
func TestSelectWithinByHand(t *testing.T) {
	t.Parallel()
	xs := []float32{100, 3, 100, 30, 0, float32(math.NaN()), 100, 100, 33, -50}
	zs := []float32{100, 4, 100, 40, 0, 0, 100, 100, 44, 0}
	rooms := []uint32{0, 0, 0, 0, 1, 0, 0, 0, 0, 0}
	ids := []int32{1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009}
	q := PointQuery{Radius2: 2500, Outer2: 3025}
	for _, useAsm := range paths() {
		mask, outer, out := []uint64{garbage}, []uint64{garbage}, make([]int32, len(xs))
		n := selectWithin(out, mask, outer, xs, zs, rooms, ids, &q, useAsm)
		if want := uint64(1<<1 | 1<<3 | 1<<9); mask[0] != want || !slices.Equal(out[:n], []int32{1001, 1003, 1009}) {
			t.Errorf("%s: mask %#x ids %v, want %#x and [1001 1003 1009]", pathName(useAsm), mask[0], out[:n], want)
		}
		if want := uint64(1<<1 | 1<<3 | 1<<8 | 1<<9); outer[0] != want {
			t.Errorf("%s: outer %#x, want %#x", pathName(useAsm), outer[0], want)
		}
	}
}

func TestSelectWithinPanicsOnShortInputs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name                             string
		out, mask, outer, zs, rooms, ids int
	}{
		{"out", 64, 2, 2, 65, 65, 65},
		{"mask", 65, 1, 2, 65, 65, 65},
		{"outer", 65, 2, 1, 65, 65, 65},
		{"zs", 65, 2, 2, 64, 65, 65},
		{"rooms", 65, 2, 2, 65, 64, 65},
		{"ids", 65, 2, 2, 65, 65, 64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatalf("no panic for a short %s", tc.name)
				}
			}()
			SelectWithin(make([]int32, tc.out), make([]uint64, tc.mask), make([]uint64, tc.outer), make([]float32, 65), make([]float32, tc.zs),
				make([]uint32, tc.rooms), make([]int32, tc.ids), &PointQuery{})
		})
	}
}

// FuzzSelectWithin builds up to 200 points from a seed, overwrites the first
// with raw fuzzer bytes (x, z and room, 12 bytes a point), and checks every
// path against the oracle.
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
		checkWithin(t, xs, zs, rooms, genIDs(rng, len(xs)), q)
	})
}

// BenchmarkSelectWithin measures one AOI neighbourhood scan: 56 points,
// the mean 3×3 block at city density, about 40% of them within.
func BenchmarkSelectWithin(b *testing.B) {
	for _, useAsm := range paths() {
		b.Run(pathName(useAsm), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(5, 6))
			q := PointQuery{X: 75, Z: 75, Radius2: 2500, Outer2: 3025}
			xs, zs, rooms := make([]float32, 56), make([]float32, 56), make([]uint32, 56)
			for i := range xs {
				xs[i], zs[i] = rng.Float32()*150, rng.Float32()*150
			}
			mask, outer := make([]uint64, MaskWords(len(xs))), make([]uint64, MaskWords(len(xs)))
			out, ids := make([]int32, len(xs)), genIDs(rng, len(xs))
			b.ReportAllocs()
			total := 0
			for b.Loop() {
				total += selectWithin(out, mask, outer, xs, zs, rooms, ids, &q, useAsm)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(xs)), "ns/point")
			if total == 0 {
				b.Fatal("nothing within")
			}
		})
	}
}
