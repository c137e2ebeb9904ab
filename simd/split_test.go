package simd

import (
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

// oracleSplit is SplitByFlags written the obvious way, on a copy of the
// flags, which it returns as they end up.
func oracleSplit(idx []int32, t *FlagLookup) (missed []int32, set int, flags []uint8) {
	flags = slices.Clone(t.Flags)
	for _, v := range idx {
		k := uint32(t.Map[v] - t.Base)
		if k >= t.Limit {
			if len(flags) > 0 {
				flags[0] |= FlagSeen
			}
			missed = append(missed, v)
			continue
		}
		flags[k] |= FlagSeen
		if flags[k]&FlagWithin != 0 {
			set++
		} else {
			missed = append(missed, v)
		}
	}
	return missed, set, flags
}

// genSplit returns a lookup table and n indices into it: points inside the
// window, below it, past it, gone (negative), extreme values, windows that
// wrap around, flags with other bits set, and Flags longer than Limit.
func genSplit(rng *rand.Rand, n int) ([]int32, *FlagLookup) {
	limit := uint32(rng.IntN(200))
	t := &FlagLookup{
		Map:   make([]int32, 1+rng.IntN(300)),
		Base:  pick(rng, int32(0), 1, rng.Int32(), -rng.Int32(), 1<<31-1-int32(rng.IntN(100))),
		Limit: limit,
		Flags: make([]uint8, int(limit)+pick(rng, 0, 0, 1, 40)),
	}
	for i := range t.Flags {
		t.Flags[i] = uint8(rng.Uint32())
	}
	for i := range t.Map {
		switch rng.IntN(5) {
		case 0:
			t.Map[i] = t.Base - 1 - int32(rng.IntN(1000))
		case 1:
			t.Map[i] = t.Base + int32(limit) + int32(rng.IntN(1000))
		case 2:
			t.Map[i] = pick(rng, int32(-1), -1<<31, 1<<31-1)
		default:
			t.Map[i] = t.Base + int32(rng.IntN(int(limit)+1))
		}
	}
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(rng.IntN(len(t.Map)))
	}
	return idx, t
}

// checkSplit runs every path and compares it with the oracle.
func checkSplit(t *testing.T, idx []int32, lk *FlagLookup) {
	t.Helper()
	want, wantSet, wantFlags := oracleSplit(idx, lk)
	orig := lk.Flags
	defer func() { lk.Flags = orig }()
	for _, useAsm := range paths() {
		missed := make([]int32, len(idx)+1)
		for i := range missed {
			missed[i] = -7
		}
		lk.Flags = slices.Clone(orig)
		n, set := splitByFlags(missed, idx, lk, useAsm)
		if !slices.Equal(lk.Flags, wantFlags) {
			t.Fatalf("%s, %d entries, base %d limit %d: flags %v, want %v", pathName(useAsm), len(idx), lk.Base, lk.Limit, lk.Flags, wantFlags)
		}
		if !slices.Equal(missed[:n], want) || set != wantSet {
			t.Fatalf("%s, %d entries, base %d limit %d: missed %v set %d, want %v and %d",
				pathName(useAsm), len(idx), lk.Base, lk.Limit, missed[:n], set, want, wantSet)
		}
		if missed[len(idx)] != -7 {
			t.Fatalf("%s: wrote past len(idx)", pathName(useAsm))
		}
	}
}

func TestSplitByFlagsMatchesOracle(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(21, 22))
	for round := 0; round < 3000; round++ {
		idx, lk := genSplit(rng, rng.IntN(100))
		checkSplit(t, idx, lk)
	}
}

