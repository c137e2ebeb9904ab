package simd

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestRotateAssemblyConstants holds every constant of rotate_amd64.s to the
// Go value it stands for, bit for bit. The randomized comparisons cannot
// catch a wrong low bit in a polynomial coefficient: it moves a float64
// result by an ulp, which rounding to float32 almost always hides.
func TestRotateAssemblyConstants(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("rotate_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	halfPiDown := math.Nextafter32(float32(math.Pi/2), 0)
	if !(float64(halfPiDown) <= math.Pi/2 && float64(math.Nextafter32(halfPiDown, 2)) > math.Pi/2) {
		t.Fatalf("%v is not the largest float32 ≤ π/2", halfPiDown)
	}
	want32 := map[string]uint32{
		"rotSign": 1 << 31, "rotOne32": math.Float32bits(1), "rotMax32": math.Float32bits(math.MaxFloat32),
		"rotInf32": math.Float32bits(float32(math.Inf(1))), "rotSnap": math.Float32bits(SnapDot),
		"rotNlerp": math.Float32bits(NlerpDot), "rotHalfPiDown": math.Float32bits(halfPiDown),
	}
	want64 := map[string]float64{
		"rotOne64": 1, "rotHalf64": 0.5, "rotTwo64": 2, "rotQuarter64": 0.25, "rotPio2Hi": pio2Hi, "rotPio2Lo": pio2Lo,
		"rotPio4": math.Pi / 4, "rotP03": 0.3, "rotM03": -0.3, "rotP78125": 0.78125, "rotM78125": -0.78125, "rotP28125": 0.28125,
		"rotPS0": pS0, "rotPS1": pS1, "rotPS2": pS2, "rotPS3": pS3, "rotPS4": pS4, "rotPS5": pS5,
		"rotQS1": qS1, "rotQS2": qS2, "rotQS3": qS3, "rotQS4": qS4,
		"rotSin1": sin1, "rotSin2": sin2, "rotSin3": sin3, "rotSin4": sin4, "rotSin5": sin5, "rotSin6": sin6,
		"rotCos1": cos1, "rotCos2": cos2, "rotCos3": cos3, "rotCos4": cos4, "rotCos5": cos5, "rotCos6": cos6,
	}
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^(F32|F64)\((\w+), (0x[0-9a-f]+)\)`).FindAllStringSubmatch(string(src), -1) {
		kind, name := m[1], m[2]
		bits, err := strconv.ParseUint(m[3], 0, 64)
		if err != nil {
			t.Fatal(err)
		}
		seen[name] = true
		switch {
		case name == "rotHiWord":
			if bits != 0xffffffff00000000 {
				t.Errorf("rotHiWord = %#x", bits)
			}
		case kind == "F32":
			if w, ok := want32[name]; !ok || uint32(bits) != w || bits>>32 != 0 {
				t.Errorf("%s = %#x, want %#x (known: %v)", name, bits, w, ok)
			}
		default:
			if w, ok := want64[name]; !ok || bits != math.Float64bits(w) {
				t.Errorf("%s = %#x, want %#x (known: %v)", name, bits, math.Float64bits(w), ok)
			}
		}
	}
	for name := range want32 {
		if !seen[name] {
			t.Errorf("%s not defined", name)
		}
	}
	for name := range want64 {
		if !seen[name] {
			t.Errorf("%s not defined", name)
		}
	}
}
