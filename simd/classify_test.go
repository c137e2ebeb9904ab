package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// oracleClassify is Classify written from its documentation, one point at
// a time.
func oracleClassify(xs, zs []float32, rooms []uint32, spans []Span, seen []uint32, stamp uint32, q PointQuery,
	except int32) (keep, enter, leave []int32, nSeen int) {
	for _, s := range spans {
		for j := s.From; j < s.From+s.Len; j++ {
			if j == except {
				continue
			}
			dx, dz := float64(xs[j]-q.X), float64(zs[j]-q.Z)
			d2 := float32(float32(dx*dx) + float32(dz*dz))
			same := rooms[j] == q.Room
			within, outer, was := same && d2 <= q.Radius2, same && d2 <= q.Outer2, seen[j] == stamp
			if within || outer && was {
				keep = append(keep, j)
			}
			if within && !was {
				enter = append(enter, j)
			}
			if was && !outer {
				leave = append(leave, j)
			}
			if was {
				nSeen++
			}
		}
	}
	return keep, enter, leave, nSeen
}

// genSeen returns stamps for n points: about a third carry stamp, the rest
// other values (0, stamp±1, random).
func genSeen(rng *rand.Rand, n int, stamp uint32) []uint32 {
	seen := make([]uint32, n)
	for i := range seen {
		switch rng.IntN(6) {
		case 0, 1:
			seen[i] = stamp
		case 2:
			seen[i] = stamp + 1
		case 3:
			seen[i] = stamp - 1
		case 4:
			seen[i] = rng.Uint32()
		}
	}
	return seen
}

// checkClassify runs every path over garbage-filled outputs and compares
// them with the oracle, and checks nothing is written past Padded().
func checkClassify(t *testing.T, xs, zs []float32, rooms []uint32, spans []Span, seen []uint32, stamp uint32,
	q PointQuery, except int32) {
	t.Helper()
	wantKeep, wantEnter, wantLeave, wantSeen := oracleClassify(xs, zs, rooms, spans, seen, stamp, q, except)
	var blk WithinBlock
	blk.Reset(xs, zs, rooms, spans)
	end := 0
	for _, s := range spans {
		end = int(s.From + s.Len)
	}
	for _, useAsm := range paths() {
		outs := make([][]int32, 3)
		for i := range outs {
			outs[i] = make([]int32, blk.Padded()+1)
			for k := range outs[i] {
				outs[i][k] = -7
			}
		}
		got := blk.classifyOn(outs[0][:blk.Padded()], outs[1][:blk.Padded()], outs[2][:blk.Padded()], seen[:end], stamp, &q,
			except, useAsm)
		name := pathName(useAsm)
		for i, c := range []struct {
			what string
			n    int
			want []int32
		}{{"keep", got.Keep, wantKeep}, {"enter", got.Enter, wantEnter}, {"leave", got.Leave, wantLeave}} {
			if !slices.Equal(outs[i][:c.n], c.want) {
				t.Fatalf("%s, spans %v, except %d, q=%+v: %s %v, want %v", name, spans, except, q, c.what, outs[i][:c.n], c.want)
			}
			if outs[i][blk.Padded()] != -7 {
				t.Fatalf("%s, spans %v: %s written past Padded()", name, spans, c.what)
			}
		}
		if got.Seen != wantSeen {
			t.Fatalf("%s, spans %v, except %d: Seen %d, want %d", name, spans, except, got.Seen, wantSeen)
		}
	}
}

func TestClassifyMatchesOracle(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(31, 32))
	for round := 0; round < 3000; round++ {
		q := PointQuery{X: float32(rng.IntN(200) - 100), Z: float32(rng.IntN(200) - 100), Radius2: 2500, Outer2: 3025,
			Room: uint32(rng.IntN(2))}
		if round%5 == 0 {
			q.Outer2 = q.Radius2 // no hysteresis band
		}
		xs, zs, rooms := genPoints(rng, 1+rng.IntN(150), q)
		spans := genSpans(rng, len(xs))
		stamp := rng.Uint32()
		seen := genSeen(rng, len(xs), stamp)
		except := int32(rng.IntN(len(xs)+2) - 1)
		checkClassify(t, xs, zs, rooms, spans, seen, stamp, q, except)
	}
}

