package validatecheat

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/simd/simdtest"
)

// TestTargetRotationMatchesMgl32 holds targetRotation to mgl32's Normalize
// followed by the finite, length > 0.5 test, bit for bit where usable, on
// random quaternions, lengths within an ulp of 1 or near the ends of the
// fast path, and hostile values.
func TestTargetRotationMatchesMgl32(t *testing.T) {
	simdtest.SkipIfMgl32Fused(t)
	if mgl32.Epsilon != 1e-10 {
		t.Fatalf("mgl32.Epsilon = %v; targetRotation assumes 1e-10", mgl32.Epsilon)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	edges := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 1e-30, 1e30, math.MaxFloat32, math.SmallestNonzeroFloat32,
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), math.Nextafter32(1, 2), math.Nextafter32(1, 0)}
	pick := func() float32 {
		switch rng.IntN(12) {
		case 0:
			return edges[rng.IntN(len(edges))]
		case 1:
			return math.Float32frombits(rng.Uint32())
		}
		return (rng.Float32() - 0.5) * 3
	}
	for i := 0; i < 200000; i++ {
		q := mgl32.Quat{W: pick(), V: mgl32.Vec3{pick(), pick(), pick()}}
		if i%7 == 1 { // squared length near the ends of the fast path's range
			q = q.Normalize().Scale(float32(math.Exp2(float64(rng.IntN(24)-12) / 2)))
		}
		if i%3 == 0 { // length within a few ulps of 1
			q = q.Normalize()
			q.W = math.Nextafter32(q.W, float32(rng.IntN(3)-1))
		}
		want := q.Normalize()
		wantOK := finite(want.W) && finite(want.V[0]) && finite(want.V[1]) && finite(want.V[2]) && want.Len() > 0.5
		w, x, y, z, ok := targetRotation(q.W, q.V[0], q.V[1], q.V[2])
		// An unusable rotation is discarded, so only its verdict counts.
		if ok != wantOK || ok && !sameBits([]float32{w, x, y, z}, []float32{want.W, want.V[0], want.V[1], want.V[2]}) {
			t.Fatalf("targetRotation(%v) = %v %v %v %v %v, mgl32 %v %v", q, w, x, y, z, ok, want, wantOK)
		}
	}
}

// TestClampVelocityMatchesMgl32 holds clampVelocity to mgl32's Len and Mul.
func TestClampVelocityMatchesMgl32(t *testing.T) {
	simdtest.SkipIfMgl32Fused(t)
	rng := rand.New(rand.NewPCG(8, 1))
	const limit = 100
	for i := 0; i < 100000; i++ {
		v := mgl32.Vec3{(rng.Float32() - 0.5) * 400, (rng.Float32() - 0.5) * 10, (rng.Float32() - 0.5) * 400}
		switch rng.IntN(10) {
		case 0:
			v[rng.IntN(3)] = float32(math.NaN())
		case 1:
			v[rng.IntN(3)] = float32(math.Inf(rng.IntN(2)*2 - 1))
		case 2:
			v = v.Normalize().Mul(limit)
		}
		want := v
		switch {
		case !finite(v[0]) || !finite(v[1]) || !finite(v[2]):
			want = mgl32.Vec3{}
		case v.Len() > limit:
			want = v.Mul(limit / v.Len())
		}
		x, y, z := clampVelocity(v[0], v[1], v[2], limit)
		if !sameBits([]float32{x, y, z}, want[:]) {
			t.Fatalf("clampVelocity(%v) = %v %v %v, want %v", v, x, y, z, want)
		}
	}
}

// TestSecondsMemo checks the memo against Duration.Seconds across changes
// of span, including zero and negative spans.
func TestSecondsMemo(t *testing.T) {
	var m secondsMemo
	for _, d := range []time.Duration{0, time.Second / 60, time.Second / 60, 0, time.Second / 60, -time.Millisecond,
		time.Hour, 1, 0, 1, 3 * time.Second / 60} {
		if got, want := m.of(d), float32(d.Seconds()); got != want {
			t.Fatalf("of(%v) = %v, want %v", d, got, want)
		}
	}
}

// TestHalfLengthSquared checks the threshold against the square root it
// replaces on the floats around it and on random ones.
func TestHalfLengthSquared(t *testing.T) {
	longer := func(s float32) bool { return float32(math.Sqrt(float64(s))) > 0.5 }
	if longer(halfLengthSquared) || !longer(math.Nextafter32(halfLengthSquared, 1)) {
		t.Fatalf("threshold %v is not the last square length of at most one half", float32(halfLengthSquared))
	}
	rng := rand.New(rand.NewPCG(6, 6))
	bits := math.Float32bits(halfLengthSquared)
	for i := 0; i < 200000; i++ {
		s := math.Float32frombits(bits - 100000 + uint32(i))
		if i >= 100000 {
			s = math.Float32frombits(rng.Uint32() &^ (1 << 31))
		}
		if longer(s) != (s > halfLengthSquared) {
			t.Fatalf("s = %v: sqrt says %v, threshold %v", s, longer(s), s > halfLengthSquared)
		}
	}
}
