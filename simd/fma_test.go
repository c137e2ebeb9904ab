package simd

import (
	"runtime/debug"
	"testing"
)

// TestBuildFusesMultiplyAdd checks the probe against the build it runs in:
// on amd64 the compiler fuses exactly when GOAMD64 is v3 or above (the
// Makefile's test target runs the suite both ways).
func TestBuildFusesMultiplyAdd(t *testing.T) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Skip("no build information in this binary")
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if settings["GOARCH"] != "amd64" {
		t.Skipf("GOARCH %s: which levels fuse is only pinned down here for amd64", settings["GOARCH"])
	}
	level := settings["GOAMD64"]
	want := level != "" && level != "v1" && level != "v2"
	if got := BuildFusesMultiplyAdd(); got != want {
		t.Fatalf("GOAMD64=%s: BuildFusesMultiplyAdd() = %v, want %v", level, got, want)
	}
}

// skipIfMgl32Fused skips a test that holds tickforge's maths to mgl32's bit
// for bit when this build fuses multiply-adds: mgl32 then rounds its sums
// of products once where tickforge rounds twice, and the last bits differ.
func skipIfMgl32Fused(t *testing.T) {
	t.Helper()
	if BuildFusesMultiplyAdd() {
		t.Skip("this build fuses multiply-adds (GOAMD64=v3 and above, arm64): mgl32's results differ from tickforge's in the last bit")
	}
}
