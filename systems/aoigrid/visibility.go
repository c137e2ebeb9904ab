package aoigrid

import "math"

// computeAll fills the visible, entered and left sets of every observer.
// Dense indices are in cell order, so consecutive observers read the same
// cells while they are still in cache.
func (s *System) computeAll(radius, margin float32, maxVisible int) {
	c, n := s.cur, len(s.cur.ent)
	s.entStart, s.entEnd = grow(s.entStart, n), grow(s.entEnd, n)
	s.leftStart, s.leftEnd = grow(s.leftStart, n), grow(s.leftEnd, n)
	s.entered, s.left, s.leftUID = s.entered[:0], s.left[:0], s.leftUID[:0]
	s.mark = grow(s.mark, n)

	enter2 := radius * radius
	leave := radius + margin
	leave2 := leave * leave
	s.stats = Stats{Observers: n, CellSize: float32(s.grid.size), Cells: s.grid.width * s.grid.height}
	for o := 0; o < n; o++ {
		s.computeObserver(int32(o), radius, enter2, leave2, maxVisible)
	}
	s.stats.Visible = len(c.vis)
	s.stats.Entered = len(s.entered)
	s.stats.Left = len(s.left)
}

// nextStamps returns two fresh mark values, clearing mark on wrap-around.
func (s *System) nextStamps() (added, selected uint32) {
	if s.stamp >= math.MaxUint32-2 {
		clear(s.mark[:cap(s.mark)])
		s.stamp = 0
	}
	s.stamp += 2
	return s.stamp - 1, s.stamp
}

// computeObserver computes observer o's sets: entities it saw last tick that
// are still within the leave radius, plus entities within the enter radius
// found in the grid, capped to the nearest maxVisible.
func (s *System) computeObserver(o int32, radius, enter2, leave2 float32, maxVisible int) {
	c, p, g := s.cur, s.prev, &s.grid
	added, selected := s.nextStamps()
	ox, oz, room := c.px[o], c.pz[o], c.room[o]
	candDense, candD2 := s.candDense[:0], s.candD2[:0]

	// Last tick's visible set, checked directly by position: the leave
	// radius reaches past the 3×3 neighbourhood.
	po := s.curToPrev[o]
	var prevVis []int32
	if po >= 0 {
		prevVis = p.vis[p.visStart[po]:p.visEnd[po]]
	}
	for _, pv := range prevVis {
		d := s.prevToCur[pv]
		if d < 0 || c.room[d] != room {
			continue
		}
		if d2 := dist2(ox, oz, c.px[d], c.pz[d]); d2 <= leave2 {
			candDense, candD2 = append(candDense, d), append(candD2, d2)
			s.mark[d] = added
		}
	}

	// Newcomers from the cells overlapping [o-r', o+r'] on both axes, where r'
	// is the radius padded well past float32 rounding of the distance test.
	reachX := float64(radius)*(1+1.0/65536) + math.Abs(float64(ox))/(1<<40)
	reachZ := float64(radius)*(1+1.0/65536) + math.Abs(float64(oz))/(1<<40)
	xlo, xhi := g.cellX(float64(ox)-reachX), g.cellX(float64(ox)+reachX)
	zlo, zhi := g.cellZ(float64(oz)-reachZ), g.cellZ(float64(oz)+reachZ)
	span := 0
	for row := zlo; row <= zhi; row++ {
		span += int(g.cellStart[row*g.width+xhi+1] - g.cellStart[row*g.width+xlo])
	}
	s.hitDense, s.hitD2 = grow(s.hitDense, span), grow(s.hitD2, span)
	hitDense, hitD2 := s.hitDense, s.hitD2
	hits := 0
	for row := zlo; row <= zhi; row++ {
		from, to := g.cellStart[row*g.width+xlo], g.cellStart[row*g.width+xhi+1]
		sx, sz, sroom := c.px[from:to], c.pz[from:to], c.room[from:to]
		for j := range sx {
			// Branch-free: about a third of the scanned entities pass, which
			// a branch would mispredict often.
			d2 := dist2(ox, oz, sx[j], sz[j])
			hitDense[hits], hitD2[hits] = from+int32(j), d2
			hits += b2i(d2 <= enter2) & b2i(sroom[j] == room) // NaN never enters
		}
	}
	for h, d := range hitDense[:hits] {
		if d == o || s.mark[d] == added {
			continue
		}
		candDense, candD2 = append(candDense, d), append(candD2, hitD2[h])
	}

	if len(candDense) > maxVisible {
		candDense = s.keepNearest(candDense, candD2, maxVisible)
		s.stats.Capped++
	}
	s.candDense, s.candD2 = candDense[:0], candD2[:0]

	c.visStart[o] = int32(len(c.vis))
	s.entStart[o] = int32(len(s.entered))
	for _, d := range candDense {
		c.vis = append(c.vis, d)
		if s.mark[d] != added { // not kept from last tick
			s.entered = append(s.entered, d)
		}
		s.mark[d] = selected
	}
	c.visEnd[o] = int32(len(c.vis))
	s.entEnd[o] = int32(len(s.entered))

	s.leftStart[o] = int32(len(s.left))
	for _, pv := range prevVis {
		if d := s.prevToCur[pv]; d < 0 || s.mark[d] != selected {
			s.left = append(s.left, p.ent[pv])
			s.leftUID = append(s.leftUID, p.uid[pv])
		}
	}
	s.leftEnd[o] = int32(len(s.left))
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

// b2i is 1 for true and 0 for false; the compiler turns it into a SETcc.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
