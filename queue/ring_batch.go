package queue

// PopBatch removes up to len(dst) of the oldest values into dst, in order,
// and returns how many it removed; fewer than len(dst) means the ring ran
// out of ready values. It claims them all with one compare-and-swap, so a
// consumer draining many values pays for the shared head once, not per
// value.
func (r *Ring[T]) PopBatch(dst []T) int {
	for {
		pos := r.head.Load()
		n := 0
		for n < len(dst) && r.cells[(pos+uint64(n))&r.mask].seq.Load() == pos+uint64(n)+1 {
			n++
		}
		if n == 0 {
			return 0
		}
		if !r.head.CompareAndSwap(pos, pos+uint64(n)) {
			continue // another consumer moved the head: look again
		}
		var zero T
		for i := range dst[:n] {
			c := &r.cells[(pos+uint64(i))&r.mask]
			dst[i] = c.val
			if r.clears {
				c.val = zero
			}
			c.seq.Store(pos + uint64(i) + r.mask + 1)
		}
		return n
	}
}
