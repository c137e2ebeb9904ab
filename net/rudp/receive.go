package rudp

import (
	"errors"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// Receive processes one datagram from the peer at now. It never panics on
// hostile input: every rejected datagram or message is counted in
// Stats.Drops. The datagram is not retained.
func (c *Conn) Receive(now time.Duration, b []byte) {
	c.now = now
	c.dataBlocked = false
	c.stats.PacketsReceived++
	c.stats.BytesReceived += uint64(len(b))
	h, err := wire.ParseHeader(b)
	if err != nil {
		c.drop(headerDropReason(err))
		return
	}
	if h.Flags&wire.FlagFRAG == 0 && len(b) > MaxUnfragmentedDatagram {
		c.drop(DropOversized)
		return
	}
	if c.state == StateClosed {
		if h.Flags&wire.FlagFIN != 0 && c.reason == ReasonPeerClosed {
			c.ctlPending = wire.FlagFIN // our answering FIN was lost; repeat it
		}
		c.drop(DropState)
		return
	}
	if h.Flags&wire.FlagRST != 0 {
		c.onRST(b)
		return
	}
	pos := wire.HeaderSize
	synAck := h.Flags&(wire.FlagSYN|wire.FlagACK) == wire.FlagSYN|wire.FlagACK
	switch {
	case h.Flags&wire.FlagSYN != 0 && !synAck:
		c.drop(DropState) // bare SYNs go to the Listener
		return
	case synAck && !c.isServer:
		if c.state == StateSynSent {
			c.onSynAck(now, h, b)
		} else {
			c.drop(DropState) // a duplicate SYN|ACK
		}
		return
	case synAck: // a client's cookie echo; the Listener checked the cookie
		if len(b) < wire.HeaderSize+wire.AckBlockSize+CookieSize {
			c.drop(DropTruncated)
			return
		}
	case c.state == StateSynSent:
		c.drop(DropState)
		return
	case c.state == StateCookieEcho:
		c.state = StateEstablished
	}
	if h.Flags&wire.FlagACK != 0 {
		ab, _ := wire.ParseAckBlock(b[pos:])
		c.onAckBlock(now, ab, h.Timestamp)
		pos += wire.AckBlockSize
	}
	if synAck {
		pos += CookieSize
	}
	if r, ok := c.rw.check(h.Seq); !ok {
		c.drop(r)
		return
	}
	payload := b[pos:]
	if r, ok := c.validateFrames(payload, h.Flags); !ok {
		c.drop(r)
		return
	}
	c.lastRecvAt = now
	if h.Flags&wire.FlagFIN != 0 {
		c.rw.mark(h.Seq)
		c.onFIN()
		return
	}
	frames, refused := c.receiveFrames(now, payload)
	if refused {
		return
	}
	behind := c.rw.behind(h.Seq)
	c.rw.mark(h.Seq)
	if frames > 0 {
		c.noteAckPending(now, h.Seq, behind)
	}
}

// noteAckPending schedules the ack of a packet with frames that arrived
// behind newer packets by behind sequence numbers (-1 when it is the
// newest): at once if it arrived out of order, since the sender is waiting
// to tell loss from reordering, and in an extra ack block anchored on it if
// ack_bits cannot reach it.
func (c *Conn) noteAckPending(now time.Duration, seq uint16, behind int) {
	if c.ackPending == 0 {
		c.ackPendingSince = now
	}
	c.ackPending++
	switch {
	case behind > 32:
		c.lateAcks.add(seq) // its own anchored block names it; ack_bits cannot
	case behind != -1:
		c.ackNow = true // a gap opened (behind < -1) or one was filled
	}
}

func headerDropReason(err error) DropReason {
	switch {
	case errors.Is(err, wire.ErrShort):
		return DropTruncated
	case errors.Is(err, wire.ErrTooLarge):
		return DropOversized
	}
	return DropBadHeader
}

// onRST closes the connection with the peer's reason.
func (c *Conn) onRST(b []byte) {
	if len(b) < RSTSize {
		c.drop(DropTruncated)
		return
	}
	r := CloseReason(b[wire.HeaderSize])
	if r == ReasonNone || r > ReasonKicked {
		r = ReasonUnspecified
	}
	c.finish(r)
}

// onFIN closes the connection. A side that was not closing answers with
// one FIN of its own; a closing side's close is then complete.
func (c *Conn) onFIN() {
	if c.state == StateClosing {
		c.finish(ReasonLocalClose)
		return
	}
	c.finish(ReasonPeerClosed)
	c.ctlPending = wire.FlagFIN
}

// validateFrames checks every frame of a payload before any is used, so a
// bad datagram is dropped whole.
func (c *Conn) validateFrames(p []byte, flags wire.Flags) (DropReason, bool) {
	maxFrags := (c.cfg.MaxMessageSize + FragmentSize - 1) / FragmentSize
	frames, frags := 0, 0
	for len(p) > 0 {
		if frames++; frames > MaxFramesPerPacket {
			return DropBadFrame, false
		}
		f, n, r, ok := parseFrame(p, maxFrags)
		if !ok {
			return r, false
		}
		if f.fragment {
			frags++
		}
		p = p[n:]
	}
	if (frags > 0) != (flags&wire.FlagFRAG != 0) || (frames > 0 && flags&wire.FlagFIN != 0) {
		return DropBadFrame, false
	}
	return 0, true
}

// receiveFrames delivers or buffers each frame of a validated payload. It
// returns the number of frames and whether a receive bound refused one, in
// which case the packet is not acked so the sender retries.
func (c *Conn) receiveFrames(now time.Duration, p []byte) (frames int, refused bool) {
	maxFrags := (c.cfg.MaxMessageSize + FragmentSize - 1) / FragmentSize
	for len(p) > 0 {
		f, n, _, _ := parseFrame(p, maxFrags)
		p = p[n:]
		frames++
		allowed := c.cfg.AllowType == nil || c.cfg.AllowType(f.msgType)
		switch f.channel {
		case ReliableOrdered:
			if !c.receiveReliable(now, &f, allowed) {
				refused = true
			}
		case UnreliableSequenced:
			if c.seqHave && !wire.SeqLess(c.seqNewest, f.seq) {
				c.drop(DropStaleSequenced)
				continue
			}
			if !allowed {
				c.drop(DropUnknownType)
				continue
			}
			if c.deliverNow(&f) {
				c.seqNewest, c.seqHave = f.seq, true
			}
		default:
			if !allowed {
				c.drop(DropUnknownType)
				continue
			}
			c.deliverNow(&f)
		}
	}
	return frames, refused
}

// deliverNow queues an unreliable message for Next.
func (c *Conn) deliverNow(f *frame) bool {
	idx := c.allocMsg(f.channel, f.msgType, 1, c.now)
	if !c.storeBlock(&c.inMsgs[idx], 0, f.body, 0) {
		c.freeMsg(idx)
		c.drop(DropInboxFull)
		return false
	}
	c.inbox.push(idx)
	return true
}
