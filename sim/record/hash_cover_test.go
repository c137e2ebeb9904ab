package record

import (
	"math"
	"testing"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim/scenario"
)

// flipF flips bit b of f's IEEE bits.
func flipF(f *float32, b uint) { *f = math.Float32frombits(math.Float32bits(*f) ^ 1<<b) }

// hashParts are one entity's components, as the state hash reads them.
type hashParts struct {
	pos  *ecs.Position
	rot  *ecs.Rotation
	vel  *ecs.Velocity
	pl   *ecs.Player
	in   *ecs.InputState
	mo   *ecs.Motion
	hp   *ecs.Health
	cell *ecs.AOICell
}

// TestStateHashCoversEveryField changes one field of one entity of a
// running world at a time, in its lowest and its highest bit, and checks
// that the state hash changes — for every component field except
// Motion.Moved, which must leave it unchanged. The hash reads components
// as raw words, so this is what shows no field (and no half of a word) is
// missed.
func TestStateHashCoversEveryField(t *testing.T) {
	spec := scenario.Spec{Name: "cover", Players: 40, WorldSize: 300, CheatRate: 0.05}
	p := newPipeline(t, spec)
	gen := scenario.NewGenerator(spec, p.World.Config, 3)
	gen.Connect(p.Push)
	for i := 0; i < 30; i++ {
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	w := p.World
	e, ok := w.EntityOf(7)
	if !ok {
		t.Fatal("no entity for connection 7")
	}
	get := func() hashParts {
		pos, rot, vel, pl, in, mo, hp, cell := w.Player.Get(e)
		return hashParts{pos, rot, vel, pl, in, mo, hp, cell}
	}
	fields := []struct {
		name string
		bits uint // the field's width
		flip func(c hashParts, b uint)
	}{
		{"Player.UserID", 64, func(c hashParts, b uint) { c.pl.UserID ^= 1 << b }},
		{"Player.Room", 32, func(c hashParts, b uint) { c.pl.Room ^= 1 << b }},
		{"Player.Conn", 32, func(c hashParts, b uint) { c.pl.Conn ^= 1 << b }},
		{"Position.x", 32, func(c hashParts, b uint) { flipF(&c.pos.Vec3[0], b) }},
		{"Position.y", 32, func(c hashParts, b uint) { flipF(&c.pos.Vec3[1], b) }},
		{"Position.z", 32, func(c hashParts, b uint) { flipF(&c.pos.Vec3[2], b) }},
		{"Rotation.x", 32, func(c hashParts, b uint) { flipF(&c.rot.V[0], b) }},
		{"Rotation.y", 32, func(c hashParts, b uint) { flipF(&c.rot.V[1], b) }},
		{"Rotation.z", 32, func(c hashParts, b uint) { flipF(&c.rot.V[2], b) }},
		{"Rotation.w", 32, func(c hashParts, b uint) { flipF(&c.rot.W, b) }},
		{"Velocity.x", 32, func(c hashParts, b uint) { flipF(&c.vel.Vec3[0], b) }},
		{"Velocity.y", 32, func(c hashParts, b uint) { flipF(&c.vel.Vec3[1], b) }},
		{"Velocity.z", 32, func(c hashParts, b uint) { flipF(&c.vel.Vec3[2], b) }},
		{"Health.HP", 32, func(c hashParts, b uint) { c.hp.HP ^= int32(uint32(1) << b) }},
		{"AOICell.X", 32, func(c hashParts, b uint) { c.cell.X ^= int32(uint32(1) << b) }},
		{"AOICell.Z", 32, func(c hashParts, b uint) { c.cell.Z ^= int32(uint32(1) << b) }},
		{"InputState.LastSeq", 16, func(c hashParts, b uint) { c.in.LastSeq ^= 1 << b }},
		{"InputState.HasSeq", 1, func(c hashParts, b uint) { c.in.HasSeq = !c.in.HasSeq }},
		{"InputState.Kick", 1, func(c hashParts, b uint) { c.in.Kick = !c.in.Kick }},
		{"InputState.AnchorPos.x", 32, func(c hashParts, b uint) { flipF(&c.in.AnchorPos[0], b) }},
		{"InputState.AnchorPos.y", 32, func(c hashParts, b uint) { flipF(&c.in.AnchorPos[1], b) }},
		{"InputState.AnchorPos.z", 32, func(c hashParts, b uint) { flipF(&c.in.AnchorPos[2], b) }},
		{"InputState.AnchorTS", 32, func(c hashParts, b uint) { c.in.AnchorTS ^= 1 << b }},
		{"InputState.PendingPos.x", 32, func(c hashParts, b uint) { flipF(&c.in.PendingPos[0], b) }},
		{"InputState.PendingPos.y", 32, func(c hashParts, b uint) { flipF(&c.in.PendingPos[1], b) }},
		{"InputState.PendingPos.z", 32, func(c hashParts, b uint) { flipF(&c.in.PendingPos[2], b) }},
		{"InputState.PendingTS", 32, func(c hashParts, b uint) { c.in.PendingTS ^= 1 << b }},
		{"InputState.LastTS", 32, func(c hashParts, b uint) { c.in.LastTS ^= 1 << b }},
		{"InputState.RateTokens", 32, func(c hashParts, b uint) { flipF(&c.in.RateTokens, b) }},
		{"InputState.RateRefilledAt", 64, func(c hashParts, b uint) { c.in.RateRefilledAt ^= time.Duration(uint64(1) << b) }},
		{"InputState.Strikes", 16, func(c hashParts, b uint) { c.in.Strikes ^= 1 << b }},
		{"InputState.StrikeWindowStart", 64, func(c hashParts, b uint) { c.in.StrikeWindowStart ^= time.Duration(uint64(1) << b) }},
		{"Motion.From.x", 32, func(c hashParts, b uint) { flipF(&c.mo.From[0], b) }},
		{"Motion.From.y", 32, func(c hashParts, b uint) { flipF(&c.mo.From[1], b) }},
		{"Motion.From.z", 32, func(c hashParts, b uint) { flipF(&c.mo.From[2], b) }},
		{"Motion.FromRot.x", 32, func(c hashParts, b uint) { flipF(&c.mo.FromRot.V[0], b) }},
		{"Motion.FromRot.y", 32, func(c hashParts, b uint) { flipF(&c.mo.FromRot.V[1], b) }},
		{"Motion.FromRot.z", 32, func(c hashParts, b uint) { flipF(&c.mo.FromRot.V[2], b) }},
		{"Motion.FromRot.w", 32, func(c hashParts, b uint) { flipF(&c.mo.FromRot.W, b) }},
		{"Motion.Target.x", 32, func(c hashParts, b uint) { flipF(&c.mo.Target[0], b) }},
		{"Motion.Target.y", 32, func(c hashParts, b uint) { flipF(&c.mo.Target[1], b) }},
		{"Motion.Target.z", 32, func(c hashParts, b uint) { flipF(&c.mo.Target[2], b) }},
		{"Motion.TargetRot.x", 32, func(c hashParts, b uint) { flipF(&c.mo.TargetRot.V[0], b) }},
		{"Motion.TargetRot.y", 32, func(c hashParts, b uint) { flipF(&c.mo.TargetRot.V[1], b) }},
		{"Motion.TargetRot.z", 32, func(c hashParts, b uint) { flipF(&c.mo.TargetRot.V[2], b) }},
		{"Motion.TargetRot.w", 32, func(c hashParts, b uint) { flipF(&c.mo.TargetRot.W, b) }},
		{"Motion.TargetVel.x", 32, func(c hashParts, b uint) { flipF(&c.mo.TargetVel[0], b) }},
		{"Motion.TargetVel.y", 32, func(c hashParts, b uint) { flipF(&c.mo.TargetVel[1], b) }},
		{"Motion.TargetVel.z", 32, func(c hashParts, b uint) { flipF(&c.mo.TargetVel[2], b) }},
		{"Motion.Start", 64, func(c hashParts, b uint) { c.mo.Start ^= time.Duration(uint64(1) << b) }},
		{"Motion.Active", 1, func(c hashParts, b uint) { c.mo.Active = !c.mo.Active }},
	}
	base := p.Hash()
	for _, f := range fields {
		for _, b := range []uint{0, f.bits - 1} {
			f.flip(get(), b)
			changed := p.Hash() != base
			f.flip(get(), b) // flip back
			if !changed {
				t.Errorf("flipping bit %d of %s left the state hash unchanged", b, f.name)
			}
		}
	}
	if p.Hash() != base {
		t.Fatal("flipping every field back did not restore the hash")
	}
	get().mo.Moved = !get().mo.Moved
	if p.Hash() != base {
		t.Error("Motion.Moved changed the state hash; it is not part of the state")
	}
}
