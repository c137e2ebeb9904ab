package server

import (
	"bytes"
	"io"
	"testing"

	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/systems/actions"
	"github.com/tickforge/tickforge/systems/ingest"
)

// TestRecordingRoomTickAllocatesNothing: a recorded room's tick that pops
// an action (recorded as an app record) allocates nothing once warm.
func TestRecordingRoomTickAllocatesNothing(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Record = func(uint32) (io.Writer, error) { return io.Discard, nil }
	s, err := NewWithTransport(cfg, DiscardTransport{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.newRoom(2)
	if err != nil {
		t.Fatal(err)
	}
	r.startRecording()
	if r.rec == nil {
		t.Fatal("room not recording")
	}
	defer r.stopRecording()
	r.Pipeline.Push(&ingest.Event{Kind: ingest.KindConnect, Conn: 1, UserID: 9})
	act := actions.Action{Conn: 1, Msg: wire.PlayerAction{UserID: 9, Kind: wire.ActionMove, Move: wire.Move{Direction: [3]float32{1, 0, 0}, Speed: 2}}}
	tick := func() {
		r.actionQ.Push(&act)
		r.Pipeline.Loop.Step()
	}
	for i := 0; i < 300; i++ { // warm: chunk buffers reach their working size
		tick()
	}
	if n := testing.AllocsPerRun(200, tick); n != 0 {
		t.Fatalf("%v allocations per recorded tick", n)
	}
	if st := r.rec.Stats(); st.Events < 500 {
		t.Fatalf("recorder saw %d events, want one action per tick", st.Events)
	}
}

// TestRecordFileName documents the per-room file names.
func TestRecordFileName(t *testing.T) {
	tests := []struct {
		path string
		room uint32
		n    int
		want string
	}{
		{"s.tfr", 7, 1, "s.room7.tfr"},
		{"s.tfr", 7, 2, "s.room7.2.tfr"},
		{"/tmp/x.y/session", 0, 1, "/tmp/x.y/session.room0"},
		{"a.b.tfr", 4294967295, 3, "a.b.room4294967295.3.tfr"},
	}
	for _, tc := range tests {
		if got := RecordFileName(tc.path, tc.room, tc.n); got != tc.want {
			t.Errorf("RecordFileName(%q, %d, %d) = %q, want %q", tc.path, tc.room, tc.n, got, tc.want)
		}
	}
}

// TestReplayFeedSkipsHostileRecords: app records that do not decode are
// skipped, never a panic.
func TestReplayFeedSkipsHostileRecords(t *testing.T) {
	s, err := NewWithTransport(DefaultConfig(), DiscardTransport{})
	if err != nil {
		t.Fatal(err)
	}
	r := &Room{srv: s}
	src := &replayActions{}
	good := wire.AppendPlayerAction([]byte{1, 0, 0, 0}, &wire.PlayerAction{UserID: 3, Kind: wire.ActionUseItem, UseItem: wire.UseItem{ItemID: 5}})
	for _, a := range []record.AppRecord{
		{Channel: AppChannelAction, Data: nil},
		{Channel: AppChannelAction, Data: []byte{1, 2, 3, 4, 99}},
		{Channel: AppChannelAction, Data: good[:len(good)-1]},
		{Channel: AppChannelEvent, Data: bytes.Repeat([]byte{1}, eventRecordHeader-1)},
		{Channel: 200, Data: good},
		{Channel: AppChannelAction, Data: good},
		{Channel: AppChannelEvent, Data: bytes.Repeat([]byte{byte(evCommand)}, eventRecordHeader+3)},
	} {
		r.feed(src, &a)
	}
	if len(src.items) != 1 || src.items[0].Conn != 1 || src.items[0].Msg.UseItem.ItemID != 5 || len(r.evsys.replayed) != 1 {
		t.Fatalf("fed %+v and %d events", src.items, len(r.evsys.replayed))
	}
	var a actions.Action
	if !src.Pop(&a) || src.Pop(&a) || len(src.items) != 0 {
		t.Fatal("replay source does not drain and reset")
	}
}

// FuzzReplayFeed: whatever bytes a recording's app records hold, feeding
// them to a replay room never panics, and an action is queued only if it
// decodes.
func FuzzReplayFeed(f *testing.F) {
	f.Add(AppChannelAction, wire.AppendPlayerAction([]byte{1, 0, 0, 0}, &wire.PlayerAction{UserID: 3, Kind: wire.ActionCast}))
	f.Add(AppChannelEvent, append(bytes.Repeat([]byte{byte(evApplication)}, eventRecordHeader), 0xf0, 1))
	f.Add(uint8(0), []byte{})
	s, err := NewWithTransport(DefaultConfig(), DiscardTransport{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, ch uint8, data []byte) {
		r := &Room{srv: s}
		src := &replayActions{}
		r.feed(src, &record.AppRecord{Channel: ch, Data: data})
		for _, a := range src.items {
			if len(data) < 4 || wire.DecodePlayerAction(data[4:], &a.Msg) != nil {
				t.Fatalf("queued an action from %x", data)
			}
		}
	})
}
