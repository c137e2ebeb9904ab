package rudp

// blockPool recycles FragmentSize-byte blocks, the unit in which a Conn holds
// message bodies on both the send and the receive side. It never shrinks, so
// after warm-up getting and putting blocks does not allocate.
type blockPool struct {
	free [][]byte
}

func (p *blockPool) get() []byte {
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free[n-1] = nil
		p.free = p.free[:n-1]
		return b[:0]
	}
	return make([]byte, 0, FragmentSize)
}

func (p *blockPool) put(b []byte) {
	if cap(b) == FragmentSize {
		p.free = append(p.free, b[:0])
	}
}
