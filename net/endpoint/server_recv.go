package endpoint

import (
	"errors"
	"net/netip"
	"time"

	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/udp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/simd"
)

// seqWindow is how far, either way, a packet's sequence number may be from
// its connection's newest before the pre-filter drops it. rudp remembers
// only 256 sequence numbers back, so 1024 is generous for real reordering.
const seqWindow = 1024

// headerLimits are the simd pre-filter's bounds: the protocol's lengths
// (8…1,200 bytes, at most 1,024 after the header without FRAG) and the
// sequence window. Timestamps are not checked (the window is the whole
// timeline), because each side stamps packets with its own clock, not the
// server's.
func headerLimits() simd.HeaderLimits {
	return simd.HeaderLimits{
		MinLen: wire.HeaderSize, MaxLen: wire.MaxDatagram, MaxPayload: rudp.FragmentSize,
		PastWindowMS: 1 << 31, FutureMS: 1<<31 - 1, SeqWindow: seqWindow,
	}
}

// receive handles one batch from the socket: it loads the PacketBatch,
// pre-filters the headers with simd.ValidateHeaders and hands each valid
// datagram to the Listener (which routes it to its connection).
func (s *Server) receive(now time.Duration, rb *udp.RecvBatch) {
	if rb.Truncated > 0 {
		s.ctr.drops[DropTooLarge].Add(rb.Truncated)
		rb.Truncated = 0
	}
	data, addrs := rb.Datagrams()
	s.receiveDatagrams(now, data, addrs)
}

// receiveDatagrams is receive for parallel slices of at most recvBatchSize
// datagrams and their sources.
func (s *Server) receiveDatagrams(now time.Duration, data [][]byte, addrs []netip.AddrPort) {
	s.ctr.datagramsIn.Add(uint64(len(data)))
	s.pkts.Reset()
	for i, d := range data {
		s.ctr.bytesIn.Add(uint64(len(d)))
		id := s.byAddr[addrs[i]]
		s.pkts.Add(d, uint32(id))
		// Unknown addresses and handshakes get their own seq as the expected
		// one (distance 0): the Listener and rudp judge them.
		exp := s.pkts.Seq[i]
		if sl := &s.slots[id]; id != 0 && sl.seen {
			exp = sl.newest + 1
		}
		s.pkts.ExpectedSeq[i] = exp
	}
	p := &s.pkts
	s.cols = simd.HeaderColumns{Len: p.Len, Seq: p.Seq, ExpectedSeq: p.ExpectedSeq, Flags: p.Flags, Priority: p.Priority, Timestamp: p.Timestamp}
	simd.ValidateHeaders(&s.cols, headerLimits(), s.valid)
	for i, d := range data {
		if s.valid[i/64]&(1<<(uint(i)%64)) == 0 {
			s.ctr.drop(headerDrop(p.Check(i), len(d), wire.Flags(p.Flags[i])))
			continue
		}
		s.handle(now, addrs[i], ConnID(p.Conn[i]), p.Seq[i], d)
	}
	s.pkts.Reset()
}

// headerDrop says why the pre-filter rejected a datagram of length n with
// flags f, given wire's scalar check of its header: the scalar check covers
// all but the unfragmented length bound and the sequence window.
func headerDrop(err error, n int, f wire.Flags) DropReason {
	switch {
	case err == nil && f&wire.FlagFRAG == 0 && n > rudp.MaxUnfragmentedDatagram:
		return DropTooLarge
	case err == nil:
		return DropSeqWindow
	case errors.Is(err, wire.ErrShort):
		return DropShort
	case errors.Is(err, wire.ErrTooLarge):
		return DropTooLarge
	case errors.Is(err, wire.ErrBadPriority):
		return DropBadPriority
	}
	return DropBadFlags
}

