package aoigrid

import (
	"math"
)

// maxCellsFloor is the smallest cell budget; the budget grows with the
// number of entities (cellsPerEntity each).
const (
	maxCellsFloor  = 1 << 16
	cellsPerEntity = 16
)

// grid is a uniform grid over X/Z. sort computes the order that sorts the
// entities by cell (counting sort); the frame stores them in that order, so
// each row of a 3×3 neighbourhood is one contiguous span of dense indices.
//
// The grid covers the bounding box of this tick's finite positions, clipped
// to the world bounds; coordinates outside it are clamped into the edge
// cells. Clamping is monotone, so a query over the cells of [x-r, x+r] still
// finds every entity within r: edge cells just hold more candidates. The cell
// size is the AOI radius unless the box would need more cells than the budget
// (a huge, sparse world), in which case it doubles until it fits; any cell
// size ≥ the radius keeps the neighbourhood query exact.
type grid struct {
	size           float64 // cell edge length in world units
	x0, z0, x1, z1 float64 // first and last cell coordinate on each axis
	width, height  int

	// cellStart[c] is the first dense index of cell c; width*height+1 entries.
	cellStart []int32
	cellOf    []int32 // per input index: its cell
	// order[k] is the input index of the entity at dense index k; rank is
	// the inverse, the dense index of input index i.
	order, rank []int32
}

// box is the bounding box of the finite positions seen so far; it starts
// empty (min +Inf, max -Inf).
type box struct {
	minX, maxX, minZ, maxZ float32
}

// emptyBox returns a box that holds no position yet.
func emptyBox() box {
	inf := float32(math.Inf(1))
	return box{minX: inf, maxX: -inf, minZ: inf, maxZ: -inf}
}

// add grows b to hold (x, z) if both are finite.
func (b *box) add(x, z float32) {
	if isFinite(x) && isFinite(z) {
		b.minX, b.maxX = min(b.minX, x), max(b.maxX, x)
		b.minZ, b.maxZ = min(b.minZ, z), max(b.maxZ, z)
	}
}

// bounds fixes the grid's extent and cell size for n entities whose finite
// positions span bb.
func (g *grid) bounds(bb box, n int, radius float32, worldMin, worldMax [2]float32) {
	minX, maxX, minZ, maxZ := bb.minX, bb.maxX, bb.minZ, bb.maxZ
	if minX > maxX { // no finite position
		minX, maxX, minZ, maxZ = 0, 0, 0, 0
	}
	minX, maxX = clampF(minX, worldMin[0], worldMax[0]), clampF(maxX, worldMin[0], worldMax[0])
	minZ, maxZ = clampF(minZ, worldMin[1], worldMax[1]), clampF(maxZ, worldMin[1], worldMax[1])

	budget := float64(max(maxCellsFloor, cellsPerEntity*n))
	g.size = float64(radius)
	for {
		g.x0, g.x1 = math.Floor(float64(minX)/g.size), math.Floor(float64(maxX)/g.size)
		g.z0, g.z1 = math.Floor(float64(minZ)/g.size), math.Floor(float64(maxZ)/g.size)
		if (g.x1-g.x0+1)*(g.z1-g.z0+1) <= budget {
			break
		}
		g.size *= 2
	}
	g.width, g.height = int(g.x1-g.x0)+1, int(g.z1-g.z0)+1
}

// cellX returns the grid column of coordinate x, clamped into the grid; NaN
// maps to column 0. The mapping is monotone in x.
func (g *grid) cellX(x float64) int {
	return clampCell(math.Floor(x/g.size), g.x0, g.x1)
}

// cellZ is cellX for the Z axis.
func (g *grid) cellZ(z float64) int {
	return clampCell(math.Floor(z/g.size), g.z0, g.z1)
}

// clampCell turns a cell coordinate into a 0-based index within [lo, hi].
func clampCell(c, lo, hi float64) int {
	if !(c >= lo) { // also NaN
		c = lo
	} else if c > hi {
		c = hi
	}
	return int(c - lo)
}

