package server_test

import (
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server"
)

var netipZero netip.AddrPort

func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func command(id uint32, uid uint64, name string) []byte {
	return wire.AppendReliableCommand(nil, &wire.ReliableCommand{CommandID: id, UserID: uid, Command: []byte(name)})
}

// TestNormalWaitsForBatchOrDeadline: commands (Normal) are held until
// NormalBatch of them wait, or the oldest has waited NormalDelay.
func TestNormalWaitsForBatchOrDeadline(t *testing.T) {
	t.Run("batch size", func(t *testing.T) {
		_, tr, h := headless(t, func(c *server.Config) { c.NormalBatch = 3; c.NormalDelay = time.Hour })
		join(t, h, tr, 1, 1, 1)
		h.OnMessage(1, rudp.ReliableOrdered, command(1, 1, "x"))
		h.OnMessage(1, rudp.ReliableOrdered, command(2, 1, "x"))
		time.Sleep(100 * time.Millisecond) // six ticks
		if n := tr.count(1, wire.TypeCommandReply); n != 0 {
			t.Fatalf("%d replies before the batch filled", n)
		}
		h.OnMessage(1, rudp.ReliableOrdered, command(3, 1, "x"))
		waitFor(t, "three replies", func() bool { return tr.count(1, wire.TypeCommandReply) == 3 })
	})
	t.Run("deadline", func(t *testing.T) {
		_, tr, h := headless(t, func(c *server.Config) { c.NormalBatch = 100; c.NormalDelay = 150 * time.Millisecond })
		join(t, h, tr, 1, 1, 1)
		start := time.Now()
		h.OnMessage(1, rudp.ReliableOrdered, command(1, 1, "x"))
		waitFor(t, "the reply", func() bool { return tr.count(1, wire.TypeCommandReply) == 1 })
		if waited := time.Since(start); waited < 130*time.Millisecond {
			t.Fatalf("replied after %v, before the 150 ms deadline", waited)
		}
	})
}

// TestOutboundFullShedsNormalHoldsReliable: while the transport refuses,
// unreliable messages are shed and counted, reliable ones are held and
// sent in order once it accepts again.
func TestOutboundFullShedsNormalHoldsReliable(t *testing.T) {
	s, tr, h := headless(t, nil)
	join(t, h, tr, 1, 1, 1)
	tr.refuse.Store(true)
	for i := uint32(1); i <= 5; i++ {
		h.OnMessage(1, rudp.ReliableOrdered, command(i, 1, "nope"))
	}
	h.OnMessage(1, rudp.ReliableOrdered, wire.AppendGameStateSyncHeader(nil, 1, 0, 0))
	waitFor(t, "held replies", func() bool { return s.Stats().CriticalRetried >= 6 })
	tr.refuse.Store(false)
	waitFor(t, "replies after recovery", func() bool { return tr.count(1, wire.TypeCommandReply) == 5 })
	tr.mu.Lock()
	var ids []uint32
	for _, m := range tr.sends {
		var r wire.CommandReply
		if m.id == 1 && wire.DecodeCommandReply(m.msg, &r) == nil {
			ids = append(ids, r.CommandID)
		}
	}
	tr.mu.Unlock()
	for i, id := range ids {
		if id != uint32(i+1) {
			t.Fatalf("reply order %v", ids)
		}
	}
}

func TestHeldOverflowKicks(t *testing.T) {
	s, tr, h := headless(t, func(c *server.Config) { c.MaxPendingCritical = 2; c.NormalBatch = 1 })
	join(t, h, tr, 1, 1, 1)
	tr.refuse.Store(true)
	for i := uint32(1); i <= 4; i++ {
		h.OnMessage(1, rudp.ReliableOrdered, command(i, 1, "nope"))
	}
	waitFor(t, "a kick", func() bool { _, ok := tr.kicked(1); return ok })
	if s.Stats().CriticalKicks == 0 {
		t.Fatal("kick not counted")
	}
}

