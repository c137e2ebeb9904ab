package rudp

import (
	"fmt"
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// Dial starts the client side of a connection at now. The returned Conn is
// in StateSynSent; its first Poll emits the SYN. first is the message sent
// reliably, at Critical priority, together with the echoed cookie (the
// application's Connect message); it must fit in MaxFirstMessage bytes.
func Dial(now time.Duration, cfg Config, firstType uint8, first []byte) (*Conn, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("rudp: dial: %w", err)
	}
	if len(first) > MaxFirstMessage {
		return nil, fmt.Errorf("rudp: dial: first message of %d bytes: %w", len(first), ErrTooLarge)
	}
	c := newConn(cfg, false, now)
	c.synNextAt = now
	c.now = now
	if err := c.Send(ReliableOrdered, wire.PriorityCritical, firstType, first); err != nil {
		return nil, fmt.Errorf("rudp: dial: %w", err)
	}
	return c, nil
}

// buildSyn writes a SYN into c.out: header, version, zero padding to SynSize.
func (c *Conn) buildSyn(now time.Duration) []byte {
	seq := c.nextSeq
	c.nextSeq++
	c.synSentAt[seq%uint16(len(c.synSentAt))] = now
	c.synNextAt = now + c.cfg.HandshakeRetry
	b := c.out[:SynSize]
	clear(b)
	wire.Header{Seq: seq, Flags: wire.FlagSYN, Priority: wire.PriorityCritical, Timestamp: millis(now)}.Put(b)
	b[wire.HeaderSize] = Version
	c.noteSent(now, len(b))
	return b
}

// onSynAck handles the server's SYN|ACK in StateSynSent: it keeps the
// cookie, takes the first clock and RTT sample, and moves to StateCookieEcho.
func (c *Conn) onSynAck(now time.Duration, h wire.Header, b []byte) {
	if len(b) < SynAckSize {
		c.drop(DropTruncated)
		return
	}
	ab, _ := wire.ParseAckBlock(b[wire.HeaderSize:])
	if !wire.SeqLess(ab.Ack, c.nextSeq) || wire.SeqDiff(c.nextSeq, ab.Ack) > int16(len(c.synSentAt)) {
		c.drop(DropState)
		return
	}
	body := b[wire.HeaderSize+wire.AckBlockSize:]
	if body[0] != Version {
		c.finish(ReasonBadVersion)
		return
	}
	copy(c.cookie[:], body[2:2+CookieSize])
	sent := c.synSentAt[ab.Ack%uint16(len(c.synSentAt))]
	c.rtt.sample(now, now-sent)
	c.clock.sample(sent, now, h.Timestamp)
	c.state = StateCookieEcho
	c.lastRecvAt = now
}