// index fills cellOf from the positions.
func (g *grid) index(xs, zs []float32) {
	n := len(xs)
	g.cellOf = grow(g.cellOf, n)
	for i := 0; i < n; i++ {
		g.cellOf[i] = int32(g.cellZ(float64(zs[i]))*g.width + g.cellX(float64(xs[i])))
	}
}

// indexCells fills cellOf from cell coordinates already computed as
// floor(v / radius), saturated to int32, NaN as math.MinInt32 (see
// floorCell), and reports true; it gives the cells index would. It reports
// false, leaving cellOf to index, when the grid's cell size is not radius
// or its extent does not fit int32.
func (g *grid) indexCells(cx, cz []int32, radius float32) bool {
	if g.size != float64(radius) || g.x0 < math.MinInt32 || g.x1 > math.MaxInt32 ||
		g.z0 < math.MinInt32 || g.z1 > math.MaxInt32 {
		return false
	}
	// Clamping the saturated integer matches clampCell on the float: NaN
	// and values below x0 clamp to x0, values above x1 to x1, and the rest
	// are exact.
	x0, x1, z0, z1, w := int32(g.x0), int32(g.x1), int32(g.z0), int32(g.z1), int32(g.width)
	g.cellOf = grow(g.cellOf, len(cx))
	cz = cz[:len(cx)]
	for i, x := range cx {
		g.cellOf[i] = (min(max(cz[i], z0), z1)-z0)*w + min(max(x, x0), x1) - x0
	}
	return true
}

// sort sorts the entities into the cells of cellOf (counting sort),
// filling cellStart, order and rank.
func (g *grid) sort() {
	n := len(g.cellOf)
	cells := g.width * g.height
	g.cellStart = grow(g.cellStart, cells+1)
	clear(g.cellStart)
	for _, c := range g.cellOf {
		g.cellStart[c+1]++
	}
	for c := 1; c <= cells; c++ {
		g.cellStart[c] += g.cellStart[c-1]
	}
	g.order, g.rank = grow(g.order, n), grow(g.rank, n)
	// Scatter using cellStart[c] as the write cursor of cell c; afterwards
	// cellStart[c] is the end of cell c, so shift back by one cell. Locals,
	// so the stores do not force the slice headers to be reloaded.
	start, order, rank := g.cellStart, g.order, g.rank
	for i, c := range g.cellOf {
		k := start[c]
		order[k], rank[i] = int32(i), k
		start[c] = k + 1
	}
	copy(g.cellStart[1:], g.cellStart[:cells])
	g.cellStart[0] = 0
}

// CellIndex is floor(v / radius) as an int32, saturated; NaN gives 0. It is
// the value the system writes to ecs.AOICell, independent of the grid's
// internal cell size; replay's cells-only stand-in uses it too.
func CellIndex(v, radius float32) int32 {
	c, _ := floorCell(v, radius)
	return c
}

// floorCell returns floor(v / radius), saturated to int32, twice: as
// CellIndex (NaN gives 0) and for grid.indexCells (NaN gives
// math.MinInt32, which clamps to the grid's first cell as NaN does).
func floorCell(v, radius float32) (cell, grid int32) {
	c := math.Floor(float64(v) / float64(radius))
	switch {
	case c != c:
		return 0, math.MinInt32
	case c < math.MinInt32:
		return math.MinInt32, math.MinInt32
	case c > math.MaxInt32:
		return math.MaxInt32, math.MaxInt32
	}
	return int32(c), int32(c)
}

// isFinite reports whether f is neither NaN nor ±Inf: its exponent bits
// are not all ones.
func isFinite(f float32) bool {
	return math.Float32bits(f)&0x7f800000 != 0x7f800000
}

func clampF(v, lo, hi float32) float32 {
	return min(max(v, lo), hi)
}
