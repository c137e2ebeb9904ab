package aoigrid

import (
	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/ecs"
)

// frame is one tick's snapshot of the player entities in dense
// structure-of-arrays form, plus each observer's visible set. The system keeps
// two frames and swaps them, so last tick's sets stay readable while this
// tick's are built.
type frame struct {
	ent  []ecs.Entity
	uid  []uint64
	conn []uint32
	room []uint32
	pos  []mgl32.Vec3
	// px and pz are the X and Z coordinates, split out for the grid.
	px, pz []float32

	// denseOf maps an entity ID to its dense index in this frame. Entries
	// are never cleared: an entry is valid only if ent[denseOf[id]] is the
	// entity being looked up.
	denseOf []int32

	// visStart and visEnd delimit each observer's visible set in vis
	// (dense indices of this frame).
	visStart, visEnd []int32
	vis              []int32
}

// reset empties the per-entity arrays, keeping their capacity.
func (f *frame) reset() {
	f.ent = f.ent[:0]
	f.uid = f.uid[:0]
	f.conn = f.conn[:0]
	f.room = f.room[:0]
	f.pos = f.pos[:0]
	f.px = f.px[:0]
	f.pz = f.pz[:0]
	f.vis = f.vis[:0]
}

// add appends one entity and indexes it by ID.
func (f *frame) add(e ecs.Entity, p *ecs.Player, pos mgl32.Vec3) {
	d := int32(len(f.ent))
	f.ent = append(f.ent, e)
	f.uid = append(f.uid, p.UserID)
	f.conn = append(f.conn, p.Conn)
	f.room = append(f.room, p.Room)
	f.pos = append(f.pos, pos)
	f.px = append(f.px, pos[0])
	f.pz = append(f.pz, pos[2])
	id := int(e.ID())
	if id >= len(f.denseOf) {
		f.denseOf = grow(f.denseOf, id+1)
	}
	f.denseOf[id] = d
}

// lookup returns e's dense index in this frame, or -1 if e is not in it.
func (f *frame) lookup(e ecs.Entity) int32 {
	id := int(e.ID())
	if id >= len(f.denseOf) {
		return -1
	}
	d := f.denseOf[id]
	if d < 0 || int(d) >= len(f.ent) || f.ent[d] != e {
		return -1
	}
	return d
}

// sizeObservers makes visStart and visEnd hold one entry per entity.
func (f *frame) sizeObservers() {
	n := len(f.ent)
	f.visStart = grow(f.visStart, n)
	f.visEnd = grow(f.visEnd, n)
}

// grow returns s resized to length n, reusing its array when it is large
// enough and otherwise allocating with headroom so that a slowly growing
// world does not reallocate every tick.
func grow[T any](s []T, n int) []T {
	if n <= cap(s) {
		return s[:n]
	}
	out := make([]T, n, n+n/2+64)
	copy(out, s)
	return out
}
