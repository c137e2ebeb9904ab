package rudp

import (
	"encoding/binary"
	"math/rand/v2"
	"net/netip"
	"testing"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// packet builds a datagram with header, optional ack block and frames.
func packet(seq uint16, flags wire.Flags, prio wire.Priority, frames ...[]byte) []byte {
	b := make([]byte, wire.HeaderSize, wire.MaxDatagram)
	wire.Header{Seq: seq, Flags: flags, Priority: prio}.Put(b)
	if flags&wire.FlagACK != 0 {
		b = append(b, make([]byte, wire.AckBlockSize)...)
	}
	for _, f := range frames {
		b = append(b, f...)
	}
	return b
}

// rawFrame builds one frame; frag is {index, count} or nil.
func rawFrame(kind, msgType byte, seq uint16, body []byte, frag []uint16) []byte {
	b := []byte{kind, msgType, 0, 0, 0, 0}
	binary.LittleEndian.PutUint16(b[2:], uint16(len(body)))
	binary.LittleEndian.PutUint16(b[4:], seq)
	if frag != nil {
		b[0] |= kindFragment
		b = binary.LittleEndian.AppendUint16(b, frag[0])
		b = binary.LittleEndian.AppendUint16(b, frag[1])
	}
	return append(b, body...)
}

// serverConn returns an established server-side Conn fed directly.
func serverConn(cfg Config) *Conn {
	c := newConn(cfg, true, 0)
	c.state = StateEstablished
	c.nextSeq, c.sentTail = 1, 1
	return c
}

func TestHostileDatagramsAreCountedDrops(t *testing.T) {
	t.Parallel()
	kb := make([]byte, FragmentSize)
	tests := []struct {
		name string
		dgm  []byte
		want DropReason
	}{
		{"empty", nil, DropTruncated},
		{"truncated header", []byte{1, 2, 3}, DropTruncated},
		{"ack flag without block", packet(1, wire.FlagACK, 0)[:wire.HeaderSize], DropTruncated},
		{"oversized", make([]byte, wire.MaxDatagram+1), DropOversized},
		{"unfragmented over 1032", packet(1, 0, 0, rawFrame(2, 1, 0, make([]byte, 1000), nil), rawFrame(2, 1, 0, make([]byte, 100), nil)), DropOversized},
		{"reserved flag 0x40", packet(1, 0x40, 0), DropBadHeader},
		{"reserved flag 0x80", packet(1, 0x80, 0), DropBadHeader},
		{"SYN|FIN", packet(1, wire.FlagSYN|wire.FlagFIN, 0), DropBadHeader},
		{"bad priority", packet(1, 0, 4), DropBadHeader},
		{"bare SYN to a conn", packet(1, wire.FlagSYN, 0), DropState},
		{"truncated frame header", append(packet(1, 0, 0), 0, 1, 2), DropTruncated},
		{"frame length past end", append(packet(1, 0, 0), rawFrame(2, 1, 0, []byte{1, 2, 3}, nil)[:8]...), DropTruncated},
		{"channel 3", packet(1, 0, 0, rawFrame(3, 1, 0, nil, nil)), DropBadFrame},
		{"reserved kind bits", packet(1, 0, 0, rawFrame(0x04, 1, 0, nil, nil)), DropBadFrame},
		{"unfragmented over 1024", packet(1, wire.FlagFRAG, 0, rawFrame(2, 1, 0, make([]byte, FragmentSize+1), nil)), DropBadFrame},
		{"too many frames", packet(1, 0, 0, repeat(rawFrame(2, 1, 0, nil, nil), MaxFramesPerPacket+1)...), DropBadFrame},
		{"fragment without FRAG flag", packet(1, 0, 0, rawFrame(0, 1, 0, kb[:10], []uint16{1, 2})), DropBadFrame},
		{"FRAG flag without fragment", packet(1, wire.FlagFRAG, 0, rawFrame(0, 1, 0, nil, nil)), DropBadFrame},
		{"absurd fragment count", packet(1, wire.FlagFRAG, 0, rawFrame(0, 1, 0, kb, []uint16{0, 65535})), DropBadFragment},
		{"fragment count 0", packet(1, wire.FlagFRAG, 0, rawFrame(0, 1, 0, kb[:10], []uint16{0, 0})), DropBadFragment},
		{"single fragment over 1,024 bytes", packet(1, wire.FlagFRAG, 0, rawFrame(0, 1, 0, append(kb, 1), []uint16{0, 1})), DropBadFragment},
		{"fragment index past count", packet(1, wire.FlagFRAG, 0, rawFrame(0, 1, 0, kb, []uint16{5, 4})), DropBadFragment},
		{"short middle fragment", packet(1, wire.FlagFRAG, 0, rawFrame(0, 1, 0, kb[:100], []uint16{0, 4})), DropBadFragment},
		{"unreliable fragment", packet(1, wire.FlagFRAG, 0, rawFrame(2, 1, 0, kb, []uint16{0, 2})), DropBadFragment},
		{"truncated fragment header", append(packet(1, wire.FlagFRAG, 0), kindFragment, 1, 0, 0, 0, 0, 0), DropTruncated},
		{"unknown type reliable", packet(1, 0, 0, rawFrame(0, 200, 0, []byte{1}, nil)), DropUnknownType},
		{"unknown type unreliable", packet(1, 0, 0, rawFrame(2, 200, 0, []byte{1}, nil)), DropUnknownType},
		{"reliable beyond window", packet(1, 0, 0, rawFrame(0, 1, ReceiveWindow, nil, nil)), DropWindow},
		{"RST too short", packet(1, wire.FlagRST, 0), DropTruncated},
		{"FIN with frames", packet(1, wire.FlagFIN, 0, rawFrame(2, 1, 0, nil, nil)), DropBadFrame},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := serverConn(Config{AllowType: func(m uint8) bool { return m < 100 }})
			c.Receive(time.Millisecond, tc.dgm)
			st := c.Stats()
			if st.Drops[tc.want] != 1 {
				t.Fatalf("drops %v, want one %v", st.Drops, tc.want)
			}
			var total uint64
			for _, n := range st.Drops {
				total += n
			}
			if total != 1 {
				t.Fatalf("drops %v, want exactly one", st.Drops)
			}
			var m Message
			if c.Next(&m) {
				t.Fatalf("hostile datagram delivered %+v", m)
			}
		})
	}
}

