package rudp

import (
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

const (
	// initialSentRing and maxSentRing bound the packets in flight; the ring
	// of sent-packet records grows from the first to the second on demand.
	initialSentRing = 32
	maxSentRing     = 256
	// lossReorderThreshold declares a packet lost once a packet this many
	// sequence numbers newer was acked.
	lossReorderThreshold = 3
)

// sentPacket records one message-carrying packet until it is acked or lost.
type sentPacket struct {
	sentAt      time.Duration
	deliveredAt time.Duration
	firstSentAt time.Duration
	delivered   uint64
	firstUnit   int32 // head of the list of reliable units it carries
	size        int32
	seq         uint16
	inUse       bool
	appLimited  bool
}

// sentSlot returns the record slot for seq, growing the ring if the slot is
// taken and the ring may still grow; nil means too many packets in flight.
func (c *Conn) sentSlot(seq uint16) *sentPacket {
	if c.sent == nil {
		c.sent = make([]sentPacket, initialSentRing)
	}
	for {
		s := &c.sent[int(seq)&(len(c.sent)-1)]
		if !s.inUse {
			return s
		}
		if len(c.sent) >= maxSentRing {
			return nil
		}
		grown := make([]sentPacket, 2*len(c.sent))
		for _, p := range c.sent {
			if p.inUse {
				grown[int(p.seq)&(len(grown)-1)] = p
			}
		}
		c.sent = grown
	}
}

// lookupSent returns the in-flight record for seq or nil.
func (c *Conn) lookupSent(seq uint16) *sentPacket {
	if c.sent == nil {
		return nil
	}
	s := &c.sent[int(seq)&(len(c.sent)-1)]
	if s.inUse && s.seq == seq {
		return s
	}
	return nil
}

// onAckBlock processes an ack block that arrived at now in a packet the
// peer stamped with peerMillis.
func (c *Conn) onAckBlock(now time.Duration, ab wire.AckBlock, peerMillis uint32) {
	if !wire.SeqLess(ab.Ack, c.nextSeq) {
		return // acks something never sent
	}
	if newest := c.lookupSent(ab.Ack); newest != nil {
		c.clock.sample(newest.sentAt, now, peerMillis)
	}
	if !c.anyAcked || wire.SeqLess(c.largestAcked, ab.Ack) {
		c.largestAcked, c.anyAcked = ab.Ack, true
	}
	for i := 0; i <= 32; i++ {
		if i > 0 && ab.AckBits&(1<<(i-1)) == 0 {
			continue
		}
		if p := c.lookupSent(ab.Ack - uint16(i)); p != nil {
			// Every newly acked packet is a sample, not only the newest:
			// under reordering the newest is biased to the fastest path.
			c.rtt.sample(now, now-p.sentAt)
			c.retire(now, p, true)
		}
	}
}

// retire ends a packet's flight, acked or lost, and settles its units.
func (c *Conn) retire(now time.Duration, p *sentPacket, acked bool) {
	c.inFlight -= int(p.size)
	p.inUse = false
	for idx := p.firstUnit; idx >= 0; {
		u := &c.units[idx]
		next := u.next
		if u.state == unitInFlight && u.lastPacket == p.seq {
			if acked {
				c.onUnitAcked(idx)
			} else {
				u.state = unitQueued
				c.enqueue(idx, true)
				c.stats.Retransmits++
			}
		}
		idx = next
	}
	if acked {
		c.stats.DataPacketsAcked++
		c.cc.onAck(now, p, c.rtt.latest, c.rtt.min, c.inFlight)
	} else {
		c.stats.DataPacketsLost++
	}
}

// detectLosses declares lost every in-flight packet whose retransmission
// timeout expired or that a later-sent acked packet overtook (see overtaken).
// Packets are checked oldest first; sequence numbers grow with send time, so
// once one is not lost no newer one is.
func (c *Conn) detectLosses(now time.Duration) {
	rto := c.rtt.rto()
	lossDelay := c.rtt.lossDelay()
	fired := false
	for wire.SeqLess(c.sentTail, c.nextSeq) {
		s := c.lookupSent(c.sentTail)
		if s == nil {
			c.sentTail++
			continue
		}
		age := now - s.sentAt
		if age < rto && !c.overtaken(s, age, lossDelay) {
			return
		}
		if age >= rto {
			fired = true
		}
		c.retire(now, s, false)
		c.sentTail++
		if fired && now-c.lastRTOAt >= rto {
			c.rtt.backOff()
			c.lastRTOAt = now
		}
	}
}

// overtaken is RFC 9002's loss rule: a packet sent after s was acked, and
// either lossReorderThreshold newer sequence numbers were acked or s was
// sent lossDelay or more ago.
func (c *Conn) overtaken(s *sentPacket, age, lossDelay time.Duration) bool {
	if !c.anyAcked || !wire.SeqLess(s.seq, c.largestAcked) {
		return false
	}
	return int(wire.SeqDiff(c.largestAcked, s.seq)) >= lossReorderThreshold || age >= lossDelay
}

// lossDeadline is when p will be declared lost if nothing is acked before:
// its loss-detection delay if a later packet was acked, else its RTO.
func (c *Conn) lossDeadline(p *sentPacket) time.Duration {
	d := p.sentAt + c.rtt.rto()
	if c.anyAcked && wire.SeqLess(p.seq, c.largestAcked) {
		if int(wire.SeqDiff(c.largestAcked, p.seq)) >= lossReorderThreshold {
			return c.now
		}
		d = min(d, p.sentAt+c.rtt.lossDelay())
	}
	return d
}
