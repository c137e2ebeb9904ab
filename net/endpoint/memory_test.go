package endpoint

import (
	"net"
	"runtime"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// rawHandshake completes a handshake from conn with hand-written bytes (see
// TestHandWrittenClient) and never speaks again, so the server holds the
// connection's state without the test holding a Client's.
func rawHandshake(t testing.TB, conn *net.UDPConn) {
	t.Helper()
	syn := make([]byte, rudp.SynSize)
	syn[2], syn[wire.HeaderSize] = 0x02, rudp.Version
	conn.Write(syn)
	b := make([]byte, 64)
	conn.SetReadDeadline(time.Now().Add(testTimeout))
	if n, err := conn.Read(b); err != nil || n != rudp.SynAckSize {
		t.Fatalf("SYN|ACK: %d bytes, %v", n, err)
	}
	echo := []byte{0x01, 0x00, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	echo = append(echo, b[16:32]...)
	connect := connectMsg(1)
	echo = append(echo, 0x00, connect[0], byte(len(connect)), 0, 0, 0)
	conn.Write(append(echo, connect...))
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMemoryPerConnection measures the server's heap per idle connection
// (handshake done, nothing queued) and per busy one (16 unacknowledged
// 1,000-byte reliable messages queued), and checks them against generous
// bounds. The figures are logged (go test -v -run Memory) and reported in
// docs/BENCHMARKS.md.
func TestMemoryPerConnection(t *testing.T) {
	const conns, queued, size = 400, 16, 1000
	s := startServer(t, ServerConfig{OutboundCapacity: 8192, RUDP: rudp.Config{IdleTimeout: time.Minute, KeepAlive: time.Minute}}, false)
	socks := make([]*net.UDPConn, conns)
	for i := range socks {
		c, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(s.Addr()))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		socks[i] = c
	}
	// Fill the outbox's free list with message-sized buffers first: they are
	// shared by all connections (at most OutboundCapacity × 2 KiB), not part
	// of any connection's cost.
	msg := make([]byte, size)
	msg[0] = byte(wire.FirstApplicationType)
	for range conns * queued {
		for !s.Send(1<<20, rudp.ReliableOrdered, wire.PriorityNormal, msg) {
			time.Sleep(time.Millisecond)
		}
	}
	for s.Stats().Drops[DropNoConn] < conns*queued {
		time.Sleep(time.Millisecond)
	}
	base := heapInUse()
	ids := make([]ConnID, 0, conns)
	for _, c := range socks {
		rawHandshake(t, c)
		ids = append(ids, s.rec.next(t, "connect").id)
		s.rec.next(t, "message")
	}
	time.Sleep(50 * time.Millisecond) // acks sent
	idle := float64(heapInUse()-base) / conns
	for _, id := range ids {
		for range queued {
			if !s.Send(id, rudp.ReliableOrdered, wire.PriorityNormal, msg) {
				t.Fatal("Send refused")
			}
		}
	}
	deadline := time.Now().Add(testTimeout)
	for s.Stats().MessagesOut < conns*queued && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	busy := float64(heapInUse()-base) / conns
	overhead := (busy - idle - queued*size) / queued
	t.Logf("server heap per idle connection: %.0f B; per busy connection (%d × %d B unacked): %.0f B, %.0f B of it beyond the payload per queued message",
		idle, queued, size, busy, overhead)
	if idle > 64<<10 {
		t.Errorf("idle connection costs %.0f B, want < 64 KiB", idle)
	}
	if overhead > 1<<10 {
		t.Errorf("busy connection costs %.0f B per queued message beyond its payload, want < 1 KiB", overhead)
	}
}
