package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// turnBatch is RotateToward's input.
type turnBatch struct {
	from, to QuatColumns
	t        []float32
}

// add appends one entry.
func (b *turnBatch) add(from, to Quat, t float32) {
	for _, p := range [...]struct {
		c *QuatColumns
		q Quat
	}{{&b.from, from}, {&b.to, to}} {
		p.c.W, p.c.X, p.c.Y, p.c.Z = append(p.c.W, p.q.W), append(p.c.X, p.q.X), append(p.c.Y, p.q.Y), append(p.c.Z, p.q.Z)
	}
	b.t = append(b.t, t)
}

// sameBits reports whether p and q are the same bit for bit, NaNs included.
func sameBits(p, q Quat) bool {
	return math.Float32bits(p.W) == math.Float32bits(q.W) && math.Float32bits(p.X) == math.Float32bits(q.X) &&
		math.Float32bits(p.Y) == math.Float32bits(q.Y) && math.Float32bits(p.Z) == math.Float32bits(q.Z)
}

// sentinel fills the output columns before a kernel runs, so an entry it
// forgets or one it writes past the batch shows up.
const sentinel = float32(-12345.678)

// checkRotate runs RotateToward on every path and compares each entry with
// RotateQuat bit for bit (NaN payloads included: the assembly leaves every
// lane with a NaN to the reference), and the entry past the batch with the
// sentinel.
func checkRotate(t *testing.T, b *turnBatch) {
	t.Helper()
	n := len(b.t)
	for _, useAsm := range paths() {
		var dst QuatColumns
		dst.Resize(n + 1)
		for i := range n + 1 {
			dst.Set(i, Quat{sentinel, sentinel, sentinel, sentinel})
		}
		rotateToward(&dst, &b.from, &b.to, b.t, useAsm)
		for i := range n {
			want := RotateQuat(b.from.At(i), b.to.At(i), b.t[i])
			if got := dst.At(i); !sameBits(got, want) {
				t.Fatalf("%s, n=%d: entry %d RotateToward(%v, %v, %v) = %v, RotateQuat %v", pathName(useAsm), n, i,
					b.from.At(i), b.to.At(i), b.t[i], got, want)
			}
		}
		if got := dst.At(n); got != (Quat{sentinel, sentinel, sentinel, sentinel}) {
			t.Fatalf("%s, n=%d: wrote %v past the batch", pathName(useAsm), n, got)
		}
	}
}

// unitQuat is a uniformly random unit quaternion, normalised in float64.
func unitQuat(rng *rand.Rand) Quat {
	for {
		w, x, y, z := rng.Float64()*2-1, rng.Float64()*2-1, rng.Float64()*2-1, rng.Float64()*2-1
		if l := math.Sqrt(w*w + x*x + y*y + z*z); l > 0.1 && l < 1 {
			return Quat{float32(w / l), float32(x / l), float32(y / l), float32(z / l)}
		}
	}
}

// turnedBy returns a unit quaternion whose dot product with the unit q is
// about cos (in float64): q·cos + p·sin for a random unit p orthogonal to q.
func turnedBy(rng *rand.Rand, q Quat, cos float64) Quat {
	r := unitQuat(rng)
	qw, qx, qy, qz := float64(q.W), float64(q.X), float64(q.Y), float64(q.Z)
	d := qw*float64(r.W) + qx*float64(r.X) + qy*float64(r.Y) + qz*float64(r.Z)
	pw, px, py, pz := float64(r.W)-d*qw, float64(r.X)-d*qx, float64(r.Y)-d*qy, float64(r.Z)-d*qz
	l := math.Sqrt(pw*pw + px*px + py*py + pz*pz)
	sin := math.Sqrt(max(0, 1-cos*cos))
	return Quat{float32(qw*cos + pw/l*sin), float32(qx*cos + px/l*sin), float32(qy*cos + py/l*sin), float32(qz*cos + pz/l*sin)}
}

