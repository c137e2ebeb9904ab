package rudp

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// directPair is an established client and server joined by a lossless,
// zero-delay in-memory path (datagrams are handed over during emit).
type directPair struct {
	client, server *Conn
	now            time.Duration
	toServer       func([]byte)
	toClient       func([]byte)
	msg            Message
}

func newDirectPair(t testing.TB, cfg Config) *directPair {
	t.Helper()
	ln, err := NewListener(testListenerConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	client, err := Dial(0, cfg, 1, []byte("connect"))
	if err != nil {
		t.Fatal(err)
	}
	server := pump(t, ln, client, testClientAddr, 10)
	if server == nil || client.State() != StateEstablished {
		t.Fatal("handshake failed")
	}
	p := &directPair{client: client, server: server, now: 100 * time.Millisecond}
	p.toServer = func(d []byte) { p.server.Receive(p.now, d) }
	p.toClient = func(d []byte) { p.client.Receive(p.now, d) }
	return p
}

// step advances 1 ms, polls both sides and drains the server's inbox.
func (p *directPair) step() int {
	p.now += time.Millisecond
	p.client.Poll(p.now, p.toServer)
	p.server.Poll(p.now, p.toClient)
	n := 0
	for p.server.Next(&p.msg) {
		n++
	}
	return n
}

func TestSteadyStateZeroAllocs(t *testing.T) {
	body := make([]byte, 100)
	big := make([]byte, 4*FragmentSize+17)
	tests := []struct {
		name string
		ch   Channel
		prio wire.Priority
		body []byte
	}{
		{"reliable 100 B", ReliableOrdered, wire.PriorityNormal, body},
		{"sequenced 100 B", UnreliableSequenced, wire.PriorityHigh, body},
		{"unreliable 100 B", Unreliable, wire.PriorityLow, body},
		{"reliable fragmented 4 KiB", ReliableOrdered, wire.PriorityNormal, big},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newDirectPair(t, Config{})
			round := func() {
				for range 4 {
					if err := p.client.Send(tc.ch, tc.prio, 5, tc.body); err != nil {
						t.Fatal(err)
					}
				}
				for range 8 {
					p.step()
				}
			}
			for range 500 { // warm up pools, rings and the pacer
				round()
			}
			before := p.server.Stats().MessagesDelivered
			if a := testing.AllocsPerRun(200, round); a != 0 {
				t.Fatalf("%.2f allocations per round of 4 messages, want 0", a)
			}
			if got := p.server.Stats().MessagesDelivered - before; got < 4*200 {
				t.Fatalf("only %d messages delivered during the measurement", got)
			}
		})
	}
}

// TestLossRecoveryZeroAllocs: losses, reordering beyond ack_bits (anchored
// acks), out-of-order immediate acks and probes allocate nothing once warm.
func TestLossRecoveryZeroAllocs(t *testing.T) {
	p := newDirectPair(t, Config{})
	var held [][]byte // datagrams delayed by 40 packets, beyond ack_bits
	for range 64 {
		held = append(held, make([]byte, 0, wire.MaxDatagram))
	}
	n := 0
	p.toServer = func(d []byte) {
		n++
		switch {
		case n%11 == 0: // lost
		case n%13 == 0: // reordered: delivered 40 packets later
			slot := &held[(n/13)%len(held)]
			*slot = append((*slot)[:0], d...)
		default:
			p.server.Receive(p.now, d)
			if n%13 == 40%13 && n > 40 {
				if late := held[((n-40)/13)%len(held)]; len(late) > 0 {
					p.server.Receive(p.now, late)
				}
			}
		}
	}
	anchored := 0
	p.toClient = func(d []byte) {
		if ab, err := wire.ParseAckBlock(d[wire.HeaderSize:]); err == nil && wire.SeqDiff(p.server.rw.newest, ab.Ack) > 32 {
			anchored++
		}
		p.client.Receive(p.now, d)
	}
	body := make([]byte, 100)
	round := func() {
		for range 4 {
			if err := p.client.Send(ReliableOrdered, wire.PriorityNormal, 5, body); err != nil {
				t.Fatal(err)
			}
		}
		for range 8 {
			p.step()
		}
	}
	for range 500 {
		round()
	}
	if anchored == 0 {
		t.Fatal("no late packet got an anchored ack during warm-up")
	}
	before := p.client.Stats()
	if a := testing.AllocsPerRun(200, round); a != 0 {
		t.Fatalf("%.2f allocations per round with loss, want 0", a)
	}
	after := p.client.Stats()
	if after.Retransmits == before.Retransmits || p.server.Stats().MessagesDelivered == 0 {
		t.Fatalf("the measurement saw no retransmission (%d) or delivery", after.Retransmits-before.Retransmits)
	}
}
