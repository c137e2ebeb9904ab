package endpoint

import (
	"context"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// testTimeout bounds every wait in these tests.
const testTimeout = 10 * time.Second

// event is one callback seen by a recording handler.
type event struct {
	kind    string // "connect", "message", "disconnect", "close"
	id      ConnID
	addr    netip.AddrPort
	ch      rudp.Channel
	payload []byte
	reason  rudp.CloseReason
}

// recorder is a Handler and ClientHandler that pushes every event (with a
// copied payload) into a channel. Set echo to have a Server send every
// message back on the same channel (it then records no messages, so a busy
// echo server cannot fill the channel and block its network goroutine).
type recorder struct {
	events chan event
	echo   *Server
}

func newRecorder() *recorder { return &recorder{events: make(chan event, 4096)} }

func (r *recorder) OnConnect(id ConnID, addr netip.AddrPort) {
	r.events <- event{kind: "connect", id: id, addr: addr}
}

func (r *recorder) OnMessage(id ConnID, ch rudp.Channel, payload []byte) {
	if r.echo != nil {
		r.echo.Send(id, ch, wire.PriorityHigh, payload)
		return
	}
	r.events <- event{kind: "message", id: id, ch: ch, payload: append([]byte(nil), payload...)}
}

func (r *recorder) OnDisconnect(id ConnID, reason rudp.CloseReason) {
	r.events <- event{kind: "disconnect", id: id, reason: reason}
}

// clientRecorder adapts recorder to ClientHandler.
type clientRecorder struct{ *recorder }

func (r clientRecorder) OnMessage(ch rudp.Channel, payload []byte) {
	r.events <- event{kind: "message", ch: ch, payload: append([]byte(nil), payload...)}
}

func (r clientRecorder) OnClose(reason rudp.CloseReason) {
	r.events <- event{kind: "close", reason: reason}
}

// next waits for the next event of kind (any kind if kind is ""), failing
// the test after testTimeout.
func (r *recorder) next(t *testing.T, kind string) event {
	t.Helper()
	deadline := time.After(testTimeout)
	for {
		select {
		case e := <-r.events:
			if kind == "" || e.kind == kind {
				return e
			}
		case <-deadline:
			t.Fatalf("no %q event within %v", kind, testTimeout)
		}
	}
}

// running is a Server with its Run goroutine.
type running struct {
	*Server
	rec    *recorder
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

// startServer listens on an ephemeral loopback port and runs the server
// until the test ends.
func startServer(t *testing.T, cfg ServerConfig, echo bool) *running {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.Listener.MaxConnsPerAddr == 0 {
		cfg.Listener.MaxConnsPerAddr = 1024
	}
	rec := newRecorder()
	s, err := Listen(cfg, rec)
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	if echo {
		rec.echo = s
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{Server: s, rec: rec, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- s.Run(ctx) }()
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop cancels Run and waits for it to return.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.once.Do(func() {
		r.cancel()
		select {
		case err := <-r.done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(testTimeout):
			t.Errorf("Run did not return within %v", testTimeout)
		}
	})
}

// connectMsg is the first message every test client sends.
func connectMsg(user uint64) []byte {
	return wire.AppendConnect(nil, &wire.Connect{UserID: user, RoomID: 7})
}

// dial connects a recording client to s and closes it when the test ends.
func dial(t *testing.T, s *running, cfg ClientConfig, user uint64) (*Client, *recorder) {
	t.Helper()
	rec := newRecorder()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	c, err := Dial(ctx, s.Addr().String(), cfg, connectMsg(user), clientRecorder{rec})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c, rec
}
