package simd

import (
	"math/rand/v2"
	"testing"
)

// validHeader is a header that passes DefaultHeaderLimits(now).
func validHeader(c *HeaderColumns, i int, now uint32) {
	c.Len[i], c.Seq[i], c.ExpectedSeq[i], c.Flags[i], c.Priority[i], c.Timestamp[i] = 100, 500, 500, 0x01, 1, now
}

// newHeaders returns n zeroed headers.
func newHeaders(n int) *HeaderColumns {
	return &HeaderColumns{Len: make([]uint16, n), Seq: make([]uint16, n), ExpectedSeq: make([]uint16, n),
		Flags: make([]uint8, n), Priority: make([]uint8, n), Timestamp: make([]uint32, n)}
}

func TestValidateHeadersEdgeCases(t *testing.T) {
	t.Parallel()
	const now = 50_000
	tests := []struct {
		name string
		set  func(c *HeaderColumns, i int)
		want bool
	}{
		{"valid", func(*HeaderColumns, int) {}, true},
		{"length 7", func(c *HeaderColumns, i int) { c.Len[i] = 7 }, false},
		{"length 8", func(c *HeaderColumns, i int) { c.Len[i] = 8 }, true},
		{"length 1200 fragment", func(c *HeaderColumns, i int) { c.Len[i], c.Flags[i] = 1200, 0x10 }, true},
		{"length 1201 fragment", func(c *HeaderColumns, i int) { c.Len[i], c.Flags[i] = 1201, 0x10 }, false},
		{"length 65535 fragment", func(c *HeaderColumns, i int) { c.Len[i], c.Flags[i] = 65535, 0x10 }, false},
		{"payload 1024", func(c *HeaderColumns, i int) { c.Len[i] = 1032 }, true},
		{"payload 1025", func(c *HeaderColumns, i int) { c.Len[i] = 1033 }, false},
		{"payload 1025 fragment", func(c *HeaderColumns, i int) { c.Len[i], c.Flags[i] = 1033, 0x10 }, true},
		{"payload 1192 fragment", func(c *HeaderColumns, i int) { c.Len[i], c.Flags[i] = 1200, 0x11 }, true},
		{"length 1200 not fragment", func(c *HeaderColumns, i int) { c.Len[i] = 1200 }, false},
		{"flags 0x3F", func(c *HeaderColumns, i int) { c.Flags[i] = 0x3f }, false},
		{"flags 0x21 (ACK|URGENT)", func(c *HeaderColumns, i int) { c.Flags[i] = 0x21 }, true},
		{"flags 0x31 (ACK|FRAG|URGENT)", func(c *HeaderColumns, i int) { c.Flags[i] = 0x31 }, true},
		{"flags 0x40", func(c *HeaderColumns, i int) { c.Flags[i] = 0x40 }, false},
		{"flags 0x80", func(c *HeaderColumns, i int) { c.Flags[i] = 0x80 }, false},
		{"SYN|ACK", func(c *HeaderColumns, i int) { c.Flags[i] = 0x03 }, true},
		{"SYN|FIN", func(c *HeaderColumns, i int) { c.Flags[i] = 0x06 }, false},
		{"SYN|RST", func(c *HeaderColumns, i int) { c.Flags[i] = 0x0a }, false},
		{"FIN|RST", func(c *HeaderColumns, i int) { c.Flags[i] = 0x0c }, false},
		{"RST|FRAG", func(c *HeaderColumns, i int) { c.Flags[i] = 0x18 }, false},
		{"SYN|FRAG", func(c *HeaderColumns, i int) { c.Flags[i] = 0x12 }, false},
		{"FIN|FRAG", func(c *HeaderColumns, i int) { c.Flags[i] = 0x14 }, true},
		{"priority 3", func(c *HeaderColumns, i int) { c.Priority[i] = 3 }, true},
		{"priority 4", func(c *HeaderColumns, i int) { c.Priority[i] = 4 }, false},
		{"priority 255", func(c *HeaderColumns, i int) { c.Priority[i] = 255 }, false},
		{"timestamp now-10000", func(c *HeaderColumns, i int) { c.Timestamp[i] = now - 10_000 }, true},
		{"timestamp now-10001", func(c *HeaderColumns, i int) { c.Timestamp[i] = now - 10_001 }, false},
		{"timestamp now+1000", func(c *HeaderColumns, i int) { c.Timestamp[i] = now + 1000 }, true},
		{"timestamp now+1001", func(c *HeaderColumns, i int) { c.Timestamp[i] = now + 1001 }, false},
		{"timestamp now±2^31", func(c *HeaderColumns, i int) { c.Timestamp[i] = now + 1<<31 }, false},
		{"timestamp now+2^31-1", func(c *HeaderColumns, i int) { c.Timestamp[i] = now + 1<<31 - 1 }, false},
		{"seq wrap 65535 to 0", func(c *HeaderColumns, i int) { c.ExpectedSeq[i], c.Seq[i] = 65535, 0 }, true},
		{"seq wrap 0 to 65535", func(c *HeaderColumns, i int) { c.ExpectedSeq[i], c.Seq[i] = 0, 65535 }, true},
		{"seq +1024 across wrap", func(c *HeaderColumns, i int) { c.ExpectedSeq[i], c.Seq[i] = 65000, (65000+1024)&0xffff }, true},
		{"seq +1025 across wrap", func(c *HeaderColumns, i int) { c.ExpectedSeq[i], c.Seq[i] = 65000, (65000+1025)&0xffff }, false},
		{"seq -1024 across wrap", func(c *HeaderColumns, i int) { c.ExpectedSeq[i], c.Seq[i] = 10, (10-1024)&0xffff }, true},
		{"seq -1025 across wrap", func(c *HeaderColumns, i int) { c.ExpectedSeq[i], c.Seq[i] = 10, (10-1025)&0xffff }, false},
		{"seq half way round", func(c *HeaderColumns, i int) { c.ExpectedSeq[i], c.Seq[i] = 0, 32768 }, false},
	}
	const n = 100
	for _, tt := range tests {
		// Positions inside the assembly blocks and in the Go tail.
		for _, pos := range []int{0, 31, 32, 63, 64, 95, 96, 99} {
			c := newHeaders(n)
			for i := range n {
				validHeader(c, i, now)
			}
			tt.set(c, pos)
			lim := DefaultHeaderLimits(now)
			mask := checkHeaders(t, c, lim)
			if Bit(mask, pos) != tt.want {
				t.Errorf("%s at %d: valid = %v, want %v", tt.name, pos, Bit(mask, pos), tt.want)
			}
			for i := range n {
				if i != pos && !Bit(mask, i) {
					t.Fatalf("%s at %d: neighbour %d rejected", tt.name, pos, i)
				}
			}
		}
	}
}

