package endpoint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

func TestHandshakeDeliversConnectFirst(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{}, false)
	c, _ := dial(t, s, ClientConfig{}, 42)
	conn := s.rec.next(t, "connect")
	if conn.id == 0 {
		t.Fatal("OnConnect with ConnID 0")
	}
	if conn.addr != c.LocalAddr() && conn.addr.Port() != c.LocalAddr().Port() {
		t.Errorf("OnConnect addr = %v, client is %v", conn.addr, c.LocalAddr())
	}
	first := s.rec.next(t, "message")
	var m wire.Connect
	if err := wire.DecodeConnect(first.payload, &m); err != nil || m.UserID != 42 || m.RoomID != 7 {
		t.Fatalf("first message = %x (%v), want Connect{42, 7}", first.payload, err)
	}
	if first.id != conn.id || first.ch != rudp.ReliableOrdered {
		t.Errorf("first message on conn %d channel %v, want conn %d reliable-ordered", first.id, first.ch, conn.id)
	}
	if st, ok := s.ConnStats(conn.id); !ok && st.PacketsReceived == 0 {
		// snapshots are refreshed every 100 ms; wait for one
		time.Sleep(2 * statsRefresh)
		if _, ok := s.ConnStats(conn.id); !ok {
			t.Error("ConnStats: no snapshot for an open connection")
		}
	}
}

func TestExchangeOnEveryChannel(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{}, false)
	c, crec := dial(t, s, ClientConfig{}, 1)
	id := s.rec.next(t, "connect").id
	s.rec.next(t, "message") // Connect
	for ch := rudp.Channel(0); ch < rudp.NumChannels; ch++ {
		up := []byte{byte(wire.FirstApplicationType), 'u', byte(ch)}
		if !c.Send(ch, wire.PriorityNormal, up) {
			t.Fatalf("client Send on %v refused", ch)
		}
		got := s.rec.next(t, "message")
		if got.ch != ch || !bytes.Equal(got.payload, up) {
			t.Errorf("server got %x on %v, want %x on %v", got.payload, got.ch, up, ch)
		}
		down := []byte{byte(wire.FirstApplicationType) + 1, 'd', byte(ch)}
		if !s.Send(id, ch, wire.PriorityHigh, down) {
			t.Fatalf("server Send on %v refused", ch)
		}
		got = crec.next(t, "message")
		if got.ch != ch || !bytes.Equal(got.payload, down) {
			t.Errorf("client got %x on %v, want %x on %v", got.payload, got.ch, down, ch)
		}
	}
	// A reliable message larger than a fragment goes through fragmentation.
	big := bytes.Repeat([]byte{0xAB}, 5000)
	big[0] = byte(wire.TypeLargeDataTransfer)
	if !s.Send(id, rudp.ReliableOrdered, wire.PriorityLow, big) {
		t.Fatal("server Send of 5000 bytes refused")
	}
	if got := crec.next(t, "message"); !bytes.Equal(got.payload, big) {
		t.Errorf("client got %d bytes, want the 5000-byte message", len(got.payload))
	}
	if c.ServerTimeMS() == 0 {
		t.Error("ServerTimeMS = 0 after round trips")
	}
	if diff := int64(c.ServerTimeMS()) - int64(s.Now()/time.Millisecond); diff < -50 || diff > 50 {
		t.Errorf("client's server clock is %d ms off Server.Now", diff)
	}
}

func TestSendRefusals(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{OutboundCapacity: 2}, false)
	if s.Send(1, rudp.ReliableOrdered, wire.PriorityHigh, nil) {
		t.Error("Send of an empty payload accepted")
	}
	if s.Send(1, rudp.ReliableOrdered, wire.PriorityHigh, make([]byte, 1<<20)) {
		t.Error("Send larger than MaxMessageSize accepted")
	}
	if got := s.Stats().Drops[DropMessageSize]; got != 2 {
		t.Errorf("Drops[message-size] = %d, want 2", got)
	}
	// ConnID 99 does not exist: the network goroutine counts it.
	s.Send(99, rudp.ReliableOrdered, wire.PriorityHigh, []byte{1})
	deadline := time.Now().Add(testTimeout)
	for s.Stats().Drops[DropNoConn] == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if s.Stats().Drops[DropNoConn] == 0 {
		t.Error("Send to an unknown ConnID not counted as no-conn")
	}
}

