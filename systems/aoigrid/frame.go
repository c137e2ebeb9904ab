package aoigrid

import (
	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/ecs"
)

// snapshot holds player entities in structure-of-arrays form, one index per
// entity.
type snapshot struct {
	ent  []ecs.Entity
	uid  []uint64
	conn []uint32
	room []uint32
	pos  []mgl32.Vec3
	// px and pz are the X and Z coordinates, split out for the grid.
	px, pz []float32
}

// reset empties the arrays, keeping their capacity.
func (s *snapshot) reset() {
	s.ent, s.uid, s.conn, s.room = s.ent[:0], s.uid[:0], s.conn[:0], s.room[:0]
	s.pos, s.px, s.pz = s.pos[:0], s.px[:0], s.pz[:0]
}

// add appends one entity.
func (s *snapshot) add(e ecs.Entity, p *ecs.Player, pos mgl32.Vec3) {
	s.ent = append(s.ent, e)
	s.uid = append(s.uid, p.UserID)
	s.conn = append(s.conn, p.Conn)
	s.room = append(s.room, p.Room)
	s.pos = append(s.pos, pos)
	s.px = append(s.px, pos[0])
	s.pz = append(s.pz, pos[2])
}

// frame is one tick's snapshot in grid-cell order — the dense index of an
// entity is its position in that order, so entities near each other in the
// world are near each other in memory — plus each observer's visible set.
// The system keeps two frames and swaps them, so last tick's sets stay
// readable while this tick's are built.
type frame struct {
	snapshot

	// denseOf maps an entity ID to its dense index in this frame. Entries
	// are never cleared: an entry is valid only if ent[denseOf[id]] is the
	// entity being looked up.
	denseOf []int32

	// mark is per dense index the stamp capObserver last put on it (see
	// System.nextStamps); fillSorted zeroes it.
	mark []uint32

	// visStart and visEnd delimit each observer's visible set in vis
	// (dense indices of this frame).
	visStart, visEnd []int32
	vis              []int32
}

// fillSorted copies src into f in the order given by perm (perm[k] is the
// index in src of dense index k) and indexes the entities by ID.
func (f *frame) fillSorted(src *snapshot, perm []int32) {
	n := len(perm)
	f.ent, f.uid, f.conn, f.room = grow(f.ent, n), grow(f.uid, n), grow(f.conn, n), grow(f.room, n)
	f.pos, f.px, f.pz = grow(f.pos, n), grow(f.px, n), grow(f.pz, n)
	f.visStart, f.visEnd = grow(f.visStart, n), grow(f.visEnd, n)
	f.mark = grow(f.mark, n)
	clear(f.mark)
	f.vis = f.vis[:0]
	for k, i := range perm {
		e := src.ent[i]
		f.ent[k], f.uid[k], f.conn[k], f.room[k] = e, src.uid[i], src.conn[i], src.room[i]
		f.pos[k], f.px[k], f.pz[k] = src.pos[i], src.px[i], src.pz[i]
		id := int(e.ID())
		if id >= len(f.denseOf) {
			f.denseOf = grow(f.denseOf, id+1)
		}
		f.denseOf[id] = int32(k)
	}
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
