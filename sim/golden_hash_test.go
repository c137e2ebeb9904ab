package sim_test

import "testing"

// goldenSmallArenaHash is the state hash of smallArena after 600 ticks
// from seed 42.
const goldenSmallArenaHash = 0xb35803c9195dc85d

// TestStateHashSameOnEveryBuild holds the simulation to a hash recorded
// once, so that builds that differ in how they compile floating point
// agree: a recording made by a server built for GOAMD64=v3 or for arm64
// must replay in a tool built for v1 (the Makefile's test target runs this
// test for all three). The simulation rounds every product that feeds a
// sum explicitly, because Go lets the compiler fuse x*y + z and does for
// v3 and arm64. If this fails
// after a deliberate change to the simulation, update the constant; if it
// fails on one build only, a float expression there is being fused.
func TestStateHashSameOnEveryBuild(t *testing.T) {
	got, _ := runScenario(t, smallArena, 42, 600)
	if uint64(got) != goldenSmallArenaHash {
		t.Fatalf("state hash %#x, want %#x", uint64(got), uint64(goldenSmallArenaHash))
	}
}
