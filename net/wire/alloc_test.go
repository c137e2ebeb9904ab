package wire

import (
	"math/rand/v2"
	"testing"
)

// TestZeroAllocations proves the per-packet paths allocate nothing once the
// caller's buffers are warm: header parsing, every encoder into a buffer
// with room, every decoder, rejection of bad input, and PacketBatch.Add.
func TestZeroAllocations(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	dst := make([]byte, 0, 4096)
	hdr := make([]byte, 64)
	Header{Flags: FlagACK, Priority: PriorityHigh}.Put(hdr)
	ack := AckBlock{Ack: 3, AckBits: 7}

	pu := PositionUpdate{UserID: 1, Sequence: 2}
	pa := randPlayerAction(rng)
	e := randEntityState(rng)
	var records []byte
	for range 20 {
		records = AppendEntityState(records, &e)
	}
	sync := GameStateSync{RoomID: 1, Tick: 2, Records: records}
	rc := ReliableCommand{Command: []byte("say"), Parameters: make([]byte, 500)}
	ldt := LargeDataTransfer{TotalChunks: 2, ChunkData: make([]byte, 1024)}
	ms := MediaStream{FrameType: FrameKey, FrameData: make([]byte, 900)}
	encPU, encPA := AppendPositionUpdate(nil, &pu), AppendPlayerAction(nil, pa)
	encSync, encRC := AppendGameStateSync(nil, &sync), AppendReliableCommand(nil, &rc)
	encLDT, encMS := AppendLargeDataTransfer(nil, &ldt), AppendMediaStream(nil, &ms)
	garbage := []byte{0x04, 1, 2}

	var batch PacketBatch
	batch.Grow(256)
	datagram := make([]byte, 100)

	var (
		mPU  PositionUpdate
		mPA  PlayerAction
		mS   GameStateSync
		mRC  ReliableCommand
		mLDT LargeDataTransfer
		mMS  MediaStream
		eOut EntityState
	)
	tests := []struct {
		name string
		f    func()
	}{
		{"ParseHeader", func() { _, _ = ParseHeader(hdr) }},
		{"ParseHeader reject", func() { _, _ = ParseHeader(hdr[:3]) }},
		{"Header.Put+AckBlock.Put", func() { Header{Seq: 1}.Put(hdr); ack.Put(hdr[HeaderSize:]) }},
		{"ParseAckBlock", func() { _, _ = ParseAckBlock(hdr[HeaderSize:]) }},
		{"AppendPositionUpdate", func() { dst = AppendPositionUpdate(dst[:0], &pu) }},
		{"AppendPlayerAction", func() { dst = AppendPlayerAction(dst[:0], pa) }},
		{"AppendGameStateSync", func() { dst = AppendGameStateSync(dst[:0], &sync) }},
		{"AppendEntityState", func() { dst = AppendEntityState(dst[:0], &e) }},
		{"AppendReliableCommand", func() { dst = AppendReliableCommand(dst[:0], &rc) }},
		{"AppendLargeDataTransfer", func() { dst = AppendLargeDataTransfer(dst[:0], &ldt) }},
		{"AppendMediaStream", func() { dst = AppendMediaStream(dst[:0], &ms) }},
		{"DecodePositionUpdate", func() { _ = DecodePositionUpdate(encPU, &mPU) }},
		{"DecodePlayerAction", func() { _ = DecodePlayerAction(encPA, &mPA) }},
		{"DecodeGameStateSync+Entity", func() { _ = DecodeGameStateSync(encSync, &mS); mS.Entity(3, &eOut) }},
		{"DecodeReliableCommand", func() { _ = DecodeReliableCommand(encRC, &mRC) }},
		{"DecodeLargeDataTransfer", func() { _ = DecodeLargeDataTransfer(encLDT, &mLDT) }},
		{"DecodeMediaStream", func() { _ = DecodeMediaStream(encMS, &mMS) }},
		{"decode reject", func() { _ = DecodePositionUpdate(garbage, &mPU) }},
		{"PacketBatch steady state", func() {
			batch.Reset()
			for i := range 200 {
				batch.Add(datagram, uint32(i))
			}
			_ = batch.Check(199)
		}},
	}
	for _, tc := range tests {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s: %.1f allocations per run, want 0", tc.name, n)
		}
	}
	// Sanity: the decoders above really succeeded.
	if err := DecodeGameStateSync(encSync, &mS); err != nil || mS.Count() != 20 {
		t.Fatalf("DecodeGameStateSync: %v, %d records", err, mS.Count())
	}
}
