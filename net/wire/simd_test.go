package wire

import (
	"math/rand/v2"
	"testing"

	"github.com/tickforge/tickforge/simd"
)

// TestIllegalFlagsMatchSIMD checks that the SIMD header validator rejects
// exactly the flag combinations this package does.
func TestIllegalFlagsMatchSIMD(t *testing.T) {
	t.Parallel()
	ours := map[Flags]bool{}
	for _, c := range IllegalFlagCombinations() {
		ours[c] = true
	}
	theirs := map[Flags]bool{}
	for _, c := range simd.IllegalFlagPairs() {
		theirs[Flags(c)] = true
	}
	if len(ours) != len(theirs) {
		t.Fatalf("wire has %d illegal pairs, simd %d", len(ours), len(theirs))
	}
	for c := range ours {
		if !theirs[c] {
			t.Errorf("pair %#02x is illegal in wire but not in simd", uint8(c))
		}
	}
}

// TestCheckAgreesWithSIMDValidateHeaders runs simd.ValidateHeaders with its
// policy windows opened wide over random batches and compares it with
// PacketBatch.Check. The one known difference: Check (like ParseHeader)
// also drops an ACK datagram too short to hold the ack block.
func TestCheckAgreesWithSIMDValidateHeaders(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(25, 26))
	var b PacketBatch
	for range 20 {
		b.Reset()
		for range 300 {
			d := make([]byte, []int{0, 3, 7, 8, 10, 13, 14, 100, 1024, 1200, 1201, 1500}[rng.IntN(12)])
			if len(d) >= HeaderSize {
				Header{Seq: uint16(rng.Uint32()), Flags: Flags(rng.IntN(256)), Priority: Priority(rng.IntN(6)), Timestamp: rng.Uint32()}.Put(d)
			}
			b.Add(d, 0)
		}
		copy(b.ExpectedSeq, b.Seq)
		cols := simd.HeaderColumns{Len: b.Len, Seq: b.Seq, ExpectedSeq: b.ExpectedSeq, Flags: b.Flags, Priority: b.Priority, Timestamp: b.Timestamp}
		lim := simd.HeaderLimits{MinLen: HeaderSize, MaxLen: MaxDatagram, MaxPayload: MaxDatagram,
			PastWindowMS: 1 << 31, FutureMS: 1<<31 - 1, SeqWindow: 32767}
		valid := make([]uint64, simd.MaskWords(b.Count()))
		simd.ValidateHeaders(&cols, lim, valid)
		for i := range b.Count() {
			simdOK := valid[i/64]&(1<<(i%64)) != 0
			ackTooShort := b.Flags[i]&uint8(FlagACK) != 0 && b.Len[i] >= HeaderSize && b.Len[i] < HeaderSize+AckBlockSize
			want := b.Check(i) == nil
			if ackTooShort {
				want = simdOK // the documented difference; checked below
				if b.Check(i) != ErrShort {
					t.Fatalf("entry %d: short ACK datagram, Check = %v", i, b.Check(i))
				}
			}
			if simdOK != want {
				t.Fatalf("entry %d (len %d flags %#02x prio %d): simd valid %v, Check %v", i, b.Len[i], b.Flags[i], b.Priority[i], simdOK, b.Check(i))
			}
		}
	}
}
