package benchmarks

import (
	"encoding/binary"
	"io"
	"net/netip"
	"testing"
	"time"

	kcp "github.com/xtaci/kcp-go/v5"
)

// tuneKCP applies kcp-go's documented low-latency ("fast3") settings: no
// delay, 10 ms internal clock, fast resend after 2 duplicate acks, no
// congestion window; windows of 1024 segments; datagrams of at most 1,200
// bytes like tickforge; message mode (the default); no FEC, no encryption.
func tuneKCP(s *kcp.UDPSession) {
	s.SetNoDelay(1, 10, 2, 1)
	s.SetWindowSize(1024, 1024)
	s.SetMtu(1200)
	s.SetWriteDelay(false)
	s.SetReadBuffer(4 << 20)
	s.SetWriteBuffer(4 << 20)
}

// kcpPair listens with kcp-go, dials it (directly or through a lossy relay)
// and returns the client session and a channel delivering the server's.
func kcpPair(b *testing.B, loss float64) (*kcp.UDPSession, <-chan *kcp.UDPSession) {
	b.Helper()
	l, err := kcp.ListenWithOptions("127.0.0.1:0", nil, 0, 0)
	if err != nil {
		b.Fatal(err)
	}
	addr := l.Addr().(interface{ AddrPort() netip.AddrPort }).AddrPort()
	if loss > 0 {
		addr = startRelay(b, addr, loss).Addr()
	}
	accepted := make(chan *kcp.UDPSession, 1)
	go func() {
		s, err := l.AcceptKCP()
		if err != nil {
			close(accepted)
			return
		}
		tuneKCP(s)
		accepted <- s
	}()
	c, err := kcp.DialWithOptions(addr.String(), nil, 0, 0)
	if err != nil {
		b.Fatal(err)
	}
	tuneKCP(c)
	b.Cleanup(func() {
		c.Close()
		l.Close()
	})
	return c, accepted
}

// kcpPipelined is tickforgePipelined for kcp-go: b.N numbered 100-byte
// messages written back to back (Write blocks when the window is full).
func kcpPipelined(b *testing.B, loss float64) {
	c, accepted := kcpPair(b, loss)
	msg := make([]byte, 100)
	done := make(chan error, 1)
	n := b.N
	go func() {
		s, ok := <-accepted
		if !ok {
			done <- io.ErrUnexpectedEOF
			return
		}
		defer s.Close()
		buf := make([]byte, 2048)
		for i := range n {
			m, err := s.Read(buf)
			if err != nil {
				done <- err
				return
			}
			if m != len(msg) || binary.LittleEndian.Uint32(buf[1:]) != uint32(i) {
				done <- io.ErrShortBuffer
				return
			}
		}
		done <- nil
	}()
	b.ResetTimer()
	start := time.Now()
	for i := range n {
		binary.LittleEndian.PutUint32(msg[1:], uint32(i))
		if _, err := c.Write(msg); err != nil {
			b.Fatal(err)
		}
	}
	select {
	case err := <-done:
		if err != nil {
			b.Fatal(err)
		}
	case <-time.After(benchTimeout):
		b.Fatal("kcp-go: timed out")
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "msgs/s")
}

// kcpRoundTrips is tickforgeRoundTrips for kcp-go.
func kcpRoundTrips(b *testing.B, loss float64) {
	c, accepted := kcpPair(b, loss)
	msg := make([]byte, 100)
	go func() {
		s, ok := <-accepted
		if !ok {
			return
		}
		defer s.Close()
		buf := make([]byte, 2048)
		for {
			m, err := s.Read(buf)
			if err != nil {
				return
			}
			if _, err := s.Write(buf[:m]); err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 2048)
	c.SetReadDeadline(time.Now().Add(benchTimeout))
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if _, err := c.Write(msg); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Read(buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "rt/s")
}
