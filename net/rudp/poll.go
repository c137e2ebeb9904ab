package rudp

import (
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// maxPacketsPerPoll bounds the datagrams one Poll emits.
const maxPacketsPerPoll = 64

// Poll runs the connection's timers and emits every datagram due at now:
// handshake packets, data, retransmissions, acks, keep-alives, FIN and RST.
// emit gets a buffer that is reused after it returns.
func (c *Conn) Poll(now time.Duration, emit func(datagram []byte)) {
	c.now = now
	if c.state == StateClosed {
		c.emitControl(emit)
		return
	}
	if c.state < StateEstablished && now-c.startedAt >= c.cfg.HandshakeTimeout {
		c.finish(ReasonHandshakeTimeout)
		return
	}
	if c.state == StateSynSent {
		if now >= c.synNextAt {
			emit(c.buildSyn(now))
		}
		return
	}
	if c.idle(now) {
		c.finish(ReasonIdleTimeout)
		return
	}
	if c.reassemblies > 0 && now >= c.reasmDeadline && c.expireReassemblies(now) {
		c.reset(ReasonReassemblyTimeout)
		c.emitControl(emit)
		return
	}
	c.emitLateAcks(now, emit)
	c.detectLosses(now)
	c.shed(now)
	if c.state == StateClosing && c.pollClosing(now, emit) {
		return
	}
	n := 0
	for range maxPacketsPerPoll {
		if n = c.buildPacket(now); n == 0 {
			break
		}
		emit(c.out[:n])
	}
	c.dataBlocked = n == 0 && !c.queuesEmpty() && c.cc.canSend(now) && c.inFlight+wire.MaxDatagram <= c.cc.cwnd(c.rtt.min)
}

// pollClosing sends FIN once queued reliable data is acked or CloseLinger
// passed; it reports whether the connection closed.
func (c *Conn) pollClosing(now time.Duration, emit func([]byte)) bool {
	drained := c.relPending.len() == 0
	if !drained && now-c.closeAt < c.cfg.CloseLinger {
		return false
	}
	if now < c.finNextAt {
		return false
	}
	if c.finSent >= 3 {
		c.finish(ReasonLocalClose)
		return true
	}
	c.finSent++
	c.finNextAt = now + c.rtt.rto()
	emit(c.buildControl(now, wire.FlagFIN, 0))
	return false
}

// emitControl sends a pending FIN|ACK or RST once.
func (c *Conn) emitControl(emit func([]byte)) {
	if c.ctlPending == 0 {
		return
	}
	flags := c.ctlPending
	c.ctlPending = 0
	emit(c.buildControl(c.now, flags, c.ctlReason))
}

// buildControl writes a FIN, FIN|ACK or RST packet into c.out.
func (c *Conn) buildControl(now time.Duration, flags wire.Flags, reason CloseReason) []byte {
	n := wire.HeaderSize
	if flags&wire.FlagRST == 0 && c.rw.have {
		flags |= wire.FlagACK
		c.rw.ackBlock().Put(c.out[n:])
		n += wire.AckBlockSize
	}
	if flags&wire.FlagRST != 0 {
		c.out[n] = byte(reason)
		n++
	}
	wire.Header{Seq: c.nextSeq, Flags: flags, Priority: wire.PriorityCritical, Timestamp: millis(now)}.Put(c.out[:])
	c.nextSeq++
	c.noteSent(now, n)
	return c.out[:n]
}

func millis(now time.Duration) uint32 { return uint32(now / time.Millisecond) }

func (c *Conn) noteSent(now time.Duration, n int) {
	c.lastSendAt = now
	c.stats.PacketsSent++
	c.stats.BytesSent += uint64(n)
}

// ackDue reports whether received packets wait for an ack that must go now.
func (c *Conn) ackDue(now time.Duration) bool {
	return c.ackPending >= 2 || c.ackNow || (c.ackPending > 0 && now-c.ackPendingSince >= c.cfg.AckDelay)
}

// buildPacket fills c.out with the next datagram and returns its size, or 0
// when nothing is due.
func (c *Conn) buildPacket(now time.Duration) int {
	seq := c.nextSeq
	slot := c.sentSlot(seq)
	paced := c.cc.canSend(now) && c.inFlight+wire.MaxDatagram <= c.cc.cwnd(c.rtt.min)
	echo := c.state == StateCookieEcho

	flags := wire.Flags(0)
	pos := wire.HeaderSize
	if c.rw.have || echo {
		flags |= wire.FlagACK
		c.rw.ackBlock().Put(c.out[pos:])
		pos += wire.AckBlockSize
	}
	if echo {
		flags |= wire.FlagSYN
		pos += copy(c.out[pos:], c.cookie[:])
	}
	prio := wire.PriorityLow
	frames, first := 0, int32(-1)
	full := false
	// A packet without FRAG keeps at most FragmentSize bytes after the
	// header (the transport's policy check); one carrying a fragment may use
	// the whole datagram.
	limit := wire.HeaderSize + FragmentSize
	take := func(q *ring[int32]) {
		for !full && q.len() > 0 && frames < MaxFramesPerPacket {
			idx := q.peek()
			u := &c.units[idx]
			fragment := u.fragCount > 0
			if fragment && echo {
				return // FRAG may not ride with SYN
			}
			if u.channel == ReliableOrdered && int(u.msgSeq-c.relBase) >= ReceiveWindow {
				return
			}
			size := frameSize(fragment, len(u.body))
			lim := limit
			if fragment {
				lim = wire.MaxDatagram
			}
			if pos+size > lim {
				full = true
				return
			}
			limit = lim
			q.pop()
			pos += putFrame(c.out[pos:], u)
			frames++
			prio = min(prio, u.prio)
			if u.urgent {
				flags |= wire.FlagURGENT
			}
			if fragment {
				flags |= wire.FlagFRAG
			}
			if u.channel == ReliableOrdered {
				u.state, u.lastPacket, u.next, first = unitInFlight, seq, first, idx
			} else {
				c.freeUnit(idx)
			}
		}
	}
	if slot != nil {
		take(&c.urgentQ)
		for p := wire.PriorityCritical; p < wire.NumPriorities && !full; p++ {
			if !paced && p != wire.PriorityCritical {
				break
			}
			take(&c.resendQ[p])
			take(&c.freshQ[p])
		}
	}
	if frames == 0 {
		if !c.ackDue(now) && now-c.lastSendAt < c.cfg.KeepAlive {
			return 0
		}
		prio = wire.PriorityCritical
	}
	if echo {
		prio = wire.PriorityCritical // the Listener only accepts Critical echoes
	}
	wire.Header{Seq: seq, Flags: flags, Priority: prio, Timestamp: millis(now)}.Put(c.out[:])
	c.nextSeq++
	if frames > 0 {
		*slot = sentPacket{sentAt: now, firstUnit: first, size: int32(pos), seq: seq, inUse: true}
		c.cc.stamp(now, slot, c.inFlight, c.queuesEmpty())
		c.inFlight += pos
		c.cc.onSend(now, pos)
	}
	c.ackPending, c.ackNow = 0, false
	c.noteSent(now, pos)
	return pos
}

func (c *Conn) queuesEmpty() bool {
	if c.urgentQ.len() > 0 {
		return false
	}
	for p := range c.freshQ {
		if c.freshQ[p].len() > 0 || c.resendQ[p].len() > 0 {
			return false
		}
	}
	return true
}
