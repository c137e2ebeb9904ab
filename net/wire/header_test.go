package wire

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// modelFlagsError is an independent statement of the flag rules in
// docs/PROTOCOL.md: reserved bits clear, at most one of SYN/FIN/RST, and no
// FRAG with SYN or RST.
func modelFlagsError(f uint8) error {
	bit := func(m uint8) int { return int(f&m) / int(m) }
	syn, fin, rst, frag := bit(0x02), bit(0x04), bit(0x08), bit(0x10)
	switch {
	case f>>6 != 0:
		return ErrReservedFlags
	case syn+fin+rst > 1, frag == 1 && syn+rst > 0:
		return ErrIllegalFlags
	}
	return nil
}

func TestValidateFlagsMatchesModelForEveryByte(t *testing.T) {
	t.Parallel()
	legal := 0
	for f := range 256 {
		got, want := ValidateFlags(Flags(f)), modelFlagsError(uint8(f))
		if got != want {
			t.Errorf("ValidateFlags(%#02x) = %v, want %v", f, got, want)
		}
		if got == nil {
			legal++
		}
	}
	// ACK and URGENT are free (×4); SYN/FIN/RST/none × FRAG gives none, none+FRAG,
	// SYN, FIN, FIN+FRAG, RST = 6 → 24 legal bytes.
	if legal != 24 {
		t.Errorf("%d legal flag bytes, want 24", legal)
	}
}

func TestParseHeader(t *testing.T) {
	t.Parallel()
	datagram := func(n int, flags, prio byte) []byte {
		b := make([]byte, n)
		copy(b, []byte{0x34, 0x12, flags, prio, 0x78, 0x56, 0x34, 0x12})
		return b
	}
	tests := []struct {
		name string
		b    []byte
		want Header
		err  error
	}{
		{"plain", datagram(8, 0, 2), Header{Seq: 0x1234, Priority: PriorityNormal, Timestamp: 0x12345678}, nil},
		{"ack with block", datagram(14, 0x01, 1), Header{Seq: 0x1234, Flags: FlagACK, Priority: PriorityHigh, Timestamp: 0x12345678}, nil},
		{"syn ack urgent", datagram(100, 0x23, 0), Header{Seq: 0x1234, Flags: FlagSYN | FlagACK | FlagURGENT, Timestamp: 0x12345678}, nil},
		{"fin frag", datagram(1200, 0x14, 3), Header{Seq: 0x1234, Flags: FlagFIN | FlagFRAG, Priority: PriorityLow, Timestamp: 0x12345678}, nil},
		{"empty", nil, Header{}, ErrShort},
		{"seven bytes", datagram(7, 0, 0), Header{}, ErrShort},
		{"ack without block", datagram(13, 0x01, 0), Header{}, ErrShort},
		{"too large", datagram(1201, 0, 0), Header{}, ErrTooLarge},
		{"reserved 0x40", datagram(8, 0x40, 0), Header{}, ErrReservedFlags},
		{"reserved 0x80 beats bad priority", datagram(8, 0x80, 9), Header{}, ErrReservedFlags},
		{"syn fin", datagram(8, 0x06, 0), Header{}, ErrIllegalFlags},
		{"syn rst", datagram(8, 0x0A, 0), Header{}, ErrIllegalFlags},
		{"fin rst", datagram(8, 0x0C, 0), Header{}, ErrIllegalFlags},
		{"rst frag", datagram(8, 0x18, 0), Header{}, ErrIllegalFlags},
		{"syn frag", datagram(8, 0x12, 0), Header{}, ErrIllegalFlags},
		{"priority 4", datagram(8, 0, 4), Header{}, ErrBadPriority},
		{"priority 255", datagram(8, 0, 255), Header{}, ErrBadPriority},
	}
	for _, tc := range tests {
		got, err := ParseHeader(tc.b)
		if !errors.Is(err, tc.err) || got != tc.want {
			t.Errorf("%s: ParseHeader = %+v, %v; want %+v, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func TestHeaderPutParseRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, HeaderSize+AckBlockSize)
	for range 1000 {
		h := Header{Seq: uint16(rng.Uint32()), Flags: Flags(rng.IntN(256)), Priority: Priority(rng.IntN(4)), Timestamp: rng.Uint32()}
		if ValidateFlags(h.Flags) != nil {
			continue
		}
		h.Put(b)
		got, err := ParseHeader(b)
		if err != nil || got != h {
			t.Fatalf("round trip of %+v: got %+v, %v", h, got, err)
		}
		a := AckBlock{Ack: uint16(rng.Uint32()), AckBits: rng.Uint32()}
		a.Put(b[HeaderSize:])
		if got, err := ParseAckBlock(b[HeaderSize:]); err != nil || got != a {
			t.Fatalf("ack round trip of %+v: got %+v, %v", a, got, err)
		}
	}
}

func TestPutPanicsOnShortBuffer(t *testing.T) {
	t.Parallel()
	mustPanic(t, "Header.Put", func() { Header{}.Put(make([]byte, HeaderSize-1)) })
	mustPanic(t, "AckBlock.Put", func() { AckBlock{}.Put(make([]byte, AckBlockSize-1)) })
}

func TestParseAckBlock(t *testing.T) {
	t.Parallel()
	got, err := ParseAckBlock([]byte{0xFE, 0xFF, 0x01, 0x00, 0x00, 0x80, 0xAA})
	if err != nil || got != (AckBlock{Ack: 0xFFFE, AckBits: 0x80000001}) {
		t.Errorf("ParseAckBlock = %+v, %v", got, err)
	}
	if _, err := ParseAckBlock(make([]byte, 5)); !errors.Is(err, ErrShort) {
		t.Errorf("5 bytes: err = %v, want ErrShort", err)
	}
}

func TestAckBlockAcks(t *testing.T) {
	t.Parallel()
	a := AckBlock{Ack: 1, AckBits: 1<<0 | 1<<1 | 1<<31} // acks 1, 0, 65535, and 1-1-31 = 65505
	for seq, want := range map[uint16]bool{
		1: true, 0: true, 65535: true, 65505: true,
		65534: false, 65504: false, 2: false, 0x8001: false,
	} {
		if got := a.Acks(seq); got != want {
			t.Errorf("Acks(%d) = %v, want %v", seq, got, want)
		}
	}
}

func TestSeqLessAndDiff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b uint16
		less bool
		diff int16
	}{
		{0, 1, true, -1},
		{1, 0, false, 1},
		{5, 5, false, 0},
		{65535, 0, true, -1},
		{0, 65535, false, 1},
		{65000, 100, true, -636},
		{0, 32767, true, -32767},
		{32767, 0, false, 32767},
		{0, 32768, false, -32768},
		{32768, 0, false, -32768},
	}
	for _, tc := range tests {
		if got := SeqLess(tc.a, tc.b); got != tc.less {
			t.Errorf("SeqLess(%d, %d) = %v, want %v", tc.a, tc.b, got, tc.less)
		}
		if got := SeqDiff(tc.a, tc.b); got != tc.diff {
			t.Errorf("SeqDiff(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.diff)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		a, k := uint16(rng.Uint32()), uint16(1+rng.IntN(32767))
		b := a + k
		if !SeqLess(a, b) || SeqLess(b, a) || SeqDiff(b, a) != int16(k) {
			t.Fatalf("a=%d k=%d: SeqLess(a,b)=%v SeqLess(b,a)=%v SeqDiff(b,a)=%d", a, k, SeqLess(a, b), SeqLess(b, a), SeqDiff(b, a))
		}
	}
}

func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", name)
		}
	}()
	f()
}
