package aoigrid

import (
	"github.com/mlange-42/arche/generic"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/simd"
)

// System computes every player's area of interest once per tick. It
// implements ecs.System; create it with New.
type System struct {
	filter *generic.Filter3[ecs.Position, ecs.Player, ecs.AOICell]

	// staged is this tick's entities in query order; cur holds them in
	// cell order, prev holds last tick's frame. Update swaps cur and prev.
	staged    staging
	cur, prev *frame
	frames    [2]frame
	grid      grid
	// prevToCur maps a dense index of prev to one of cur, or -1 if the
	// entity is gone; curToPrev is the reverse, -1 for new entities.
	prevToCur, curToPrev []int32
	// prevFrom and prevTo delimit, per dense index of cur, the entity's
	// visible set of last tick in prev.vis (empty for new entities), so
	// the per-observer work reads them in order instead of through
	// curToPrev.
	prevFrom, prevTo []int32
	// linked is scratch for one observer's set of last tick, linked to
	// cur's dense indices (see linkedSet).
	linked []int32

	// Per observer (dense index of cur): spans of entered and left.
	entStart, entEnd   []int32
	leftStart, leftEnd []int32
	entered            []int32      // dense indices of cur
	left               []ecs.Entity // entities of prev
	leftUID            []uint64     // their UserIDs
	leftPrev           []int32      // their dense indices in prev, filled first

	// blk is the candidate block of the cell whose observers are being
	// computed.
	blk block
	// pass carries the per-observer state through the kernel's run over a
	// cell's observers (simd.WithinBlock.ClassifyObservers).
	pass simd.ObserverPass
	// gone is scratch for the kernel's left entities of one observer
	// (dense indices of cur).
	gone []int32
	// candD2 and sel are scratch for cutting an observer's set to the cap.
	candD2 []float32
	sel    []candidate
	// cur.mark[d] == a stamp flags dense index d for the observer being
	// computed or capped; stamps only grow, and fillSorted zeroes the
	// marks, so they never need clearing (except at wrap-around).
	stamp uint32

	stats Stats
}

// New returns a System with room for capacityHint entities before its arrays
// grow.
func New(capacityHint int) *System {
	capacityHint = max(capacityHint, 16)
	s := &System{filter: generic.NewFilter3[ecs.Position, ecs.Player, ecs.AOICell]()}
	for i := range s.frames {
		f := &s.frames[i]
		f.ent = make([]ecs.Entity, 0, capacityHint)
		f.vis = make([]int32, 0, capacityHint*8)
	}
	s.cur, s.prev = &s.frames[0], &s.frames[1]
	s.candD2 = make([]float32, 0, 256)
	return s
}

// Name is "aoi-grid".
func (s *System) Name() string { return "aoi-grid" }

// Update gathers the player entities, writes each one's ecs.AOICell, rebuilds
// the grid and computes every observer's visible, entered and left sets. It
// reads only positions, players and the AOI settings of w.Config.
func (s *System) Update(w *ecs.World) {
	s.cur, s.prev = s.prev, s.cur
	bb := s.gather(w)
	cfg, in := &w.Config, &s.staged
	s.grid.bounds(bb, len(in.ent), cfg.AOIRadius,
		[2]float32{cfg.WorldMin[0], cfg.WorldMin[2]}, [2]float32{cfg.WorldMax[0], cfg.WorldMax[2]})
	if !s.grid.indexCells(in.cx, in.cz, cfg.AOIRadius) {
		s.grid.index(in.px, in.pz)
	}
	s.grid.sort()
	s.cur.fillSorted(&in.snapshot, s.grid.order)
	s.linkFrames()
	s.computeAll(cfg.AOIRadius, cfg.AOILeaveMargin, cfg.AOIMaxVisible)
}

// gather copies every player entity into the staging snapshot, in arche's
// (deterministic) iteration order, writes its nominal AOI cell and returns
// the bounding box of the finite positions.
func (s *System) gather(w *ecs.World) box {
	c := &s.staged
	radius := w.Config.AOIRadius
	bb := emptyBox()
	q := s.filter.Query(&w.ECS)
	n := q.Count()
	c.resize(n)
	c.cx, c.cz = grow(c.cx, n), grow(c.cz, n)
	for i := 0; q.Next(); i++ {
		pos, pl, cell := q.Get()
		x, z := pos.X(), pos.Z()
		c.set(i, q.Entity(), pl, pos.Vec3)
		bb.add(x, z)
		cell.X, c.cx[i] = floorCell(x, radius)
		cell.Z, c.cz[i] = floorCell(z, radius)
	}
	return bb
}

// linkFrames fills prevToCur and curToPrev, which link last tick's visible
// sets to this tick's dense indices, and each observer's span of its set of
// last tick, so the per-observer work needs no lookups by entity ID.
func (s *System) linkFrames() {
	s.prevToCur = grow(s.prevToCur, len(s.prev.ent))
	s.curToPrev = grow(s.curToPrev, len(s.cur.ent))
	for i := range s.curToPrev {
		s.curToPrev[i] = -1
	}
	for pd, e := range s.prev.ent {
		d := s.cur.lookup(e)
		s.prevToCur[pd] = d
		if d >= 0 {
			s.curToPrev[d] = int32(pd)
		}
	}
	s.prevFrom, s.prevTo = grow(s.prevFrom, len(s.cur.ent)), grow(s.prevTo, len(s.cur.ent))
	from, to := s.prevFrom[:len(s.curToPrev)], s.prevTo[:len(s.curToPrev)]
	visStart, visEnd := s.prev.visStart, s.prev.visEnd
	for d, pd := range s.curToPrev {
		from[d], to[d] = 0, 0
		if pd >= 0 {
			from[d], to[d] = visStart[pd], visEnd[pd]
		}
	}
}

// linkedSet returns observer o's set of last tick linked to this tick's
// dense indices, ^index of last tick for entities gone since, in scratch
// that the next call reuses. The kernel links the sets as it stamps them;
// this is for the observers it leaves to computeObserver.
func (s *System) linkedSet(o int32) []int32 {
	s.linked = append(s.linked[:0], s.prev.vis[s.prevFrom[o]:s.prevTo[o]]...)
	simd.Remap(s.linked, s.prevToCur)
	return s.linked
}