func repeat(b []byte, n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}

// TestAbandonedReassembliesStayBounded opens 100 reassemblies that never
// finish, checks the 101st is refused, that memory is bounded, and that the
// reassembly timeout resets the connection and frees everything.
func TestAbandonedReassembliesStayBounded(t *testing.T) {
	t.Parallel()
	budget := NewBudget(1 << 20)
	c := serverConn(Config{Budget: budget})
	kb := make([]byte, FragmentSize)
	for i := range 101 {
		c.Receive(time.Millisecond, packet(uint16(i+1), wire.FlagFRAG, 0, rawFrame(0, 1, uint16(i+1), kb, []uint16{0, 64})))
	}
	st := c.Stats()
	if st.Reassemblies != 100 || st.Drops[DropNoMemory] != 1 {
		t.Fatalf("reassemblies %d, no-memory drops %d; want 100 and 1", st.Reassemblies, st.Drops[DropNoMemory])
	}
	if st.ReceiveBytes != 100*FragmentSize || budget.Used() != 100*FragmentSize {
		t.Fatalf("receive bytes %d, budget %d; want %d", st.ReceiveBytes, budget.Used(), 100*FragmentSize)
	}
	// More fragments of the open messages stop at the per-connection cap.
	for i := range 100 {
		for f := 1; f < 20; f++ {
			c.Receive(2*time.Millisecond, packet(uint16(1000+i*20+f), wire.FlagFRAG, 0, rawFrame(0, 1, uint16(i+1), kb, []uint16{uint16(f), 64})))
		}
	}
	if got := c.Stats().ReceiveBytes; got > c.cfg.MaxReceiveBytes {
		t.Fatalf("receive bytes %d above MaxReceiveBytes %d", got, c.cfg.MaxReceiveBytes)
	}
	c.Poll(5*time.Second, func([]byte) {})
	if c.State() != StateEstablished {
		t.Fatalf("reset before the reassembly timeout: %v", c.CloseReason())
	}
	var rst []byte
	c.Receive(9*time.Second, packet(5000, 0, 0)) // keep the idle timer quiet
	c.Poll(10*time.Second+time.Millisecond, func(d []byte) { rst = append(rst, d...) })
	if c.State() != StateClosed || c.CloseReason() != ReasonReassemblyTimeout {
		t.Fatalf("state %v reason %v, want reset by reassembly timeout", c.State(), c.CloseReason())
	}
	if len(rst) != RSTSize || wire.Flags(rst[2])&wire.FlagRST == 0 || CloseReason(rst[8]) != ReasonReassemblyTimeout {
		t.Fatalf("emitted %x, want an RST with the reason", rst)
	}
	if c.Stats().ReceiveBytes != 0 || budget.Used() != 0 {
		t.Fatalf("after reset: receive bytes %d, budget %d", c.Stats().ReceiveBytes, budget.Used())
	}
}

