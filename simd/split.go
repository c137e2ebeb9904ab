package simd

// BitLookup is the table of SplitByBits: entry v's bit is bit
// Slot[v]-Base (uint32 arithmetic, wrapping) of Mask if that position is
// below Limit, and clear otherwise. The AOI grid uses it to ask which
// entities of an observer's last visible set are within reach now: Slot
// maps last tick's index to a position in this tick's candidate block,
// stale entries falling outside [Base, Base+Limit).
type BitLookup struct {
	Slot  []uint32
	Base  uint32
	Limit uint32
	Mask  []uint64
}

// SplitByBits looks up the bit of every entry of idx (see BitLookup),
// writes the entries whose bit is clear to missed, in order, and returns
// how many it wrote and how many bits were set. Entries of missed past the
// count written are overwritten with scratch values. It is branch-free, so
// it costs the same however the bits fall.
//
// Panics: if missed is shorter than idx, Mask is shorter than
// MaskWords(Limit), or an entry of idx is negative or not below len(Slot).
func SplitByBits(missed, idx []int32, t *BitLookup) (nMissed, set int) {
	return splitByBits(missed, idx, t, accelerated.Load())
}

// splitByBits is SplitByBits on the chosen path.
func splitByBits(missed, idx []int32, t *BitLookup, useAsm bool) (nMissed, set int) {
	if len(missed) < len(idx) {
		panic("simd: SplitByBits: missed is shorter than idx")
	}
	if len(t.Mask) < MaskWords(int(t.Limit)) {
		panic("simd: SplitByBits: Mask shorter than MaskWords(Limit)")
	}
	done := 0
	if useAsm {
		done, nMissed, set = splitByBitsAsm(missed, idx, t)
	}
	return splitByBitsGeneric(missed, idx, t, done, nMissed, set)
}

// orZeroWord returns mask, or a single zero word if mask is empty (Limit
// 0): a lookup outside the mask reads bit 0 of a word that must exist.
func orZeroWord(mask []uint64) []uint64 {
	if len(mask) == 0 {
		return zeroWord[:]
	}
	return mask
}

// zeroWord backs orZeroWord; nothing writes it.
var zeroWord [1]uint64
