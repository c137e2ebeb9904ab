package interpolate

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/simd"
)

// TestUpdateMatchesPose checks that Update, which turns rotations in
// batches (sorted by case, flushed every turnChunk, on the assembly and the
// Go path), gives every entity exactly the pose the one-by-one Pose gives,
// bit for bit, and Moved exactly when the pose changed. The turns include
// every case, flipped signs, and hostile targets (zero, NaN, infinite).
func TestUpdateMatchesPose(t *testing.T) {
	defer simd.SetEnabled(simd.Enabled())
	for _, accel := range []bool{false, true} {
		if accel && !simd.Available() {
			continue
		}
		simd.SetEnabled(accel)
		rng := rand.New(rand.NewPCG(31, 7))
		w, entities := scatteredPlayers(t, rng, 3000)
		cfg := &w.Config
		hostile := []float32{0, float32(math.NaN()), float32(math.Inf(1)), 1e30}
		s := New()
		for tick := 0; tick < 10; tick++ {
			w.Time.Now += w.Time.Dt
			type want struct {
				pos   mgl32.Vec3
				rot   mgl32.Quat
				moved bool
			}
			wants := make([]want, len(entities))
			for i, e := range entities {
				mo := w.Motions.Get(e)
				if rng.IntN(2) == 0 {
					mo.From, mo.FromRot = w.Positions.Get(e).Vec3, w.Rotations.Get(e).Quat
					mo.Target = mo.From.Add(mgl32.Vec3{rng.Float32() - 0.5, 0, rng.Float32() - 0.5})
					angle := []float32{0, 1e-3, 0.02, 0.05, 0.3, 2, 3.1}[rng.IntN(7)] * (rng.Float32() + 0.5)
					axis := mgl32.Vec3{rng.Float32() - 0.5, rng.Float32() - 0.5, rng.Float32() - 0.5}.Normalize()
					mo.TargetRot = mgl32.QuatRotate(angle, axis).Mul(mo.FromRot).Normalize()
					if rng.IntN(2) == 0 {
						mo.TargetRot = mo.TargetRot.Scale(-1)
					}
					if rng.IntN(50) == 0 {
						mo.TargetRot.V[rng.IntN(3)] = hostile[rng.IntN(len(hostile))]
					}
					mo.Start = w.Time.Now - time.Duration(rng.IntN(8))*w.Time.Dt
					mo.Active = true
				}
				wt := want{pos: w.Positions.Get(e).Vec3, rot: w.Rotations.Get(e).Quat}
				if mo.Active {
					p, r := Pose(mo, w.Time.Now, cfg.InterpolationTime, cfg.ExtrapolationLimit)
					p = clampToWorld(p, cfg)
					wt.moved = p != wt.pos || r != wt.rot
					wt.pos, wt.rot = p, r
				}
				wants[i] = wt
			}
			s.Update(w)
			for i, e := range entities {
				wt, rot, mo := wants[i], w.Rotations.Get(e).Quat, w.Motions.Get(e)
				if w.Positions.Get(e).Vec3 != wt.pos || !sameQuatBits(rot, wt.rot) || mo.Moved != wt.moved {
					t.Fatalf("simd %v, tick %d, entity %d: pose %v %v moved %v, Pose %v %v moved %v", accel, tick, i,
						w.Positions.Get(e).Vec3, rot, mo.Moved, wt.pos, wt.rot, wt.moved)
				}
			}
		}
	}
}

// sameQuatBits reports whether a and b are equal bit for bit, NaNs included.
func sameQuatBits(a, b mgl32.Quat) bool {
	return math.Float32bits(a.W) == math.Float32bits(b.W) && math.Float32bits(a.V[0]) == math.Float32bits(b.V[0]) &&
		math.Float32bits(a.V[1]) == math.Float32bits(b.V[1]) && math.Float32bits(a.V[2]) == math.Float32bits(b.V[2])
}
