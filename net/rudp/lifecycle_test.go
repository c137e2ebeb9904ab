package rudp

import (
	"net/netip"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/netsim"
	"github.com/tickforge/tickforge/net/wire"
)

func established(t *testing.T, link netsim.Config, cfg Config) *sim {
	t.Helper()
	s := newSim(t, 11, link, cfg)
	s.run(0, time.Second, nil)
	if s.server == nil || s.client.State() != StateEstablished {
		t.Fatalf("handshake failed: client %v server %v", s.client.State(), s.server)
	}
	return s
}

func TestVanishedPeerTimesOut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		vanish   func(s *sim)
		observer func(s *sim) *Conn
	}{
		{"server vanishes", func(s *sim) { s.serverDeaf, s.serverMute = true, true }, func(s *sim) *Conn { return s.client }},
		{"client vanishes", func(s *sim) { s.clientDeaf = true; s.client.Abort(); s.client.ctlPending = 0 }, func(s *sim) *Conn { return s.server }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := established(t, cleanLink(), Config{IdleTimeout: 3 * time.Second})
			tc.vanish(s)
			c := tc.observer(s)
			last := c.lastRecvAt
			var closedAt time.Duration
			for now := time.Second; now < 6*time.Second && closedAt == 0; now += 10 * time.Millisecond {
				s.run(now, now+10*time.Millisecond, nil)
				if c.State() == StateClosed {
					closedAt = now + 10*time.Millisecond
				}
			}
			if c.CloseReason() != ReasonIdleTimeout {
				t.Fatalf("state %v reason %v, want closed by idle timeout", c.State(), c.CloseReason())
			}
			if silent := closedAt - last; silent < 3*time.Second || silent > 3*time.Second+20*time.Millisecond {
				t.Fatalf("closed after %v of silence, want 3 s", silent)
			}
		})
	}
}

func TestKeepAliveHoldsIdleConnection(t *testing.T) {
	t.Parallel()
	s := established(t, lossyLink(), Config{})
	s.run(time.Second, 60*time.Second, nil)
	if s.client.State() != StateEstablished || s.server.State() != StateEstablished {
		t.Fatalf("idle connection died: client %v (%v) server %v (%v)",
			s.client.State(), s.client.CloseReason(), s.server.State(), s.server.CloseReason())
	}
	if st := s.client.Stats(); st.PacketsSent > 100 {
		t.Fatalf("idle client sent %d packets in a minute", st.PacketsSent)
	}
}

func TestCloseSendsFINAfterDrain(t *testing.T) {
	t.Parallel()
	s := established(t, lossyLink(), Config{})
	for i := range 50 {
		if err := s.client.Send(ReliableOrdered, wire.PriorityNormal, 9, []byte{byte(i), 0, 0, 0}); err != nil {
			t.Fatal(err)
		}
	}
	s.client.Close(time.Second)
	if err := s.client.Send(Unreliable, wire.PriorityLow, 1, nil); err != ErrClosed {
		t.Fatalf("send after close: %v, want ErrClosed", err)
	}
	s.run(time.Second, 10*time.Second, nil)
	if s.client.State() != StateClosed || s.client.CloseReason() != ReasonLocalClose {
		t.Fatalf("client %v %v", s.client.State(), s.client.CloseReason())
	}
	if s.server.State() != StateClosed || s.server.CloseReason() != ReasonPeerClosed {
		t.Fatalf("server %v %v", s.server.State(), s.server.CloseReason())
	}
	if s.client.finSent == 3 {
		t.Fatal("the client sent all three FINs: the server's answering FIN never arrived")
	}
	var m Message
	n := 0
	for s.server.Next(&m) {
		if m.Type == 9 {
			n++
		}
	}
	if n != 50 {
		t.Fatalf("server got %d of 50 messages queued before Close", n)
	}
	s.ln.Sweep(nil)
	if s.ln.Len() != 0 || s.ln.Budget().Used() != 0 {
		t.Fatalf("after sweep: %d conns, budget %d", s.ln.Len(), s.ln.Budget().Used())
	}
}

func TestAbortSendsRST(t *testing.T) {
	t.Parallel()
	s := established(t, cleanLink(), Config{})
	s.server.Abort()
	s.run(time.Second, 2*time.Second, nil)
	if s.client.State() != StateClosed || s.client.CloseReason() != ReasonShutdown {
		t.Fatalf("client %v %v, want closed by shutdown", s.client.State(), s.client.CloseReason())
	}
}

func TestResetCarriesReason(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ give, want CloseReason }{
		{ReasonProtocolViolation, ReasonProtocolViolation},
		{ReasonServerFull, ReasonServerFull},
		{ReasonIdleTimeout, ReasonShutdown},
	} {
		s := established(t, cleanLink(), Config{})
		s.server.Reset(tc.give)
		if s.server.CloseReason() != tc.want {
			t.Fatalf("server reason %v, want %v", s.server.CloseReason(), tc.want)
		}
		s.run(time.Second, 2*time.Second, nil)
		if s.client.CloseReason() != tc.want {
			t.Fatalf("Reset(%v): client closed with %v, want %v", tc.give, s.client.CloseReason(), tc.want)
		}
	}
}

