package rudp

import (
	"math"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// never is the deadline of a connection with nothing left to do.
const never = time.Duration(math.MaxInt64)

// NextDeadline returns the earliest time at which Poll has work (a timer,
// a paced send, an ack); a caller may sleep until then or until a datagram
// arrives. It is the time of the last Poll or Receive when work is due now.
func (c *Conn) NextDeadline() time.Duration {
	switch c.state {
	case StateClosed:
		if c.ctlPending != 0 {
			return c.now
		}
		return never
	case StateSynSent:
		return min(c.synNextAt, c.startedAt+c.cfg.HandshakeTimeout)
	}
	d := min(c.lastRecvAt+c.cfg.IdleTimeout, c.lastSendAt+c.cfg.KeepAlive)
	if c.state == StateCookieEcho {
		d = min(d, c.startedAt+c.cfg.HandshakeTimeout)
	}
	if c.ackPending >= 2 || c.ackNow || c.lateAcks.n > 0 {
		return c.now
	}
	if c.ackPending > 0 {
		d = min(d, c.ackPendingSince+c.cfg.AckDelay)
	}
	if c.reassemblies > 0 {
		d = min(d, c.reasmDeadline)
	}
	if c.state == StateClosing {
		d = min(d, max(c.finNextAt, c.closeAt+c.cfg.CloseLinger))
		if c.relPending.len() == 0 {
			d = min(d, max(c.finNextAt, c.now))
		}
	}
	if oldest := c.oldestInFlight(); oldest != nil {
		d = min(d, c.lossDeadline(oldest))
	}
	if !c.dataBlocked && !c.queuesEmpty() {
		if c.urgentQ.len() > 0 || c.freshQ[wire.PriorityCritical].len() > 0 || c.resendQ[wire.PriorityCritical].len() > 0 {
			return c.now
		}
		if c.inFlight+wire.MaxDatagram <= c.cc.cwnd(c.rtt.min) {
			d = min(d, max(c.cc.nextSendAt, c.now))
		}
	}
	if next := c.nextShed(); next < d {
		d = next
	}
	return max(d, c.now)
}

// oldestInFlight is the earliest-sent packet still in flight.
func (c *Conn) oldestInFlight() *sentPacket {
	for s := c.sentTail; wire.SeqLess(s, c.nextSeq); s++ {
		if p := c.lookupSent(s); p != nil {
			return p
		}
	}
	return nil
}

// nextShed is when the oldest queued unreliable message will be shed.
func (c *Conn) nextShed() time.Duration {
	d := never
	for p := wire.PriorityHigh; p < wire.NumPriorities; p++ {
		if q := &c.freshQ[p]; q.len() > 0 {
			if u := &c.units[q.peek()]; u.channel != ReliableOrdered {
				d = min(d, u.queuedAt+c.cfg.ShedAfter[p])
			}
		}
	}
	return d
}
