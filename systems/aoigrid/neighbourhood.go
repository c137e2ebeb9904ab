package aoigrid

import "math"

// cellRange is a rectangle of grid cells, inclusive, as 0-based indices.
type cellRange struct {
	xlo, xhi, zlo, zhi int
}

// union grows r to cover o as well.
func (r *cellRange) union(o cellRange) {
	r.xlo, r.xhi = min(r.xlo, o.xlo), max(r.xhi, o.xhi)
	r.zlo, r.zhi = min(r.zlo, o.zlo), max(r.zhi, o.zhi)
}

// reach is the half-width of the square whose cells hold every entity
// within radius of a point whose largest coordinate magnitude is mag: the
// radius padded well past the float32 rounding of the distance test.
func reach(radius float32, mag float64) float64 {
	// Both terms rounded on their own, so no build fuses them.
	return float64(float64(radius)*(1+1.0/65536)) + float64(mag/(1<<40))
}

// around returns the cells overlapping [x-r', x+r'] × [z-r', z+r'], each
// axis padded by its own reach r'; for non-finite coordinates it is the
// range the clamped bounds give.
func (g *grid) around(x, z float64, radius float32) cellRange {
	rx, rz := reach(radius, math.Abs(x)), reach(radius, math.Abs(z))
	return cellRange{g.cellX(x - rx), g.cellX(x + rx), g.cellZ(z - rz), g.cellZ(z + rz)}
}

// neighbourhood returns cells covering around(x, z) for every observer in
// [from, to) of frame c. The finite observers are folded into one box
// padded by the largest reach among them; as cellX and cellZ are monotone,
// its cells include each one's own. Non-finite ones (which see nothing
// unless the squared radius overflows) add their own ranges. ok is false
// when no observer needs any cell.
func (g *grid) neighbourhood(c *frame, from, to int32, radius float32) (r cellRange, ok bool) {
	minX, minZ := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxZ := float32(math.Inf(-1)), float32(math.Inf(-1))
	r = cellRange{g.width, -1, g.height, -1}
	for o := from; o < to; o++ {
		x, z := c.px[o], c.pz[o]
		if !isFinite(x) || !isFinite(z) {
			r.union(g.around(float64(x), float64(z), radius))
			continue
		}
		minX, maxX = min(minX, x), max(maxX, x)
		minZ, maxZ = min(minZ, z), max(maxZ, z)
	}
	if minX <= maxX {
		rx := reach(radius, max(math.Abs(float64(minX)), math.Abs(float64(maxX))))
		rz := reach(radius, max(math.Abs(float64(minZ)), math.Abs(float64(maxZ))))
		r.union(cellRange{
			g.cellX(float64(minX) - rx), g.cellX(float64(maxX) + rx),
			g.cellZ(float64(minZ) - rz), g.cellZ(float64(maxZ) + rz),
		})
	}
	return r, r.xlo <= r.xhi
}
