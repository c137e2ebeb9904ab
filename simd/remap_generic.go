package simd

// remapGeneric is the reference of Remap. Branch-free per entry.
func remapGeneric(idx, table []int32) {
	for k, v := range idx {
		d := table[v]
		gone := d >> 31 // all ones if d < 0
		idx[k] = d ^ (gone & (d ^ ^v))
	}
}
