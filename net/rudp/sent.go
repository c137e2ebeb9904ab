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
	// lostEarly marks a retired record declared lost by the packet-count
	// rule before its time threshold; an ack naming it later proves reordering.
	lostEarly bool
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
		seq := ab.Ack - uint16(i)
		if p := c.lookupSent(seq); p != nil {
			// Every newly acked packet is a sample, not only the newest:
			// under reordering the newest is biased to the fastest path.
			c.rtt.sample(now, now-p.sentAt)
			c.retire(now, p, true)
		} else if c.sent != nil {
			c.noteSpurious(seq)
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

// detectLosses declares lost every in-flight packet that a later-sent acked
// packet overtook (see overtaken). Packets are checked oldest first;
// sequence numbers grow with send time, so once one is not lost no newer
// one is. When the probe timeout expired instead, only the oldest packet
// is declared lost and its frames resent as a probe: its ack block tells
// which of the others arrived, so a lost ack does not resend them all.
func (c *Conn) detectLosses(now time.Duration) {
	lossDelay := c.rtt.lossDelay()
	for wire.SeqLess(c.sentTail, c.nextSeq) {
		s := c.lookupSent(c.sentTail)
		if s == nil {
			c.sentTail++
			continue
		}
		age := now - s.sentAt
		if !c.overtaken(s, age, lossDelay) {
			break
		}
		c.retire(now, s, false)
		s.lostEarly = age < lossDelay
		c.sentTail++
	}
	if oldest := c.oldestInFlight(); oldest != nil && now >= c.probeDeadline(oldest) {
		c.retire(now, oldest, false)
		c.rtt.backOff()
		c.lastRTOAt = now
	}
}

// probeDeadline is when the oldest packet in flight, p, is resent as a
// probe: an RTO after it was sent or after the previous probe.
func (c *Conn) probeDeadline(p *sentPacket) time.Duration {
	return max(p.sentAt, c.lastRTOAt) + c.rtt.rto()
}

// overtaken is RFC 9002's loss rule: a packet sent after s was acked, and
// either s was sent lossDelay or more ago, or lossReorderThreshold newer
// sequence numbers were acked. Once the path has shown reordering (a packet
// the count rule condemned was acked after all), the count rule also waits
// 9/8 of the RTT, so a reordered packet gets its full RTT before a later
// one's ack condemns it; until then a loss on a sub-millisecond path is
// repaired within a few RTTs instead of a millisecond.
func (c *Conn) overtaken(s *sentPacket, age, lossDelay time.Duration) bool {
	if !c.anyAcked || !wire.SeqLess(s.seq, c.largestAcked) {
		return false
	}
	if age >= lossDelay {
		return true
	}
	return int(wire.SeqDiff(c.largestAcked, s.seq)) >= lossReorderThreshold &&
		(!c.reorderSeen || age >= lossDelay-timerGranularity)
}

// lossDeadline is when p will be declared lost if nothing is acked before:
// its loss-detection delay if a later packet was acked, else its RTO.
func (c *Conn) lossDeadline(p *sentPacket) time.Duration {
	d := c.probeDeadline(p)
	if c.anyAcked && wire.SeqLess(p.seq, c.largestAcked) {
		wait := c.rtt.lossDelay()
		if int(wire.SeqDiff(c.largestAcked, p.seq)) >= lossReorderThreshold {
			if !c.reorderSeen {
				return c.now
			}
			wait -= timerGranularity
		}
		d = min(d, p.sentAt+wait)
	}
	return d
}

// noteSpurious checks whether an acked seq with no in-flight record was
// condemned early by the packet-count rule; if so the path reorders.
func (c *Conn) noteSpurious(seq uint16) {
	s := &c.sent[int(seq)&(len(c.sent)-1)]
	if s.lostEarly && s.seq == seq {
		s.lostEarly = false
		c.reorderSeen = true
		c.stats.SpuriousLosses++
	}
}
