package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// oracleRemap is Remap written from its documentation.
func oracleRemap(idx, table []int32) []int32 {
	out := make([]int32, len(idx))
	for k, v := range idx {
		if table[v] >= 0 {
			out[k] = table[v]
		} else {
			out[k] = ^v
		}
	}
	return out
}

// genRemap returns n entries into a table of m, about a fifth of whose
// entries are negative (−1 or another negative value).
func genRemap(rng *rand.Rand, n, m int) (idx, table []int32) {
	table = make([]int32, m)
	for i := range table {
		switch rng.IntN(10) {
		case 0:
			table[i] = -1
		case 1:
			table[i] = math.MinInt32 + int32(rng.IntN(3))
		default:
			table[i] = int32(rng.IntN(1 << 20))
		}
	}
	idx = make([]int32, n)
	for k := range idx {
		idx[k] = int32(rng.IntN(m))
	}
	return idx, table
}

// checkRemap compares every path with the oracle; entries out of range
// must panic on every path.
func checkRemap(t *testing.T, idx, table []int32) {
	t.Helper()
	bad := slices.IndexFunc(idx, func(v int32) bool { return v < 0 || int(v) >= len(table) })
	var want []int32
	if bad < 0 {
		want = oracleRemap(idx, table)
	}
	for _, useAsm := range paths() {
		got := slices.Clone(idx)
		panicked := func() (p bool) {
			defer func() { p = recover() != nil }()
			remap(got, table, useAsm)
			return false
		}()
		switch {
		case bad >= 0 && !panicked:
			t.Fatalf("%s: entry %d (%d) is outside a table of %d, no panic", pathName(useAsm), bad, idx[bad], len(table))
		case bad < 0 && panicked:
			t.Fatalf("%s: panicked on entries all in range", pathName(useAsm))
		case bad < 0 && !slices.Equal(got, want):
			t.Fatalf("%s: idx %v table %v: got %v, want %v", pathName(useAsm), idx, table, got, want)
		}
	}
}

func TestRemapMatchesOracle(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(51, 52))
	for round := 0; round < 2000; round++ {
		idx, table := genRemap(rng, rng.IntN(70), 1+rng.IntN(300))
		if round%7 == 0 && len(idx) > 0 { // one entry out of range
			idx[rng.IntN(len(idx))] = []int32{-1, math.MinInt32, int32(len(table)), math.MaxInt32}[rng.IntN(4)]
		}
		checkRemap(t, idx, table)
	}
}

// TestRemapByHand pins the rule on a case a reader can follow.
func TestRemapByHand(t *testing.T) {
	t.Parallel()
	table := []int32{5, -1, 7, 0}
	for _, useAsm := range paths() {
		idx := []int32{0, 1, 2, 3, 1, 0, 3, 2, 2, 1} // more than one step of 8
		remap(idx, table, useAsm)
		want := []int32{5, ^1, 7, 0, ^1, 5, 0, 7, 7, ^1}
		if !slices.Equal(idx, want) {
			t.Errorf("%s: got %v, want %v", pathName(useAsm), idx, want)
		}
	}
}

// FuzzRemap fills idx and table from raw fuzzer bytes (4 bytes an entry;
// the first byte splits them) and checks every path against the oracle.
func FuzzRemap(f *testing.F) {
	f.Add([]byte{8, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte("an index table built from hostile bytes, all of them"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) == 0 {
			return
		}
		var words []int32
		for r := raw[1:]; len(r) >= 4; r = r[4:] {
			words = append(words, int32(binary.LittleEndian.Uint32(r)))
		}
		split := int(raw[0]) % (len(words) + 1)
		table, idx := words[:split], words[split:]
		if len(table) > 0 {
			for k := range idx { // mostly in range, so the kernel has work
				if idx[k] > 0 && raw[0]&1 == 0 {
					idx[k] %= int32(len(table))
				}
			}
		}
		checkRemap(t, idx, table)
	})
}

func BenchmarkRemap(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	orig, table := genRemap(rng, 212_000, 10_000)
	idx := make([]int32, len(orig))
	for _, useAsm := range paths() {
		b.Run(pathName(useAsm), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				copy(idx, orig)
				remap(idx, table, useAsm)
			}
		})
	}
}