func TestGlobalBudgetCapsAcrossConnections(t *testing.T) {
	t.Parallel()
	budget := NewBudget(10 * FragmentSize)
	kb := make([]byte, FragmentSize)
	var refused uint64
	for i := range 4 {
		c := serverConn(Config{Budget: budget})
		for m := range 4 {
			c.Receive(time.Millisecond, packet(uint16(m+1), wire.FlagFRAG, 0, rawFrame(0, 1, uint16(m+1), kb, []uint16{0, 2})))
		}
		refused += c.Stats().Drops[DropNoMemory]
		_ = i
	}
	if budget.Used() != 10*FragmentSize || refused != 6 {
		t.Fatalf("budget used %d refused %d, want %d and 6", budget.Used(), refused, 10*FragmentSize)
	}
}

// TestSpoofedSynsCreateNoState sends 100,000 SYNs from random addresses.
func TestSpoofedSynsCreateNoState(t *testing.T) {
	t.Parallel()
	ln, err := NewListener(testListenerConfig(Config{}))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	syn := make([]byte, SynSize)
	wire.Header{Flags: wire.FlagSYN}.Put(syn)
	syn[wire.HeaderSize] = Version
	replies, largest := 0, 0
	reply := func(b []byte) {
		replies++
		largest = max(largest, len(b))
	}
	const n = 100_000
	for i := range n {
		var a [4]byte
		binary.LittleEndian.PutUint32(a[:], rng.Uint32())
		from := netip.AddrPortFrom(netip.AddrFrom4(a), uint16(rng.Uint32()))
		if c, ok := ln.HandleDatagram(time.Duration(i)*time.Microsecond, from, syn, reply); c != nil || ok {
			t.Fatal("a SYN created a connection")
		}
	}
	if ln.Len() != 0 || len(ln.perAddr) != 0 {
		t.Fatalf("%d connections, %d address entries after SYN flood", ln.Len(), len(ln.perAddr))
	}
	if replies != n || largest > SynSize || largest != SynAckSize {
		t.Fatalf("%d replies, largest %d bytes; want %d replies of %d <= %d", replies, largest, n, SynAckSize, SynSize)
	}
	// Short SYNs get no reply at all, so they cannot amplify either.
	short := syn[:SynSize-1]
	ln.HandleDatagram(0, netipPort(1), short, func([]byte) { t.Fatal("reply to a short SYN") })
	// A forged echo with a wrong cookie creates nothing.
	echo := packet(1, wire.FlagSYN|wire.FlagACK, 0)
	echo = append(echo, make([]byte, CookieSize)...)
	echo = append(echo, rawFrame(0, 1, 0, []byte("hi"), nil)...)
	if c, _ := ln.HandleDatagram(0, netipPort(2), echo, func([]byte) { t.Fatal("reply to a bad echo") }); c != nil || ln.Len() != 0 {
		t.Fatal("a forged cookie created a connection")
	}
	// A valid cookie in an echo without frames (a keep-alive) creates nothing.
	var synAck []byte
	ln.HandleDatagram(0, netipPort(3), syn, func(b []byte) { synAck = append([]byte(nil), b...) })
	bare := append(packet(1, wire.FlagSYN|wire.FlagACK, 0), synAck[16:16+CookieSize]...)
	if c, _ := ln.HandleDatagram(0, netipPort(3), bare, func([]byte) {}); c != nil || ln.Len() != 0 {
		t.Fatal("a frameless echo created a connection")
	}
	withFrame := append(bare, rawFrame(0, 1, 0, []byte("hi"), nil)...)
	if c, ok := ln.HandleDatagram(0, netipPort(3), withFrame, func([]byte) {}); c == nil || !ok {
		t.Fatal("a valid echo with a frame was refused")
	}
	if ln.Stats().BadCookie != 1 {
		t.Fatalf("stats %+v", ln.Stats())
	}
}

