package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// oracleWithin is SelectWithin written the obvious way.
func oracleWithin(xs, zs []float32, rooms []uint32, q PointQuery) []int32 {
	var out []int32
	for j := range xs {
		dx, dz := xs[j]-q.X, zs[j]-q.Z
		if d2 := float32(dx*dx) + float32(dz*dz); d2 <= q.Radius2 && rooms[j] == q.Room {
			out = append(out, q.Base+int32(j))
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

// checkWithin runs every path and compares it with the oracle.
func checkWithin(t *testing.T, xs, zs []float32, rooms []uint32, q PointQuery) {
	t.Helper()
	want := oracleWithin(xs, zs, rooms, q)
	for _, useAsm := range paths() {
		out := make([]int32, len(xs))
		for i := range out {
			out[i] = -7
		}
		n := selectWithin(out, xs, zs, rooms, &q, useAsm)
		if !slices.Equal(out[:n], want) {
			t.Fatalf("%s, %d points, q=%+v: got %v, want %v", pathName(useAsm), len(xs), q, out[:n], want)
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
			Room:    uint32(rng.IntN(3)), Base: int32(rng.IntN(1000)),
		}
		if rng.IntN(20) == 0 {
			q.X = edgeFloat(rng, q.X)
		}
		xs, zs, rooms := genPoints(rng, rng.IntN(70), q)
		checkWithin(t, xs, zs, rooms, q)
	}
}

// TestSelectWithinCounts pins a small case by hand: lanes 1, 3 and 9 pass
// (9 is in the tail the Go path finishes), lane 4 is in another room and
// lane 5 is NaN.
func TestSelectWithinCounts(t *testing.T) {
	t.Parallel()
	xs := []float32{100, 3, 100, 30, 0, float32(math.NaN()), 100, 100, 100, -50}
	zs := []float32{100, 4, 100, 40, 0, 0, 100, 100, 100, 0}
	rooms := []uint32{0, 0, 0, 0, 1, 0, 0, 0, 0, 0}
	q := PointQuery{Radius2: 2500, Base: 1000}
	for _, useAsm := range paths() {
		out := make([]int32, len(xs))
		n := selectWithin(out, xs, zs, rooms, &q, useAsm)
		if want := []int32{1001, 1003, 1009}; !slices.Equal(out[:n], want) {
			t.Errorf("%s: got %v, want %v", pathName(useAsm), out[:n], want)
		}
	}
}

func TestSelectWithinPanicsOnShortColumns(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for a short out slice")
		}
	}()
	SelectWithin(make([]int32, 3), make([]float32, 4), make([]float32, 4), make([]uint32, 4), PointQuery{})
}

// FuzzSelectWithin builds up to 200 points from a seed, overwrites the
// first with raw fuzzer bytes (x, z and room, 12 bytes a point), and checks
// every path against the oracle.
func FuzzSelectWithin(f *testing.F) {
	f.Add(uint64(1), uint8(0), float32(0), float32(0), float32(2500), []byte{})
	f.Add(uint64(2), uint8(17), float32(-500), float32(250), float32(2500),
		[]byte{0, 0, 0xc0, 0x7f, 0, 0, 0x80, 0x7f, 0, 0, 0, 0, 0, 0, 0x48, 0x42, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(uint64(3), uint8(200), float32(math.NaN()), float32(0), float32(math.Inf(1)), []byte("hostile bytes for the coordinates"))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, x, z, r2 float32, raw []byte) {
		q := PointQuery{X: x, Z: z, Radius2: r2, Room: uint32(seed % 3), Base: int32(seed % 1000)}
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		xs, zs, rooms := genPoints(rng, int(n)%201, q)
		for i := 0; i < len(xs) && len(raw) >= 12; i, raw = i+1, raw[12:] {
			xs[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw))
			zs[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4:]))
			rooms[i] = binary.LittleEndian.Uint32(raw[8:]) % 4
		}
		checkWithin(t, xs, zs, rooms, q)
	})
}

// BenchmarkSelectWithin measures one AOI row scan: 19 points, the mean row
// of a 3×3 block at city density, about a third of them within.
func BenchmarkSelectWithin(b *testing.B) {
	for _, useAsm := range paths() {
		b.Run(pathName(useAsm), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(5, 6))
			q := PointQuery{X: 75, Z: 75, Radius2: 2500}
			xs, zs, rooms := make([]float32, 19), make([]float32, 19), make([]uint32, 19)
			for i := range xs {
				xs[i], zs[i] = rng.Float32()*150, 50+rng.Float32()*50
			}
			out := make([]int32, len(xs))
			b.ReportAllocs()
			total := 0
			for b.Loop() {
				total += selectWithin(out, xs, zs, rooms, &q, useAsm)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(xs)), "ns/point")
			if total == 0 {
				b.Fatal("nothing within")
			}
		})
	}
}
