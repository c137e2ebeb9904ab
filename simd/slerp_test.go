package simd

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// randomUnitQuat is a uniformly random orientation.
func randomUnitQuat(rng *rand.Rand) mgl32.Quat {
	for {
		q := mgl32.Quat{W: rng.Float32()*2 - 1, V: mgl32.Vec3{rng.Float32()*2 - 1, rng.Float32()*2 - 1, rng.Float32()*2 - 1}}
		if l := q.Len(); l > 0.1 && l < 1 {
			return q.Normalize()
		}
	}
}

// TestSlerpMatchesMgl32 holds slerp to mgl32.QuatSlerp: within 1e-6 on every
// component, and bit-identical for nearly all inputs, over random pairs, pairs
// a given angle apart (from the nlerp threshold to a half turn), and the ends
// of t.
func TestSlerpMatchesMgl32(t *testing.T) {
	t.Parallel()
	skipIfMgl32Fused(t)
	rng := rand.New(rand.NewPCG(11, 3))
	angles := []float64{0.0317, 0.04, 0.1, 0.5, 1, 2, math.Pi / 2, 3, 3.1, math.Pi - 1e-3, math.Pi}
	fracs := []float32{0, 1e-7, 0.01, 1.0 / 6, 0.25, 0.5, 0.75, 0.999999}
	var cases, identical int
	check := func(a, b mgl32.Quat, frac float32) {
		t.Helper()
		cases++
		want := mgl32.QuatSlerp(a, b, frac)
		got := mglOf(slerp(quatOf(a), quatOf(b), frac))
		if got == want {
			identical++
			return
		}
		diff := max(abs(got.W-want.W), abs(got.V[0]-want.V[0]), abs(got.V[1]-want.V[1]), abs(got.V[2]-want.V[2]))
		if diff > 1e-6 {
			t.Fatalf("slerp(%v, %v, %v) = %v, mgl32 %v (diff %g)", a, b, frac, got, want, diff)
		}
	}
	for i := 0; i < 20000; i++ {
		a, b := randomUnitQuat(rng), randomUnitQuat(rng)
		check(a, b, rng.Float32())
		check(a, b, fracs[rng.IntN(len(fracs))])
		axis := mgl32.Vec3{rng.Float32() - 0.5, rng.Float32() - 0.5, rng.Float32() - 0.5}.Normalize()
		angle := angles[rng.IntN(len(angles))]
		rot := mgl32.QuatRotate(float32(angle), axis)
		check(a, rot.Mul(a).Normalize(), fracs[rng.IntN(len(fracs))])
	}
	// Exactly the nlerp threshold, and orthogonal (d = 0) quaternions.
	check(mgl32.QuatIdent(), mgl32.Quat{W: NlerpDot, V: mgl32.Vec3{float32(math.Sqrt(1 - NlerpDot*NlerpDot)), 0, 0}}, 0.5)
	check(mgl32.QuatIdent(), mgl32.Quat{V: mgl32.Vec3{0, 1, 0}}, 0.5)
	check(mgl32.QuatIdent(), mgl32.Quat{V: mgl32.Vec3{0, 1, 0}}, 0.999999)
	t.Logf("%d of %d cases bit-identical to mgl32", identical, cases)
	if cases < 40000 || identical < cases*999/1000 {
		t.Fatalf("%d of %d cases bit-identical to mgl32, want at least 99.9%%", identical, cases)
	}
}

// TestKernelsMatchPackageMath holds acosUnit and sincosQuarter to package
// math on their ranges, their ends, and outside them (the fallbacks).
func TestKernelsMatchPackageMath(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 8))
	xs := []float64{0, 1e-300, 1e-9, 0.3, 0.5 - 1e-16, 0.5, 0.78125, math.Pi / 4, 0.9995, 1 - 1e-16, 1, math.Pi / 2,
		-0.5, 1.5, 4, math.NaN(), math.Inf(1)}
	for i := 0; i < 100000; i++ {
		xs = append(xs, rng.Float64()*math.Pi/2)
	}
	// Package math's Acos loses a few bits near 1 (to 2e-14 relative), so
	// the tolerance is absolute.
	close := func(got, want float64) bool {
		return got == want || math.Abs(got-want) <= 2e-15*math.Max(1, math.Abs(want)) || (math.IsNaN(got) && math.IsNaN(want))
	}
	for _, x := range xs {
		if x <= 1 || math.IsNaN(x) || x > math.Pi/2 {
			if got, want := acosUnit(x), math.Acos(x); !close(got, want) {
				t.Fatalf("acosUnit(%v) = %v, math.Acos %v", x, got, want)
			}
		}
		gs, gc := sincosQuarter(x)
		ws, wc := math.Sincos(x)
		if !close(gs, ws) || !close(gc, wc) {
			t.Fatalf("sincosQuarter(%v) = %v, %v; math.Sincos %v, %v", x, gs, gc, ws, wc)
		}
	}
}

func abs(f float32) float32 { return float32(math.Abs(float64(f))) }