func TestValidateHeadersTimestampWrap(t *testing.T) {
	t.Parallel()
	// The server clock just before and just after wrapping round 2^32 ms.
	for _, now := range []uint32{0, 5, 500, 4294967295, 4294966796} {
		lim := DefaultHeaderLimits(now)
		c := newHeaders(4)
		for i := range 4 {
			validHeader(c, i, now)
		}
		c.Timestamp[0], c.Timestamp[1] = now-10_000, now+1000
		c.Timestamp[2], c.Timestamp[3] = now-10_001, now+1001
		mask := checkHeaders(t, c, lim)
		if mask[0] != 0b0011 {
			t.Errorf("now=%d: mask %04b, want 0011", now, mask[0])
		}
	}
}

func TestValidateHeadersEveryFlagByte(t *testing.T) {
	t.Parallel()
	c := newHeaders(256)
	for f := range 256 {
		validHeader(c, f, 7)
		c.Flags[f] = uint8(f)
	}
	mask := checkHeaders(t, c, DefaultHeaderLimits(7))
	legal := 0
	for f := range 256 {
		if Bit(mask, f) {
			legal++
		}
	}
	// Of the 64 bytes without reserved bits, the legal ones are those with at
	// most one of SYN, FIN, RST (4 ways) and no FRAG unless neither SYN nor
	// RST is set: (1 none + FIN alone) × 2 FRAG + (SYN, RST) × 1 = 6 ways,
	// times ACK and URGENT (4): 24.
	if legal != 24 {
		t.Errorf("%d legal flag bytes, want 24", legal)
	}
}

