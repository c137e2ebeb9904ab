package simd

// splitByFlagsGeneric is the reference of SplitByFlags: it splits the
// entries from start on, continuing the counts nMissed and set of the
// entries before, and returns the final counts. The assembly must agree
// with it exactly.
func splitByFlagsGeneric(missed, idx []int32, t *FlagLookup, start, nMissed, set int) (int, int) {
	m, base, limit, flags := t.Map, t.Base, t.Limit, t.Flags
	missed = missed[:len(idx)]
	for _, v := range idx[start:] {
		if v < 0 || int(v) >= len(m) {
			panic("simd: SplitByFlags: an index is out of range of Map")
		}
		k := uint32(m[v] - base)
		in := b2i(k < limit)
		k *= uint32(in) // a point without flags uses byte 0 and discards it
		bit := 0
		if len(flags) > 0 {
			flags[k] |= FlagSeen
			bit = int(flags[k]&FlagWithin) & in
		}
		set += bit
		missed[nMissed] = v
		nMissed += 1 - bit
	}
	return nMissed, set
}
