package ecs

import (
	"math"
	"math/bits"

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
//
// Each entity's fields are packed into 26 64-bit words; word pairs, each
// XORed with its own key, are multiplied into 128 bits and folded (the
// wyhash "mum" step), the products summed, and the sum finalised with
// splitmix64. The multiplies are independent, so the CPU overlaps them;
// a serial per-word mixer made hashing a 10,000-player world cost as much
// as a whole tick.
func (h *Hasher) Hash(w *World) StateHash {
	var sum, count uint64
	q := h.filter.Query(&w.ECS)
	for q.Next() {
		pos, rot, vel, pl, in, mo, hp, cell := q.Get()
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
		a := mum(pl.UserID^hashKeys[0], (uint64(pl.Room)<<32|uint64(pl.Conn))^hashKeys[1])
		a += mum(f2(pos.Vec3[0], pos.Vec3[1])^hashKeys[2], f2(pos.Vec3[2], rot.V[0])^hashKeys[3])
		a += mum(f2(rot.V[1], rot.V[2])^hashKeys[4], f2(rot.W, vel.Vec3[0])^hashKeys[5])
		a += mum(f2(vel.Vec3[1], vel.Vec3[2])^hashKeys[6], (uint64(uint32(hp.HP))<<32|uint64(in.LastSeq)<<16|uint64(in.Strikes))^hashKeys[7])
		a += mum((uint64(in.LastTS)<<32|uint64(in.AnchorTS))^hashKeys[8], (uint64(in.PendingTS)<<32|flags)^hashKeys[9])
		a += mum(f2(in.AnchorPos[0], in.AnchorPos[1])^hashKeys[10], f2(in.AnchorPos[2], in.PendingPos[0])^hashKeys[11])
		a += mum(f2(in.PendingPos[1], in.PendingPos[2])^hashKeys[12], f2(in.RateTokens, mo.From[0])^hashKeys[13])
		a += mum(uint64(in.StrikeWindowStart)^hashKeys[14], uint64(in.RateRefilledAt)^hashKeys[15])
		a += mum(f2(mo.From[1], mo.From[2])^hashKeys[16], f2(mo.Target[0], mo.Target[1])^hashKeys[17])
		a += mum(f2(mo.Target[2], mo.TargetVel[0])^hashKeys[18], f2(mo.TargetVel[1], mo.TargetVel[2])^hashKeys[19])
		a += mum(f2(mo.FromRot.V[0], mo.FromRot.V[1])^hashKeys[20], f2(mo.FromRot.V[2], mo.FromRot.W)^hashKeys[21])
		a += mum(f2(mo.TargetRot.V[0], mo.TargetRot.V[1])^hashKeys[22], f2(mo.TargetRot.V[2], mo.TargetRot.W)^hashKeys[23])
		a += mum(uint64(mo.Start)^hashKeys[24], (uint64(uint32(cell.X))<<32|uint64(uint32(cell.Z)))^hashKeys[25])
		sum += splitmix(a)
		count++
	}
	return StateHash(splitmix(splitmix(sum^count) ^ w.Time.Tick))
}

// hashKeys are the per-word keys: splitmix64 outputs from seed 1.
var hashKeys = func() (k [26]uint64) {
	s := uint64(1)
	for i := range k {
		s += 0x9e3779b97f4a7c15
		k[i] = splitmix(s)
	}
	return k
}()

// mum multiplies a and b into 128 bits and folds the halves.
func mum(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// f2 packs two floats' exact bits into one word.
func f2(a, b float32) uint64 {
	return uint64(math.Float32bits(a))<<32 | uint64(math.Float32bits(b))
}

// splitmix is the splitmix64 finaliser.
func splitmix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
