package aoigrid

import (
	"github.com/tickforge/tickforge/simd"
)

// block is the candidate set shared by the observers of one grid cell: the
// entities of every cell within reach of any of them, as one span of dense
// indices per grid row, which the distance kernel reads straight from the
// frame's columns. The spans lie in the dense range (base, base+limit);
// flags[d-base] holds the kernel's verdicts (simd.FlagWithin, FlagOuter)
// on entity d for the observer being computed, and no verdict for the
// entities of the range outside the spans (other cells of the same rows).
// flags[0] stands for no entity: simd.SplitByFlags marks entities outside
// the range there.
type block struct {
	spans []simd.Span
	base  int32
	limit uint32
	// padded is the spans' total length, each rounded up to 8: the most
	// the kernel writes to its output.
	padded int
	flags  []uint8
	// within is the spans over the frame's columns, checked once per block
	// for the kernel.
	within simd.WithinBlock
	// query is the observer's query, updated in place (see
	// computeObserver); the radii are set once per tick.
	query simd.PointQuery
	// lookup takes last tick's dense indices through System.prevToCur to
	// flags; fill sets it.
	lookup simd.FlagLookup
}

// fill makes the block of the cells in r over frame c. prevToCur maps last
// tick's dense indices to this tick's, -1 for gone entities.
func (b *block) fill(g *grid, c *frame, r cellRange, prevToCur []int32) {
	b.spans, b.padded = b.spans[:0], 0
	for row := r.zlo; row <= r.zhi; row++ {
		from, to := g.cellStart[row*g.width+r.xlo], g.cellStart[row*g.width+r.xhi+1]
		b.spans = append(b.spans, simd.Span{From: from, Len: to - from})
		b.padded += (int(to-from) + 7) &^ 7
	}
	last := b.spans[len(b.spans)-1]
	b.setRange(b.spans[0].From-1, last.From+last.Len, prevToCur)
	b.within.Reset(c.px, c.pz, c.room, b.spans, b.base)
}

// clearBlock empties the block, for a cell whose observers need no cells.
func (b *block) clearBlock(c *frame, prevToCur []int32) {
	b.spans, b.padded = b.spans[:0], 0
	b.setRange(0, 0, prevToCur)
	b.within.Reset(c.px, c.pz, c.room, nil, 0)
}

// setRange sizes flags for the dense range [from, to) and zeroes them (and
// 8 bytes more, which the kernel may write past the last span).
func (b *block) setRange(from, to int32, prevToCur []int32) {
	b.base, b.limit = from, uint32(to-from)
	b.flags = grow(b.flags, int(b.limit)+8)
	clear(b.flags)
	b.lookup = simd.FlagLookup{Map: prevToCur, Base: b.base, Limit: b.limit, Flags: b.flags}
}

// offset returns d's index in flags and seen, and whether d is in the
// block's range.
func (b *block) offset(d int32) (k uint32, in bool) {
	k = uint32(d - b.base)
	return k, k < b.limit
}

// splitPrev counts the entities of prevVis (dense indices of last tick)
// that are hits now and copies the others to missed, in order; it returns
// both counts. It marks the entities of prevVis with simd.FlagSeen.
func (b *block) splitPrev(prevVis, missed []int32) (nMissed, stayed int) {
	return simd.SplitByFlags(missed, prevVis, &b.lookup)
}
