package interpolate

import (
	"math"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/simd"
)

// turnChunk is how many turns a turnList holds before it is turned and
// written back: small enough that its columns and the entities it points
// to are still in cache when the results go back, large enough that the
// kernel's call and tail cost little.
const turnChunk = 128

// turns is Update's batch of rotations still turning, sorted by cost: the
// slerps, whose acos and sincos dominate, in one list and the snaps and
// nlerps in the other, so the kernel's steps over the cheap list skip the
// float64 stage. Sorting writes each turn to both lists and advances only
// its own, without a branch: the cases come mixed, so a branch on them
// would be mispredicted about as often as taken. Which list a turn lands
// in affects only speed; the kernel computes every case in every lane.
type turns struct {
	cheap, slerp turnList
}

// add queues the turn of mo from FromRot toward TargetRot by t, to be
// stored in rot, with mo.Moved already holding whether the position moved.
func (b *turns) add(rot *ecs.Rotation, mo *ecs.Motion, t float32) {
	a, c := quatAt(&mo.FromRot), quatAt(&mo.TargetRot)
	d := float32(a.W*c.W) + float32(a.X*c.X) + float32(a.Y*c.Y) + float32(a.Z*c.Z) // as RotateQuat rounds it
	slow := 0
	if math.Float32bits(d)&^(1<<31) <= math.Float32bits(simd.NlerpDot) { // |d| ≤ NlerpDot (NaN: no)
		slow = 1
	}
	b.cheap.set(a, c, t, rot, mo)
	b.slerp.set(a, c, t, rot, mo)
	b.cheap.n += 1 - slow
	b.slerp.n += slow
	if b.cheap.n == turnChunk {
		b.cheap.flush()
	}
	if b.slerp.n == turnChunk {
		b.slerp.flush()
	}
}

// finish turns what is left and drops the pointers into the world.
func (b *turns) finish() {
	b.cheap.flush()
	b.slerp.flush()
	clear(b.cheap.owners[:])
	clear(b.slerp.owners[:])
}

// turnList is up to turnChunk turns as columns for simd.RotateToward,
// which writes its results over from, and the components they go back to.
// The owners are pointers into the world's storage, valid during Update
// (no entity is added or removed meanwhile).
type turnList struct {
	fromW, fromX, fromY, fromZ [turnChunk]float32
	toW, toX, toY, toZ         [turnChunk]float32
	t                          [turnChunk]float32
	owners                     [turnChunk]turnOwner
	n                          int
}

// turnOwner is the entity a turn belongs to.
type turnOwner struct {
	rot *ecs.Rotation
	mo  *ecs.Motion
}

// set writes a turn at index n without counting it.
func (l *turnList) set(a, b quat, t float32, rot *ecs.Rotation, mo *ecs.Motion) {
	k := l.n & (turnChunk - 1) // always l.n; the mask drops the bounds checks
	l.fromW[k], l.fromX[k], l.fromY[k], l.fromZ[k] = a.W, a.X, a.Y, a.Z
	l.toW[k], l.toX[k], l.toY[k], l.toZ[k] = b.W, b.X, b.Y, b.Z
	l.t[k] = t
	l.owners[k] = turnOwner{rot, mo}
}

// flush turns the list's turns, stores each result, setting Moved where
// the rotation changed, and empties the list.
func (l *turnList) flush() {
	n := l.n
	from := simd.QuatColumns{W: l.fromW[:n], X: l.fromX[:n], Y: l.fromY[:n], Z: l.fromZ[:n]}
	to := simd.QuatColumns{W: l.toW[:n], X: l.toX[:n], Y: l.toY[:n], Z: l.toZ[:n]}
	simd.RotateToward(&from, &from, &to, l.t[:n])
	for k, o := range l.owners[:n] {
		r := quat{l.fromW[k], l.fromX[k], l.fromY[k], l.fromZ[k]}
		o.mo.Moved = o.mo.Moved || r != quatAt(&o.rot.Quat)
		r.store(&o.rot.Quat)
	}
	l.n = 0
}
