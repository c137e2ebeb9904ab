//go:build amd64 && !purego

package simd

// laneTables holds the lane tables of the AVX2 kernels in one block, so a
// kernel short of registers reaches them through one pointer (prefix sits
// 8192 bytes after pack).
type laneTables struct {
	// pack[m] holds the positions of the set bits of m in ascending order,
	// then zeros: the VPERMD control that left-packs the lanes of mask m.
	pack [256][8]int32
	// prefix[k] enables the first k of 8 dword lanes (all ones), for
	// masked loads and stores.
	prefix [9][8]int32
}

// lanes is the one laneTables.
var lanes = func() (t laneTables) {
	for m := range t.pack {
		k := 0
		for b := 0; b < 8; b++ {
			if m&(1<<b) != 0 {
				t.pack[m][k] = int32(b)
				k++
			}
		}
	}
	for k := range t.prefix {
		for i := 0; i < k; i++ {
			t.prefix[k][i] = -1
		}
	}
	return t
}()
