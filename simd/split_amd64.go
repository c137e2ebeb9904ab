//go:build amd64 && !purego

package simd

// splitByFlagsScalar splits the n entries of idx and returns the counts; it
// stops at an entry outside Map (len(m) = mapLen), leaving it and the rest
// to the Go reference. done is how many entries it finished. limit must be
// at least 1.
//
//go:noescape
func splitByFlagsScalar(missed, idx *int32, n int, m *int32, mapLen int, base int32, limit uint32,
	flags *uint8) (done, nMissed, set int)

// splitByFlagsAsm runs the assembly and returns how many entries it
// finished and their counts.
func splitByFlagsAsm(missed, idx []int32, t *FlagLookup) (done, nMissed, set int) {
	if len(idx) == 0 || t.Limit == 0 || len(t.Map) == 0 {
		return 0, 0, 0
	}
	return splitByFlagsScalar(&missed[0], &idx[0], len(idx), &t.Map[0], len(t.Map), t.Base, t.Limit, &t.Flags[0])
}
