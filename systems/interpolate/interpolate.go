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
	turns  *turns
}

// New returns the interpolate system.
func New() *System {
	return &System{filter: generic.NewFilter3[ecs.Position, ecs.Rotation, ecs.Motion](), turns: &turns{}}
}

// Name implements ecs.System.
func (s *System) Name() string { return Name }

// Update implements ecs.System. It places every active entity in one pass
// over the query and queues the rotations still turning, which cost most
// and whose three cases (snap, nlerp, slerp) come mixed, so branching on
// them per entity mispredicts; simd.RotateToward turns them in batches as
// the queues fill, and the results are written back. Without the assembly
// (simd.Enabled false) each turn is computed in place instead.
func (s *System) Update(w *ecs.World) {
	cfg := &w.Config
	now := w.Time.Now
	lo, hi := vec3At(&cfg.WorldMin), vec3At(&cfg.WorldMax)
	hold := cfg.InterpolationTime + cfg.ExtrapolationLimit
	var progress progressMemo
	// Batching pays only with the assembly: on the Go path RotateToward is
	// RotateQuat in a loop, and queueing costs more than it saves (city:
	// 37.7 against 30.5 ns an entity), so each turn is computed in place.
	batch := simd.Enabled()
	q := s.filter.Query(&w.ECS)
	for q.Next() {
		pos, rot, mo := q.Get()
		mo.Moved = false
		if !mo.Active {
			continue
		}
		p, t, turning := place(mo, now, cfg.InterpolationTime, cfg.ExtrapolationLimit, &progress)
		p = p.clamp(lo, hi)
		if turning && batch {
			// Moved gets the rotation's part when the turn is written back.
			mo.Moved = p != vec3At(&pos.Vec3)
			s.turns.add(rot, mo, t)
		} else {
			r := orientation(mo, t, turning)
			mo.Moved = p != vec3At(&pos.Vec3) || r != quatAt(&rot.Quat)
			r.store(&rot.Quat)
		}
		p.store(&pos.Vec3)
		if now-mo.Start >= hold {
			mo.Active = false // extrapolated as far as allowed: hold
		}
	}
	s.turns.finish()
}

// Pose is where an entity with motion mo is at time now: on the lerp/slerp
// from From to Target during the interpolation time, then at Target moved on
// by TargetVel for at most extrapolationLimit, then held there.
func Pose(mo *ecs.Motion, now, interpolation, extrapolationLimit time.Duration) (mgl32.Vec3, mgl32.Quat) {
	var progress progressMemo
	p, t, turning := place(mo, now, interpolation, extrapolationLimit, &progress)
	return p.mgl(), orientation(mo, t, turning).mgl()
}

// orientation is the rotation that goes with place's result: t of the way
// from FromRot to TargetRot while turning, otherwise TargetRot.
func orientation(mo *ecs.Motion, t float32, turning bool) quat {
	if !turning {
		return quatAt(&mo.TargetRot)
	}
	return rotate(quatAt(&mo.FromRot), quatAt(&mo.TargetRot), t)
}

// place is Pose's position; during the interpolation time it also reports
// the entity as turning, t of the way from FromRot to TargetRot, and
// otherwise its rotation is TargetRot. progress remembers the last fraction
// of the interpolation time it computed.
func place(mo *ecs.Motion, now, interpolation, extrapolationLimit time.Duration, progress *progressMemo) (p vec3, t float32, turning bool) {
	since := now - mo.Start
	if since < 0 {
		since = 0
	}
	target := vec3At(&mo.Target)
	if since < interpolation {
		t := progress.of(since, interpolation)
		from := vec3At(&mo.From)
		return from.add(target.sub(from).mul(t)), t, true
	}
	extra := since - interpolation
	if extra > extrapolationLimit {
		extra = extrapolationLimit
	}
	return target.add(vec3At(&mo.TargetVel).mul(float32(extra.Seconds()))), 0, false
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
// simd.RotateQuat, which the batch in Update computes bit for bit too. Both
// are unit quaternions (validate-cheat normalises every target), so unlike
// mgl32.QuatSlerp it does not normalise them again before choosing a
// method; large turns go through slerp (mgl32.QuatSlerp with faster acos
// and sincos).
func rotate(a, b quat, t float32) quat {
	return quat(simd.RotateQuat(simd.Quat(a), simd.Quat(b), t))
}
