package endpoint

import (
	"context"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// signalClient is a ClientHandler that signals every message on a channel
// without allocating.
type signalClient struct{ got chan rudp.Channel }

func (h signalClient) OnMessage(ch rudp.Channel, _ []byte) { h.got <- ch }
func (h signalClient) OnClose(rudp.CloseReason)            {}

// echoHandler is a Handler that sends every message back, allocating nothing.
type echoHandler struct{ s *Server }

func (h *echoHandler) OnConnect(ConnID, netip.AddrPort) {}
func (h *echoHandler) OnMessage(id ConnID, ch rudp.Channel, p []byte) {
	h.s.Send(id, ch, wire.PriorityHigh, p)
}
func (h *echoHandler) OnDisconnect(ConnID, rudp.CloseReason) {}

// echoPair runs an echo server and a client connected to it.
func echoPair(tb testing.TB) (*Server, *Client, chan rudp.Channel) {
	tb.Helper()
	h := &echoHandler{}
	s, err := Listen(ServerConfig{Addr: "127.0.0.1:0", Listener: rudp.ListenerConfig{MaxConnsPerAddr: 2048}}, h)
	if err != nil {
		tb.Fatal(err)
	}
	h.s = s
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	got := make(chan rudp.Channel, 1024)
	c, err := Dial(ctx, s.Addr().String(), ClientConfig{}, connectMsg(1), signalClient{got})
	if err != nil {
		tb.Fatal(err)
	}
	<-got // the echoed Connect
	tb.Cleanup(func() {
		c.Close()
		cancel()
		if err := <-done; err != nil {
			tb.Error(err)
		}
	})
	return s, c, got
}

// TestZeroAllocsPerMessage sends one message per channel from the client,
// has the server echo it, and waits for the echo: the client's send path,
// the server's receive and send paths and the client's receive path all run
// once per channel. In steady state none of them allocates.
func TestZeroAllocsPerMessage(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	_, c, got := echoPair(t)
	payload := wire.AppendPositionUpdate(nil, &wire.PositionUpdate{UserID: 1})
	watchdog := time.NewTimer(testTimeout) // reused: time.After would allocate
	defer watchdog.Stop()
	roundTrip := func() {
		for ch := rudp.Channel(0); ch < rudp.NumChannels; ch++ {
			if !c.Send(ch, wire.PriorityHigh, payload) {
				t.Fatal("Send refused")
			}
			watchdog.Reset(testTimeout)
			select {
			case <-got:
			case <-watchdog.C:
				t.Fatal("no echo")
			}
		}
	}
	for range 200 { // warm up: buffers, pools and maps reach their steady size
		roundTrip()
	}
	if a := testing.AllocsPerRun(500, roundTrip); a > 0 {
		t.Errorf("%.2f allocations per round trip on all three channels, want 0", a)
	}
}

// BenchmarkRoundTrip measures one reliable 100-byte message from the client
// echoed by the server, over loopback.
func BenchmarkRoundTrip(b *testing.B) {
	_, c, got := echoPair(b)
	payload := make([]byte, 100)
	payload[0] = byte(wire.FirstApplicationType)
	b.ReportAllocs()
	for b.Loop() {
		c.Send(rudp.ReliableOrdered, wire.PriorityHigh, payload)
		<-got
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rt/s")
}

// BenchmarkRoundTripWithIdleConns is BenchmarkRoundTrip on a server that
// also holds 1,000 idle connections, to show what the per-connection
// bookkeeping costs a busy one.
func BenchmarkRoundTripWithIdleConns(b *testing.B) {
	s, c, got := echoPair(b)
	for range 1000 {
		conn, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(s.Addr()))
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		rawHandshake(b, conn)
	}
	for s.Stats().Accepted < 1001 {
		time.Sleep(time.Millisecond)
	}
	payload := make([]byte, 100)
	payload[0] = byte(wire.FirstApplicationType)
	b.ReportAllocs()
	for b.Loop() {
		c.Send(rudp.ReliableOrdered, wire.PriorityHigh, payload)
		<-got
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rt/s")
}
