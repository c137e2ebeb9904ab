package aoigrid

import (
	"github.com/tickforge/tickforge/simd"
)

// block is the candidate set shared by the observers of one grid cell: the
// entities of every cell within reach of any of them, as one span of dense
// indices per grid row, which the distance kernel reads straight from the
// frame's columns.
type block struct {
	spans []simd.Span
	// within is the spans over the frame's columns, checked once per block
	// for the kernel.
	within simd.WithinBlock
	// query is the observer's query, updated in place (see
	// computeObserver); the radii are set once per tick.
	query simd.PointQuery
}

// fill makes the block of the cells in r over frame c.
func (b *block) fill(g *grid, c *frame, r cellRange) {
	b.spans = b.spans[:0]
	for row := r.zlo; row <= r.zhi; row++ {
		from, to := g.cellStart[row*g.width+r.xlo], g.cellStart[row*g.width+r.xhi+1]
		b.spans = append(b.spans, simd.Span{From: from, Len: to - from})
	}
	b.within.Reset(c.px, c.pz, c.room, b.spans)
}

// clearBlock empties the block, for a cell whose observers need no cells.
func (b *block) clearBlock(c *frame) {
	b.spans = b.spans[:0]
	b.within.Reset(c.px, c.pz, c.room, nil)
}

// holds reports whether dense index d is in one of the block's spans.
func (b *block) holds(d int32) bool {
	for _, s := range b.spans {
		if uint32(d-s.From) < uint32(s.Len) {
			return true
		}
	}
	return false
}
