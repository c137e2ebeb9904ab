package rudp

import (
	"bytes"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// fuzzFragmentBody is the deterministic content of fragment j of message i.
func fuzzFragmentBody(i, j, count int) []byte {
	n := FragmentSize
	if j == count-1 {
		n = 1 + (i*31+j)%FragmentSize
	}
	b := make([]byte, n)
	for k := range b {
		b[k] = byte(i*7 + j*13 + k)
	}
	return b
}

// FuzzReassembly feeds fragments of up to 16 reliable messages in an
// arbitrary order, with duplicates, and checks delivery against a model:
// each message exactly once, in order, byte-exact, and a new reassembly
// refused while MaxReassemblies are open. The first input byte picks the
// message count, the next ones each message's fragment count, the rest the
// schedule (message, fragment) pairs.
func FuzzReassembly(f *testing.F) {
	f.Add([]byte{3, 1, 2, 3, 0, 0, 1, 0, 1, 1, 2, 0, 2, 1, 2, 2})
	f.Add([]byte{4, 5, 5, 5, 5, 1, 0, 2, 0, 3, 0, 0, 0, 0, 1, 0, 2, 0, 3, 0, 4})
	f.Add([]byte{2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1})
	f.Add([]byte{16, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 15, 0, 14, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		const maxOpen = 3
		n := 1 + int(data[0])%16
		data = data[1:]
		if len(data) < n {
			return
		}
		counts := make([]int, n)
		for i := range counts {
			counts[i] = 1 + int(data[i])%5
		}
		data = data[n:]
		budget := NewBudget(1 << 30)
		c := serverConn(Config{MaxReassemblies: maxOpen, Budget: budget})
		got := make([]map[int]bool, n)
		for i := range got {
			got[i] = map[int]bool{}
		}
		open, next, delivered := 0, 0, 0
		pseq := uint16(1)
		var m Message
		for k := 0; k+1 < len(data); k += 2 {
			i := int(data[k]) % n
			j := int(data[k+1]) % counts[i]
			var fr []byte
			flags := wire.Flags(0)
			body := fuzzFragmentBody(i, j, counts[i])
			if counts[i] > 1 {
				fr = rawFrame(0, 1, uint16(i), body, []uint16{uint16(j), uint16(counts[i])})
				flags = wire.FlagFRAG
			} else {
				fr = rawFrame(0, 1, uint16(i), body[:min(len(body), 100)], nil)
			}
			c.Receive(time.Millisecond, packet(pseq, flags, 0, fr))
			pseq++
			// model
			if i >= next && !got[i][j] {
				fresh := len(got[i]) == 0
				if !(counts[i] > 1 && fresh && open >= maxOpen) {
					got[i][j] = true
					if counts[i] > 1 && fresh {
						open++
					}
					if counts[i] > 1 && len(got[i]) == counts[i] {
						open--
					}
				}
			}
			for next < n && len(got[next]) == counts[next] {
				next++
			}
			for c.Next(&m) {
				want := []byte{}
				if counts[delivered] == 1 {
					want = fuzzFragmentBody(delivered, 0, 1)
					want = want[:min(len(want), 100)]
				} else {
					for jj := range counts[delivered] {
						want = append(want, fuzzFragmentBody(delivered, jj, counts[delivered])...)
					}
				}
				if !bytes.Equal(m.Body, want) {
					t.Fatalf("message %d: got %d bytes, want %d", delivered, len(m.Body), len(want))
				}
				delivered++
			}
			if delivered != next {
				t.Fatalf("after op %d: delivered %d, model %d", k/2, delivered, next)
			}
			if c.reassemblies != open {
				t.Fatalf("after op %d: %d reassemblies open, model %d", k/2, c.reassemblies, open)
			}
		}
		c.Release()
		if budget.Used() != 0 || c.recvBytes != 0 {
			t.Fatalf("after release: budget %d, receive bytes %d", budget.Used(), c.recvBytes)
		}
	})
}

// seedDatagrams captures real datagrams from a short exchange.
func seedDatagrams(tb testing.TB) [][]byte {
	p := newDirectPair(tb, Config{})
	var out [][]byte
	capture := func(d []byte) { out = append(out, append([]byte(nil), d...)) }
	_ = p.client.Send(ReliableOrdered, wire.PriorityNormal, 3, make([]byte, 3000))
	_ = p.client.Send(UnreliableSequenced, wire.PriorityHigh, 4, []byte("pos"))
	_ = p.client.SendUrgent(Unreliable, 5, []byte("now"))
	p.client.Poll(p.now+time.Millisecond, capture)
	p.client.Close(p.now + time.Millisecond)
	p.client.Poll(p.now+5*time.Second, capture)
	return out
}

// FuzzConn feeds a server connection an arbitrary datagram sequence (each
// datagram prefixed by a length byte) interleaved with polls, and checks it
// never panics and keeps its bounds.
func FuzzConn(f *testing.F) {
	for _, d := range seedDatagrams(f) {
		f.Add(append([]byte{byte(len(d))}, d...))
	}
	f.Add([]byte{9, 0, 0, byte(wire.FlagRST), 0, 0, 0, 0, 0, 7})
	f.Add([]byte{14, 1, 0, byte(wire.FlagACK), 0, 255, 255, 0, 0, 0, 0, 255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		budget := NewBudget(1 << 30)
		cfg := Config{MaxReceiveBytes: 64 << 10, MaxMessageSize: 16 << 10, Budget: budget}
		conns := []*Conn{serverConn(cfg), newConn(cfg, false, 0)}
		conns[1].state = StateCookieEcho
		now := time.Duration(0)
		var m Message
		for len(data) > 0 {
			n := min(int(data[0])*5, len(data)-1)
			d := data[1 : 1+n]
			data = data[1+n:]
			now += 7 * time.Millisecond
			for _, c := range conns {
				c.Receive(now, d)
				c.Poll(now, func(out []byte) {
					if len(out) > wire.MaxDatagram {
						t.Fatalf("emitted %d bytes", len(out))
					}
				})
				for c.Next(&m) {
					if len(m.Body) > cfg.MaxMessageSize {
						t.Fatalf("delivered %d bytes", len(m.Body))
					}
				}
				if c.recvBytes > cfg.MaxReceiveBytes+cfg.MaxMessageSize || c.recvBytes < 0 || c.inFlight < 0 {
					t.Fatalf("receive bytes %d, in flight %d", c.recvBytes, c.inFlight)
				}
			}
		}
		for _, c := range conns {
			c.Release()
		}
		if budget.Used() != 0 {
			t.Fatalf("budget leaked %d bytes", budget.Used())
		}
	})
}

// FuzzListener feeds arbitrary datagrams from a few addresses to a Listener:
// it must never panic and never reply with more bytes than it received.
func FuzzListener(f *testing.F) {
	syn := make([]byte, SynSize)
	wire.Header{Flags: wire.FlagSYN}.Put(syn)
	syn[wire.HeaderSize] = Version
	f.Add(0, syn)
	f.Add(1, append(packet(1, wire.FlagSYN|wire.FlagACK, 0), make([]byte, CookieSize)...))
	f.Add(2, []byte{1, 2, 3})
	ln, err := NewListener(testListenerConfig(Config{}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, from int, d []byte) {
		ln.HandleDatagram(time.Second, netipPort(from&3), d, func(r []byte) {
			if len(r) > len(d) {
				t.Fatalf("reply of %d bytes to %d", len(r), len(d))
			}
		})
	})
}

// FuzzParseFrame checks the frame parser on arbitrary bytes.
func FuzzParseFrame(f *testing.F) {
	f.Add(rawFrame(0, 1, 2, []byte("abc"), nil))
	f.Add(rawFrame(0, 1, 2, make([]byte, FragmentSize), []uint16{0, 3}))
	f.Add([]byte{0x80, 0, 0, 4})
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, n, _, ok := parseFrame(b, 64)
		if !ok {
			return
		}
		if n > len(b) || len(fr.body) > FragmentSize || fr.channel >= NumChannels {
			t.Fatalf("parsed %+v size %d from %d bytes", fr, n, len(b))
		}
		if fr.fragment && (fr.fragIndex >= fr.fragCount || fr.fragCount > 64) {
			t.Fatalf("bad fragment accepted: %+v", fr)
		}
	})
}
