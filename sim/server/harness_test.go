package server_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/client"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server"
)

// spawns places test users: 1 and 2 close together, 3 far away, 4 next to 1.
var spawns = map[uint64]mgl32.Vec3{
	1: {100, 0, 100}, 2: {110, 0, 100}, 3: {600, 0, 600}, 4: {101, 0, 100}, 5: {105, 0, 105},
}

// startServer runs a server on an ephemeral loopback port until the test ends.
func startServer(t *testing.T, tune func(*server.Config), register func(*server.Server)) (*server.Server, context.CancelFunc) {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.Endpoint.Addr = "127.0.0.1:0"
	cfg.Endpoint.Listener.MaxConnsPerAddr = 64
	cfg.SpawnPoint = func(uid uint64, _ uint32) mgl32.Vec3 { return spawns[uid] }
	if tune != nil {
		tune(&cfg)
	}
	s, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if register != nil {
		register(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server run: %v", err)
		}
	})
	return s, cancel
}

// peer is a test client with its events collected.
type peer struct {
	*client.Client
	mu     sync.Mutex
	events []client.Event
	syncs  []wire.GameStateSync // Records copied
	media  int
	xfers  chan []byte
}

func dial(t *testing.T, s *server.Server, uid uint64, room uint32) *peer {
	t.Helper()
	p := &peer{xfers: make(chan []byte, 4)}
	opts := client.Options{
		OnEvent: func(ev *client.Event) {
			p.mu.Lock()
			p.events = append(p.events, *ev)
			p.mu.Unlock()
		},
		OnSync: func(m *wire.GameStateSync) {
			cp := *m
			cp.Records = append([]byte(nil), m.Records...)
			p.mu.Lock()
			p.syncs = append(p.syncs, cp)
			p.mu.Unlock()
		},
		OnMedia: func(*wire.MediaStream) {
			p.mu.Lock()
			p.media++
			p.mu.Unlock()
		},
		OnTransfer: func(_ uint32, data []byte) { p.xfers <- data },
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := client.Dial(ctx, s.Addr().String(), uid, room, opts)
	if err != nil {
		t.Fatalf("dial user %d: %v", uid, err)
	}
	p.Client = c
	t.Cleanup(func() { c.Close() })
	return p
}

// sawUser reports whether any sync or enter the peer received carried uid.
func (p *peer) sawUser(uid uint64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, ev := range p.events {
		if ev.Kind == client.EventEnter && ev.UserID == uid {
			return true
		}
	}
	var e wire.EntityState
	for i := range p.syncs {
		for j := 0; j < p.syncs[i].Count(); j++ {
			if p.syncs[i].Entity(j, &e); e.UserID == uid {
				return true
			}
		}
	}
	return false
}

func (p *peer) mediaCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.media
}

func (p *peer) countEvents(k client.EventKind) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, ev := range p.events {
		if ev.Kind == k {
			n++
		}
	}
	return n
}

// eventually polls cond every 5 ms until it holds or d passes.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

var identity = [4]float32{0, 0, 0, 1}

// teleportUntilKicked sends cheat to a far point until the server kicks it,
// and checks the close reason is "kicked".
func teleportUntilKicked(t *testing.T, cheat *peer) {
	t.Helper()
	for i := 0; i < 8; i++ {
		cheat.SendPosition([3]float32{900, 0, 900}, identity, [3]float32{})
		time.Sleep(20 * time.Millisecond)
	}
	select {
	case <-cheat.Done():
	case <-time.After(3 * time.Second):
		t.Fatal("cheater not kicked")
	}
	if r := cheat.CloseReason(); r != rudp.ReasonKicked {
		t.Fatalf("cheater's close reason %v", r)
	}
}