func TestHandshakeTimeout(t *testing.T) {
	t.Parallel()
	s := newSim(t, 1, cleanLink(), Config{HandshakeTimeout: 2 * time.Second})
	s.serverDeaf = true
	s.run(0, 3*time.Second, nil)
	if s.client.State() != StateClosed || s.client.CloseReason() != ReasonHandshakeTimeout {
		t.Fatalf("client %v %v", s.client.State(), s.client.CloseReason())
	}
	if n := s.client.Stats().PacketsSent; n < 6 || n > 10 {
		t.Fatalf("sent %d SYNs in 2 s at a 250 ms retry", n)
	}
}

func TestServerFullRefusesWithRST(t *testing.T) {
	t.Parallel()
	cfg := testListenerConfig(Config{})
	cfg.MaxConns = 1
	ln, err := NewListener(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var clients []*Conn
	for i := range 2 {
		c, err := Dial(0, Config{}, 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
		addr := netipPort(i)
		pump(t, ln, c, addr, 10)
	}
	if clients[0].State() != StateEstablished {
		t.Fatalf("first client %v", clients[0].State())
	}
	if clients[1].State() != StateClosed || clients[1].CloseReason() != ReasonServerFull {
		t.Fatalf("second client %v %v, want closed by server-full", clients[1].State(), clients[1].CloseReason())
	}
}

// TestClockSync runs the server clock 1234.5 s ahead over an asymmetric
// path and checks the client's estimate lies within its stated bound.
func TestClockSync(t *testing.T) {
	t.Parallel()
	up := netsim.Config{Delay: 70 * time.Millisecond, Jitter: 20 * time.Millisecond}
	down := netsim.Config{Delay: 20 * time.Millisecond, Jitter: 5 * time.Millisecond}
	s := newSim(t, 5, up, Config{})
	s.pair = netsim.NewPair(5, up, down)
	s.serverOffset = 1234567 * time.Millisecond
	check := func(now time.Duration) {
		ms, bound, ok := s.client.PeerClock(now)
		if !ok {
			t.Fatalf("no clock estimate at %v", now)
		}
		truth := uint32((now + s.serverOffset) / time.Millisecond)
		offBy := time.Duration(int32(ms-truth)) * time.Millisecond
		if offBy < 0 {
			offBy = -offBy
		}
		if offBy > bound+time.Millisecond {
			t.Fatalf("at %v: estimate off by %v, bound %v", now, offBy, bound)
		}
		if bound > 80*time.Millisecond {
			t.Fatalf("bound %v looser than half the worst round trip", bound)
		}
	}
	s.run(0, 500*time.Millisecond, nil)
	check(500 * time.Millisecond)
	s.run(500*time.Millisecond, 20*time.Second, func(now time.Duration) time.Duration {
		_ = s.client.Send(UnreliableSequenced, wire.PriorityHigh, 2, []byte{1})
		return now + 50*time.Millisecond
	})
	check(20 * time.Second)
	_, bound, _ := s.client.PeerClock(20 * time.Second)
	t.Logf("clock bound after 20 s: %v (one-way delays 70±20 ms and 20±5 ms)", bound)
}

// TestPerAddressCapExemptsLoopback: a third connection from one remote IP
// is refused with server-full, while loopback clients are held only to
// MaxConns.
func TestPerAddressCapExemptsLoopback(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		ip        [4]byte
		wantThird State
	}{
		{"remote address", [4]byte{10, 9, 8, 7}, StateClosed},
		{"loopback", [4]byte{127, 0, 0, 1}, StateEstablished},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testListenerConfig(Config{})
			cfg.MaxConnsPerAddr = 2
			ln, err := NewListener(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var clients []*Conn
			for i := range 3 {
				c, err := Dial(0, Config{}, 1, nil)
				if err != nil {
					t.Fatal(err)
				}
				clients = append(clients, c)
				pump(t, ln, c, netip.AddrPortFrom(netip.AddrFrom4(tc.ip), uint16(2000+i)), 10)
			}
			if clients[0].State() != StateEstablished || clients[1].State() != StateEstablished {
				t.Fatalf("first two clients %v %v", clients[0].State(), clients[1].State())
			}
			if got := clients[2].State(); got != tc.wantThird {
				t.Fatalf("third client %v, want %v", got, tc.wantThird)
			}
			if tc.wantThird == StateClosed && clients[2].CloseReason() != ReasonServerFull {
				t.Fatalf("third client closed by %v", clients[2].CloseReason())
			}
		})
	}
}
