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

// staging is the snapshot gather fills in query order, plus each entity's
// cell coordinates for grid.indexCells.
type staging struct {
	snapshot
	cx, cz []int32
}

// resize sets the arrays' length to n, keeping their contents where they
// fit and their capacity where it suffices.
func (s *snapshot) resize(n int) {
	s.ent, s.uid, s.conn, s.room = grow(s.ent, n), grow(s.uid, n), grow(s.conn, n), grow(s.room, n)
	s.pos, s.px, s.pz = grow(s.pos, n), grow(s.px, n), grow(s.pz, n)
}

// set writes entity i.
func (s *snapshot) set(i int, e ecs.Entity, p *ecs.Player, pos mgl32.Vec3) {
	s.ent[i], s.uid[i], s.conn[i], s.room[i] = e, p.UserID, p.Conn, p.Room
	s.pos[i], s.px[i], s.pz[i] = pos, pos[0], pos[2]
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

	// mark is per dense index the stamp computeObserver or capObserver
	// last put on it (see System.nextStamps); fillSorted zeroes it.
	mark []uint32

	// visStart and visEnd delimit each observer's visible set in vis
	// (dense indices of this frame; once it is the previous frame, they
	// are linked to the next frame's through System.prevToCur).
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
	// The columns in locals: stores through f's slices would otherwise make
	// the compiler reload every slice header after each one. Each side's
	// columns are cut to one length, so one bounds check per side covers
	// them all.
	ent, uid, conn, room, pos, px, pz := f.ent[:n], f.uid[:n], f.conn[:n], f.room[:n], f.pos[:n], f.px[:n], f.pz[:n]
	m := len(src.ent)
	sEnt, sUID, sConn, sRoom := src.ent, src.uid[:m], src.conn[:m], src.room[:m]
	sPos, sPx, sPz := src.pos[:m], src.px[:m], src.pz[:m]
	denseOf := f.denseOf
	for k, i := range perm {
		e := sEnt[i]
		ent[k], uid[k], conn[k], room[k] = e, sUID[i], sConn[i], sRoom[i]
		pos[k], px[k], pz[k] = sPos[i], sPx[i], sPz[i]
		id := int(e.ID())
		if id >= len(denseOf) {
			denseOf = grow(denseOf, id+1)
		}
		denseOf[id] = int32(k)
	}
	f.denseOf = denseOf
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
