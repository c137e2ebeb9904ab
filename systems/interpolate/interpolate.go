package interpolate

import (
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/mlange-42/arche/generic"
	"github.com/tickforge/tickforge/ecs"
)

// Name is the system's name in the schedule.
const Name = "interpolate"

// System is the interpolate system.
type System struct {
	filter *generic.Filter3[ecs.Position, ecs.Rotation, ecs.Motion]
}

// New returns the interpolate system.
func New() *System {
	return &System{filter: generic.NewFilter3[ecs.Position, ecs.Rotation, ecs.Motion]()}
}

// Name implements ecs.System.
func (s *System) Name() string { return Name }

// Update implements ecs.System.
func (s *System) Update(w *ecs.World) {
	cfg := &w.Config
	now := w.Time.Now
	q := s.filter.Query(&w.ECS)
	for q.Next() {
		pos, rot, mo := q.Get()
		mo.Moved = false
		if !mo.Active {
			continue
		}
		p, r := Pose(mo, now, cfg.InterpolationTime, cfg.ExtrapolationLimit)
		p = clamp(p, cfg.WorldMin, cfg.WorldMax)
		mo.Moved = p != pos.Vec3 || r != rot.Quat
		pos.Vec3, rot.Quat = p, r
		if now-mo.Start >= cfg.InterpolationTime+cfg.ExtrapolationLimit {
			mo.Active = false // extrapolated as far as allowed: hold
		}
	}
}

// Pose is where an entity with motion mo is at time now: on the lerp/slerp
// from From to Target during the interpolation time, then at Target moved on
// by TargetVel for at most extrapolationLimit, then held there.
func Pose(mo *ecs.Motion, now, interpolation, extrapolationLimit time.Duration) (mgl32.Vec3, mgl32.Quat) {
	since := now - mo.Start
	if since < 0 {
		since = 0
	}
	if since < interpolation {
		t := float32(float64(since) / float64(interpolation))
		p := mo.From.Add(mo.Target.Sub(mo.From).Mul(t))
		return p, turn(mo.FromRot, mo.TargetRot, t)
	}
	extra := since - interpolation
	if extra > extrapolationLimit {
		extra = extrapolationLimit
	}
	return mo.Target.Add(mo.TargetVel.Mul(float32(extra.Seconds()))), mo.TargetRot
}

// sameRotationDot is the |dot| of two unit quaternions above which they are
// treated as one orientation: an angle under about 0.5°, far below what a
// player can see, so a turn that has all but finished stops costing work.
const sameRotationDot = 1 - 1e-5

// nlerpDot is the |dot| above which normalised lerp is used instead of
// slerp; mgl32.QuatSlerp uses the same threshold (an angle under ~3.6°).
const nlerpDot = 0.9995

// turn rotates from a toward b by t ∈ [0, 1) along the shorter arc. Both
// are unit quaternions (validate-cheat normalises every target), so unlike
// mgl32.QuatSlerp it does not normalise them again; large turns still go
// through mgl32.QuatSlerp.
func turn(a, b mgl32.Quat, t float32) mgl32.Quat {
	d := a.Dot(b)
	if d < 0 {
		b, d = b.Scale(-1), -d
	}
	switch {
	case d > sameRotationDot:
		return b
	case d > nlerpDot:
		return a.Scale(1 - t).Add(b.Scale(t)).Normalize()
	default:
		return mgl32.QuatSlerp(a, b, t)
	}
}

func clamp(p, lo, hi mgl32.Vec3) mgl32.Vec3 {
	for a := 0; a < 3; a++ {
		p[a] = min(max(p[a], lo[a]), hi[a])
	}
	return p
}
