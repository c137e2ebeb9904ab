package rudp

import (
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// receiveReliable buffers a reliable-ordered frame in the receive window and
// delivers every message that became in order. It returns false when a
// receive bound refused the frame (the packet must not be acked).
func (c *Conn) receiveReliable(now time.Duration, f *frame, allowed bool) bool {
	d := int(wire.SeqDiff(f.seq, c.relExpected))
	if d < 0 {
		return true // delivered before; the sender missed our ack
	}
	if d >= ReceiveWindow {
		c.drop(DropWindow)
		return false
	}
	if c.relSlots == nil {
		c.relSlots = make([]int32, ReceiveWindow)
		for i := range c.relSlots {
			c.relSlots[i] = -1
		}
	}
	count, index := 1, 0
	if f.fragment {
		count, index = int(f.fragCount), int(f.fragIndex)
	}
	slot := &c.relSlots[f.seq%ReceiveWindow]
	fresh := *slot < 0
	if fresh {
		if f.fragment && c.reassemblies >= c.cfg.MaxReassemblies {
			c.drop(DropNoMemory)
			return false
		}
		*slot = c.allocMsg(ReliableOrdered, f.msgType, count, now)
		c.inMsgs[*slot].allowed = allowed
		if f.fragment {
			if c.reassemblies == 0 {
				c.reasmDeadline = now + c.cfg.ReassemblyTimeout
			}
			c.reassemblies++
		}
	}
	m := &c.inMsgs[*slot]
	if !fresh {
		if int(m.count) != count || m.msgType != f.msgType {
			c.drop(DropBadFragment)
			return true
		}
		if m.blocks[index] != nil {
			return true // duplicate fragment
		}
	}
	extra := 0
	if d == 0 {
		extra = c.cfg.MaxMessageSize // the next message always fits, so the stream progresses
	}
	if !c.storeBlock(m, index, f.body, extra) {
		c.drop(DropNoMemory)
		if fresh {
			c.freeMsg(*slot)
			*slot = -1
			if f.fragment {
				c.reassemblies--
			}
		}
		return false
	}
	if m.got == m.count && count > 1 {
		c.reassemblies--
	}
	c.deliverInOrder()
	return true
}

// deliverInOrder moves complete messages at the head of the window to the inbox.
func (c *Conn) deliverInOrder() {
	for {
		slot := &c.relSlots[c.relExpected%ReceiveWindow]
		if *slot < 0 {
			return
		}
		m := &c.inMsgs[*slot]
		if m.got != m.count {
			return
		}
		if m.allowed {
			c.inbox.push(*slot)
		} else {
			c.drop(DropUnknownType)
			c.freeMsg(*slot)
		}
		*slot = -1
		c.relExpected++
	}
}

// expireReassemblies reports whether a reassembly outlived
// ReassemblyTimeout; otherwise it moves the deadline to the next expiry.
func (c *Conn) expireReassemblies(now time.Duration) bool {
	next := time.Duration(1<<63 - 1)
	for _, idx := range c.relSlots {
		if idx < 0 {
			continue
		}
		m := &c.inMsgs[idx]
		if m.count < 2 || m.got == m.count {
			continue
		}
		dl := m.startedAt + c.cfg.ReassemblyTimeout
		if dl <= now {
			return true
		}
		next = min(next, dl)
	}
	c.reasmDeadline = next
	return false
}

// releaseSlots frees every message buffered in the receive window.
func (c *Conn) releaseSlots() {
	for i, idx := range c.relSlots {
		if idx >= 0 {
			c.freeMsg(idx)
			c.relSlots[i] = -1
		}
	}
	c.reassemblies = 0
}
