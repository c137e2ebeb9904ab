//go:build amd64 && !purego

package simd

// splitByBitsAVX2 splits blocks×8 entries of idx, 8 per step, and returns
// the counts, or bad = 1 as soon as a step holds an entry outside Slot
// (len(slot) = slotLen), leaving that step and the rest to the Go
// reference; done is how many entries it finished. limit must be at least
// 1. lut is packLUT.
//
//go:noescape
func splitByBitsAVX2(missed, idx *int32, blocks int, slot *uint32, slotLen int, base, limit uint32, mask *uint64,
	lut *[256][8]int32) (done, nMissed, set int)

// splitByBitsAsm runs the assembly over the whole 8-entry blocks and
// returns how many entries it finished and their counts.
func splitByBitsAsm(missed, idx []int32, t *BitLookup) (done, nMissed, set int) {
	blocks := len(idx) >> 3
	if blocks == 0 || t.Limit == 0 || len(t.Slot) == 0 {
		return 0, 0, 0
	}
	return splitByBitsAVX2(&missed[0], &idx[0], blocks, &t.Slot[0], len(t.Slot), t.Base, t.Limit, &t.Mask[0], &packLUT)
}
