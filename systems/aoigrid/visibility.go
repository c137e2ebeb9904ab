package aoigrid

import (
	"math"
	"slices"
)

// computeAll fills the visible, entered and left sets of every observer.
// Observers are taken cell by cell: those of one cell share one candidate
// block, loaded once, and dense indices are in cell order, so consecutive
// cells read overlapping memory while it is still in cache.
func (s *System) computeAll(radius, margin float32, maxVisible int) {
	c, g, n := s.cur, &s.grid, len(s.cur.ent)
	s.entStart, s.entEnd = grow(s.entStart, n), grow(s.entEnd, n)
	s.leftStart, s.leftEnd = grow(s.leftStart, n), grow(s.leftEnd, n)
	s.entered, s.leftPrev = s.entered[:0], s.leftPrev[:0]

	enter2 := radius * radius
	leave := radius + margin
	leave2 := leave * leave
	s.stats = Stats{Observers: n, CellSize: float32(g.size), Cells: g.width * g.height}
	s.blk.query.Radius2, s.blk.query.Outer2 = enter2, leave2
	s.preparePass(maxVisible)
	for o := int32(0); int(o) < n; {
		end := g.cellStart[g.cellOf[g.order[o]]+1]
		if r, ok := g.neighbourhood(c, o, end, radius); ok {
			s.blk.fill(g, c, r)
		} else {
			s.blk.clearBlock(c)
		}
		for o < end {
			// The kernel judges the cell's observers until one needs the
			// slow path (see simd.WithinBlock.ClassifyObservers), in chunks
			// whose output it has room for.
			to := min(end, o+observerChunk)
			if o = s.classifyRun(o, to); o < to {
				s.computeObserver(o, enter2, leave2, maxVisible)
				o++
			}
		}
	}
	s.resolveLeft()
	s.stats.Visible = len(c.vis)
	s.stats.Entered = len(s.entered)
	s.stats.Left = len(s.left)
}

// observerChunk is the most observers one call of classifyRun takes, so
// that the room it reserves stays small in a crowded cell.
const observerChunk = 16

// preparePass points the kernel's pass at this tick's arrays.
func (s *System) preparePass(maxVisible int) {
	c, p := s.cur, &s.pass
	p.Seen, p.Prev, p.PrevFrom, p.PrevTo, p.Link = c.mark, s.prev.vis, s.prevFrom, s.prevTo, s.prevToCur
	p.LeftOf = s.curToPrev
	p.MaxKeep = maxVisible
	p.KeepStart, p.KeepEnd = c.visStart, c.visEnd
	p.EnterStart, p.EnterEnd = s.entStart, s.entEnd
	p.LeftStart, p.LeftEnd = s.leftStart, s.leftEnd
}

// classifyRun judges observers [from, to) of the current block with the
// kernel, as computeObserver would, and returns the first it left to
// computeObserver (to if none). Each observer's lists get room for the
// block's padded length plus its set of last tick, which an observer whose
// set reaches outside the block needs.
func (s *System) classifyRun(from, to int32) int32 {
	c, p := s.cur, &s.pass
	room := int(to-from) * s.blk.within.Padded()
	for o := from; o < to; o++ {
		room += int(s.prevTo[o] - s.prevFrom[o])
	}
	c.vis, s.entered, s.leftPrev = slices.Grow(c.vis, room), slices.Grow(s.entered, room), slices.Grow(s.leftPrev, room)
	p.Keep, p.KeepLen = c.vis[:cap(c.vis)], len(c.vis)
	p.Enter, p.EnterLen = s.entered[:cap(s.entered)], len(s.entered)
	p.Left, p.LeftLen = s.leftPrev[:cap(s.leftPrev)], len(s.leftPrev)
	p.Stamp = s.nextStamps(uint32(to-from)) - 1
	next := s.blk.within.ClassifyObservers(p, &s.blk.query, from, to)
	c.vis, s.entered, s.leftPrev = p.Keep[:p.KeepLen], p.Enter[:p.EnterLen], p.Left[:p.LeftLen]
	s.stamp = p.Stamp // the stamps it did not use (no mark holds them) go back
	return next
}

// resolveLeft fills left and leftUID from leftPrev. Done in one pass after
// all observers, the scattered reads of last tick's arrays overlap instead
// of stalling each observer.
func (s *System) resolveLeft() {
	p, n := s.prev, len(s.leftPrev)
	s.left, s.leftUID = grow(s.left, n), grow(s.leftUID, n)
	for i, pv := range s.leftPrev {
		s.left[i], s.leftUID[i] = p.ent[pv], p.uid[pv]
	}
}

