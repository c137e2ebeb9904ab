package simd

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
)

// quatOf and mglOf convert between mgl32.Quat and Quat, for holding the
// scalar operations to their mgl32 namesakes.
func quatOf(q mgl32.Quat) Quat { return Quat{q.W, q.V[0], q.V[1], q.V[2]} }
func mglOf(q Quat) mgl32.Quat  { return mgl32.Quat{W: q.W, V: mgl32.Vec3{q.X, q.Y, q.Z}} }

// TestFloatEqualOneIsExactlyOne backs Quat.normalize's shortcut: with the
// default mgl32.Epsilon, FloatEqual(1, x) holds for x == 1 and nothing else.
func TestFloatEqualOneIsExactlyOne(t *testing.T) {
	t.Parallel()
	if mgl32.Epsilon != 1e-10 {
		t.Fatalf("mgl32.Epsilon = %v; Quat.normalize assumes 1e-10", mgl32.Epsilon)
	}
	xs := []float32{0, -0, 1, math.Nextafter32(1, 0), math.Nextafter32(1, 2), 2, 0.5, math.SmallestNonzeroFloat32,
		math.MaxFloat32, float32(math.Inf(1)), float32(math.NaN()), -1}
	rng := rand.New(rand.NewPCG(2, 9))
	for i := 0; i < 100000; i++ {
		xs = append(xs, 1+(rng.Float32()-0.5)*1e-5, math.Float32frombits(rng.Uint32()))
	}
	for _, x := range xs {
		if got, want := x == 1, mgl32.FloatEqual(1, x); got != want {
			t.Fatalf("x = %v: x == 1 is %v, FloatEqual(1, x) %v", x, got, want)
		}
	}
}

// TestScalarOpsMatchMgl32 holds the scalar operations to their mgl32
// namesakes, bit for bit, on random and edge-case values.
func TestScalarOpsMatchMgl32(t *testing.T) {
	t.Parallel()
	skipIfMgl32Fused(t)
	rng := rand.New(rand.NewPCG(4, 4))
	edges := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 1e-30, 1e30, math.MaxFloat32, float32(math.Inf(1)), float32(math.NaN())}
	pick := func() float32 {
		if rng.IntN(10) == 0 {
			return edges[rng.IntN(len(edges))]
		}
		return (rng.Float32() - 0.5) * 4
	}
	// Bit for bit, except that any NaN matches any NaN: which NaN an
	// operation on two NaNs returns depends on the operand order the
	// compiler picks, in mgl32 as here.
	sameFloat := func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) || a != a && b != b }
	same := func(a, b mgl32.Quat) bool {
		return sameFloat(a.W, b.W) && sameFloat(a.V[0], b.V[0]) && sameFloat(a.V[1], b.V[1]) && sameFloat(a.V[2], b.V[2])
	}
	for i := 0; i < 100000; i++ {
		a := mgl32.Quat{W: pick(), V: mgl32.Vec3{pick(), pick(), pick()}}
		b := mgl32.Quat{W: pick(), V: mgl32.Vec3{pick(), pick(), pick()}}
		c := pick()
		qa, qb := quatOf(a), quatOf(b)
		for _, tc := range []struct {
			name      string
			got, want mgl32.Quat
		}{
			{"normalize", mglOf(qa.normalize()), a.Normalize()},
			{"nlerp", mglOf(qa.add(qb.sub(qa).scale(c)).normalize()), mgl32.QuatNlerp(a, b, c)},
			{"add scale", mglOf(qa.scale(c).add(qb)), a.Scale(c).Add(b)},
		} {
			if !same(tc.got, tc.want) {
				t.Fatalf("%s(%v, %v, %v) = %v, mgl32 %v", tc.name, a, b, c, tc.got, tc.want)
			}
		}
		if got, want := qa.dot(qb), a.Dot(b); math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
			t.Fatalf("dot(%v, %v) = %v, mgl32 %v", a, b, got, want)
		}
	}
}

// TestFlipSignIsScaleByMinusOne holds the masked sign flip to multiplying
// by -1 on every non-NaN value class, and to leaving values alone with an
// empty mask.
func TestFlipSignIsScaleByMinusOne(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(12, 1))
	values := []float32{0, float32(math.Copysign(0, -1)), 1, -1, math.SmallestNonzeroFloat32, math.MaxFloat32,
		float32(math.Inf(1)), float32(math.Inf(-1))}
	for i := 0; i < 100000; i++ {
		if f := math.Float32frombits(rng.Uint32()); f == f {
			values = append(values, f)
		}
	}
	for _, f := range values {
		q := Quat{f, -f, f / 3, 1}
		if got, want := q.flipSign(1<<31), q.scale(-1); got != want || math.Float32bits(got.W) != math.Float32bits(want.W) {
			t.Fatalf("flipSign(%v) = %v, scale(-1) %v", q, got, want)
		}
		if got := q.flipSign(0); math.Float32bits(got.W) != math.Float32bits(q.W) || got != q {
			t.Fatalf("flipSign(%v, 0) = %v", q, got)
		}
	}
}
