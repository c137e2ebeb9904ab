package aoigrid

import (
	"math"
	"slices"

	"github.com/tickforge/tickforge/simd"
)

// computeAll fills the visible, entered and left sets of every observer.
// Dense indices are in cell order, so consecutive observers read the same
// cells while they are still in cache.
func (s *System) computeAll(radius, margin float32, maxVisible int) {
	c, n := s.cur, len(s.cur.ent)
	s.entStart, s.entEnd = grow(s.entStart, n), grow(s.entEnd, n)
	s.leftStart, s.leftEnd = grow(s.leftStart, n), grow(s.leftEnd, n)
	s.entered, s.left, s.leftUID = s.entered[:0], s.left[:0], s.leftUID[:0]

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

// nextStamps returns two fresh mark values, clearing the marks on wrap-around.
func (s *System) nextStamps() (added, selected uint32) {
	if s.stamp >= math.MaxUint32-2 {
		for i := range s.cur.pts {
			s.cur.pts[i].mark = 0
		}
		s.stamp = 0
	}
	s.stamp += 2
	return s.stamp - 1, s.stamp
}

// computeObserver computes observer o's sets: entities it saw last tick that
// are still within the leave radius, plus entities within the enter radius
// found in the grid, capped to the nearest maxVisible. It writes the sets
// straight into the frame's arrays; the cap, which needs distances, takes a
// slower path (capObserver) that rewrites them.
func (s *System) computeObserver(o int32, radius, enter2, leave2 float32, maxVisible int) {
	c, p, g := s.cur, s.prev, &s.grid
	added, selected := s.nextStamps()
	ox, oz, room := c.px[o], c.pz[o], c.room[o]
	pts := c.pts

	po := s.curToPrev[o]
	var prevVis []int32
	if po >= 0 {
		prevVis = p.vis[p.visStart[po]:p.visEnd[po]]
	}

	// The cells overlapping [o-r', o+r'] on both axes, where r' is the
	// radius padded well past float32 rounding of the distance test, hold
	// every entity within the enter radius.
	reachX := float64(radius)*(1+1.0/65536) + math.Abs(float64(ox))/(1<<40)
	reachZ := float64(radius)*(1+1.0/65536) + math.Abs(float64(oz))/(1<<40)
	xlo, xhi := g.cellX(float64(ox)-reachX), g.cellX(float64(ox)+reachX)
	zlo, zhi := g.cellZ(float64(oz)-reachZ), g.cellZ(float64(oz)+reachZ)
	span := 0
	for row := zlo; row <= zhi; row++ {
		span += int(g.cellStart[row*g.width+xhi+1] - g.cellStart[row*g.width+xlo])
	}

	visStart := len(c.vis)
	c.vis = slices.Grow(c.vis, len(prevVis)+span)
	vis := c.vis[:visStart+len(prevVis)+span]
	n := visStart

	// Last tick's visible set, checked directly by position: the leave
	// radius reaches past the grid neighbourhood. Entities still within
	// the enter radius are only marked (the grid scan finds them again);
	// those in the hysteresis band are kept here; the rest have left.
	s.leftStart[o] = int32(len(s.left))
	for _, pv := range prevVis {
		if d := s.prevToCur[pv]; d >= 0 && pts[d].room == room {
			pt := &pts[d]
			d2 := dist2(ox, oz, pt.x, pt.z)
			if d2 <= enter2 {
				pt.mark = added
				continue
			}
			if d2 <= leave2 {
				pt.mark = added
				vis[n] = d
				n++
				continue
			}
		}
		s.left = append(s.left, p.ent[pv])
		s.leftUID = append(s.leftUID, p.uid[pv])
	}

	// Entities within the enter radius, o itself excluded.
	hitStart := n
	q := simd.PointQuery{X: ox, Z: oz, Radius2: enter2, Room: room}
	for row := zlo; row <= zhi; row++ {
		from, to := g.cellStart[row*g.width+xlo], g.cellStart[row*g.width+xhi+1]
		q.Base = from
		hits := vis[n : n+int(to-from)]
		k := simd.SelectWithin(hits, c.px[from:to], c.pz[from:to], c.room[from:to], q)
		if from <= o && o < to {
			k = removeSorted(hits[:k], o)
		}
		n += k
	}
	c.vis = vis[:n]

	s.entStart[o] = int32(len(s.entered))
	for _, d := range vis[hitStart:n] {
		if pts[d].mark != added { // not visible last tick
			s.entered = append(s.entered, d)
		}
	}
	c.visStart[o], c.visEnd[o] = int32(visStart), int32(n)
	s.entEnd[o] = int32(len(s.entered))
	s.leftEnd[o] = int32(len(s.left))

	if n-visStart > maxVisible {
		s.capObserver(o, prevVis, added, selected, maxVisible)
	}
}

// removeSorted removes v from the ascending slice s, if it is there, and
// returns the new length.
func removeSorted(s []int32, v int32) int {
	for k, x := range s {
		if x >= v {
			if x == v {
				return k + copy(s[k:], s[k+1:])
			}
			break
		}
	}
	return len(s)
}

// capObserver cuts observer o's visible set, written by computeObserver,
// to the maxVisible nearest and recomputes its entered and left sets:
// entities visible last tick that did not survive the cut have left.
func (s *System) capObserver(o int32, prevVis []int32, added, selected uint32, maxVisible int) {
	c, p := s.cur, s.prev
	ox, oz := c.px[o], c.pz[o]
	vis := c.vis[c.visStart[o]:c.visEnd[o]]
	d2 := s.candD2[:0]
	for _, d := range vis {
		d2 = append(d2, dist2(ox, oz, c.px[d], c.pz[d]))
	}
	s.candD2 = d2[:0]
	kept := s.keepNearest(vis, d2, maxVisible)
	s.stats.Capped++

	s.entered = s.entered[:s.entStart[o]]
	for _, d := range kept {
		if c.pts[d].mark != added {
			s.entered = append(s.entered, d)
		}
		c.pts[d].mark = selected
	}
	for _, pv := range prevVis {
		if d := s.prevToCur[pv]; d >= 0 && c.pts[d].mark == added { // a candidate that was cut
			s.left = append(s.left, p.ent[pv])
			s.leftUID = append(s.leftUID, p.uid[pv])
		}
	}
	c.vis = c.vis[:int(c.visStart[o])+maxVisible]
	c.visEnd[o] = int32(len(c.vis))
	s.entEnd[o] = int32(len(s.entered))
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