// turnCosines are dot products of a turn's ends around every threshold and
// over the slerp's range, down to a half turn and beyond (negative: the
// shorter arc flips the target).
var turnCosines = []float64{1, 1 - 1e-6, SnapDot + 1e-7, SnapDot, SnapDot - 1e-7, 0.99995, NlerpDot + 1e-6, NlerpDot,
	NlerpDot - 1e-6, 0.999, 0.99, 0.9, 0.7, 0.5, 0.3, 1e-3, 0, -1e-3, -0.5, -NlerpDot, -0.99999, -1}

// edgeFloats are components and amounts that exercise normalize's and the
// kernels' special cases.
var edgeFloats = []float32{0, float32(math.Copysign(0, -1)), 1, -1, 0.5, 1e-30, -1e-30, 1e30, math.MaxFloat32,
	-math.MaxFloat32, math.SmallestNonzeroFloat32, float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
	math.Float32frombits(0x7fc01234), math.Float32frombits(0xffa00001)}

// turnAmounts are interpolation fractions: the ends, both sides of them,
// and the values of a 60 Hz tick over 100 ms.
var turnAmounts = []float32{0, float32(math.Copysign(0, -1)), 1e-7, 1.0 / 6, 1.0 / 3, 0.5, 2.0 / 3, 5.0 / 6,
	math.Nextafter32(1, 0), 1, 1.5, -0.25, 4}

// genTurns returns n turns: mostly unit quaternions a chosen angle apart
// with t in [0, 1), and where hostile, about one entry in eight with edge
// values in a component or t.
func genTurns(rng *rand.Rand, n int, hostile bool) *turnBatch {
	b := &turnBatch{}
	for range n {
		from := unitQuat(rng)
		var to Quat
		switch rng.IntN(4) {
		case 0:
			to = unitQuat(rng)
		default:
			to = turnedBy(rng, from, turnCosines[rng.IntN(len(turnCosines))])
		}
		t := rng.Float32()
		if rng.IntN(4) == 0 {
			t = turnAmounts[rng.IntN(len(turnAmounts))]
		}
		if hostile && rng.IntN(8) == 0 {
			p := []*float32{&from.W, &from.X, &from.Y, &from.Z, &to.W, &to.X, &to.Y, &to.Z, &t}[rng.IntN(9)]
			*p = edgeFloats[rng.IntN(len(edgeFloats))]
		}
		b.add(from, to, t)
	}
	return b
}

