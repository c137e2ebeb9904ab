package benchmarks

import (
	"context"
	"encoding/binary"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// benchTimeout bounds one benchmark run's wait for its messages.
const benchTimeout = 2 * time.Minute

// tfServer counts the messages numbered by sequence (after the Connect),
// checks they arrive in order, and echoes them when echo is set.
type tfServer struct {
	s        *endpoint.Server
	echo     bool
	received atomic.Uint64
	outOfOrd atomic.Uint64
	target   atomic.Uint64
	done     chan struct{}
}

func (h *tfServer) OnConnect(endpoint.ConnID, netip.AddrPort)      {}
func (h *tfServer) OnDisconnect(endpoint.ConnID, rudp.CloseReason) {}
func (h *tfServer) OnMessage(id endpoint.ConnID, ch rudp.Channel, p []byte) {
	if p[0] != byte(wire.FirstApplicationType) {
		return // the Connect
	}
	if h.echo {
		h.s.Send(id, ch, wire.PriorityHigh, p)
		return
	}
	n := h.received.Add(1)
	if uint64(binary.LittleEndian.Uint32(p[1:])) != n-1 {
		h.outOfOrd.Add(1)
	}
	if n == h.target.Load() {
		h.done <- struct{}{}
	}
}

// tfClient signals each echo.
type tfClient struct{ got chan struct{} }

func (h tfClient) OnMessage(rudp.Channel, []byte) { h.got <- struct{}{} }
func (h tfClient) OnClose(rudp.CloseReason)       {}

// tickforgePair starts an endpoint server and a client connected to it,
// directly or through a relay dropping loss of the datagrams.
func tickforgePair(b *testing.B, loss float64, echo bool, cfg rudp.Config) (*tfServer, *endpoint.Client, chan struct{}) {
	b.Helper()
	h := &tfServer{echo: echo, done: make(chan struct{}, 1)}
	s, err := endpoint.Listen(endpoint.ServerConfig{Addr: "127.0.0.1:0", RUDP: cfg}, h)
	if err != nil {
		b.Fatal(err)
	}
	h.s = s
	ctx, cancel := context.WithCancel(context.Background())
	runDone := make(chan error, 1)
	go func() { runDone <- s.Run(ctx) }()
	addr := s.Addr()
	if loss > 0 {
		addr = startRelay(b, addr, loss).Addr()
	}
	got := make(chan struct{}, 1)
	c, err := endpoint.Dial(ctx, addr.String(), endpoint.ClientConfig{RUDP: cfg}, wire.AppendConnect(nil, &wire.Connect{UserID: 1}), tfClient{got})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		c.Close()
		cancel()
		<-runDone
	})
	return h, c, got
}

// tickforgePipelined sends b.N numbered 100-byte reliable messages as fast
// as the client accepts them and waits until the server has them all.
func tickforgePipelined(b *testing.B, loss float64, cfg rudp.Config) {
	h, c, _ := tickforgePair(b, loss, false, cfg)
	h.target.Store(uint64(b.N))
	msg := make([]byte, 100)
	msg[0] = byte(wire.FirstApplicationType)
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		binary.LittleEndian.PutUint32(msg[1:], uint32(i))
		for !c.Send(rudp.ReliableOrdered, wire.PriorityNormal, msg) {
			time.Sleep(20 * time.Microsecond) // back-pressure: the queue is full
		}
	}
	select {
	case <-h.done:
	case <-time.After(benchTimeout):
		b.Fatalf("%d of %d messages after %v", h.received.Load(), b.N, benchTimeout)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
	if n := h.outOfOrd.Load(); n > 0 {
		b.Fatalf("%d messages out of order", n)
	}
}

// tickforgeRoundTrips sends one 100-byte reliable message at a time and
// waits for the server's echo.
func tickforgeRoundTrips(b *testing.B, loss float64, cfg rudp.Config) {
	_, c, got := tickforgePair(b, loss, true, cfg)
	msg := make([]byte, 100)
	msg[0] = byte(wire.FirstApplicationType)
	timeout := time.NewTimer(benchTimeout)
	defer timeout.Stop()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		c.Send(rudp.ReliableOrdered, wire.PriorityNormal, msg)
		select {
		case <-got:
		case <-timeout.C:
			b.Fatal("no echo")
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "rt/s")
}