func TestClientCloseSendsFIN(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{}, false)
	c, crec := dial(t, s, ClientConfig{}, 1)
	id := s.rec.next(t, "connect").id
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if got := crec.next(t, "close").reason; got != rudp.ReasonLocalClose {
		t.Errorf("client OnClose reason = %v, want local-close", got)
	}
	d := s.rec.next(t, "disconnect")
	if d.id != id || d.reason != rudp.ReasonPeerClosed {
		t.Errorf("server OnDisconnect(%d, %v), want (%d, peer-closed)", d.id, d.reason, id)
	}
	if c.Send(rudp.ReliableOrdered, wire.PriorityHigh, []byte{1}) {
		t.Error("Send after Close accepted")
	}
}

func TestKickSendsRSTWithReason(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ kick, want rudp.CloseReason }{
		{rudp.ReasonProtocolViolation, rudp.ReasonProtocolViolation},
		{rudp.ReasonServerFull, rudp.ReasonServerFull},
		{rudp.ReasonShutdown, rudp.ReasonShutdown},
		{rudp.ReasonIdleTimeout, rudp.ReasonShutdown}, // local-only reasons travel as shutdown
	} {
		t.Run(tc.kick.String(), func(t *testing.T) {
			t.Parallel()
			s := startServer(t, ServerConfig{}, false)
			_, crec := dial(t, s, ClientConfig{}, 1)
			id := s.rec.next(t, "connect").id
			if !s.Kick(id, tc.kick) {
				t.Fatal("Kick refused")
			}
			if got := crec.next(t, "close").reason; got != tc.want {
				t.Errorf("client OnClose reason = %v, want %v", got, tc.want)
			}
			d := s.rec.next(t, "disconnect")
			if d.id != id || d.reason != tc.want {
				t.Errorf("server OnDisconnect(%d, %v), want (%d, %v)", d.id, d.reason, id, tc.want)
			}
		})
	}
}

func TestIdleTimeout(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{RUDP: rudp.Config{IdleTimeout: 300 * time.Millisecond}}, false)
	// The client never sends keep-alives within the server's idle timeout.
	_, _ = dial(t, s, ClientConfig{RUDP: rudp.Config{KeepAlive: time.Minute, IdleTimeout: time.Minute}}, 1)
	id := s.rec.next(t, "connect").id
	start := time.Now()
	d := s.rec.next(t, "disconnect")
	if d.id != id || d.reason != rudp.ReasonIdleTimeout {
		t.Errorf("OnDisconnect(%d, %v), want (%d, idle-timeout)", d.id, d.reason, id)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("idle timeout took %v, want about 300 ms", el)
	}
}

func TestServerShutdownSendsFIN(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{}, false)
	_, crec := dial(t, s, ClientConfig{}, 1)
	id := s.rec.next(t, "connect").id
	s.stop(t)
	if got := crec.next(t, "close").reason; got != rudp.ReasonPeerClosed {
		t.Errorf("client OnClose reason = %v, want peer-closed (the server's FIN)", got)
	}
	d := s.rec.next(t, "disconnect")
	if d.id != id || d.reason != rudp.ReasonShutdown {
		t.Errorf("server OnDisconnect(%d, %v), want (%d, shutdown)", d.id, d.reason, id)
	}
}

func TestListenPortTaken(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{}, false)
	_, err := Listen(ServerConfig{Addr: s.Addr().String()}, newRecorder())
	if !errors.Is(err, syscall.EADDRINUSE) {
		t.Fatalf("Listen on a taken port: err = %v, want EADDRINUSE", err)
	}
}

func TestDialNoServer(t *testing.T) {
	t.Parallel()
	s := startServer(t, ServerConfig{}, false)
	addr := s.Addr().String()
	s.stop(t) // the port is now closed
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	start := time.Now()
	_, err := Dial(ctx, addr, ClientConfig{RUDP: rudp.Config{HandshakeTimeout: 300 * time.Millisecond}}, connectMsg(1), clientRecorder{newRecorder()})
	if !errors.Is(err, ErrHandshake) {
		t.Fatalf("Dial to a closed port: err = %v, want ErrHandshake", err)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("Dial failed after %v, want about the 300 ms handshake timeout", el)
	}
	if _, err := Dial(ctx, addr, ClientConfig{}, nil, clientRecorder{newRecorder()}); !errors.Is(err, ErrEmptyMessage) {
		t.Errorf("Dial with no first message: err = %v, want ErrEmptyMessage", err)
	}
}