// handle routes one pre-filtered datagram.
func (s *Server) handle(now time.Duration, from netip.AddrPort, id ConnID, seq uint16, d []byte) {
	s.emitTo = from
	c, accepted := s.lis.HandleDatagram(now, from, d, s.emitFn)
	if c == nil {
		return
	}
	if accepted {
		id = s.attach(from, c)
		if s.shutting {
			c.Close(now)
		}
		s.h.OnConnect(id, from)
	}
	if id == 0 {
		return
	}
	sl := &s.slots[id]
	if !sl.seen || wire.SeqLess(sl.newest, seq) {
		sl.newest, sl.seen = seq, true
	}
	s.deliver(id, c)
	s.deadlines[id] = 0
}

// deliver hands every message the connection has ready to the Handler.
func (s *Server) deliver(id ConnID, c *rudp.Conn) {
	for c.Next(&s.msg) {
		if len(s.msg.Body) == 0 || s.msg.Body[0] != s.msg.Type {
			s.ctr.drop(DropTypeMismatch)
			continue
		}
		s.ctr.messagesIn.Add(1)
		s.h.OnMessage(id, s.msg.Channel, s.msg.Body)
	}
}

// attach gives a new connection a ConnID.
func (s *Server) attach(addr netip.AddrPort, c *rudp.Conn) ConnID {
	var id ConnID
	if n := len(s.freeIDs); n > 0 {
		id = s.freeIDs[n-1]
		s.freeIDs = s.freeIDs[:n-1]
	} else {
		id = ConnID(len(s.slots))
		s.slots = append(s.slots, slot{})
		s.deadlines = append(s.deadlines, 0)
	}
	s.slots[id] = slot{conn: c, addr: addr}
	s.byAddr[addr] = id
	s.ctr.accepted.Add(1)
	return id
}

// onSwept is called by Listener.Sweep for each removed (closed) connection.
func (s *Server) onSwept(addr netip.AddrPort, c *rudp.Conn) {
	id := s.byAddr[addr]
	if id == 0 {
		return
	}
	sl := &s.slots[id]
	reason := c.CloseReason()
	switch {
	case sl.kicked != rudp.ReasonNone:
		reason = sl.kicked
	case s.shutting && reason == rudp.ReasonLocalClose:
		reason = rudp.ReasonShutdown
	}
	st := c.Stats()
	s.closedRetrans += st.Retransmits
	for r, n := range st.Drops {
		s.closedDrops[r] += n
	}
	s.dropHeld(sl)
	delete(s.byAddr, addr)
	held := sl.held[:0]
	*sl = slot{held: held}
	s.deadlines[id] = never
	if s.cfg.HoldClosedIDs {
		sl.awaitRelease = true // reused once the Handler calls ReleaseID
	} else {
		s.freeIDs = append(s.freeIDs, id)
	}
	s.ctr.disconnected.Add(1)
	s.h.OnDisconnect(id, reason)
}

// refresh republishes connection snapshots and the summary part of Stats.
func (s *Server) refresh() {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	for len(s.snaps) < len(s.slots) {
		s.snaps = append(s.snaps, rudp.Stats{})
		s.snapOK = append(s.snapOK, false)
	}
	sum := ServerStats{Retransmits: s.closedRetrans, RUDPDrops: s.closedDrops}
	var rttTotal time.Duration
	for id := range s.slots {
		c := s.slots[id].conn
		s.snapOK[id] = c != nil
		if c == nil {
			continue
		}
		st := c.Stats()
		s.snaps[id] = st
		sum.Conns++
		sum.Retransmits += st.Retransmits
		for r, n := range st.Drops {
			sum.RUDPDrops[r] += n
		}
		rttTotal += st.SRTT
		sum.RTTMax = max(sum.RTTMax, st.SRTT)
	}
	if sum.Conns > 0 {
		sum.RTTMean = rttTotal / time.Duration(sum.Conns)
	}
	ls := s.lis.Stats()
	sum.SynReplies, sum.BadCookie, sum.Refused = ls.SynReplies, ls.BadCookie, ls.Refused
	sum.Drops[DropUnknownPeer] = ls.Dropped
	s.summary = sum
}
