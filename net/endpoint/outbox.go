package endpoint

import (
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/queue"
)

// outKind is what an outbound entry asks the network goroutine to do.
type outKind uint8

const (
	outMessage outKind = iota
	outKick
)

// outEntry is one request from Send or Kick to the network goroutine.
type outEntry struct {
	buf    []byte
	id     ConnID
	kind   outKind
	ch     rudp.Channel
	prio   wire.Priority
	reason rudp.CloseReason
}

// outbox is a bounded multi-producer queue of outEntry plus a free list of
// payload buffers, so a steady stream of Sends allocates nothing: a buffer
// travels producer → queue → network goroutine → free list → producer. Any
// goroutine may push; only the network goroutine pops. A push wakes the
// network goroutine through a one-slot channel.
type outbox struct {
	entries *queue.Ring[outEntry]
	free    *queue.Ring[[]byte]
	wake    chan struct{}
}

func newOutbox(capacity int) (*outbox, error) {
	entries, err := queue.NewRing[outEntry](capacity)
	if err != nil {
		return nil, err
	}
	free, err := queue.NewRing[[]byte](capacity)
	if err != nil {
		return nil, err
	}
	return &outbox{entries: entries, free: free, wake: make(chan struct{}, 1)}, nil
}

// push queues e, copying payload into a recycled buffer. It reports false
// when the queue is full.
func (o *outbox) push(e outEntry, payload []byte) bool {
	var buf []byte
	o.free.Pop(&buf)
	e.buf = append(buf[:0], payload...)
	if !o.entries.Push(&e) {
		o.free.Push(&e.buf)
		return false
	}
	select {
	case o.wake <- struct{}{}:
	default:
	}
	return true
}

// pop takes the oldest entry; the caller hands e.buf back with recycle.
func (o *outbox) pop(e *outEntry) bool { return o.entries.Pop(e) }

// maxRecycled is the largest buffer kept on the free list, so the list
// holds at most capacity × maxRecycled bytes; larger messages (fragmented
// transfers) allocate their copy.
const maxRecycled = 2048

// recycle returns a payload buffer to the free list (dropping it if it is
// large or the list is full).
func (o *outbox) recycle(buf []byte) {
	if buf != nil && cap(buf) <= maxRecycled {
		o.free.Push(&buf)
	}
}