// TestRotateTowardEdgeCases runs single turns built to hit each case and
// boundary of RotateQuat, in a batch of 8 copies (one assembly step) and a
// batch with the turn alone among ordinary ones at every lane position.
func TestRotateTowardEdgeCases(t *testing.T) {
	t.Parallel()
	id := Quat{W: 1}
	half := float32(math.Sqrt(0.5))
	rng := rand.New(rand.NewPCG(61, 62))
	at := func(cos float64) Quat { return turnedBy(rng, id, cos) }
	// A quaternion whose dot product with the identity is exactly the
	// float32 threshold, and the float32s either side of it.
	exactly := func(d float32) Quat { return Quat{d, float32(math.Sqrt(float64(1 - d*d))), 0, 0} }
	snap, nlerp := float32(SnapDot), float32(NlerpDot)
	tests := []struct {
		name     string
		from, to Quat
		t        float32
	}{
		{"identical", id, id, 0.5},
		{"identical, t=0", id, id, 0},
		{"opposite signs, one orientation", id, Quat{W: -1}, 0.5},
		{"half turn", id, Quat{X: 1}, 0.5},
		{"orthogonal, t near 1", id, Quat{Y: 1}, math.Nextafter32(1, 0)},
		{"orthogonal, t=1 (θ just above π/2)", id, Quat{Y: 1}, 1},
		{"dot exactly SnapDot", id, exactly(snap), 0.5},
		{"dot just above SnapDot", id, exactly(math.Nextafter32(snap, 2)), 0.5},
		{"dot just below SnapDot", id, exactly(math.Nextafter32(snap, 0)), 0.5},
		{"dot exactly NlerpDot", id, exactly(nlerp), 0.5},
		{"dot just above NlerpDot", id, exactly(math.Nextafter32(nlerp, 2)), 0.5},
		{"dot just below NlerpDot", id, exactly(math.Nextafter32(nlerp, 0)), 0.5},
		{"dot -NlerpDot", id, exactly(nlerp).flipSign(1 << 31), 0.5},
		{"acos kernel's branch at 0.5", id, exactly(0.5), 0.3},
		{"sincos above π/4", id, Quat{half, 0, half, 0}, 1},
		{"sincos at the cos kernel's 0.3", id, at(math.Cos(0.3)), 1},
		{"sincos at the cos kernel's 0.78125", id, at(math.Cos(0.78125)), 1},
		{"small slerp", id, at(0.999), 0.5},
		{"t = 0", id, at(0.5), 0},
		{"t = -0", id, at(0.5), float32(math.Copysign(0, -1))},
		{"t near 1", id, at(0.5), math.Nextafter32(1, 0)},
		{"t > 1", id, at(0.5), 1.5},
		{"t < 0", id, at(0.5), -0.5},
		{"t NaN", id, at(0.5), float32(math.NaN())},
		{"t +Inf", id, at(0.5), float32(math.Inf(1))},
		{"zero from", Quat{}, at(0.5), 0.5},
		{"zero to", id, Quat{}, 0.5},
		{"both zero", Quat{}, Quat{}, 0.5},
		{"-0 components", Quat{W: float32(math.Copysign(0, -1))}, Quat{X: float32(math.Copysign(0, -1))}, 0.5},
		{"not unit, small", Quat{1e-20, 0, 1e-20, 0}, id, 0.5},
		{"not unit, large", Quat{3e19, 0, 0, 3e19}, Quat{0, 1e19, 0, 0}, 0.5},
		{"infinite from", Quat{float32(math.Inf(1)), 0, 0, 0}, at(0.5), 0.5},
		{"infinite to", id, Quat{0, float32(math.Inf(-1)), 0, 0}, 0.5},
		{"MaxFloat32 to", id, Quat{math.MaxFloat32, 0, 0, 0}, 0.5},
		{"NaN from", Quat{float32(math.NaN()), 0, 0, 0}, id, 0.5},
		{"NaN to", id, Quat{0, 0, float32(math.NaN()), 0}, 0.5},
		{"NaN to with a payload", id, Quat{0, 0, math.Float32frombits(0x7fc01234), 0}, 0.5},
		{"denormal components", Quat{math.SmallestNonzeroFloat32, 0, 0, 0}, Quat{0, math.SmallestNonzeroFloat32, 0, 0}, 0.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := &turnBatch{}
			for range 8 {
				b.add(tc.from, tc.to, tc.t)
			}
			checkRotate(t, b)
			for lane := range 8 {
				b := genTurns(rand.New(rand.NewPCG(uint64(lane), 7)), 16, false)
				b.from.Set(lane+4, tc.from)
				b.to.Set(lane+4, tc.to)
				b.t[lane+4] = tc.t
				checkRotate(t, b)
			}
		})
	}
}

// TestRotateTowardMatchesReference compares every path with RotateQuat over
// random batches of every length up to 70 (whole steps and tails), clean
// and hostile, and a few long ones.
func TestRotateTowardMatchesReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(63, 64))
	for round := range 3000 {
		checkRotate(t, genTurns(rng, round%71, round%2 == 1))
	}
	for _, n := range []int{1000, 4099, 65536} {
		checkRotate(t, genTurns(rng, n, false))
		checkRotate(t, genTurns(rng, n, true))
	}
}

