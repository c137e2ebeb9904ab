package aoigrid

import (
	"math"

	"github.com/tickforge/tickforge/simd"
)

// block is the candidate set shared by the observers of one grid cell: the
// entities of every cell within reach of any of them, copied row by row into
// contiguous columns, padded with NaN points to a whole number of 8-point
// steps so the distance kernel needs no scalar tail. A block position k
// stands for dense index dense[k]; bit k of a mask is position k.
type block struct {
	xs, zs []float32
	rooms  []uint32
	dense  []int32
	// slot[pd]-base is the block position of the entity whose dense index
	// last tick was pd, if it is below len(dense); other values of slot are
	// stale. Indexing by last tick's index lets an observer look up its
	// last visible set with one load. base only grows, so a stale slot is
	// always below it; fill clears slot when base would wrap (and before
	// the first block, so that zero is stale).
	slot []uint32
	base uint32
	// own is the block position of the cell's first observer, ownFrom, or
	// -1 if the block does not hold the cell.
	own     int
	ownFrom int32
	// hit and outer are per observer the masks of the candidates within
	// the enter and the leave radius; seen[k] is the observer's stamp if
	// it saw position k last tick (stale values are older stamps; see
	// System.nextStamps), and has a spare position past the block.
	hit, outer []uint64
	seen       []uint32
	// query is the observer's query, updated in place (see
	// computeObserver); the radii are set once per tick.
	query simd.PointQuery
	// lookup maps last tick's dense indices through slot to hit; fill
	// sets it.
	lookup simd.BitLookup
}

// fill loads the entities of the cells in r from frame c (in dense order, so
// block positions ascend with dense indices) for the observers of the cell
// starting at dense index cellFrom. curToPrev maps c's dense indices to last
// tick's, -1 for new entities; prevLen is the number of entities last tick.
func (b *block) fill(c *frame, g *grid, r cellRange, cellFrom int32, curToPrev []int32, prevLen int) {
	b.clearBlock()
	b.ownFrom = cellFrom
	b.slot = grow(b.slot, prevLen)
	if b.base == 0 || b.base > math.MaxUint32-uint32(len(c.ent)+8) {
		clear(b.slot) // zero is below every base from now on
		b.base = 1
	}
	n := 0
	for row := r.zlo; row <= r.zhi; row++ {
		n += int(g.cellStart[row*g.width+r.xhi+1] - g.cellStart[row*g.width+r.xlo])
	}
	padded := (n + 7) &^ 7
	b.xs, b.zs, b.rooms, b.dense = grow(b.xs, padded), grow(b.zs, padded), grow(b.rooms, padded), grow(b.dense, padded)
	b.sizeScratch(padded)
	k := 0
	for row := r.zlo; row <= r.zhi; row++ {
		from, to := g.cellStart[row*g.width+r.xlo], g.cellStart[row*g.width+r.xhi+1]
		if from <= cellFrom && cellFrom < to {
			b.own = k + int(cellFrom-from)
		}
		copy(b.xs[k:], c.px[from:to])
		copy(b.zs[k:], c.pz[from:to])
		copy(b.rooms[k:], c.room[from:to])
		dense, slot, base := b.dense[k:k+int(to-from)], b.slot, b.base+uint32(k)
		for i := range dense {
			d := from + int32(i)
			dense[i] = d
			if pd := curToPrev[d]; pd >= 0 {
				slot[pd] = base + uint32(i)
			}
		}
		k += int(to - from)
	}
	nan := float32(math.NaN())
	for ; k < padded; k++ {
		b.xs[k], b.zs[k], b.rooms[k], b.dense[k] = nan, nan, 0, -1
	}
	b.lookup = simd.BitLookup{Slot: b.slot, Base: b.base, Limit: uint32(padded), Mask: b.hit}
}

// clearBlock empties the block, for a cell whose observers need no cells.
func (b *block) clearBlock() {
	b.base += uint32(len(b.dense)) // past every slot the last block set
	b.xs, b.zs, b.rooms, b.dense = b.xs[:0], b.zs[:0], b.rooms[:0], b.dense[:0]
	b.sizeScratch(0)
	b.own = -1
	b.lookup = simd.BitLookup{Slot: b.slot, Base: b.base, Mask: b.hit}
}

// sizeScratch sizes the masks and seen for n positions; seen gets a spare
// position n, where markSeen stamps entities outside the block.
func (b *block) sizeScratch(n int) {
	b.hit, b.outer = grow(b.hit, (n+63)>>6), grow(b.outer, (n+63)>>6)
	b.seen = grow(b.seen, n+1)
}

// prevPos returns the block position of the entity whose dense index was
// pd last tick, and whether it is in the block.
func (b *block) prevPos(pd int32) (k uint32, in bool) {
	k = b.slot[pd] - b.base
	return k, k < uint32(len(b.dense))
}

// ownPos returns the block position of observer o of the block's cell, or
// -1 if the block does not hold it.
func (b *block) ownPos(o int32) int {
	if b.own < 0 {
		return -1
	}
	return b.own + int(o-b.ownFrom)
}

// splitPrev counts the entities of prevVis (dense indices of last tick)
// that are hits now and copies the others to missed, in order; it returns
// both counts.
func (b *block) splitPrev(prevVis, missed []int32) (nMissed, stayed int) {
	return simd.SplitByBits(missed, prevVis, &b.lookup)
}

// markSeen stamps the block positions of prevVis (dense indices of last
// tick) in seen. Stamping a position that is not a hit is harmless: only
// hits are looked up.
func (b *block) markSeen(prevVis []int32, stamp uint32) {
	spare := uint32(len(b.dense))
	for _, pv := range prevVis {
		b.seen[min(b.slot[pv]-b.base, spare)] = stamp
	}
}
