package simd

// Remap replaces every entry v of idx by table[v], or by ^v (the bitwise
// complement, negative for v ≥ 0) where table[v] is negative. The AOI grid
// uses it to carry last tick's visible sets over to this tick's indices:
// table maps last tick's index to this tick's, −1 for entities that are
// gone, and ^v keeps the old index of a gone one so it can still be
// reported as having left.
//
// Panics: if an entry of idx is negative or not below len(table); the
// entries before the first such one may already be replaced.
func Remap(idx, table []int32) {
	remap(idx, table, accelerated.Load())
}

// remap is Remap on the chosen path.
func remap(idx, table []int32, useAsm bool) {
	done := 0
	if useAsm {
		done = remapAsm(idx, table)
	}
	remapGeneric(idx[done:], table)
}
