package interpolate

import (
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/mlange-42/arche/generic"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/simd"
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
	lo, hi := vec3At(&cfg.WorldMin), vec3At(&cfg.WorldMax)
	hold := cfg.InterpolationTime + cfg.ExtrapolationLimit
	var progress progressMemo
	q := s.filter.Query(&w.ECS)
	for q.Next() {
		pos, rot, mo := q.Get()
		mo.Moved = false
		if !mo.Active {
			continue
		}
		p, r := pose(mo, now, cfg.InterpolationTime, cfg.ExtrapolationLimit, &progress)
		p = p.clamp(lo, hi)
		mo.Moved = p != vec3At(&pos.Vec3) || r != quatAt(&rot.Quat)
		p.store(&pos.Vec3)
		r.store(&rot.Quat)
		if now-mo.Start >= hold {
			mo.Active = false // extrapolated as far as allowed: hold
		}
	}
}

// Pose is where an entity with motion mo is at time now: on the lerp/slerp
// from From to Target during the interpolation time, then at Target moved on
// by TargetVel for at most extrapolationLimit, then held there.
func Pose(mo *ecs.Motion, now, interpolation, extrapolationLimit time.Duration) (mgl32.Vec3, mgl32.Quat) {
	var progress progressMemo
	p, r := pose(mo, now, interpolation, extrapolationLimit, &progress)
	return p.mgl(), r.mgl()
}

// pose is Pose on scalar structs; progress remembers the last fraction of
// the interpolation time it computed.
func pose(mo *ecs.Motion, now, interpolation, extrapolationLimit time.Duration, progress *progressMemo) (vec3, quat) {
	since := now - mo.Start
	if since < 0 {
		since = 0
	}
	target := vec3At(&mo.Target)
	if since < interpolation {
		t := progress.of(since, interpolation)
		from := vec3At(&mo.From)
		return from.add(target.sub(from).mul(t)), rotate(quatAt(&mo.FromRot), quatAt(&mo.TargetRot), t)
	}
	extra := since - interpolation
	if extra > extrapolationLimit {
		extra = extrapolationLimit
	}
	return target.add(vec3At(&mo.TargetVel).mul(float32(extra.Seconds()))), quatAt(&mo.TargetRot)
}

// progressMemo is float32(float64(since) / float64(interpolation)) with the
// last result remembered: in a tick most moving entities got an input in
// the same earlier tick, so they share since.
type progressMemo struct {
	since time.Duration
	t     float32
	valid bool
}

func (m *progressMemo) of(since, interpolation time.Duration) float32 {
	if !m.valid || since != m.since {
		m.since, m.t, m.valid = since, float32(float64(since)/float64(interpolation)), true
	}
	return m.t
}

// sameRotationDot and nlerpDot are rotate's thresholds between its cases;
// see simd.SnapDot and simd.NlerpDot.
const (
	sameRotationDot = simd.SnapDot
	nlerpDot        = simd.NlerpDot
)

// rotate turns from a toward b by t ∈ [0, 1) along the shorter arc:
// simd.RotateQuat. Both are unit quaternions (validate-cheat normalises
// every target), so unlike mgl32.QuatSlerp it does not normalise them again
// before choosing a method; large turns go through slerp (mgl32.QuatSlerp
// with faster acos and sincos).
func rotate(a, b quat, t float32) quat {
	return quat(simd.RotateQuat(simd.Quat(a), simd.Quat(b), t))
}
