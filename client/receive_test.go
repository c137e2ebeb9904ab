package client

import (
	"testing"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

func state(uid uint64, x float32) wire.EntityState {
	return wire.EntityState{UserID: uid, Position: [3]float32{x, 0, 0}, Rotation: [4]float32{0, 0, 0, 1}}
}

func TestReceiveKeepsTheEntityMap(t *testing.T) {
	var events []EventKind
	c := newClient(1, 9, Options{OnEvent: func(ev *Event) { events = append(events, ev.Kind) }})
	h := (*handler)(c)
	sync := wire.AppendGameStateSyncHeader(nil, 9, 5, 3)
	for _, e := range []wire.EntityState{state(1, 10), state(2, 20), state(3, 30)} {
		sync = wire.AppendEntityState(sync, &e)
	}
	steps := []struct {
		name    string
		msg     []byte
		visible int
	}{
		{"welcome", wire.AppendWelcome(nil, &wire.Welcome{UserID: 1, RoomID: 9, ServerTick: 4}), 0},
		{"sync with self first", sync, 2},
		{"enter", wire.AppendEntityEnter(nil, &wire.EntityEnter{Entity: state(4, 40)}), 3},
		{"leave", wire.AppendEntityLeave(nil, &wire.EntityLeave{UserID: 2}), 2},
		{"action", wire.AppendPlayerAction(nil, &wire.PlayerAction{UserID: 3, Kind: wire.ActionInteract}), 2},
		{"garbage", []byte{0x7F, 1}, 2},
	}
	for _, s := range steps {
		h.OnMessage(rudp.ReliableOrdered, s.msg)
		if got := c.Visible(); got != s.visible {
			t.Fatalf("%s: visible %d, want %d", s.name, got, s.visible)
		}
	}
	if self, ok := c.Self(); !ok || self.Position[0] != 10 {
		t.Fatalf("self %+v %v", self, ok)
	}
	if e, ok := c.Entity(4); !ok || e.Position[0] != 40 {
		t.Fatalf("entity 4 %+v %v", e, ok)
	}
	if c.Welcome().ServerTick != 4 {
		t.Fatalf("welcome %+v", c.Welcome())
	}
	want := []EventKind{EventEnter, EventLeave, EventAction}
	if len(events) != len(want) {
		t.Fatalf("events %v, want %v", events, want)
	}
	st := &c.stats
	if st.syncs.Load() != 1 || st.records.Load() != 3 || st.junk.Load() != 1 {
		t.Fatalf("syncs %d records %d malformed %d", st.syncs.Load(), st.records.Load(), st.junk.Load())
	}
}

func TestReplyGoesToItsCallback(t *testing.T) {
	c := newClient(1, 1, Options{})
	got := map[uint32]string{}
	for _, id := range []uint32{7, 8} {
		c.replies[id] = func(r *wire.CommandReply) { got[r.CommandID] = string(r.Body) }
	}
	h := (*handler)(c)
	h.OnMessage(rudp.ReliableOrdered, wire.AppendCommandReply(nil, &wire.CommandReply{CommandID: 8, Body: []byte("eight")}))
	h.OnMessage(rudp.ReliableOrdered, wire.AppendCommandReply(nil, &wire.CommandReply{CommandID: 8, Body: []byte("again")})) // no callback left
	h.OnMessage(rudp.ReliableOrdered, wire.AppendCommandReply(nil, &wire.CommandReply{CommandID: 7, Body: []byte("seven")}))
	if got[7] != "seven" || got[8] != "eight" || len(c.replies) != 0 {
		t.Fatalf("got %v, pending %d", got, len(c.replies))
	}
}

// FuzzOnMessage feeds hostile server messages: the client never panics.
func FuzzOnMessage(f *testing.F) {
	f.Add(wire.AppendGameStateSyncHeader(nil, 1, 1, 1))
	f.Add(wire.AppendEntityEnter(nil, &wire.EntityEnter{}))
	f.Add(wire.AppendCommandReply(nil, &wire.CommandReply{CommandID: 1}))
	f.Add(wire.AppendLargeDataTransfer(nil, &wire.LargeDataTransfer{TotalChunks: 1}))
	f.Add(wire.AppendDisconnect(nil, &wire.Disconnect{}))
	f.Add([]byte{0x80})
	c := newClient(1, 1, Options{OnMessage: func([]byte) {}, OnTransfer: func(uint32, []byte) {}})
	h := (*handler)(c)
	f.Fuzz(func(t *testing.T, msg []byte) {
		h.OnMessage(rudp.ReliableOrdered, msg)
	})
}
