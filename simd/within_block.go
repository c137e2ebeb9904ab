package simd

// WithinBlock is a set of spans over X/Z/room columns that is checked once,
// by Reset, and then scanned by any number of point queries with Classify.
// The AOI grid scans one block per grid cell, once for each observer in the
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
	// padded is the spans' total length, each rounded up to 8: the most a
	// query writes to each output. end is the end of the last span (the
	// least length of Classify's seen).
	padded, end int
}

// Reset makes b the block of spans over the columns and checks them.
//
// Panics: if a span reaches outside xs, zs or rooms, starts before 0 or
// before the end of the span before it.
func (b *WithinBlock) Reset(xs, zs []float32, rooms []uint32, spans []Span) {
	b.padded, b.end = checkSpans(xs, zs, rooms, spans)
	b.xs, b.zs, b.rooms = xs, zs, rooms
	b.spans = append(b.spans[:0], spans...)
}

// Padded is the spans' total length with each rounded up to 8: the length
// each output of Classify must have.
func (b *WithinBlock) Padded() int { return b.padded }
