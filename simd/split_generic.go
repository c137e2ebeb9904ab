package simd

// splitByBitsGeneric is the reference of SplitByBits: it splits the
// entries from start on, continuing the counts nMissed and set of the
// entries before, and returns the final counts. The assembly must agree
// with it exactly.
func splitByBitsGeneric(missed, idx []int32, t *BitLookup, start, nMissed, set int) (int, int) {
	slot, base, limit, mask := t.Slot, t.Base, t.Limit, orZeroWord(t.Mask)
	missed = missed[:len(idx)]
	for _, v := range idx[start:] {
		if v < 0 || int(v) >= len(slot) {
			panic("simd: SplitByBits: an index is out of range of Slot")
		}
		k := slot[v] - base
		in := b2i(k < limit)
		k *= uint32(in) // a position outside the mask reads bit 0 and discards it
		bit := b2i(mask[k>>6]&(1<<(k&63)) != 0) & in
		set += bit
		missed[nMissed] = v
		nMissed += 1 - bit
	}
	return nMissed, set
}
