package simd

import "math"

// HeaderSize is the size of the packet header in bytes; payload = Len − HeaderSize.
const HeaderSize = 8

// Header flag bits, as on the wire (net/wire defines the same values).
const (
	flagSYN      = 0x02
	flagFIN      = 0x04
	flagRST      = 0x08
	flagFRAG     = 0x10
	flagReserved = 0xC0
	maxPriority  = 3
)

// illegalFlagPairs are the flag pairs that must not both be set; net/wire's
// ValidateFlags uses the same set.
var illegalFlagPairs = [5]uint8{
	flagSYN | flagFIN,
	flagSYN | flagRST,
	flagFIN | flagRST,
	flagRST | flagFRAG,
	flagSYN | flagFRAG,
}

// IllegalFlagPairs returns the flag pairs ValidateHeaders rejects when both
// bits are set: SYN|FIN, SYN|RST, FIN|RST, RST|FRAG and SYN|FRAG. It lets
// net/wire check that its own list is the same.
func IllegalFlagPairs() [5]uint8 { return illegalFlagPairs }

// HeaderColumns is a batch of received packet headers as a structure of
// arrays, one entry per datagram. Len decides the batch size; every other
// column must have at least as many entries. The field names match
// net/wire's PacketBatch, so a batch converts field by field.
type HeaderColumns struct {
	// Len is each datagram's length in bytes, header included.
	Len []uint16
	// Seq is the header's 16-bit sequence number.
	Seq []uint16
	// ExpectedSeq is the next sequence number the datagram's connection
	// expects, gathered per datagram by the caller.
	ExpectedSeq []uint16
	// Flags is the header's flag byte.
	Flags []uint8
	// Priority is the header's priority byte.
	Priority []uint8
	// Timestamp is the sender's 32-bit millisecond clock, on the server's
	// timeline (which wraps).
	Timestamp []uint32
}

// Count is the number of headers in the batch: len(Len).
func (c *HeaderColumns) Count() int { return len(c.Len) }

// HeaderLimits are the bounds ValidateHeaders applies. DefaultHeaderLimits
// returns the protocol's values; the caller sets NowMS each batch.
type HeaderLimits struct {
	// MinLen and MaxLen bound the datagram length, inclusive.
	MinLen, MaxLen uint16
	// MaxPayload bounds Len − HeaderSize for datagrams without FRAG set.
	MaxPayload uint16
	// NowMS is the server's clock in ms on the same wrapping timeline as
	// the timestamps.
	NowMS uint32
	// PastWindowMS and FutureMS bound how far a timestamp may lie before and
	// after NowMS. PastWindowMS is capped at 1<<31 and FutureMS at 1<<31−1,
	// half the timeline, beyond which "before" and "after" lose meaning.
	PastWindowMS, FutureMS uint32
	// SeqWindow bounds the wrap-aware distance between Seq and ExpectedSeq
	// in both directions. It is capped at 32767.
	SeqWindow uint16
}

// DefaultHeaderLimits returns the protocol's bounds: length 8..1200, payload
// ≤ 1024 unless fragmented, timestamps from 10 s before to 1 s after now, and
// sequence numbers within 1024 of the expected one.
func DefaultHeaderLimits(nowMS uint32) HeaderLimits {
	return HeaderLimits{
		MinLen: HeaderSize, MaxLen: 1200, MaxPayload: 1024,
		NowMS: nowMS, PastWindowMS: 10_000, FutureMS: 1000, SeqWindow: 1024,
	}
}

// ValidateHeaders sets bit i of valid when header i passes every rule and
// returns how many passed. Header i passes when
//
//   - MinLen ≤ Len ≤ MaxLen, and Len − HeaderSize ≤ MaxPayload unless FRAG
//     (0x10) is set;
//   - the reserved flag bits 0x40 and 0x80 are zero and no pair listed by
//     IllegalFlagPairs is set together;
//   - Priority ≤ 3;
//   - −PastWindowMS ≤ int32(Timestamp − NowMS) ≤ FutureMS (wrap-aware);
//   - −SeqWindow ≤ int16(Seq − ExpectedSeq) ≤ SeqWindow (wrap-aware).
//
// valid must hold at least MaskWords(n) words for n = c.Count(). Bits at n
// and beyond in the last word are cleared; later words are not touched. The
// call allocates nothing. The assembly path handles 32 headers per step.
//
// Panics: if a column of c is shorter than c.Len, or valid is too short.
func ValidateHeaders(c *HeaderColumns, lim HeaderLimits, valid []uint64) int {
	return validateHeaders(c, &lim, valid, accelerated.Load())
}

// validateHeaders is ValidateHeaders with the path chosen by the caller, so
// tests can run both without touching the package setting.
func validateHeaders(c *HeaderColumns, lim *HeaderLimits, valid []uint64, useAsm bool) int {
	n := c.Count()
	if len(c.Seq) < n || len(c.ExpectedSeq) < n || len(c.Flags) < n || len(c.Priority) < n || len(c.Timestamp) < n {
		panic("simd: ValidateHeaders: a column is shorter than Len")
	}
	if len(valid) < MaskWords(n) {
		panic("simd: ValidateHeaders: valid mask shorter than MaskWords(len(Len))")
	}
	var r headerRule
	r.set(lim)
	done, count := 0, 0
	if useAsm {
		done, count = validateHeadersAsm(c, &r, valid, n)
	}
	return count + validateHeadersGeneric(c, &r, valid, done, n)
}

// headerRule is HeaderLimits with the documented caps applied, folded into
// unsigned range checks: a value v lies in a wrap-aware window iff
// v + bias ≤ span as an unsigned number. The Go reference evaluates these;
// the assembly derives its signed-compare constants from them.
type headerRule struct {
	minLen, maxLen uint16
	// maxPlainLen is the largest Len without FRAG: MaxPayload + HeaderSize,
	// saturated at 65535.
	maxPlainLen uint16
	// seqBias is the capped SeqWindow and seqSpan twice that:
	// Seq − ExpectedSeq + seqBias ≤ seqSpan.
	seqBias, seqSpan uint16
	// tsBias is capped PastWindowMS − NowMS and tsSpan the capped
	// PastWindowMS + FutureMS: Timestamp + tsBias ≤ tsSpan.
	tsBias, tsSpan uint32
}

// set folds lim into r, applying the documented caps. It assigns field by
// field through pointers: copying the small-field structs whole made the
// CPU reload freshly stored bytes with wider loads, which cannot be
// store-forwarded (a call on an empty batch took ~50 ns instead of ~11 ns).
func (r *headerRule) set(lim *HeaderLimits) {
	w := min(lim.SeqWindow, math.MaxInt16)
	past := min(lim.PastWindowMS, 1<<31)
	future := min(lim.FutureMS, math.MaxInt32)
	r.minLen = lim.MinLen
	r.maxLen = lim.MaxLen
	r.maxPlainLen = uint16(min(uint32(lim.MaxPayload)+HeaderSize, math.MaxUint16))
	r.seqBias = w
	r.seqSpan = 2 * w
	r.tsBias = past - lim.NowMS
	r.tsSpan = past + future
}
