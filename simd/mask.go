package simd

// MaskWords returns how many uint64 words a result mask for n entries needs:
// one bit per entry, rounded up to whole words.
func MaskWords(n int) int { return (n + 63) >> 6 }

// Bit reports whether bit i of mask is set, the verdict of entry i.
//
// Panics: if i is negative or past the end of mask.
func Bit(mask []uint64, i int) bool { return mask[i>>6]>>(uint(i)&63)&1 != 0 }

// maskWriter collects verdicts into a mask one word at a time, so kernels
// write each word once. It starts at any entry: bits below start in that
// entry's word are kept (an assembly pass already wrote them).
type maskWriter struct {
	mask []uint64
	word uint64
}

// newMaskWriter returns a writer whose next verdict is entry start.
func newMaskWriter(mask []uint64, start int) maskWriter {
	w := maskWriter{mask: mask}
	if start&63 != 0 {
		w.word = mask[start>>6] & (1<<(uint(start)&63) - 1)
	}
	return w
}

// set records verdict ok for entry i; entries must come in order.
func (w *maskWriter) set(i int, ok bool) {
	if ok {
		w.word |= 1 << (uint(i) & 63)
	}
	if i&63 == 63 {
		w.mask[i>>6] = w.word
		w.word = 0
	}
}

// finish writes the partial last word of a batch of n entries, so bits at n
// and beyond in that word are zero.
func (w *maskWriter) finish(n int) {
	if n&63 != 0 {
		w.mask[n>>6] = w.word
	}
}
