package server_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server"
)

// releasingTransport is a fakeTransport that also records ReleaseID.
type releasingTransport struct {
	fakeTransport
	relMu    sync.Mutex
	released []endpoint.ConnID
}

func (r *releasingTransport) ReleaseID(id endpoint.ConnID) {
	r.relMu.Lock()
	r.released = append(r.released, id)
	r.relMu.Unlock()
}

func (r *releasingTransport) releases(id endpoint.ConnID) int {
	r.relMu.Lock()
	defer r.relMu.Unlock()
	n := 0
	for _, x := range r.released {
		if x == id {
			n++
		}
	}
	return n
}

// TestConnIDsAreReleasedOnce: every closed connection's id is released
// exactly once: a joined player's by its room after the room removed it
// (not before), any other's at once.
func TestConnIDsAreReleasedOnce(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.MaxPlayersPerRoom = 1
	tr := &releasingTransport{}
	s := runServer(t, cfg, tr)
	h := s.Handler()

	join(t, h, &tr.fakeTransport, 1, 1, 1)
	h.OnConnect(2, netipZero) // never sends its Connect
	h.OnConnect(3, netipZero) // refused: the room is full
	h.OnMessage(3, rudp.ReliableOrdered, wire.AppendConnect(nil, &wire.Connect{UserID: 3, RoomID: 1}))
	if r, ok := tr.kicked(3); !ok || r != rudp.ReasonServerFull {
		t.Fatalf("conn 3 not refused: %v %v", r, ok)
	}
	for _, id := range []endpoint.ConnID{2, 3} {
		h.OnDisconnect(id, rudp.ReasonPeerClosed)
		if n := tr.releases(id); n != 1 {
			t.Errorf("conn %d (never in a room) released %d times at its disconnect, want 1", id, n)
		}
	}

	h.OnDisconnect(1, rudp.ReasonPeerClosed)
	if n := tr.releases(1); n != 0 {
		t.Errorf("joined conn 1 released %d times before its room applied the disconnect", n)
	}
	waitFor(t, "the room to release conn 1", func() bool { return tr.releases(1) > 0 })
	waitFor(t, "the room to remove the player", func() bool { return s.Stats().Players == 0 })
	time.Sleep(5 * tick) // time for a second release, if there were one
	tr.relMu.Lock()
	got := slices.Clone(tr.released)
	tr.relMu.Unlock()
	slices.Sort(got)
	if want := []endpoint.ConnID{1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("released %v, want %v", got, want)
	}
}