// TestSplitByFlagsByHand pins a small case: points 1000 and 1065 have
// FlagWithin, 1003 only FlagOuter, 1070 is past the limit (its byte has
// FlagWithin) and 999 is below the base. The points looked up, and byte 0
// for those without flags, get FlagSeen.
func TestSplitByFlagsByHand(t *testing.T) {
	t.Parallel()
	const base = 1000
	flags := make([]uint8, 74)
	flags[0], flags[65], flags[3], flags[70] = FlagWithin, FlagWithin|FlagOuter, FlagOuter, FlagWithin
	lk := &FlagLookup{Map: []int32{base + 0, base + 65, base + 3, base + 70, base - 1}, Base: base, Limit: 70, Flags: flags}
	for _, useAsm := range paths() {
		missed := make([]int32, 6)
		n, set := splitByFlags(missed, []int32{4, 0, 1, 2, 3, 0}, lk, useAsm)
		if want := []int32{4, 2, 3}; !slices.Equal(missed[:n], want) || set != 3 {
			t.Errorf("%s: missed %v set %d, want %v and 3", pathName(useAsm), missed[:n], set, want)
		}
		const s = FlagSeen
		if flags[0] != FlagWithin|s || flags[3] != FlagOuter|s || flags[65] != FlagWithin|FlagOuter|s || flags[70] != FlagWithin {
			t.Errorf("%s: flags 0, 3, 65, 70 = %#x %#x %#x %#x", pathName(useAsm), flags[0], flags[3], flags[65], flags[70])
		}
		flags[0], flags[3], flags[65] = FlagWithin, FlagOuter, FlagWithin|FlagOuter
	}
}

func TestSplitByFlagsPanics(t *testing.T) {
	t.Parallel()
	lk := &FlagLookup{Map: make([]int32, 4), Limit: 64, Flags: make([]uint8, 64)}
	for _, tc := range []struct {
		name   string
		missed int
		idx    []int32
		flags  int
	}{
		{"short missed", 1, []int32{0, 1}, 64},
		{"limit past flags", 2, []int32{0, 1}, 63},
		{"index past Map", 2, []int32{0, 4}, 64},
		{"negative index", 2, []int32{-1, 0}, 64},
		{"index past Map later on", 20, []int32{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 9, 1, 2, 3, 0, 1, 2}, 64},
		{"index past Map near the end", 20, []int32{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 4, 2}, 64},
	} {
		for _, useAsm := range paths() {
			t.Run(tc.name+"/"+pathName(useAsm), func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Fatal("no panic")
					}
				}()
				l := *lk
				l.Flags = l.Flags[:tc.flags]
				splitByFlags(make([]int32, tc.missed), tc.idx, &l, useAsm)
			})
		}
	}
}

// FuzzSplitByFlags builds a table and indices from a seed, overwrites the
// first points of Map with raw fuzzer bytes (4 per point), and checks every
// path against the oracle.
func FuzzSplitByFlags(f *testing.F) {
	f.Add(uint64(1), uint8(0), []byte{})
	f.Add(uint64(2), uint8(40), []byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 0, 0, 0})
	f.Add(uint64(3), uint8(200), []byte("hostile bytes for every slot of the table"))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, raw []byte) {
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		idx, lk := genSplit(rng, int(n))
		for i := 0; i < len(lk.Map) && len(raw) >= 4; i, raw = i+1, raw[4:] {
			lk.Map[i] = int32(binary.LittleEndian.Uint32(raw))
		}
		checkSplit(t, idx, lk)
	})
}

// BenchmarkSplitByFlags measures the split of one observer's last visible
// set at city density: 21 entries, 2 of them no longer within.
func BenchmarkSplitByFlags(b *testing.B) {
	for _, useAsm := range paths() {
		b.Run(pathName(useAsm), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(7, 8))
			lk := &FlagLookup{Map: make([]int32, 10_000), Base: 5000, Limit: 600, Flags: make([]uint8, 603)}
			idx := make([]int32, 21)
			for i := range idx {
				idx[i] = int32(rng.IntN(len(lk.Map)))
				k := rng.IntN(600)
				lk.Map[idx[i]] = lk.Base + int32(k)
				if i >= 2 {
					lk.Flags[k] = FlagWithin
				}
			}
			missed := make([]int32, len(idx))
			b.ReportAllocs()
			total := 0
			for b.Loop() {
				_, set := splitByFlags(missed, idx, lk, useAsm)
				total += set
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(idx)), "ns/entry")
			if total == 0 {
				b.Fatal("no flag set")
			}
		})
	}
}
