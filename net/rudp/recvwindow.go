package rudp

import "github.com/tickforge/tickforge/net/wire"

// dupWindowSize is how many packet sequence numbers, counting back from the
// newest, the receive window remembers. Older packets are dropped as stale.
const dupWindowSize = 256

// recvWindow remembers which packet sequence numbers arrived: it rejects
// duplicates and produces the ack block. Bit i of bits is sequence newest-i.
type recvWindow struct {
	newest uint16
	have   bool
	bits   [dupWindowSize / 64]uint64
}

// check classifies seq without recording it: 0 new, DropDuplicate or DropStale.
func (w *recvWindow) check(seq uint16) (DropReason, bool) {
	if !w.have {
		return 0, true
	}
	d := int(wire.SeqDiff(seq, w.newest))
	switch {
	case d > 0:
		return 0, true
	case -d >= dupWindowSize:
		return DropStale, false
	case w.bit(-d):
		return DropDuplicate, false
	}
	return 0, true
}

// mark records seq as received; check must have accepted it.
func (w *recvWindow) mark(seq uint16) {
	if !w.have {
		w.have, w.newest, w.bits = true, seq, [dupWindowSize / 64]uint64{1}
		return
	}
	d := int(wire.SeqDiff(seq, w.newest))
	if d > 0 {
		w.shift(d)
		w.newest = seq
		w.bits[0] |= 1
		return
	}
	w.bits[-d/64] |= 1 << (uint(-d) % 64)
}

func (w *recvWindow) bit(i int) bool { return w.bits[i/64]&(1<<(uint(i)%64)) != 0 }

// shift moves every bit d places towards older sequence numbers.
func (w *recvWindow) shift(d int) {
	if d >= dupWindowSize {
		w.bits = [dupWindowSize / 64]uint64{}
		return
	}
	words, bits := d/64, uint(d%64)
	for i := len(w.bits) - 1; i >= 0; i-- {
		var v uint64
		if j := i - words; j >= 0 {
			v = w.bits[j] << bits
			if bits != 0 && j > 0 {
				v |= w.bits[j-1] >> (64 - bits)
			}
		}
		w.bits[i] = v
	}
}

// ackBlock is the ack block for the packets received so far.
func (w *recvWindow) ackBlock() wire.AckBlock {
	return wire.AckBlock{Ack: w.newest, AckBits: uint32(w.bits[0] >> 1)}
}

// behind is how many sequence numbers seq lies behind the newest received:
// -1 for the next one in order, less for one that skips a gap, 0 or more
// for one that arrived late. The first packet counts as in order.
func (w *recvWindow) behind(seq uint16) int {
	if !w.have {
		return -1
	}
	return int(wire.SeqDiff(w.newest, seq))
}

// ackBlockAt is an ack block anchored on seq instead of the newest packet,
// acknowledging seq and whichever of the 32 before it arrived. ok is false
// when seq was not received or fell out of the window.
func (w *recvWindow) ackBlockAt(seq uint16) (ab wire.AckBlock, ok bool) {
	d := int(wire.SeqDiff(w.newest, seq))
	if !w.have || d < 0 || d >= dupWindowSize || !w.bit(d) {
		return wire.AckBlock{}, false
	}
	var bits uint32
	for i := 0; i < 32 && d+1+i < dupWindowSize; i++ {
		if w.bit(d + 1 + i) {
			bits |= 1 << i
		}
	}
	return wire.AckBlock{Ack: seq, AckBits: bits}, true
}
