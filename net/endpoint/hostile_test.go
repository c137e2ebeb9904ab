package endpoint

import (
	"encoding/binary"
	"net/netip"
	"testing"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// idleServer is a Server that was bound but is not Run, so a test can call
// its network-goroutine methods directly.
func idleServer(tb testing.TB) *Server {
	tb.Helper()
	s, err := Listen(ServerConfig{Addr: "127.0.0.1:0", Listener: rudp.ListenerConfig{CookieKey: make([]byte, 32)}}, nopHandler{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.sock.Close() })
	return s
}

type nopHandler struct{}

func (nopHandler) OnConnect(ConnID, netip.AddrPort)       {}
func (nopHandler) OnMessage(ConnID, rudp.Channel, []byte) {}
func (nopHandler) OnDisconnect(ConnID, rudp.CloseReason)  {}
func header(seq uint16, f wire.Flags, p wire.Priority) []byte {
	b := make([]byte, wire.HeaderSize)
	wire.Header{Seq: seq, Flags: f, Priority: p}.Put(b)
	return b
}

func TestHostileDatagramsAreCountedDrops(t *testing.T) {
	t.Parallel()
	s := idleServer(t)
	from := netip.MustParseAddrPort("127.0.0.1:9")
	tests := []struct {
		name string
		d    []byte
		want DropReason
	}{
		{"empty", nil, DropShort},
		{"short", []byte{1, 2, 3}, DropShort},
		{"too large", make([]byte, wire.MaxDatagram+1), DropTooLarge},
		{"too large without FRAG", make([]byte, rudp.MaxUnfragmentedDatagram+1), DropTooLarge},
		{"reserved flag", header(0, 0x40, 0), DropBadFlags},
		{"syn fin", header(0, wire.FlagSYN|wire.FlagFIN, 0), DropBadFlags},
		{"bad priority", header(0, 0, 4), DropBadPriority},
	}
	for _, tc := range tests {
		before := s.Stats().Drops[tc.want]
		s.receiveDatagrams(0, [][]byte{tc.d}, []netip.AddrPort{from})
		if got := s.Stats().Drops[tc.want] - before; got != 1 {
			t.Errorf("%s: Drops[%v] grew by %d, want 1", tc.name, tc.want, got)
		}
	}
	// A well-formed data packet from an unknown address reaches the
	// Listener, which drops it without a reply and without state.
	s.receiveDatagrams(0, [][]byte{header(5, 0, 0)}, []netip.AddrPort{from})
	s.refresh()
	if st := s.Stats(); st.Drops[DropUnknownPeer] != 1 || st.Conns != 0 || s.sendQ.Len() != 0 {
		t.Errorf("unknown peer: drops %d, conns %d, replies %d; want 1, 0, 0", st.Drops[DropUnknownPeer], st.Conns, s.sendQ.Len())
	}
}

// TestUnknownPeersAllocateNothing feeds SYNs and junk from many addresses:
// the receive path answers SYNs statelessly and allocates nothing.
func TestUnknownPeersAllocateNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	s := idleServer(t)
	syn := make([]byte, rudp.SynSize)
	wire.Header{Flags: wire.FlagSYN}.Put(syn)
	syn[wire.HeaderSize] = rudp.Version
	data := [][]byte{syn, header(1, 0, 0), {0xFF}, header(2, 0x80, 0)}
	addrs := make([]netip.AddrPort, len(data))
	port := uint16(1000)
	a := testing.AllocsPerRun(1000, func() {
		for i := range addrs {
			port++
			addrs[i] = netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 0, byte(port >> 8), byte(port)}), port)
		}
		s.receiveDatagrams(0, data, addrs)
		s.sendQ.Reset() // the SYN|ACK replies are not sent
	})
	if a != 0 {
		t.Errorf("%.1f allocations per batch from unknown peers, want 0", a)
	}
	if st := s.lis.Stats(); st.SynReplies == 0 || s.lis.Len() != 0 {
		t.Errorf("SynReplies %d, connections %d; want > 0 and 0", st.SynReplies, s.lis.Len())
	}
}

// FuzzServerReceive feeds a server arbitrary datagram sequences from a few
// addresses: nothing may panic and every datagram is counted.
func FuzzServerReceive(f *testing.F) {
	syn := make([]byte, rudp.SynSize)
	wire.Header{Flags: wire.FlagSYN}.Put(syn)
	syn[wire.HeaderSize] = rudp.Version
	f.Add(frameDatagrams(syn))
	f.Add(frameDatagrams(header(0, 0, 0), header(1, wire.FlagACK, 1), []byte{0xFF, 0xFF}))
	f.Add(frameDatagrams(syn, append(header(1, wire.FlagSYN|wire.FlagACK, 0), make([]byte, 6+rudp.CookieSize+7)...)))
	f.Add([]byte{})
	s := idleServer(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		var data [][]byte
		var addrs []netip.AddrPort
		for len(in) >= 3 && len(data) < recvBatchSize {
			n := int(binary.LittleEndian.Uint16(in)) % 1300
			port := uint16(in[2]%4) + 1
			in = in[3:]
			n = min(n, len(in))
			data = append(data, in[:n])
			addrs = append(addrs, netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1}), port))
			in = in[n:]
		}
		before := s.Stats().DatagramsIn
		s.receiveDatagrams(0, data, addrs)
		s.pollDue(0)
		s.sendQ.Reset()
		if got := s.Stats().DatagramsIn - before; got != uint64(len(data)) {
			t.Fatalf("DatagramsIn grew by %d, want %d", got, len(data))
		}
	})
}

// frameDatagrams encodes datagrams in FuzzServerReceive's input format:
// u16 length, u8 address selector, bytes.
func frameDatagrams(ds ...[]byte) []byte {
	var out []byte
	for i, d := range ds {
		out = binary.LittleEndian.AppendUint16(out, uint16(len(d)))
		out = append(out, byte(i))
		out = append(out, d...)
	}
	return out
}
