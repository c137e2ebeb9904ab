package simd

// WithinBlock is a set of spans over X/Z/room columns that is checked once,
// by Reset, and then scanned by any number of point queries with Select. The
// AOI grid scans one block per grid cell, once for each observer in the
// cell; checking the spans per block instead of per query keeps that check
// off the per-observer path.
//
// The zero value is an empty block. A WithinBlock keeps its own copy of the
// spans and references to the columns (whose values may change between
// queries; their lengths were checked).
type WithinBlock struct {
	xs, zs []float32
	rooms  []uint32
	spans  []Span
	base   int32
	// padded is the spans' total length, each rounded up to 8: the most a
	// query writes to out. flagsLen is the least length of flags; end is
	// the end of the last span (the least length of Classify's seen).
	padded, flagsLen, end int
}

// Reset makes b the block of spans over the columns, with flags indexed from
// base, and checks them as SelectWithin does.
//
// Panics: if a span reaches outside xs, zs or rooms, starts before base or
// before the end of the span before it.
func (b *WithinBlock) Reset(xs, zs []float32, rooms []uint32, spans []Span, base int32) {
	total, end := checkSpans(xs, zs, rooms, spans, base)
	b.xs, b.zs, b.rooms = xs, zs, rooms
	b.spans = append(b.spans[:0], spans...)
	b.base, b.padded, b.flagsLen, b.end = base, total, 0, 0
	if len(spans) > 0 {
		b.end = end
		b.flagsLen = end - int(base) + 8
	}
}

// Padded is the spans' total length with each rounded up to 8: the length
// out must have for Select.
func (b *WithinBlock) Padded() int { return b.padded }

// Select is SelectWithin(out, flags, xs, zs, rooms, spans, base, q) over the
// block's columns and spans, with the same results and writes, except that
// point except (if it is one of the block's; −1 for none) is never within
// either radius: its flags byte is 0 and it is not in out, as if it were in
// another room (the AOI grid leaves the observer itself out this way).
//
// Panics: if out is shorter than Padded() or flags shorter than the last
// span's end minus base, plus 8.
func (b *WithinBlock) Select(out []int32, flags []uint8, q *PointQuery, except int32) int {
	return b.selectOn(out, flags, q, except, accelerated.Load())
}

// selectOn is Select on the chosen path.
func (b *WithinBlock) selectOn(out []int32, flags []uint8, q *PointQuery, except int32, useAsm bool) int {
	if len(out) < b.padded || len(flags) < b.flagsLen {
		panic("simd: WithinBlock.Select: out or flags is too short for the spans")
	}
	if b.padded == 0 {
		return 0
	}
	if useAsm {
		return selectWithinBlockAsm(b, out, flags, q, except)
	}
	return selectWithinGeneric(out, flags, b.xs, b.zs, b.rooms, b.spans, b.base, q, int(except))
}
