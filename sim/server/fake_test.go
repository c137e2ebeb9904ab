package server_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server"
)

// sent is one message a fakeTransport was asked to send.
type sent struct {
	id   endpoint.ConnID
	ch   rudp.Channel
	prio wire.Priority
	msg  []byte
}

// fakeTransport records sends and kicks; refuse makes Send fail.
type fakeTransport struct {
	refuse atomic.Bool
	mu     sync.Mutex
	sends  []sent
	kicks  map[endpoint.ConnID]rudp.CloseReason
}

func (f *fakeTransport) Send(id endpoint.ConnID, ch rudp.Channel, prio wire.Priority, p []byte) bool {
	if f.refuse.Load() {
		return false
	}
	f.mu.Lock()
	f.sends = append(f.sends, sent{id, ch, prio, append([]byte(nil), p...)})
	f.mu.Unlock()
	return true
}

func (f *fakeTransport) Kick(id endpoint.ConnID, r rudp.CloseReason) bool {
	f.mu.Lock()
	if f.kicks == nil {
		f.kicks = map[endpoint.ConnID]rudp.CloseReason{}
	}
	f.kicks[id] = r
	f.mu.Unlock()
	return true
}

// count returns how many sends to id had message type t.
func (f *fakeTransport) count(id endpoint.ConnID, t wire.Type) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, s := range f.sends {
		if s.id == id && wire.Type(s.msg[0]) == t {
			n++
		}
	}
	return n
}

func (f *fakeTransport) kicked(id endpoint.ConnID) (rudp.CloseReason, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.kicks[id]
	return r, ok
}

// headless runs a socket-free server over a fakeTransport until the test ends.
func headless(t testing.TB, tune func(*server.Config)) (*server.Server, *fakeTransport, endpoint.Handler) {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.SpawnPoint = func(uid uint64, _ uint32) mgl32.Vec3 { return spawns[uid] }
	if tune != nil {
		tune(&cfg)
	}
	tr := &fakeTransport{}
	s := runServer(t, cfg, tr)
	return s, tr, s.Handler()
}

// runServer starts a server with cfg over tr, running until the test ends.
func runServer(t testing.TB, cfg server.Config, tr server.Transport) *server.Server {
	t.Helper()
	s, err := server.NewWithTransport(cfg, tr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return s
}

// join connects conn id as user uid to room and waits for its Welcome.
func join(t testing.TB, h endpoint.Handler, tr *fakeTransport, id endpoint.ConnID, uid uint64, room uint32) {
	t.Helper()
	before := tr.count(id, wire.TypeWelcome)
	h.OnConnect(id, netipZero)
	h.OnMessage(id, rudp.ReliableOrdered, wire.AppendConnect(nil, &wire.Connect{UserID: uid, RoomID: room}))
	waitFor(t, "welcome", func() bool { return tr.count(id, wire.TypeWelcome) == before+1 })
}
