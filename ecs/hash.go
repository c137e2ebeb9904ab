package ecs

import (
	"math"

	"github.com/mlange-42/arche/generic"
)

// StateHash is a 64-bit digest of every player entity's simulated state and
// the tick number. It does not depend on iteration order (each entity's
// digest is combined by addition) nor on anything process-specific, so the
// same inputs give the same hash in any process on any run.
type StateHash uint64

// hashFilter selects the components that StateHash covers.
type hashFilter = generic.Filter8[Position, Rotation, Velocity, Player, InputState, Motion, Health, AOICell]

// Hasher computes StateHash for a world; it caches its query filter.
type Hasher struct {
	filter *hashFilter
}

// NewHasher returns a Hasher.
func NewHasher() *Hasher {
	return &Hasher{filter: generic.NewFilter8[Position, Rotation, Velocity, Player, InputState, Motion, Health, AOICell]()}
}

// Hash digests w's state. It allocates nothing.
func (h *Hasher) Hash(w *World) StateHash {
	var sum, count uint64
	q := h.filter.Query(&w.ECS)
	for q.Next() {
		pos, rot, vel, pl, in, mo, hp, cell := q.Get()
		d := digest{v: 0x9e3779b97f4a7c15}
		d.u64(pl.UserID)
		d.u64(uint64(pl.Room)<<32 | uint64(pl.Conn))
		d.vec(pos.Vec3[:])
		d.vec(rot.V[:])
		d.f32(rot.W)
		d.vec(vel.Vec3[:])
		d.u64(uint64(uint32(hp.HP)))
		d.u64(uint64(in.LastSeq)<<48 | uint64(in.Strikes)<<32 | uint64(in.LastTS))
		d.u64(uint64(in.AnchorTS)<<32 | uint64(in.PendingTS))
		d.vec(in.AnchorPos[:])
		d.vec(in.PendingPos[:])
		d.f32(in.RateTokens)
		var flags uint64
		if in.HasSeq {
			flags |= 1
		}
		if in.Kick {
			flags |= 2
		}
		if mo.Active {
			flags |= 4
		}
		d.u64(flags)
		d.u64(uint64(in.StrikeWindowStart))
		d.u64(uint64(in.RateRefilledAt))
		d.vec(mo.From[:])
		d.vec(mo.Target[:])
		d.vec(mo.TargetVel[:])
		d.vec(mo.FromRot.V[:])
		d.f32(mo.FromRot.W)
		d.vec(mo.TargetRot.V[:])
		d.f32(mo.TargetRot.W)
		d.u64(uint64(mo.Start))
		d.u64(uint64(uint32(cell.X))<<32 | uint64(uint32(cell.Z)))
		sum += d.v
		count++
	}
	d := digest{v: sum}
	d.u64(count)
	d.u64(w.Time.Tick)
	return StateHash(d.v)
}

// digest is a small word-at-a-time mixer (splitmix64 finaliser per word).
type digest struct{ v uint64 }

func (d *digest) u64(x uint64) {
	z := d.v ^ x
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	d.v = z ^ (z >> 31)
}

func (d *digest) f32(f float32) { d.u64(uint64(math.Float32bits(f))) }

func (d *digest) vec(v []float32) {
	for _, f := range v {
		d.f32(f)
	}
}
