package rudp

import (
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/netsim"
)

var testClientAddr = netip.MustParseAddrPort("10.0.0.2:40000")

// sim is a client and a Listener joined by a netsim pair on the virtual clock.
// The server side sees now+serverOffset, to test clock synchronisation.
type sim struct {
	t            testing.TB
	pair         *netsim.Pair
	ln           *Listener
	client       *Conn
	server       *Conn
	serverOffset time.Duration
	clientDeaf   bool // drop everything the server sends (vanished client)
	serverDeaf   bool // drop everything the client sends (vanished server)
	serverMute   bool // the server stops polling
}

func testListenerConfig(cfg Config) ListenerConfig {
	return ListenerConfig{Conn: cfg, CookieKey: []byte("0123456789abcdef0123456789abcdef")}
}

func newSim(t testing.TB, seed uint64, link netsim.Config, cfg Config) *sim {
	t.Helper()
	ln, err := NewListener(testListenerConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	client, err := Dial(0, cfg, 1, []byte("connect"))
	if err != nil {
		t.Fatal(err)
	}
	return &sim{t: t, pair: netsim.NewSymmetricPair(seed, link), ln: ln, client: client}
}

// run drives the simulation from start to end. app is called at every
// instant and returns when it next wants to run (or a negative value).
func (s *sim) run(start, end time.Duration, app func(now time.Duration) time.Duration) time.Duration {
	routes := []netsim.Route{
		{Link: s.pair.AtoB, Receive: func(now time.Duration, b []byte) {
			if s.serverDeaf {
				return
			}
			c, accepted := s.ln.HandleDatagram(now+s.serverOffset, testClientAddr, b, func(r []byte) { s.pair.BtoA.Send(now, r) })
			if accepted {
				s.server = c
			}
		}},
		{Link: s.pair.BtoA, Receive: func(now time.Duration, b []byte) {
			if !s.clientDeaf {
				s.client.Receive(now, b)
			}
		}},
	}
	return netsim.Run(start, end, routes, func(now time.Duration) (time.Duration, bool) {
		next := never
		if app != nil {
			if t := app(now); t >= 0 {
				next = t
			}
		}
		s.client.Poll(now, func(d []byte) { s.pair.AtoB.Send(now, d) })
		next = min(next, s.client.NextDeadline())
		if s.server != nil && !s.serverMute {
			s.server.Poll(now+s.serverOffset, func(d []byte) { s.pair.BtoA.Send(now, d) })
			next = min(next, s.server.NextDeadline()-s.serverOffset)
		}
		return next, next != never
	})
}

// lossyLink is the impaired path from the acceptance criteria.
func lossyLink() netsim.Config {
	return netsim.Config{Loss: 0.10, Delay: 50 * time.Millisecond, Jitter: 10 * time.Millisecond, Reorder: 0.25, Duplicate: 0.01}
}

func cleanLink() netsim.Config { return netsim.Config{Delay: 20 * time.Millisecond} }

func netipPort(i int) netip.AddrPort {
	return netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 1, byte(i >> 8), byte(i)}), uint16(1000+i))
}

// pump exchanges datagrams between c and ln over a perfect zero-delay path
// for rounds steps of 10 ms.
func pump(t testing.TB, ln *Listener, c *Conn, addr netip.AddrPort, rounds int) *Conn {
	t.Helper()
	var server *Conn
	var toServer, toClient [][]byte
	for r := range rounds {
		now := time.Duration(r) * 10 * time.Millisecond
		c.Poll(now, func(d []byte) { toServer = append(toServer, append([]byte(nil), d...)) })
		if server != nil {
			server.Poll(now, func(d []byte) { toClient = append(toClient, append([]byte(nil), d...)) })
		}
		for _, d := range toServer {
			if sc, ok := ln.HandleDatagram(now, addr, d, func(b []byte) { toClient = append(toClient, append([]byte(nil), b...)) }); ok {
				server = sc
			}
		}
		toServer = toServer[:0]
		for _, d := range toClient {
			c.Receive(now, d)
		}
		toClient = toClient[:0]
	}
	return server
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
