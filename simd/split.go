package simd

// FlagLookup is the table of SplitByFlags: entry v stands for the point
// Map[v], whose flags byte is Flags[Map[v]-Base] if that index (as an
// unsigned number) is below Limit; otherwise the point has no flags. The
// AOI grid uses it to ask which entities of an observer's last visible set
// are within the enter radius now: Map takes last tick's index to this
// tick's (negative for gone), and Flags is what SelectWithin wrote for the
// rows of the observer's neighbourhood.
type FlagLookup struct {
	Map   []int32
	Base  int32
	Limit uint32
	Flags []uint8
}

// SplitByFlags looks up every entry of idx (see FlagLookup), writes the
// entries whose point lacks FlagWithin to missed, in order, and returns how
// many it wrote and how many have it. It sets FlagSeen on the flags of
// every point it looks up, and on Flags[0] for each entry whose point has
// no flags (a caller that keeps Flags[0] for no point loses nothing), so a
// caller can tell afterwards which points idx held. Entries of missed past
// the count written are overwritten with scratch values. It is branch-free
// per entry, so it costs the same however the flags fall.
//
// Panics: if missed is shorter than idx, Limit exceeds len(Flags), or an
// entry of idx is negative or not below len(Map).
func SplitByFlags(missed, idx []int32, t *FlagLookup) (nMissed, set int) {
	return splitByFlags(missed, idx, t, accelerated.Load())
}

// splitByFlags is SplitByFlags on the chosen path.
func splitByFlags(missed, idx []int32, t *FlagLookup, useAsm bool) (nMissed, set int) {
	if len(missed) < len(idx) {
		panic("simd: SplitByFlags: missed is shorter than idx")
	}
	if uint64(t.Limit) > uint64(len(t.Flags)) {
		panic("simd: SplitByFlags: Limit exceeds len(Flags)")
	}
	done := 0
	if useAsm {
		if done, nMissed, set = splitByFlagsAsm(missed, idx, t); done == len(idx) {
			return nMissed, set
		}
	}
	return splitByFlagsGeneric(missed, idx, t, done, nMissed, set)
}
