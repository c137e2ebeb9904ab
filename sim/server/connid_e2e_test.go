package server_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/server"
)

// tickGate stalls a room on demand, as a loaded machine does: between
// stall and resume the room goroutine blocks after a tick, and what the
// network goroutine queues meanwhile reaches the room in one tick.
type tickGate struct {
	mu      sync.Mutex
	held    chan struct{} // closed by resume; nil while the room runs freely
	arrived atomic.Uint64
}

// ObserveTick implements server.TickObserver.
func (g *tickGate) ObserveTick(uint32, *sim.Loop) {
	g.arrived.Add(1)
	g.mu.Lock()
	held := g.held
	g.mu.Unlock()
	if held != nil {
		<-held
	}
}

// stall blocks the room after its next tick and returns once it is blocked
// (or about to be: every tick observed after stall began waits).
func (g *tickGate) stall(t *testing.T) {
	t.Helper()
	g.mu.Lock()
	g.held = make(chan struct{})
	g.mu.Unlock()
	n := g.arrived.Load()
	eventually(t, 2*time.Second, "the room to stall", func() bool { return g.arrived.Load() > n })
}

// resume lets the room run again.
func (g *tickGate) resume() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.held != nil {
		close(g.held)
		g.held = nil
	}
}

// TestStalledRoomDoesNotGiveOldInputsToNextConn reproduces the end-to-end
// tests' "stale" rejections of honest bots, and their rare "refused"
// connects, deterministically. A player sends inputs and leaves while its
// room is stalled; a second player connects before the room ticks again.
// Had the second connection got the first one's id (the endpoint used to
// reuse it at once), the room would drain [old inputs, old disconnect, new
// connect] in one tick and judge the old inputs, after ingest, as the new
// player's: their sequence numbers (up to 25) would make the new player's
// first inputs "stale", and cheating ones would strike the new player
// until it is kicked as it joins.
func TestStalledRoomDoesNotGiveOldInputsToNextConn(t *testing.T) {
	for _, tc := range []struct {
		name string
		skew uint32 // added to the old inputs' timestamps
	}{
		{"honest old inputs", 0},
		{"future-stamped old inputs", 60_000},
	} {
		t.Run(tc.name, func(t *testing.T) { testStalledRoomReusedConn(t, tc.skew) })
	}
}

func testStalledRoomReusedConn(t *testing.T, skew uint32) {
	gate := &tickGate{}
	s, _ := startServer(t, func(c *server.Config) { c.TickObserver = gate }, nil)
	old := dial(t, s, 1, 1)
	eventually(t, time.Second, "the first player's snapshot", func() bool { _, ok := old.Self(); return ok })

	gate.stall(t)
	defer gate.resume()
	const oldInputs = 25
	for i := range oldInputs {
		m := wire.PositionUpdate{UserID: 1, Position: spawns[1], Rotation: identity,
			Timestamp: old.ServerTimeMS() + skew, Sequence: uint16(i + 1)}
		old.Send(rudp.UnreliableSequenced, wire.PriorityHigh, wire.AppendPositionUpdate(nil, &m))
	}
	eventually(t, 2*time.Second, "the old inputs at the server", func() bool {
		return s.Stats().MessagesIn[wire.TypePositionUpdate] == oldInputs
	})
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	eventually(t, 2*time.Second, "the old connection to close", func() bool { return s.Endpoint().Stats().Disconnected == 1 })

	type dialed struct {
		c   *client.Client
		err error
	}
	got := make(chan dialed, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		c, err := client.Dial(ctx, s.Addr().String(), 4, 1, client.Options{})
		got <- dialed{c, err}
	}()
	eventually(t, 2*time.Second, "the second Connect at the server", func() bool { return s.Stats().Joins == 2 })
	gate.resume()

	d := <-got
	if d.err != nil {
		t.Fatalf("second player refused: %v", d.err)
	}
	t.Cleanup(func() { d.c.Close() })
	before := s.Stats().Cheat
	const newInputs = 5
	for range newInputs {
		d.c.SendPosition(spawns[4], identity, [3]float32{})
		time.Sleep(20 * time.Millisecond) // well inside the rate limit
	}
	var after [ecs.NumReasons]uint64
	eventually(t, 2*time.Second, "verdicts on the new inputs", func() bool {
		after = s.Stats().Cheat
		n := uint64(0)
		for r := range after {
			n += after[r] - before[r]
		}
		return n >= newInputs
	})
	if acc := after[ecs.ReasonAccepted] - before[ecs.ReasonAccepted]; acc != newInputs {
		t.Errorf("%d of the new player's %d inputs accepted (verdicts %v)", acc, newInputs, after)
	}
	// The old player's inputs were drained with its disconnect: they are
	// nobody's now, not the new player's, and strike nobody.
	want := [ecs.NumReasons]uint64{ecs.ReasonAccepted: newInputs, ecs.ReasonUnknownPlayer: oldInputs}
	if after != want {
		t.Errorf("verdicts %v, want %v", after, want)
	}
	if k := s.Stats().CheatKicks; k != 0 {
		t.Errorf("%d players kicked for cheating, want none", k)
	}
	select {
	case <-d.c.Done():
		t.Errorf("the new player's connection ended: %v", d.c.CloseReason())
	default:
	}
}