func TestValidateHeadersEveryLength(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 300; n++ {
		for trial := range 3 {
			lim := genHeaderLimits(rng)
			checkHeaders(t, genHeaders(rng, n, trial, lim), lim)
		}
	}
}

func TestValidateHeadersCaps(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	// Windows beyond half the timeline are capped, not wrapped round.
	lim := HeaderLimits{MinLen: 0, MaxLen: 65535, MaxPayload: 65535, NowMS: 12345,
		PastWindowMS: 0xffffffff, FutureMS: 0xffffffff, SeqWindow: 0xffff}
	c := genHeaders(rng, 200, 0, lim)
	for i := range 200 {
		c.Flags[i], c.Priority[i] = 0, 0
		c.Seq[i] = c.ExpectedSeq[i] + uint16(rng.IntN(65535)) + 32769 // any distance but −32768
	}
	c.Seq[0], c.ExpectedSeq[0] = 32768, 0 // distance −32768: outside the capped ±32767
	mask := checkHeaders(t, c, lim)
	for i := 1; i < 200; i++ {
		if !Bit(mask, i) {
			t.Fatalf("header %d rejected with unbounded limits", i)
		}
	}
	if Bit(mask, 0) {
		t.Error("sequence distance −32768 accepted with SeqWindow capped at 32767")
	}
}

func TestValidateHeadersPanics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		c     *HeaderColumns
		valid []uint64
	}{
		{"short seq", &HeaderColumns{Len: make([]uint16, 3), Seq: make([]uint16, 2), ExpectedSeq: make([]uint16, 3),
			Flags: make([]uint8, 3), Priority: make([]uint8, 3), Timestamp: make([]uint32, 3)}, make([]uint64, 1)},
		{"short timestamp", &HeaderColumns{Len: make([]uint16, 3), Seq: make([]uint16, 3), ExpectedSeq: make([]uint16, 3),
			Flags: make([]uint8, 3), Priority: make([]uint8, 3), Timestamp: make([]uint32, 0)}, make([]uint64, 1)},
		{"short mask", newHeaders(65), make([]uint64, 1)},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", tt.name)
				}
			}()
			ValidateHeaders(tt.c, DefaultHeaderLimits(0), tt.valid)
		}()
	}
}

func TestValidateHeadersAllocs(t *testing.T) {
	c := genHeaders(rand.New(rand.NewPCG(5, 6)), 1000, 0, DefaultHeaderLimits(0))
	valid := make([]uint64, MaskWords(1000))
	lim0 := DefaultHeaderLimits(0)
	for _, useAsm := range paths() {
		if a := testing.AllocsPerRun(50, func() { validateHeaders(c, &lim0, valid, useAsm) }); a != 0 {
			t.Errorf("%s: %v allocations per call, want 0", pathName(useAsm), a)
		}
	}
	if a := testing.AllocsPerRun(50, func() { ValidateHeaders(c, DefaultHeaderLimits(0), valid) }); a != 0 {
		t.Errorf("ValidateHeaders: %v allocations per call, want 0", a)
	}
}

func TestIllegalFlagPairs(t *testing.T) {
	t.Parallel()
	want := [5]uint8{0x06, 0x0a, 0x0c, 0x18, 0x12}
	if got := IllegalFlagPairs(); got != want {
		t.Errorf("IllegalFlagPairs() = %#x, want %#x", got, want)
	}
}