func TestHostileMessagesAreCountedNotApplied(t *testing.T) {
	s, tr, h := headless(t, nil)
	join(t, h, tr, 1, 1, 1)
	tests := []struct {
		name string
		msg  []byte
	}{
		{"empty", []byte{}},
		{"truncated position", wire.AppendPositionUpdate(nil, &wire.PositionUpdate{UserID: 1})[:20]},
		{"other user's position", wire.AppendPositionUpdate(nil, &wire.PositionUpdate{UserID: 2})},
		{"other user's action", wire.AppendPlayerAction(nil, &wire.PlayerAction{UserID: 2, Kind: wire.ActionUseItem})},
		{"other user's command", command(1, 2, "x")},
		{"unregistered game type", []byte{0x90, 1, 2}},
		{"unknown engine type", []byte{0x3F}},
		{"bad media frame type", []byte{byte(wire.TypeMediaStream), 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0}},
	}
	for i, tc := range tests {
		h.OnMessage(1, rudp.ReliableOrdered, tc.msg)
		if got := s.Stats().Malformed; got != uint64(i+1) {
			t.Fatalf("%s: malformed = %d, want %d", tc.name, got, i+1)
		}
	}
	// A first message that is not a Connect is a protocol violation.
	h.OnConnect(2, netipZero)
	h.OnMessage(2, rudp.ReliableOrdered, command(1, 5, "x"))
	if r, ok := tr.kicked(2); !ok || r != rudp.ReasonProtocolViolation {
		t.Fatalf("conn 2 kick %v %v", r, ok)
	}
}

func TestRegistrationRules(t *testing.T) {
	s, err := server.NewWithTransport(server.DefaultConfig(), &fakeTransport{})
	if err != nil {
		t.Fatal(err)
	}
	noop := func(*server.Context, []byte) {}
	cmd := func(*server.Context, []byte) (wire.ReplyStatus, []byte) { return 0, nil }
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"engine type", s.HandleMessage(wire.TypeMediaStream, wire.PriorityHigh, noop), server.ErrReservedType},
		{"game type", s.HandleMessage(wire.FirstApplicationType, wire.PriorityHigh, noop), nil},
		{"duplicate type", s.HandleMessage(wire.FirstApplicationType, wire.PriorityLow, noop), server.ErrDuplicate},
		{"bad priority", s.HandleMessage(wire.FirstApplicationType+1, 9, noop), wire.ErrBadPriority},
		{"command", s.HandleCommand("a", cmd), nil},
		{"duplicate command", s.HandleCommand("a", cmd), server.ErrDuplicate},
		{"empty command name", s.HandleCommand("", cmd), server.ErrInvalidConfig},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, tc.want) || (tc.want == nil && tc.err != nil) {
			t.Errorf("%s: err %v, want %v", tc.name, tc.err, tc.want)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tune := range []func(*server.Config){
		func(c *server.Config) { c.MaxRooms = -1 },
		func(c *server.Config) { c.RoomQueue = 100 },
		func(c *server.Config) { c.Sim.TickRate = -5 },
		func(c *server.Config) { c.Endpoint.Listener.MaxConns = c.MaxConns + 1 },
	} {
		cfg := server.DefaultConfig()
		tune(&cfg)
		if _, err := server.NewWithTransport(cfg, &fakeTransport{}); !errors.Is(err, server.ErrInvalidConfig) {
			t.Errorf("err %v, want ErrInvalidConfig", err)
		}
	}
}

func TestEmptyRoomCloses(t *testing.T) {
	s, tr, h := headless(t, func(c *server.Config) { c.RoomIdleClose = 50 * time.Millisecond; c.MaxRooms = 1 })
	join(t, h, tr, 1, 1, 1)
	h.OnDisconnect(1, rudp.ReasonPeerClosed)
	waitFor(t, "the room to close", func() bool { return len(s.Rooms()) == 0 })
	join(t, h, tr, 2, 2, 5) // the room slot is free again
	if rooms := s.Rooms(); len(rooms) != 1 || rooms[5] != 1 {
		t.Fatalf("rooms %v", rooms)
	}
}
