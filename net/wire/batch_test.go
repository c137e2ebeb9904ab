package wire

import (
	"errors"
	"testing"
)

func TestPacketBatchAdd(t *testing.T) {
	t.Parallel()
	var b PacketBatch
	good := make([]byte, 20)
	Header{Seq: 0xBEEF, Flags: FlagACK | FlagURGENT, Priority: PriorityHigh, Timestamp: 0xCAFEBABE}.Put(good)
	short := []byte{1, 2, 3}
	huge := make([]byte, 70000)
	Header{Seq: 1, Priority: PriorityLow}.Put(huge)
	badPrio := make([]byte, 8)
	Header{Seq: 2, Priority: 7}.Put(badPrio)

	b.Add(good, 10)
	b.Add(short, 11)
	b.Add(huge, 12)
	b.Add(badPrio, 13)
	if b.Count() != 4 {
		t.Fatalf("Count = %d, want 4", b.Count())
	}
	if h := b.Header(0); h != (Header{Seq: 0xBEEF, Flags: FlagACK | FlagURGENT, Priority: PriorityHigh, Timestamp: 0xCAFEBABE}) {
		t.Errorf("Header(0) = %+v", h)
	}
	if b.Len[1] != 3 || b.Header(1) != (Header{}) {
		t.Errorf("short datagram: Len %d header %+v, want 3 and zero", b.Len[1], b.Header(1))
	}
	if b.Len[2] != 65535 || b.Seq[2] != 1 {
		t.Errorf("huge datagram: Len %d Seq %d, want 65535 and 1", b.Len[2], b.Seq[2])
	}
	if &b.Data[0][0] != &good[0] {
		t.Error("Data[0] is a copy, want a reference to the receive buffer")
	}
	wantErr := []error{nil, ErrShort, ErrTooLarge, ErrBadPriority}
	for i, want := range wantErr {
		if err := b.Check(i); !errors.Is(err, want) || (want == nil && err != nil) {
			t.Errorf("Check(%d) = %v, want %v", i, err, want)
		}
		if _, perr := ParseHeader(b.Data[i]); perr != b.Check(i) {
			t.Errorf("Check(%d) = %v but ParseHeader says %v", i, b.Check(i), perr)
		}
	}
	if b.Conn[3] != 13 || b.ExpectedSeq[3] != 0 {
		t.Errorf("Conn %d ExpectedSeq %d, want 13 and 0", b.Conn[3], b.ExpectedSeq[3])
	}

	data := b.Data
	b.Reset()
	if b.Count() != 0 || len(b.Data) != 0 || len(b.Seq) != 0 {
		t.Fatalf("after Reset Count = %d", b.Count())
	}
	if cap(b.Len) < 4 || cap(b.Data) < 4 {
		t.Error("Reset dropped capacity")
	}
	for i, d := range data[:4] {
		if d != nil {
			t.Errorf("Reset kept a reference to buffer %d", i)
		}
	}
}

func TestPacketBatchGrow(t *testing.T) {
	t.Parallel()
	var b PacketBatch
	b.Add(make([]byte, 8), 1)
	b.Grow(64)
	if b.Count() != 1 || b.Conn[0] != 1 {
		t.Fatal("Grow lost an entry")
	}
	for name, c := range map[string]int{"Len": cap(b.Len), "Seq": cap(b.Seq), "Flags": cap(b.Flags), "Priority": cap(b.Priority),
		"Timestamp": cap(b.Timestamp), "Conn": cap(b.Conn), "ExpectedSeq": cap(b.ExpectedSeq), "Data": cap(b.Data)} {
		if c < 65 {
			t.Errorf("cap(%s) = %d after Grow(64), want ≥ 65", name, c)
		}
	}
}
