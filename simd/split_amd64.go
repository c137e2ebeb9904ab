//go:build amd64 && !purego

package simd

// splitByFlagsAVX2 splits the n entries of idx, 8 per step, and returns the
// counts; it stops at a step that holds an entry outside Map (len(m) =
// mapLen), leaving that step and the rest to the Go reference. done is how
// many entries it finished. limit must be at least 1, and flags must have
// limit+3 bytes. lut is lanes.pack, prefix is lanes.prefix.
//
//go:noescape
func splitByFlagsAVX2(missed, idx *int32, n int, m *int32, mapLen int, base int32, limit uint32, flags *uint8,
	lut *[256][8]int32, prefix *[9][8]int32) (done, nMissed, set int)

// splitByFlagsAsm runs the assembly and returns how many entries it
// finished and their counts.
func splitByFlagsAsm(missed, idx []int32, t *FlagLookup) (done, nMissed, set int) {
	if len(idx) == 0 || t.Limit == 0 || len(t.Map) == 0 {
		return 0, 0, 0
	}
	return splitByFlagsAVX2(&missed[0], &idx[0], len(idx), &t.Map[0], len(t.Map), t.Base, t.Limit, &t.Flags[0],
		&lanes.pack, &lanes.prefix)
}