// TestClassifyByHand pins one case a reader can follow: the observer at
// the origin, radii 10 and 12.
func TestClassifyByHand(t *testing.T) {
	t.Parallel()
	xs := []float32{0, 5, 11, 11, 13, 5, 13, 3, float32(math.NaN())}
	zs := make([]float32, len(xs))
	rooms := []uint32{0, 0, 0, 0, 0, 1, 0, 0, 0}
	// point:       0 self, 1 within, 2 band seen, 3 band unseen, 4 beyond seen,
	//              5 other room seen, 6 beyond unseen, 7 within seen, 8 NaN seen
	seen := []uint32{9, 0, 9, 0, 9, 9, 0, 9, 9}
	q := PointQuery{Radius2: 100, Outer2: 144}
	var blk WithinBlock
	blk.Reset(xs, zs, rooms, []Span{{From: 0, Len: int32(len(xs))}})
	for _, useAsm := range paths() {
		keep, enter, leave := make([]int32, blk.Padded()), make([]int32, blk.Padded()), make([]int32, blk.Padded())
		c := blk.classifyOn(keep, enter, leave, seen, 9, &q, 0, useAsm)
		if got, want := keep[:c.Keep], []int32{1, 2, 7}; !slices.Equal(got, want) {
			t.Errorf("%s: keep %v, want %v", pathName(useAsm), got, want)
		}
		if got, want := enter[:c.Enter], []int32{1}; !slices.Equal(got, want) {
			t.Errorf("%s: enter %v, want %v", pathName(useAsm), got, want)
		}
		if got, want := leave[:c.Leave], []int32{4, 5, 8}; !slices.Equal(got, want) {
			t.Errorf("%s: leave %v, want %v", pathName(useAsm), got, want)
		}
		if c.Seen != 5 {
			t.Errorf("%s: Seen %d, want 5 (the observer's own stamp does not count)", pathName(useAsm), c.Seen)
		}
	}
}

func TestClassifyPanicsOnShortBuffers(t *testing.T) {
	t.Parallel()
	xs, zs, rooms := make([]float32, 20), make([]float32, 20), make([]uint32, 20)
	var blk WithinBlock
	blk.Reset(xs, zs, rooms, []Span{{From: 2, Len: 10}})
	ok := make([]int32, blk.Padded())
	short := make([]int32, blk.Padded()-1)
	seen := make([]uint32, 12)
	q := PointQuery{Radius2: 1, Outer2: 1}
	for _, tc := range []struct {
		name               string
		keep, enter, leave []int32
		seen               []uint32
	}{
		{"keep", short, ok, ok, seen},
		{"enter", ok, short, ok, seen},
		{"leave", ok, ok, short, seen},
		{"seen", ok, ok, ok, seen[:11]},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("short %s: no panic", tc.name)
				}
			}()
			blk.Classify(tc.keep, tc.enter, tc.leave, tc.seen, 1, &q, -1)
		}()
	}
}

// FuzzClassify builds up to 200 points, stamps and a few spans from a
// seed, overwrites the first points with raw fuzzer bytes (x, z, room and
// stamp, 16 bytes a point), and checks every path against the oracle.
func FuzzClassify(f *testing.F) {
	f.Add(uint64(1), uint8(0), float32(0), float32(0), float32(2500), float32(3025), uint32(1), int32(-1), []byte{})
	f.Add(uint64(2), uint8(17), float32(-500), float32(250), float32(2500), float32(2500), uint32(0), int32(3),
		[]byte{0, 0, 0xc0, 0x7f, 0, 0, 0x80, 0x7f, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(uint64(3), uint8(200), float32(math.NaN()), float32(0), float32(math.Inf(1)), float32(math.NaN()), uint32(math.MaxUint32),
		int32(199), []byte("hostile bytes for coordinates and stamps"))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, x, z, r2, o2 float32, stamp uint32, except int32, raw []byte) {
		q := PointQuery{X: x, Z: z, Radius2: r2, Outer2: o2, Room: uint32(seed % 3)}
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		xs, zs, rooms := genPoints(rng, int(n)%201, q)
		seen := genSeen(rng, len(xs), stamp)
		for i := 0; i < len(xs) && len(raw) >= 16; i, raw = i+1, raw[16:] {
			xs[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw))
			zs[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4:]))
			rooms[i] = binary.LittleEndian.Uint32(raw[8:]) % 4
			seen[i] = stamp ^ binary.LittleEndian.Uint32(raw[12:])%3
		}
		spans := genSpans(rng, len(xs))
		checkClassify(t, xs, zs, rooms, spans, seen, stamp, q, except)
	})
}
