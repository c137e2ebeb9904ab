package rudp

import (
	"time"

	"github.com/tickforge/tickforge/net/wire"
)

// maxLateAcks bounds the late packets remembered between two Polls; more
// are forgotten and their data resent by the peer (receivers ignore copies).
const maxLateAcks = 4

// lateAcks lists packets that arrived more than 32 sequence numbers behind
// the newest, which the ack_bits of a normal ack block cannot name. Each
// gets an ack-only packet whose block is anchored on it, so the peer does
// not resend data that arrived.
type lateAcks struct {
	seqs [maxLateAcks]uint16
	n    uint8
}

// add remembers seq unless the list is full.
func (l *lateAcks) add(seq uint16) {
	if int(l.n) < maxLateAcks {
		l.seqs[l.n] = seq
		l.n++
	}
}

// emitLateAcks sends one anchored ack-only packet per remembered late packet.
// A late packet already covered by an earlier anchored block goes unsent.
func (c *Conn) emitLateAcks(now time.Duration, emit func([]byte)) {
	var sent wire.AckBlock
	for i := range int(c.lateAcks.n) {
		seq := c.lateAcks.seqs[i]
		if i > 0 && sent.Acks(seq) {
			continue
		}
		ab, ok := c.rw.ackBlockAt(seq)
		if !ok {
			continue
		}
		n := wire.HeaderSize
		ab.Put(c.out[n:])
		n += wire.AckBlockSize
		wire.Header{Seq: c.nextSeq, Flags: wire.FlagACK, Priority: wire.PriorityCritical, Timestamp: millis(now)}.Put(c.out[:])
		c.nextSeq++
		c.noteSent(now, n)
		emit(c.out[:n])
		sent = ab
	}
	c.lateAcks.n = 0
}
