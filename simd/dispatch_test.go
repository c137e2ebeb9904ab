package simd

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDispatch flips the package setting, so it does not run in parallel
// with the tests that call the exported kernels.
func TestDispatch(t *testing.T) {
	prev := Enabled()
	defer SetEnabled(prev)

	if got := SetEnabled(false); got {
		t.Fatal("SetEnabled(false) reported the assembly path in use")
	}
	if Enabled() || Implementation() != "go" {
		t.Fatalf("after SetEnabled(false): Enabled %v, Implementation %q", Enabled(), Implementation())
	}
	on := SetEnabled(true)
	if on != Available() || Enabled() != Available() {
		t.Fatalf("SetEnabled(true) = %v, Enabled %v, Available %v", on, Enabled(), Available())
	}
	want := "go"
	if Available() {
		want = "avx2"
	}
	if Implementation() != want {
		t.Fatalf("Implementation() = %q, want %q", Implementation(), want)
	}

	// The exported kernels follow the setting and agree either way.
	c := newHeaders(100)
	for i := range 100 {
		validHeader(c, i, 9)
	}
	c.Priority[40] = 9
	valid := make([]uint64, 2)
	for _, on := range []bool{true, false} {
		SetEnabled(on)
		if n := ValidateHeaders(c, DefaultHeaderLimits(9), valid); n != 99 || Bit(valid, 40) {
			t.Errorf("enabled=%v: ValidateHeaders = %d, bit 40 = %v", on, n, Bit(valid, 40))
		}
	}
}

func TestMaskWordsAndBit(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ n, want int }{{0, 0}, {1, 1}, {63, 1}, {64, 1}, {65, 2}, {128, 2}, {129, 3}} {
		if got := MaskWords(tt.n); got != tt.want {
			t.Errorf("MaskWords(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
	mask := []uint64{1 << 63, 0b101}
	for i, want := range map[int]bool{0: false, 63: true, 64: true, 65: false, 66: true} {
		if Bit(mask, i) != want {
			t.Errorf("Bit(mask, %d) = %v, want %v", i, !want, want)
		}
	}
}

func TestEnvDisables(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]bool{"": false, "on": false, "avx2": false, "off": true, "OFF": true, " off ": true,
		"0": true, "false": true, "go": true, "offf": false} {
		if got := envDisables(v); got != want {
			t.Errorf("envDisables(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestEnvVarAtStart starts this test binary again with TICKFORGE_SIMD=off
// and checks that the package came up on the Go path.
func TestEnvVarAtStart(t *testing.T) {
	t.Parallel()
	if os.Getenv("SIMD_TEST_CHILD") == "1" {
		fmt.Printf("implementation=%s\n", Implementation())
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEnvVarAtStart$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SIMD_TEST_CHILD=1", EnvVar+"=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "implementation=go\n") {
		t.Fatalf("with %s=off the child reported:\n%s", EnvVar, out)
	}
}
