package rudp

import (
	"runtime"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// heapPerConn measures the heap held by n connected pairs after prepare ran
// on each, per connection end.
func heapPerConn(t *testing.T, n int, prepare func(p *directPair)) float64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	pairs := make([]*directPair, n)
	for i := range pairs {
		pairs[i] = newDirectPair(t, Config{})
		prepare(pairs[i])
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(pairs)
	return float64(after.HeapAlloc-before.HeapAlloc) / float64(2*n)
}

// TestMemoryPerConnection reports the heap per connection end when idle
// (handshake done, keep-alives exchanged) and when busy (32 KiB of reliable
// 1000-byte messages in flight and queued, pools warm). The listener's own
// tables are included in the figure.
func TestMemoryPerConnection(t *testing.T) {
	const n = 200
	idle := heapPerConn(t, n, func(p *directPair) {
		for range 3 {
			p.now += time.Second
			p.client.Poll(p.now, p.toServer)
			p.server.Poll(p.now, p.toClient)
		}
	})
	body := make([]byte, 1000)
	busy := heapPerConn(t, n, func(p *directPair) {
		for range 50 { // warm pools with traffic
			_ = p.client.Send(ReliableOrdered, wire.PriorityNormal, 5, body)
			_ = p.server.Send(ReliableOrdered, wire.PriorityNormal, 5, body)
			p.step()
			for p.client.Next(&p.msg) {
			}
		}
		for range 32 { // then leave 32 KiB queued and unacked each way
			_ = p.client.Send(ReliableOrdered, wire.PriorityNormal, 5, body)
			_ = p.server.Send(ReliableOrdered, wire.PriorityNormal, 5, body)
		}
		p.now += time.Millisecond
		p.client.Poll(p.now, func([]byte) {})
		p.server.Poll(p.now, func([]byte) {})
	})
	t.Logf("heap per connection end: idle %.0f B, busy (32 KiB outstanding) %.0f B", idle, busy)
	if idle > 16<<10 {
		t.Errorf("idle connection holds %.0f B, want < 16 KiB", idle)
	}
	if busy > 128<<10 {
		t.Errorf("busy connection holds %.0f B, want < 128 KiB", busy)
	}
}
