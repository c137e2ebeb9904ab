package rudp

import "time"

// inMsg is a received message: complete and waiting for Next, or being
// reassembled, or buffered out of order. blocks[i] holds fragment i (nil
// until it arrives); a message of at most FragmentSize bytes has one block.
type inMsg struct {
	blocks    [][]byte
	startedAt time.Duration
	size      int
	got       uint16
	count     uint16
	channel   Channel
	msgType   uint8
	allowed   bool
}

func (c *Conn) allocMsg(ch Channel, msgType uint8, count int, now time.Duration) int32 {
	var idx int32
	if n := len(c.freeMsgs); n > 0 {
		idx = c.freeMsgs[n-1]
		c.freeMsgs = c.freeMsgs[:n-1]
	} else {
		c.inMsgs = append(c.inMsgs, inMsg{})
		idx = int32(len(c.inMsgs) - 1)
	}
	m := &c.inMsgs[idx]
	if cap(m.blocks) < count {
		m.blocks = make([][]byte, count)
	}
	m.blocks = m.blocks[:count]
	m.startedAt, m.size, m.got, m.count = now, 0, 0, uint16(count)
	m.channel, m.msgType, m.allowed = ch, msgType, true
	return idx
}

// storeBlock copies data into a new block for fragment i of m, charging the
// per-connection and the shared budget; extra is allowance beyond
// MaxReceiveBytes. It reports false when a bound refuses the block.
func (c *Conn) storeBlock(m *inMsg, i int, data []byte, extra int) bool {
	cost := blockCost(len(data))
	if c.recvBytes+cost > c.cfg.MaxReceiveBytes+extra || !c.cfg.Budget.take(int64(cost)) {
		return false
	}
	c.recvBytes += cost
	m.blocks[i] = append(c.pool.get(len(data)), data...)
	m.size += len(data)
	m.got++
	return true
}

func (c *Conn) freeMsg(idx int32) {
	m := &c.inMsgs[idx]
	for i, b := range m.blocks {
		if b != nil {
			c.recvBytes -= cap(b)
			c.cfg.Budget.give(int64(cap(b)))
			c.pool.put(b)
			m.blocks[i] = nil
		}
	}
	m.blocks = m.blocks[:0]
	c.freeMsgs = append(c.freeMsgs, idx)
}

// Next moves the oldest delivered message into m and reports whether there
// was one. m.Body is valid until the next call to Next.
func (c *Conn) Next(m *Message) bool {
	if c.delivered >= 0 {
		c.freeMsg(c.delivered)
		c.delivered = -1
	}
	if c.inbox.len() == 0 {
		return false
	}
	idx := c.inbox.pop()
	in := &c.inMsgs[idx]
	m.Channel, m.Type = in.channel, in.msgType
	if len(in.blocks) == 1 {
		m.Body = in.blocks[0]
	} else {
		if cap(c.assembly) < in.size {
			c.assembly = make([]byte, 0, in.size)
		}
		c.assembly = c.assembly[:0]
		for _, b := range in.blocks {
			c.assembly = append(c.assembly, b...)
		}
		m.Body = c.assembly
	}
	c.delivered = idx
	c.stats.MessagesDelivered++
	return true
}

// Pending reports how many delivered messages wait for Next.
func (c *Conn) Pending() int { return c.inbox.len() }

// Release frees every buffer the connection holds on the receive side,
// returning their bytes to the shared Budget. Call it once a closed
// connection is dropped; Next returns false afterwards.
func (c *Conn) Release() {
	c.releaseSlots()
	for c.inbox.len() > 0 {
		c.freeMsg(c.inbox.pop())
	}
	if c.delivered >= 0 {
		c.freeMsg(c.delivered)
		c.delivered = -1
	}
}
