package bots_test

import (
	"context"
	"testing"
	"time"

	"github.com/tickforge/tickforge/bots"
	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// TestNetConnHotPathsDoNotAllocate: sending a position and polling an
// empty queue, what every bot does every tick, allocate nothing beyond what
// the transport's own Send does (measured here on a plain client: one
// allocation per message at the time of writing, in net/endpoint).
func TestNetConnHotPathsDoNotAllocate(t *testing.T) {
	h := startInProcess(t, nil)
	conn, err := bots.NetDialer(h.netConfig())(context.Background(), h.addr, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	id, pos := conn.Self()
	if id != 1 || pos != (bots.Vec3{260, 0, 260}) {
		t.Fatalf("Self() = %d %v, want the spawn point of user 1", id, pos)
	}
	plain, err := client.Dial(context.Background(), h.addr, 3, 1, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	msg := make([]byte, wire.PositionUpdateSize)
	transport := testing.AllocsPerRun(200, func() { plain.Send(rudp.UnreliableSequenced, wire.PriorityHigh, msg) })
	noop := func(*bots.Event) {}
	if n := testing.AllocsPerRun(200, func() {
		if err := conn.SendPosition(pos, bots.Vec3{}, 0); err != nil {
			t.Fatal(err)
		}
	}); n > transport {
		t.Errorf("SendPosition allocates %v times, the transport's Send %v", n, transport)
	}
	time.Sleep(50 * time.Millisecond)
	conn.Poll(0, noop) // drain what arrived
	if n := testing.AllocsPerRun(200, func() { conn.Poll(0, noop) }); n != 0 {
		t.Errorf("an idle Poll allocates %v times", n)
	}
}

// TestNetConnCommandAndUpload: a command's reply and an upload's
// confirmation come back as events through Poll.
func TestNetConnCommandAndUpload(t *testing.T) {
	h := startInProcess(t, nil)
	conn, err := bots.NetDialer(h.netConfig())(context.Background(), h.addr, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cmd, err := conn.SendCommand("ping", []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	up, err := conn.SendLarge(make([]byte, 40_000))
	if err != nil {
		t.Fatal(err)
	}
	var reply, done bool
	deadline := time.Now().Add(3 * time.Second)
	for !(reply && done) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		conn.Poll(0, func(e *bots.Event) {
			switch {
			case e.Kind == bots.EventReply && uint32(e.ID) == cmd:
				reply = e.Status == 0 && string(e.Body) == "pong"
			case e.Kind == bots.EventTransferDone && uint32(e.ID) == up:
				done = true
			}
		})
	}
	if !reply || !done {
		t.Fatalf("reply %v, transfer confirmed %v", reply, done)
	}
	if h.transfers.Load() != 1 {
		t.Fatalf("server handler saw %d transfers", h.transfers.Load())
	}
}
