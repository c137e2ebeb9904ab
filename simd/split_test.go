package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// oracleSplit is SplitByBits written the obvious way.
func oracleSplit(idx []int32, t *BitLookup) (missed []int32, set int) {
	for _, v := range idx {
		if k := t.Slot[v] - t.Base; k < t.Limit && Bit(t.Mask, int(k)) {
			set++
		} else {
			missed = append(missed, v)
		}
	}
	return missed, set
}

// genSplit returns a lookup table and n indices into it: slots inside the
// window, stale ones below it, ones past it, and windows that wrap around
// zero.
func genSplit(rng *rand.Rand, n int) ([]int32, *BitLookup) {
	limit := uint32(rng.IntN(200))
	t := &BitLookup{
		Slot:  make([]uint32, 1+rng.IntN(300)),
		Base:  pick(rng, 0, 1, rng.Uint32(), math.MaxUint32-uint32(rng.IntN(100))),
		Limit: limit,
		Mask:  make([]uint64, MaskWords(int(limit))+rng.IntN(2)),
	}
	for i := range t.Mask {
		t.Mask[i] = rng.Uint64()
	}
	for i := range t.Slot {
		switch rng.IntN(4) {
		case 0:
			t.Slot[i] = t.Base - 1 - uint32(rng.IntN(1000)) // stale
		case 1:
			t.Slot[i] = t.Base + limit + uint32(rng.IntN(1000)) // past the window
		default:
			t.Slot[i] = t.Base + uint32(rng.IntN(int(limit)+1))
		}
	}
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(rng.IntN(len(t.Slot)))
	}
	return idx, t
}

// checkSplit runs every path and compares it with the oracle.
func checkSplit(t *testing.T, idx []int32, lk *BitLookup) {
	t.Helper()
	want, wantSet := oracleSplit(idx, lk)
	for _, useAsm := range paths() {
		missed := make([]int32, len(idx)+1)
		for i := range missed {
			missed[i] = -7
		}
		n, set := splitByBits(missed, idx, lk, useAsm)
		if !slices.Equal(missed[:n], want) || set != wantSet {
			t.Fatalf("%s, %d entries, base %d limit %d: missed %v set %d, want %v and %d",
				pathName(useAsm), len(idx), lk.Base, lk.Limit, missed[:n], set, want, wantSet)
		}
		if missed[len(idx)] != -7 {
			t.Fatalf("%s: wrote past len(idx)", pathName(useAsm))
		}
	}
}

func TestSplitByBitsMatchesOracle(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 22))
	for round := 0; round < 3000; round++ {
		idx, lk := genSplit(rng, rng.IntN(100))
		checkSplit(t, idx, lk)
	}
}

// TestSplitByBitsByHand pins a small case: slot positions 0 and 65 are set
// in the mask, 3 is clear, 70 is past the limit (its bit is set) and one
// slot is stale.
func TestSplitByBitsByHand(t *testing.T) {
	t.Parallel()
	const base = 1000
	lk := &BitLookup{
		Slot:  []uint32{base + 0, base + 65, base + 3, base + 70, base - 1},
		Base:  base,
		Limit: 70,
		Mask:  []uint64{1, 1<<1 | 1<<6},
	}
	for _, useAsm := range paths() {
		missed := make([]int32, 6)
		n, set := splitByBits(missed, []int32{4, 0, 1, 2, 3, 0}, lk, useAsm)
		if want := []int32{4, 2, 3}; !slices.Equal(missed[:n], want) || set != 3 {
			t.Errorf("%s: missed %v set %d, want %v and 3", pathName(useAsm), missed[:n], set, want)
		}
	}
}

func TestSplitByBitsPanics(t *testing.T) {
	t.Parallel()
	lk := &BitLookup{Slot: make([]uint32, 4), Limit: 64, Mask: make([]uint64, 1)}
	for _, tc := range []struct {
		name   string
		missed int
		idx    []int32
		mask   int
	}{
		{"short missed", 1, []int32{0, 1}, 1},
		{"short mask", 2, []int32{0, 1}, 0},
		{"index past slot", 2, []int32{0, 4}, 1},
		{"negative index", 2, []int32{-1, 0}, 1},
		{"index past slot in a later block", 20, []int32{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 9, 1, 2, 3, 0, 1, 2}, 1},
		{"index past slot in the tail", 20, []int32{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 4, 2}, 1},
	} {
		for _, useAsm := range paths() {
			t.Run(tc.name+"/"+pathName(useAsm), func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Fatal("no panic")
					}
				}()
				l := *lk
				l.Mask = l.Mask[:tc.mask]
				splitByBits(make([]int32, tc.missed), tc.idx, &l, useAsm)
			})
		}
	}
}

// FuzzSplitByBits builds a table and indices from a seed, overwrites the
// first slots with raw fuzzer bytes (4 per slot), and checks every path
// against the oracle.
func FuzzSplitByBits(f *testing.F) {
	f.Add(uint64(1), uint8(0), []byte{})
	f.Add(uint64(2), uint8(40), []byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 0, 0, 0})
	f.Add(uint64(3), uint8(200), []byte("hostile bytes for every slot of the table"))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, raw []byte) {
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		idx, lk := genSplit(rng, int(n))
		for i := 0; i < len(lk.Slot) && len(raw) >= 4; i, raw = i+1, raw[4:] {
			lk.Slot[i] = binary.LittleEndian.Uint32(raw)
		}
		checkSplit(t, idx, lk)
	})
}

// BenchmarkSplitByBits measures the split of one observer's last visible
// set at city density: 21 entries, 2 of them no longer within.
func BenchmarkSplitByBits(b *testing.B) {
	for _, useAsm := range paths() {
		b.Run(pathName(useAsm), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(7, 8))
			lk := &BitLookup{Slot: make([]uint32, 10_000), Base: 5000, Limit: 64, Mask: []uint64{0}}
			idx := make([]int32, 21)
			for i := range idx {
				idx[i] = int32(rng.IntN(len(lk.Slot)))
				lk.Slot[idx[i]] = lk.Base + uint32(i)
				if i >= 2 {
					lk.Mask[0] |= 1 << i
				}
			}
			missed := make([]int32, len(idx))
			b.ReportAllocs()
			total := 0
			for b.Loop() {
				_, set := splitByBits(missed, idx, lk, useAsm)
				total += set
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(idx)), "ns/entry")
			if total == 0 {
				b.Fatal("no bit set")
			}
		})
	}
}