// TestRotateTowardAssemblyFinishesCleanBatches makes sure the assembly does
// the work: on unit quaternions with t in [0, 1) it covers every whole step
// itself, rather than leaving them to the Go reference (which would pass
// every comparison above by doing everything).
func TestRotateTowardAssemblyFinishesCleanBatches(t *testing.T) {
	if !Available() {
		t.Skip("no assembly in this build or on this CPU")
	}
	t.Parallel()
	rng := rand.New(rand.NewPCG(65, 66))
	b := genTurns(rng, 4099, false)
	for i := range b.t {
		if b.t[i] < 0 || b.t[i] >= 1 {
			b.t[i] = 0.5
		}
	}
	var dst QuatColumns
	dst.Resize(len(b.t))
	if done := rotateTowardAsm(&dst, &b.from, &b.to, b.t, 0, len(b.t)); done != 4096 {
		t.Fatalf("the assembly stopped at entry %d of 4099 (%v, %v, %v)", done, b.from.At(done), b.to.At(done), b.t[done])
	}
	// It stops before a step with a NaN result, or with a slerp whose θ is
	// out of the kernels' range, and resumes after it.
	b.to.Set(100, Quat{W: float32(math.NaN())})
	b.from.Set(200, Quat{W: 1})
	b.to.Set(200, Quat{Y: 1})
	b.t[200] = 1.5
	for _, stop := range [][2]int{{0, 96}, {104, 200}, {208, 4096}} {
		if done := rotateTowardAsm(&dst, &b.from, &b.to, b.t, stop[0], len(b.t)); done != stop[1] {
			t.Fatalf("the assembly from entry %d stopped at %d, want %d", stop[0], done, stop[1])
		}
	}
}

// TestRotateTowardInPlace checks that dst may be from or to.
func TestRotateTowardInPlace(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(67, 68))
	for _, useAsm := range paths() {
		for _, intoFrom := range []bool{false, true} {
			b := genTurns(rng, 203, true)
			want := make([]Quat, len(b.t))
			for i := range want {
				want[i] = RotateQuat(b.from.At(i), b.to.At(i), b.t[i])
			}
			dst := &b.to
			if intoFrom {
				dst = &b.from
			}
			rotateToward(dst, &b.from, &b.to, b.t, useAsm)
			for i := range want {
				if got := dst.At(i); !sameBits(got, want[i]) {
					t.Fatalf("%s, into from %v: entry %d = %v, want %v", pathName(useAsm), intoFrom, i, got, want[i])
				}
			}
		}
	}
}

// TestRotateTowardPanicsOnShortColumns checks the length checks.
func TestRotateTowardPanicsOnShortColumns(t *testing.T) {
	t.Parallel()
	b := genTurns(rand.New(rand.NewPCG(69, 70)), 16, false)
	for k := range 12 {
		for _, useAsm := range paths() {
			var dst QuatColumns
			dst.Resize(16)
			cols := []*[]float32{&dst.W, &dst.X, &dst.Y, &dst.Z, &b.from.W, &b.from.X, &b.from.Y, &b.from.Z,
				&b.to.W, &b.to.X, &b.to.Y, &b.to.Z}
			saved := *cols[k]
			*cols[k] = saved[:15]
			panicked := func() (p bool) {
				defer func() { p = recover() != nil }()
				rotateToward(&dst, &b.from, &b.to, b.t, useAsm)
				return false
			}()
			*cols[k] = saved
			if !panicked {
				t.Fatalf("%s: column %d one entry short, no panic", pathName(useAsm), k)
			}
		}
	}
}

// ExampleRotateToward turns two entities a quarter of the way toward their
// targets.
func ExampleRotateToward() {
	s := float32(math.Sqrt(0.5))
	var from, to, dst QuatColumns
	from.Resize(2)
	to.Resize(2)
	dst.Resize(2)
	from.Set(0, Quat{W: 1})
	to.Set(0, Quat{W: s, Y: s}) // a quarter turn about Y
	from.Set(1, Quat{W: 1})
	to.Set(1, Quat{W: -1}) // the same orientation
	RotateToward(&dst, &from, &to, []float32{0.25, 0.25})
	for i := range 2 {
		q := dst.At(i)
		fmt.Printf("%.4f %.4f %.4f %.4f\n", q.W, q.X, q.Y, q.Z)
	}
	// Output:
	// 0.9808 0.0000 0.1951 0.0000
	// 1.0000 -0.0000 -0.0000 -0.0000
}
