package wire

import "math"

// PacketBatch is a structure of arrays of received datagrams, filled
// straight from the receive buffers so header validation (simd) runs over
// whole columns. Entry i of every column describes datagram i. The batch
// keeps its capacity between uses, so steady-state Add allocates nothing.
type PacketBatch struct {
	// Len is each datagram's length in bytes, capped at 65535 (any length
	// above MaxDatagram is invalid anyway). Len < HeaderSize means the
	// header columns of that entry are zero and meaningless.
	Len []uint16
	// Seq is the header's sequence number.
	Seq []uint16
	// Flags is the header's flag byte (as uint8 so kernels can use it directly).
	Flags []uint8
	// Priority is the header's priority byte.
	Priority []uint8
	// Timestamp is the header's sender timestamp (ms).
	Timestamp []uint32
	// Conn is the caller's index of the connection (or address slot) the
	// datagram came from.
	Conn []uint32
	// ExpectedSeq is the connection's next expected sequence number. Add
	// sets it to zero; the caller gathers the real values before validating.
	ExpectedSeq []uint16
	// Data is each whole datagram, header included. It references the
	// caller's receive buffer, which must stay untouched until Reset.
	Data [][]byte
}

// Count is the number of datagrams in the batch.
func (b *PacketBatch) Count() int { return len(b.Len) }

// Reset empties the batch, keeping its capacity, and drops its references
// to the receive buffers.
func (b *PacketBatch) Reset() {
	clear(b.Data)
	b.Len, b.Seq, b.Flags, b.Priority = b.Len[:0], b.Seq[:0], b.Flags[:0], b.Priority[:0]
	b.Timestamp, b.Conn, b.ExpectedSeq, b.Data = b.Timestamp[:0], b.Conn[:0], b.ExpectedSeq[:0], b.Data[:0]
}

// Grow makes room for n more datagrams without reallocating during Add.
func (b *PacketBatch) Grow(n int) {
	b.Len = growTo(b.Len, n)
	b.Seq = growTo(b.Seq, n)
	b.Flags = growTo(b.Flags, n)
	b.Priority = growTo(b.Priority, n)
	b.Timestamp = growTo(b.Timestamp, n)
	b.Conn = growTo(b.Conn, n)
	b.ExpectedSeq = growTo(b.ExpectedSeq, n)
	b.Data = growTo(b.Data, n)
}

func growTo[T any](s []T, n int) []T {
	if cap(s)-len(s) >= n {
		return s
	}
	g := make([]T, len(s), len(s)+n)
	copy(g, s)
	return g
}

// Add appends one datagram received from connection conn. It reads the 8
// header bytes without validating them; a datagram shorter than HeaderSize
// is recorded with its true Len and zero header columns. The datagram is
// referenced, not copied.
func (b *PacketBatch) Add(datagram []byte, conn uint32) {
	n := len(datagram)
	var h Header
	if n >= HeaderSize {
		h = readHeader(datagram)
	}
	b.Len = append(b.Len, uint16(min(n, math.MaxUint16)))
	b.Seq = append(b.Seq, h.Seq)
	b.Flags = append(b.Flags, uint8(h.Flags))
	b.Priority = append(b.Priority, uint8(h.Priority))
	b.Timestamp = append(b.Timestamp, h.Timestamp)
	b.Conn = append(b.Conn, conn)
	b.ExpectedSeq = append(b.ExpectedSeq, 0)
	b.Data = append(b.Data, datagram)
}

// Header returns entry i's header columns as a Header (unvalidated).
//
// Panics: if i is not in [0, b.Count()).
func (b *PacketBatch) Header(i int) Header {
	return Header{Seq: b.Seq[i], Flags: Flags(b.Flags[i]), Priority: Priority(b.Priority[i]), Timestamp: b.Timestamp[i]}
}

// Check validates entry i's header columns exactly as ParseHeader validates
// the datagram; it is the scalar reference the SIMD validator must match.
//
// Panics: if i is not in [0, b.Count()).
func (b *PacketBatch) Check(i int) error {
	return CheckHeaderFields(int(b.Len[i]), Flags(b.Flags[i]), Priority(b.Priority[i]))
}

// CheckHeaderFields applies ParseHeader's rules to a datagram of length n
// whose header holds flags f and priority p, in ParseHeader's order.
func CheckHeaderFields(n int, f Flags, p Priority) error {
	switch {
	case n < HeaderSize:
		return ErrShort
	case n > MaxDatagram:
		return ErrTooLarge
	case f&FlagACK != 0 && n < HeaderSize+AckBlockSize:
		return ErrShort
	}
	if err := ValidateFlags(f); err != nil {
		return err
	}
	if p >= NumPriorities {
		return ErrBadPriority
	}
	return nil
}
