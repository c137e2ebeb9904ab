package netsim

import "time"

// inflight is one copy of a datagram travelling on the link.
type inflight struct {
	arrival time.Duration
	order   uint64 // enqueue order, breaks arrival ties so equal times stay FIFO
	seq     uint64 // send sequence of the original, for reorder accounting
	dup     bool
	buf     []byte
}

// before orders copies by arrival time, then by enqueue order.
func (p *inflight) before(q *inflight) bool {
	if p.arrival != q.arrival {
		return p.arrival < q.arrival
	}
	return p.order < q.order
}

// arrivals is a binary min-heap of copies in flight. It stores values, not
// pointers or interfaces, so pushing and popping do not allocate once the
// slice has grown to the link's working size.
type arrivals []inflight

func (h *arrivals) push(p inflight) {
	*h = append(*h, p)
	s := *h
	i := len(s) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !s[i].before(&s[parent]) {
			break
		}
		s[i], s[parent] = s[parent], s[i]
		i = parent
	}
}

// pop removes and returns the earliest copy. The heap must not be empty.
func (h *arrivals) pop() inflight {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s[last] = inflight{}
	s = s[:last]
	*h = s
	i := 0
	for {
		left := 2*i + 1
		if left >= len(s) {
			break
		}
		least := left
		if right := left + 1; right < len(s) && s[right].before(&s[left]) {
			least = right
		}
		if !s[least].before(&s[i]) {
			break
		}
		s[i], s[least] = s[least], s[i]
		i = least
	}
	return top
}
