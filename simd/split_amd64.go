//go:build amd64 && !purego

package simd

// splitByBitsAVX2 splits the n entries of idx, 8 per step, and returns the
// counts; it stops at a step that holds an entry outside Slot (len(slot) =
// slotLen), leaving that step and the rest to the Go reference. done is how
// many entries it finished. limit must be at least 1. lut is packLUT,
// prefix is prefixLanes.
//
//go:noescape
func splitByBitsAVX2(missed, idx *int32, n int, slot *uint32, slotLen int, base, limit uint32, mask *uint64,
	lut *[256][8]int32, prefix *[9][8]int32) (done, nMissed, set int)

// splitByBitsAsm runs the assembly and returns how many entries it
// finished and their counts.
func splitByBitsAsm(missed, idx []int32, t *BitLookup) (done, nMissed, set int) {
	if len(idx) == 0 || t.Limit == 0 || len(t.Slot) == 0 {
		return 0, 0, 0
	}
	return splitByBitsAVX2(&missed[0], &idx[0], len(idx), &t.Slot[0], len(t.Slot), t.Base, t.Limit, &t.Mask[0],
		&packLUT, &prefixLanes)
}

// prefixLanes[k] enables the first k of 8 dword lanes (all ones), for
// masked loads and stores.
var prefixLanes = func() (t [9][8]int32) {
	for k := range t {
		for i := 0; i < k; i++ {
			t[k][i] = -1
		}
	}
	return t
}()
