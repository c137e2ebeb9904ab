//go:build amd64 && !purego

package simd

// laneTables holds the lane tables of the AVX2 kernels in one block, so a
// kernel short of registers reaches them through one pointer (prefix sits
// 8192 bytes after pack, bytes 8480 bytes after it).
type laneTables struct {
	// pack[m] holds the positions of the set bits of m in ascending order,
	// then zeros: the VPERMD control that left-packs the lanes of mask m.
	pack [256][8]int32
	// prefix[k] enables the first k of 8 dword lanes (all ones), for
	// masked loads and stores.
	prefix [9][8]int32
	// bytes[m] has byte i equal to bit i of m: the 8 verdict bits of a
	// step spread to one flag byte per lane.
	bytes [256]uint64
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
	for m := range t.bytes {
		for i := 0; i < 8; i++ {
			t.bytes[m] |= uint64(m>>i&1) << (8 * i)
		}
	}
	return t
}()
