package interpolate

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/simd/simdtest"
)

// referencePose is Pose as it was written on mgl32 types before the scalar
// rewrite; the system must keep computing the same poses.
func referencePose(mo *ecs.Motion, now, interpolation, extrapolationLimit time.Duration) (mgl32.Vec3, mgl32.Quat) {
	since := max(now-mo.Start, 0)
	if since < interpolation {
		t := float32(float64(since) / float64(interpolation))
		p := mo.From.Add(mo.Target.Sub(mo.From).Mul(t))
		a, b := mo.FromRot, mo.TargetRot
		d := a.Dot(b)
		if d < 0 {
			b, d = b.Scale(-1), -d
		}
		switch {
		case d > sameRotationDot:
			return p, b
		case d > nlerpDot:
			return p, a.Scale(1 - t).Add(b.Scale(t)).Normalize()
		default:
			return p, mgl32.QuatSlerp(a, b, t)
		}
	}
	extra := min(since-interpolation, extrapolationLimit)
	return mo.Target.Add(mo.TargetVel.Mul(float32(extra.Seconds()))), mo.TargetRot
}

// clampToWorld limits each axis of p to the world bounds of cfg, with Go's
// min and max, as the reference did.
func clampToWorld(p mgl32.Vec3, cfg *ecs.Config) mgl32.Vec3 {
	for a := 0; a < 3; a++ {
		p[a] = min(max(p[a], cfg.WorldMin[a]), cfg.WorldMax[a])
	}
	return p
}

// scatteredPlayers returns a world at 10 s with n players spawned at
// random points of a 1000×1000 square, and their entities in spawn order.
func scatteredPlayers(t *testing.T, rng *rand.Rand, n int) (*ecs.World, []ecs.Entity) {
	t.Helper()
	w, err := ecs.NewWorld(ecs.DefaultConfig(), n)
	if err != nil {
		t.Fatal(err)
	}
	w.Time.Now = 10 * time.Second
	entities := make([]ecs.Entity, 0, n)
	for i := 0; i < n; i++ {
		e, _ := w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), Position: mgl32.Vec3{rng.Float32() * 1000, 0, rng.Float32() * 1000}})
		entities = append(entities, e)
	}
	return w, entities
}

// TestUpdateMatchesReference runs Update over random motions in every state
// (before start, interpolating with small, medium and large turns,
// extrapolating, holding, out of the world) and checks each pose, Moved and
// Active against the mgl32 reference: positions bit for bit, rotations within
// 1e-6 (slerp's kernels may differ from package math by a float32 ulp).
func TestUpdateMatchesReference(t *testing.T) {
	simdtest.SkipIfMgl32Fused(t)
	rng := rand.New(rand.NewPCG(21, 5))
	w, entities := scatteredPlayers(t, rng, 2000)
	cfg := &w.Config
	type want struct {
		pos          mgl32.Vec3
		rot          mgl32.Quat
		moved, activ bool
	}
	s := New()
	var rotations, identical int
	for tick := 0; tick < 30; tick++ {
		w.Time.Now += w.Time.Dt
		wants := make([]want, len(entities))
		for i, e := range entities {
			mo := w.Motions.Get(e)
			if rng.IntN(3) == 0 { // a fresh input, as validate-cheat would commit it
				mo.From, mo.FromRot = w.Positions.Get(e).Vec3, w.Rotations.Get(e).Quat
				step := mgl32.Vec3{(rng.Float32() - 0.5) * 4, 0, (rng.Float32() - 0.5) * 4}
				if rng.IntN(20) == 0 {
					step = step.Mul(1000) // leaves the world: clamped
				}
				mo.Target = mo.From.Add(step)
				angle := []float32{0, 1e-3, 0.02, 0.05, 0.3, 2, 3.1}[rng.IntN(7)] * (rng.Float32() + 0.5)
				turnBy := mgl32.QuatRotate(angle, mgl32.Vec3{rng.Float32() - 0.5, rng.Float32() - 0.5, rng.Float32() - 0.5}.Normalize())
				mo.TargetRot = turnBy.Mul(mo.FromRot).Normalize()
				if rng.IntN(2) == 0 {
					mo.TargetRot = mo.TargetRot.Scale(-1)
				}
				mo.TargetVel = mgl32.Vec3{(rng.Float32() - 0.5) * 200, 0, (rng.Float32() - 0.5) * 200}
				mo.Start = w.Time.Now - time.Duration(rng.IntN(4))*w.Time.Dt + time.Duration(rng.IntN(3)-1)*time.Millisecond
				mo.Active = true
			}
			wt := want{pos: w.Positions.Get(e).Vec3, rot: w.Rotations.Get(e).Quat, activ: mo.Active}
			if mo.Active {
				p, r := referencePose(mo, w.Time.Now, cfg.InterpolationTime, cfg.ExtrapolationLimit)
				p = clampToWorld(p, cfg)
				wt.moved = p != wt.pos || r != wt.rot
				wt.pos, wt.rot = p, r
				wt.activ = w.Time.Now-mo.Start < cfg.InterpolationTime+cfg.ExtrapolationLimit
			}
			wants[i] = wt
		}
		s.Update(w)
		for i, e := range entities {
			wt := wants[i]
			pos, rot, mo := w.Positions.Get(e).Vec3, w.Rotations.Get(e).Quat, w.Motions.Get(e)
			if pos != wt.pos || mo.Active != wt.activ {
				t.Fatalf("tick %d entity %d: pos %v active %v, reference %v %v", tick, i, pos, mo.Active, wt.pos, wt.activ)
			}
			rotations++
			if rot == wt.rot {
				identical++
			} else if !rot.ApproxEqualThreshold(wt.rot, 1e-6) {
				t.Fatalf("tick %d entity %d: rotation %v, reference %v", tick, i, rot, wt.rot)
			}
			if mo.Moved != wt.moved && rot == wt.rot {
				t.Fatalf("tick %d entity %d: moved %v, reference %v", tick, i, mo.Moved, wt.moved)
			}
		}
	}
	t.Logf("%d of %d rotations bit-identical to the reference", identical, rotations)
	if identical < rotations*999/1000 {
		t.Fatalf("only %d of %d rotations bit-identical", identical, rotations)
	}
}