func TestManyConcurrentClients(t *testing.T) {
	t.Parallel()
	const clients, msgs = 200, 20
	s := startServer(t, ServerConfig{}, true)
	errs := make(chan error, clients)
	for i := range clients {
		go func() { errs <- runEchoClient(s, uint64(i+1), msgs) }()
	}
	for range clients {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	// Every client closed: each ConnID got exactly one OnConnect and then
	// exactly one OnDisconnect.
	open := map[ConnID]bool{}
	for range 2 * clients {
		e := s.rec.next(t, "")
		switch {
		case e.kind == "connect" && !open[e.id]:
			open[e.id] = true
		case e.kind == "disconnect" && open[e.id]:
			delete(open, e.id)
		default:
			t.Fatalf("%s for ConnID %d, open: %v", e.kind, e.id, open[e.id])
		}
	}
	if st := s.Stats(); st.Accepted != clients || st.Disconnected != clients || st.Conns != 0 {
		t.Errorf("Accepted %d, Disconnected %d, Conns %d; want %d, %d, 0", st.Accepted, st.Disconnected, st.Conns, clients, clients)
	}
}

// runEchoClient dials, sends msgs numbered reliable messages, and checks they
// come back exactly once and in order (the Connect is echoed first).
func runEchoClient(s *running, user uint64, msgs int) error {
	rec := newRecorder()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	c, err := Dial(ctx, s.Addr().String(), ClientConfig{}, connectMsg(user), clientRecorder{rec})
	if err != nil {
		return fmt.Errorf("user %d: dial: %w", user, err)
	}
	defer c.Close()
	for i := range msgs {
		if !c.Send(rudp.ReliableOrdered, wire.PriorityNormal, []byte{byte(wire.FirstApplicationType), byte(user), byte(i)}) {
			return fmt.Errorf("user %d: send %d refused", user, i)
		}
	}
	timeout := time.After(testTimeout)
	for i := -1; i < msgs; i++ {
		select {
		case e := <-rec.events:
			if e.kind != "message" {
				return fmt.Errorf("user %d: %s (%v) after %d echoes; client stats %+v", user, e.kind, e.reason, i, c.Stats())
			}
			if i == -1 {
				if e.payload[0] != byte(wire.TypeConnect) {
					return fmt.Errorf("user %d: first echo %x, want the Connect", user, e.payload)
				}
				continue
			}
			if want := []byte{byte(wire.FirstApplicationType), byte(user), byte(i)}; !bytes.Equal(e.payload, want) {
				return fmt.Errorf("user %d: echo %d = %x, want %x", user, i, e.payload, want)
			}
		case <-timeout:
			return fmt.Errorf("user %d: %d of %d echoes", user, i, msgs)
		}
	}
	return nil
}

// TestServerHoldsMessagesWhenQueueFull sends a burst far larger than the
// connection's rudp send queue: the server holds what rudp refuses and
// hands it over as acks drain the queue, so every message arrives in order.
func TestServerHoldsMessagesWhenQueueFull(t *testing.T) {
	t.Parallel()
	const msgs, size = 200, 500
	s := startServer(t, ServerConfig{RUDP: rudp.Config{MaxQueuedBytes: 8 << 10}}, false)
	_, crec := dial(t, s, ClientConfig{}, 1)
	id := s.rec.next(t, "connect").id
	for i := range msgs {
		m := make([]byte, size)
		m[0], m[1], m[2] = byte(wire.FirstApplicationType), byte(i), byte(i>>8)
		if !s.Send(id, rudp.ReliableOrdered, wire.PriorityNormal, m) {
			t.Fatalf("Send %d refused", i)
		}
	}
	for i := range msgs {
		got := crec.next(t, "message")
		if len(got.payload) != size || int(got.payload[1])|int(got.payload[2])<<8 != i {
			t.Fatalf("message %d: got % x…", i, got.payload[:3])
		}
	}
	if n := s.Stats().Drops[DropRefused]; n != 0 {
		t.Errorf("Drops[refused] = %d, want 0", n)
	}
}

// TestRunEndsWhenSocketCloses checks that Run returns, with ErrClosed, when
// its socket is closed under it instead of hanging.
func TestRunEndsWhenSocketCloses(t *testing.T) {
	t.Parallel()
	s, err := Listen(ServerConfig{Addr: "127.0.0.1:0"}, newRecorder())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(context.Background()) }()
	time.Sleep(10 * time.Millisecond)
	s.sock.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("Run = %v, want ErrClosed", err)
		}
	case <-time.After(testTimeout):
		t.Fatal("Run did not return after its socket closed")
	}
	if err := s.Run(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("second Run = %v, want ErrClosed", err)
	}
}

func TestIPv6Loopback(t *testing.T) {
	t.Parallel()
	s, err := Listen(ServerConfig{Addr: "[::1]:0"}, newRecorder())
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() { cancel(); <-done }()
	c, err := Dial(ctx, s.Addr().String(), ClientConfig{}, connectMsg(1), clientRecorder{newRecorder()})
	if err != nil {
		t.Fatalf("Dial over IPv6: %v", err)
	}
	defer c.Close()
	if !c.LocalAddr().Addr().Is6() {
		t.Errorf("client bound %v, want an IPv6 address", c.LocalAddr())
	}
}
