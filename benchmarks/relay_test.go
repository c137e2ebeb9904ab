package benchmarks

import (
	"math/rand/v2"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
)

// lossyRelay is a UDP relay on loopback that forwards between one client
// and a server and drops each datagram, in each direction, with probability
// loss, from a seeded generator. Both transports under test go through the
// same relay code with the same seeds, so they face the same kind of path
// (the exact datagrams lost differ, since they send different datagrams).
type lossyRelay struct {
	front  *net.UDPConn // the client talks to this
	back   *net.UDPConn // connected to the server
	client atomic.Pointer[netip.AddrPort]
	wg     sync.WaitGroup
	// Forwarded and Dropped count datagrams, both directions together.
	Forwarded, Dropped atomic.Uint64
}

// startRelay relays to server, dropping datagrams with probability loss.
func startRelay(tb testing.TB, server netip.AddrPort, loss float64) *lossyRelay {
	tb.Helper()
	front, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:0")))
	if err != nil {
		tb.Fatal(err)
	}
	back, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(server))
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range []*net.UDPConn{front, back} {
		c.SetReadBuffer(4 << 20)
		c.SetWriteBuffer(4 << 20)
	}
	r := &lossyRelay{front: front, back: back}
	r.wg.Add(2)
	go r.up(rand.New(rand.NewPCG(1, 2)), loss)
	go r.down(rand.New(rand.NewPCG(3, 4)), loss)
	tb.Cleanup(r.close)
	return r
}

// Addr is where the client should send.
func (r *lossyRelay) Addr() netip.AddrPort { return r.front.LocalAddr().(*net.UDPAddr).AddrPort() }

func (r *lossyRelay) up(rng *rand.Rand, loss float64) {
	defer r.wg.Done()
	buf := make([]byte, 2048)
	for {
		n, from, err := r.front.ReadFromUDPAddrPort(buf)
		if err != nil {
			return
		}
		if p := r.client.Load(); p == nil || *p != from {
			r.client.Store(&from)
		}
		if rng.Float64() < loss {
			r.Dropped.Add(1)
			continue
		}
		r.Forwarded.Add(1)
		r.back.Write(buf[:n])
	}
}

func (r *lossyRelay) down(rng *rand.Rand, loss float64) {
	defer r.wg.Done()
	buf := make([]byte, 2048)
	for {
		n, err := r.back.Read(buf)
		if err != nil {
			return
		}
		to := r.client.Load()
		if to == nil {
			continue
		}
		if rng.Float64() < loss {
			r.Dropped.Add(1)
			continue
		}
		r.Forwarded.Add(1)
		r.front.WriteToUDPAddrPort(buf[:n], *to)
	}
}

func (r *lossyRelay) close() {
	r.front.Close()
	r.back.Close()
	r.wg.Wait()
}