func TestUnknownAddressesAllocateNothing(t *testing.T) {
	ln, err := NewListener(testListenerConfig(Config{}))
	if err != nil {
		t.Fatal(err)
	}
	syn := make([]byte, SynSize)
	wire.Header{Flags: wire.FlagSYN}.Put(syn)
	syn[wire.HeaderSize] = Version
	echo := append(packet(1, wire.FlagSYN|wire.FlagACK, 0), make([]byte, CookieSize)...)
	echo = append(echo, rawFrame(0, 1, 0, []byte("hi"), nil)...)
	cases := map[string][]byte{
		"syn":     syn,
		"echo":    echo,
		"data":    packet(3, 0, 0, rawFrame(2, 1, 0, []byte{1}, nil)),
		"garbage": {0xff, 0xff, 0xff},
	}
	from := netipPort(7)
	sink := func([]byte) {}
	for name, d := range cases {
		if a := testing.AllocsPerRun(200, func() { ln.HandleDatagram(time.Second, from, d, sink) }); a != 0 {
			t.Errorf("%s from an unknown address: %.1f allocs, want 0", name, a)
		}
	}
	if st := ln.Stats(); st.BadCookie == 0 || st.SynReplies == 0 || ln.Len() != 0 {
		t.Fatalf("stats %+v, %d conns: the cases did not reach the cookie paths", st, ln.Len())
	}
}

func TestSendBudgetSharedAcrossConnections(t *testing.T) {
	t.Parallel()
	budget := NewBudget(8 * FragmentSize)
	a := serverConn(Config{SendBudget: budget})
	b := serverConn(Config{SendBudget: budget})
	if err := a.Send(ReliableOrdered, wire.PriorityNormal, 1, make([]byte, 5*FragmentSize)); err != nil {
		t.Fatal(err)
	}
	if err := b.Send(ReliableOrdered, wire.PriorityNormal, 1, make([]byte, 4*FragmentSize)); err != ErrQueueFull {
		t.Fatalf("second connection over the shared budget: %v, want ErrQueueFull", err)
	}
	if err := b.Send(Unreliable, wire.PriorityNormal, 1, make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	if budget.Used() != 5*FragmentSize+64 {
		t.Fatalf("budget used %d", budget.Used())
	}
	a.Abort()
	b.Abort()
	if budget.Used() != 0 {
		t.Fatalf("budget used %d after both closed", budget.Used())
	}
}
