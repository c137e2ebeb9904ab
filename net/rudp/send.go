package rudp

import (
	"fmt"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

type unitState uint8

const (
	unitFree unitState = iota
	unitQueued
	unitInFlight
)

// unit is one frame's worth of an outgoing message: a whole message of at
// most FragmentSize bytes or one fragment.
type unit struct {
	body       []byte
	queuedAt   time.Duration
	next       int32 // next unit carried by the same packet
	lastPacket uint16
	msgSeq     uint16
	fragIndex  uint16
	fragCount  uint16
	channel    Channel
	msgType    uint8
	prio       wire.Priority
	urgent     bool
	state      unitState
}

// Send queues a message. It copies body. Reliable-ordered messages larger
// than MaxSingleFrameBody are fragmented; unreliable ones must fit
// MaxSingleFrameBody.
// It returns ErrClosed, ErrBadChannel, ErrBadPriority, ErrTooLarge or
// ErrQueueFull (Low priority may fill only half of MaxQueuedBytes).
//
// The message counts as queued at the time of the last Poll or Receive;
// unreliable messages are shed ShedAfter[prio] after that. A caller that
// knows the time now, and may not have polled lately, uses SendAt.
func (c *Conn) Send(ch Channel, prio wire.Priority, msgType uint8, body []byte) error {
	return c.send(c.now, ch, prio, false, msgType, body)
}

// SendAt is Send for a message queued at now: its shedding age counts from
// now, however long ago the connection was last polled.
func (c *Conn) SendAt(now time.Duration, ch Channel, prio wire.Priority, msgType uint8, body []byte) error {
	return c.send(now, ch, prio, false, msgType, body)
}

// SendUrgent queues a Critical message that goes out before every other
// priority and is never shed or held back by pacing.
func (c *Conn) SendUrgent(ch Channel, msgType uint8, body []byte) error {
	return c.send(c.now, ch, wire.PriorityCritical, true, msgType, body)
}

func (c *Conn) send(at time.Duration, ch Channel, prio wire.Priority, urgent bool, msgType uint8, body []byte) error {
	if c.state >= StateClosing {
		return ErrClosed
	}
	if ch >= NumChannels {
		return ErrBadChannel
	}
	if prio >= wire.NumPriorities {
		return ErrBadPriority
	}
	if len(body) > c.cfg.MaxMessageSize || (ch != ReliableOrdered && len(body) > MaxSingleFrameBody) {
		return fmt.Errorf("rudp: send %d bytes on %v: %w", len(body), ch, ErrTooLarge)
	}
	n, fragmented := 1, len(body) > MaxSingleFrameBody
	if fragmented {
		n = (len(body) + FragmentSize - 1) / FragmentSize
	}
	limit := c.cfg.MaxQueuedBytes
	if prio == wire.PriorityLow {
		limit /= 2
	}
	cost := (n-1)*FragmentSize + blockCost(len(body)-(n-1)*FragmentSize)
	if c.queuedBytes+cost > limit || !c.cfg.SendBudget.take(int64(cost)) {
		return ErrQueueFull
	}
	var seq uint16
	switch ch {
	case ReliableOrdered:
		if c.relPending.len() >= 1<<14 {
			c.cfg.SendBudget.give(int64(cost))
			return ErrQueueFull
		}
		seq = c.relNext
		c.relNext++
		c.relPending.push(uint16(n))
	case UnreliableSequenced:
		seq = c.seqNext
		c.seqNext++
	default:
		seq = c.unrelNext
		c.unrelNext++
	}
	for i := range n {
		part := body[min(i*FragmentSize, len(body)):min((i+1)*FragmentSize, len(body))]
		idx := c.allocUnit()
		u := &c.units[idx]
		*u = unit{
			body: append(c.pool.get(len(part)), part...), queuedAt: at, next: -1,
			msgSeq: seq, fragIndex: uint16(i), fragCount: uint16(n),
			channel: ch, msgType: msgType, prio: prio, urgent: urgent, state: unitQueued,
		}
		if !fragmented {
			u.fragCount = 0 // a plain frame
		}
		c.queuedBytes += cap(u.body)
		c.enqueue(idx, false)
	}
	c.stats.MessagesSent++
	c.dataBlocked = false
	return nil
}

func (c *Conn) enqueue(idx int32, resend bool) {
	u := &c.units[idx]
	switch {
	case u.urgent:
		c.urgentQ.push(idx)
	case resend:
		c.resendQ[u.prio].push(idx)
	default:
		c.freshQ[u.prio].push(idx)
	}
}

func (c *Conn) allocUnit() int32 {
	if n := len(c.freeUnits); n > 0 {
		idx := c.freeUnits[n-1]
		c.freeUnits = c.freeUnits[:n-1]
		return idx
	}
	c.units = append(c.units, unit{})
	return int32(len(c.units) - 1)
}

func (c *Conn) freeUnit(idx int32) {
	u := &c.units[idx]
	c.queuedBytes -= cap(u.body)
	c.cfg.SendBudget.give(int64(cap(u.body)))
	c.pool.put(u.body)
	*u = unit{}
	c.freeUnits = append(c.freeUnits, idx)
}

// onUnitAcked retires a reliable unit and advances the reliable send base.
func (c *Conn) onUnitAcked(idx int32) {
	u := &c.units[idx]
	off := int(u.msgSeq - c.relBase)
	if off < c.relPending.len() {
		if p := c.relPending.ptr(off); *p > 0 {
			*p--
		}
	}
	c.freeUnit(idx)
	for c.relPending.len() > 0 && c.relPending.peek() == 0 {
		c.relPending.pop()
		c.relBase++
	}
}

// shed drops unreliable messages that waited longer than ShedAfter for
// their priority. Critical and urgent messages are never shed.
func (c *Conn) shed(now time.Duration) {
	for p := wire.PriorityHigh; p < wire.NumPriorities; p++ {
		q := &c.freshQ[p]
		for q.len() > 0 {
			u := &c.units[q.peek()]
			if u.channel == ReliableOrdered || now-u.queuedAt < c.cfg.ShedAfter[p] {
				break
			}
			c.freeUnit(q.pop())
			c.stats.Shed[p]++
		}
	}
}
