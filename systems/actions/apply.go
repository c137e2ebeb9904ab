package actions

import (
	"math"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/aoigrid"
	"github.com/tickforge/tickforge/systems/broadcast"
)

// Apply judges and applies one action and returns the verdict. Update calls
// it for each queued action; tests and replay may call it directly.
func (s *System) Apply(w *ecs.World, a *Action) Reject {
	e, ok := w.EntityOf(a.Conn)
	if !ok {
		return RejectUnknownPlayer
	}
	if w.Players.Get(e).UserID != a.Msg.UserID {
		return RejectWrongUser
	}
	m := &a.Msg
	switch m.Kind {
	case wire.ActionMove:
		return s.move(w, e, &m.Move)
	case wire.ActionAttack:
		return s.attack(w, e, m)
	case wire.ActionUseItem:
		if m.UseItem.ItemID == 0 {
			return RejectInvalid
		}
	case wire.ActionInteract:
		if m.Interact.ObjectID == 0 {
			return RejectInvalid
		}
	case wire.ActionCast:
		if r := s.checkCast(w, e, &m.Cast); r != Applied {
			return r
		}
	default:
		return RejectInvalid
	}
	if s.cfg.Validate != nil && !s.cfg.Validate(w, e, m) {
		return RejectInvalid
	}
	return s.relay(e, m)
}

// move sets the player's velocity: the direction scaled to the requested
// speed, capped at the world's MaxPositionDelta.
func (s *System) move(w *ecs.World, e ecs.Entity, mv *wire.Move) Reject {
	dir := mgl32.Vec3(mv.Direction)
	if !finite3(dir) || !finite(mv.Speed) {
		return RejectNonFinite
	}
	speed := min(max(mv.Speed, 0), w.Config.MaxPositionDelta)
	var vel mgl32.Vec3
	if l := length(dir); l > 0 && speed > 0 {
		vel = dir.Mul(speed / l)
	}
	w.Velocities.Get(e).Vec3 = vel
	mo := w.Motions.Get(e)
	mo.TargetVel = vel
	return Applied
}

// attack damages the target if the attacker sees it and it is in range,
// then relays the attack to the attacker's observers.
func (s *System) attack(w *ecs.World, e ecs.Entity, m *wire.PlayerAction) Reject {
	v, ok := s.view(e)
	if !ok {
		return RejectNotReady
	}
	var target ecs.Entity
	found := false
	for _, d := range v.Visible {
		te, uid, _ := s.aoi.EntityAt(d)
		if uid == m.Attack.TargetID && w.ECS.Alive(te) {
			target, found = te, true
			break
		}
	}
	if !found {
		return RejectNotVisible
	}
	from := w.Positions.Get(e).Vec3
	to := w.Positions.Get(target).Vec3
	if length(to.Sub(from)) > s.cfg.AttackRange {
		return RejectOutOfRange
	}
	hp := w.Healths.Get(target)
	if hp.HP <= 0 {
		return RejectTargetDown
	}
	dmg := int32(min(m.Attack.Damage, s.cfg.MaxDamage))
	hp.HP = max(hp.HP-dmg, 0)
	s.stats.Damage += uint64(dmg)
	return s.relay(e, m)
}

// checkCast accepts a cast aimed inside the world within CastRange of the caster.
func (s *System) checkCast(w *ecs.World, e ecs.Entity, c *wire.Cast) Reject {
	p := mgl32.Vec3(c.TargetPos)
	if !finite3(p) {
		return RejectNonFinite
	}
	for i := 0; i < 3; i++ {
		if p[i] < w.Config.WorldMin[i] || p[i] > w.Config.WorldMax[i] {
			return RejectInvalid
		}
	}
	if length(p.Sub(w.Positions.Get(e).Vec3)) > s.cfg.CastRange {
		return RejectOutOfRange
	}
	return Applied
}

// relay sends the action as a reliable event to the actor and every entity
// in the actor's view. AOI visibility is symmetric up to the per-observer
// cap, so the actor's view stands for the set of players that see it.
func (s *System) relay(e ecs.Entity, m *wire.PlayerAction) Reject {
	v, ok := s.view(e)
	if !ok {
		return RejectNotReady
	}
	s.buf = wire.AppendPlayerAction(s.buf[:0], m)
	s.emit(v.Conn)
	for _, d := range v.Visible {
		s.emit(s.aoi.Observer(int(d)).Conn)
	}
	return Applied
}

func (s *System) emit(conn uint32) {
	if s.sink.Send(conn, broadcast.Reliable, wire.PriorityHigh, s.buf) {
		s.stats.Events++
	} else {
		s.stats.Dropped++
	}
}

// view is the actor's AOI view from the last AOI pass.
func (s *System) view(e ecs.Entity) (aoigrid.ObserverView, bool) {
	d, ok := s.aoi.DenseOf(e)
	if !ok {
		return aoigrid.ObserverView{}, false
	}
	return s.aoi.Observer(int(d)), true
}

func finite(f float32) bool { return !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) }

func finite3(v mgl32.Vec3) bool { return finite(v[0]) && finite(v[1]) && finite(v[2]) }

// length is mgl32.Vec3.Len with each square rounded before the sum. Go lets
// the compiler fuse x*y + z into one multiply-add, and it does in mgl32's
// Len for GOAMD64=v3 and arm64 builds, which then judge a range at its border
// differently from other builds and from recordings made by them; the
// explicit conversions forbid that.
func length(v mgl32.Vec3) float32 {
	return float32(math.Sqrt(float64(float32(v[0]*v[0]) + float32(v[1]*v[1]) + float32(v[2]*v[2]))))
}
