package rudp

// blockClasses are the block sizes in which a Conn holds message bodies on
// both the send and the receive side: a body takes the smallest class that
// fits it, so a 20-byte message costs 64 bytes, not FragmentSize. Queue and
// receive limits are charged by block size, the memory actually held.
var blockClasses = [...]int{64, 256, FragmentSize}

// blockCost is the size of the block that holds n bytes.
func blockCost(n int) int {
	for _, c := range blockClasses {
		if n <= c {
			return c
		}
	}
	return FragmentSize
}

// blockPool recycles blocks per class. It never shrinks, so after warm-up
// getting and putting blocks does not allocate.
type blockPool struct {
	free [len(blockClasses)][][]byte
}

// get returns an empty block with room for n bytes (n <= FragmentSize).
func (p *blockPool) get(n int) []byte {
	for i, c := range blockClasses {
		if n > c {
			continue
		}
		if k := len(p.free[i]); k > 0 {
			b := p.free[i][k-1]
			p.free[i][k-1] = nil
			p.free[i] = p.free[i][:k-1]
			return b[:0]
		}
		return make([]byte, 0, c)
	}
	return make([]byte, 0, FragmentSize)
}

// put recycles a block obtained from get.
func (p *blockPool) put(b []byte) {
	for i, c := range blockClasses {
		if cap(b) == c {
			p.free[i] = append(p.free[i], b[:0])
			return
		}
	}
}
