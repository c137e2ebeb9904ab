package rudp

import (
	"net/netip"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/netsim"
	"github.com/tickforge/tickforge/net/wire"
)

// BenchmarkReliablePipelined pushes 100-byte reliable-ordered messages
// through an in-memory pair: Send, packetise, Receive, ack, Next.
func BenchmarkReliablePipelined(b *testing.B) {
	p := newDirectPair(b, Config{})
	body := make([]byte, 100)
	delivered := 0
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if err := p.client.Send(ReliableOrdered, wire.PriorityNormal, 5, body); err != nil {
			b.Fatal(err)
		}
		if i%8 == 7 {
			delivered += p.step()
		}
	}
	for range 10 {
		delivered += p.step()
	}
	el := time.Since(start)
	b.ReportMetric(float64(delivered)/el.Seconds(), "msgs/s")
}

// BenchmarkUnreliable measures the unreliable path for 100-byte messages.
func BenchmarkUnreliable(b *testing.B) {
	p := newDirectPair(b, Config{})
	body := make([]byte, 100)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = p.client.Send(Unreliable, wire.PriorityHigh, 5, body)
		if i%8 == 7 {
			p.step()
		}
	}
}

// BenchmarkSynReply measures the stateless SYN answer (HMAC cookie).
func BenchmarkSynReply(b *testing.B) {
	ln, err := NewListener(testListenerConfig(Config{}))
	if err != nil {
		b.Fatal(err)
	}
	syn := make([]byte, SynSize)
	wire.Header{Flags: wire.FlagSYN}.Put(syn)
	syn[wire.HeaderSize] = Version
	from := netip.MustParseAddrPort("192.0.2.1:5000")
	sink := func([]byte) {}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ln.HandleDatagram(time.Second, from, syn, sink)
	}
}

// BenchmarkLossyTransfer sends 2,000 reliable 100-byte messages over the
// lossy netsim path (10% loss, 50±10 ms, 25% reorder, 1% dup) and reports
// virtual-time goodput and real CPU time per message.
func BenchmarkLossyTransfer(b *testing.B) {
	var virt time.Duration
	for i := 0; i < b.N; i++ {
		s := newSim(b, uint64(i), lossyLink(), Config{})
		r := &receiver{t: b, lastSeq: -1}
		snd := &reliableSender{count: 2000, size: 100}
		var done time.Duration
		s.run(0, 120*time.Second, func(now time.Duration) time.Duration {
			r.drain(s.server)
			if int(r.nextRel) == snd.count {
				if done == 0 {
					done = now
				}
				return -1
			}
			return snd.pump(now, s.client)
		})
		if int(r.nextRel) != snd.count {
			b.Fatalf("delivered %d", r.nextRel)
		}
		virt += done
	}
	b.ReportMetric(float64(2000*b.N)/virt.Seconds(), "virtual-msgs/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2000*b.N), "cpu-ns/msg")
}

// BenchmarkSubMillisecondLossyTransfer is the loopback-like case of loss
// recovery: 10,000 100-byte reliable messages over a 100 µs RTT link losing
// 10% each way, on the virtual clock (handshake excluded).
func BenchmarkSubMillisecondLossyTransfer(b *testing.B) {
	link := netsim.Config{Delay: 50 * time.Microsecond, Loss: 0.10}
	var virt time.Duration
	var lost uint64
	for i := 0; i < b.N; i++ {
		d, st := transferOver(b, uint64(i), link, 10000, 100)
		virt += d
		lost += st.DataPacketsLost
	}
	b.ReportMetric(float64(10000*b.N)/virt.Seconds(), "virtual-msgs/s")
	b.ReportMetric(float64(lost)/float64(b.N), "lost-packets/op")
}
