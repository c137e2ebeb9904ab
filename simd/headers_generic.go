package simd

// flagOK[f] says whether flag byte f is legal: no reserved bit and no
// illegal pair. Built once from illegalFlagPairs.
var flagOK = func() (t [256]bool) {
	for f := range t {
		t[f] = f&flagReserved == 0
		for _, p := range illegalFlagPairs {
			if uint8(f)&p == p {
				t[f] = false
			}
		}
	}
	return t
}()

// validateHeadersGeneric is the reference: it writes the verdicts of headers
// start..n-1 into valid (keeping lower bits of start's word) and returns how
// many passed. The assembly must agree with it bit for bit.
func validateHeadersGeneric(c *HeaderColumns, r *headerRule, valid []uint64, start, n int) int {
	lens, seqs, exps := c.Len[:n], c.Seq[:n], c.ExpectedSeq[:n]
	flags, prios, stamps := c.Flags[:n], c.Priority[:n], c.Timestamp[:n]
	w := newMaskWriter(valid, start)
	count := 0
	for i := start; i < n; i++ {
		l, f := lens[i], flags[i]
		ok := l >= r.minLen && l <= r.maxLen &&
			(l <= r.maxPlainLen || f&flagFRAG != 0) &&
			flagOK[f] && prios[i] <= maxPriority &&
			seqs[i]-exps[i]+r.seqBias <= r.seqSpan &&
			stamps[i]+r.tsBias <= r.tsSpan
		if ok {
			count++
		}
		w.set(i, ok)
	}
	w.finish(n)
	return count
}