// computeObserver computes observer o's sets: entities it saw last tick that
// are still within the leave radius, plus the entities of the block within
// the enter radius, capped to the nearest maxVisible. Last tick's set is
// stamped into the frame's marks, and one kernel pass over the block
// (simd.WithinBlock.Classify) writes the visible set straight into the
// frame's array and the entered set into the system's; the stamped
// entities that the block does not hold are judged by position. The cap,
// which needs distances, takes a slower path (capObserver) that rewrites
// the sets.
func (s *System) computeObserver(o int32, enter2, leave2 float32, maxVisible int) {
	c, b := s.cur, &s.blk
	ox, oz, room := c.px[o], c.pz[o], c.room[o]
	prevVis := s.linkedSet(o)

	// Stamp last tick's set; entities gone since have left.
	stamp := s.nextStamps(1)
	s.leftStart[o] = int32(len(s.leftPrev))
	stamped := stampLinked(c.mark, prevVis, stamp)
	if stamped < len(prevVis) {
		for _, d := range prevVis {
			if d < 0 {
				s.leftPrev = append(s.leftPrev, ^d)
			}
		}
	}

	// The kernel writes at most padded entries to each output; the visible
	// set has room for the stamped entities outside the block as well.
	padded := b.within.Padded()
	visStart, entStart := len(c.vis), len(s.entered)
	vis := slices.Grow(c.vis, padded+len(prevVis))[:visStart+padded]
	entered := slices.Grow(s.entered, padded)[:entStart+padded]
	s.gone = grow(s.gone, padded)
	q := &b.query
	q.X, q.Z, q.Room = ox, oz, room
	r := b.within.Classify(vis[visStart:], entered[entStart:], s.gone, c.mark, stamp, q, o)
	vis = vis[:visStart+r.Keep]
	for _, d := range s.gone[:r.Leave] {
		s.leftPrev = append(s.leftPrev, s.curToPrev[d])
	}
	if r.Seen < stamped { // some of last tick's set lie outside the block
		for _, d := range prevVis {
			if d >= 0 && !b.holds(d) {
				if c.room[d] == room && dist2(ox, oz, c.px[d], c.pz[d]) <= leave2 {
					vis = append(vis, d)
				} else {
					s.leftPrev = append(s.leftPrev, s.curToPrev[d])
				}
			}
		}
	}
	c.vis, s.entered = vis, entered[:entStart+r.Enter]
	c.visStart[o], c.visEnd[o] = int32(visStart), int32(len(vis))
	s.entStart[o], s.entEnd[o] = int32(entStart), int32(len(s.entered))
	s.leftEnd[o] = int32(len(s.leftPrev))

	if len(vis)-visStart > maxVisible {
		s.capObserver(o, prevVis, maxVisible)
	}
}

// stampLinked sets mark[d] = stamp for every entry d ≥ 0 of vis and
// returns how many it set. Kept out of line: inlined into computeObserver,
// whose many live values crowd the registers, its counter was kept on the
// stack and every iteration waited for the last one's store.
//
//go:noinline
func stampLinked(mark []uint32, vis []int32, stamp uint32) int {
	n := 0
	for _, d := range vis {
		if d >= 0 {
			mark[d] = stamp
			n++
		}
	}
	return n
}

// nextStamps returns the first of k fresh, consecutive stamp values,
// clearing the marks on wrap-around.
func (s *System) nextStamps(k uint32) uint32 {
	if s.stamp > math.MaxUint32-k {
		clear(s.cur.mark)
		s.stamp = 0
	}
	s.stamp += k
	return s.stamp - k + 1
}

// capObserver cuts observer o's visible set, written by computeObserver,
// to the maxVisible nearest and recomputes its entered and left sets:
// entities visible last tick that did not survive the cut have left.
func (s *System) capObserver(o int32, prevVis []int32, maxVisible int) {
	c := s.cur
	ox, oz := c.px[o], c.pz[o]
	vis := c.vis[c.visStart[o]:c.visEnd[o]]
	candidate := s.nextStamps(3)
	was, selected := candidate+1, candidate+2
	for _, d := range vis {
		c.mark[d] = candidate
	}
	for _, d := range prevVis { // candidates seen last tick
		if d >= 0 && c.mark[d] == candidate {
			c.mark[d] = was
		}
	}
	d2 := s.candD2[:0]
	for _, d := range vis {
		d2 = append(d2, dist2(ox, oz, c.px[d], c.pz[d]))
	}
	s.candD2 = d2[:0]
	kept := s.keepNearest(vis, d2, maxVisible)
	s.stats.Capped++

	s.entered = s.entered[:s.entStart[o]]
	for _, d := range kept {
		if c.mark[d] != was {
			s.entered = append(s.entered, d)
		}
		c.mark[d] = selected
	}
	for _, d := range prevVis {
		if d >= 0 && c.mark[d] == was { // a candidate that was cut
			s.leftPrev = append(s.leftPrev, s.curToPrev[d])
		}
	}
	c.vis = c.vis[:int(c.visStart[o])+maxVisible]
	c.visEnd[o] = int32(len(c.vis))
	s.entEnd[o] = int32(len(s.entered))
	s.leftEnd[o] = int32(len(s.leftPrev))
}

// keepNearest cuts the candidates (parallel dense indices and squared
// distances) to the limit nearest and returns their dense indices.
func (s *System) keepNearest(dense []int32, d2 []float32, limit int) []int32 {
	c := s.cur
	sel := s.sel[:0]
	for i, d := range dense {
		sel = append(sel, candidate{d2: d2[i], dense: d, uid: c.uid[d], id: c.ent[d].ID()})
	}
	selectNearest(sel, limit)
	for i := range sel[:limit] {
		dense[i] = sel[i].dense
	}
	s.sel = sel[:0]
	return dense[:limit]
}

// dist2 is the squared X/Z distance between two points. The explicit
// conversions forbid fused multiply-add, so the result is the same on every
// platform and in every caller.
func dist2(ax, az, bx, bz float32) float32 {
	dx, dz := bx-ax, bz-az
	return float32(dx*dx) + float32(dz*dz)
}
