package queue

import (
	"errors"
	"fmt"
	"reflect"
	"sync/atomic"
)

// ErrCapacity is returned by NewRing for a capacity that is not a power of two.
var ErrCapacity = errors.New("queue: capacity must be a power of two >= 2")

// Ring is a bounded multi-producer, multi-consumer FIFO of values of T
// (Vyukov's array queue). Push and Pop never block and never allocate; a
// full ring refuses the push so the caller can count the drop.
type Ring[T any] struct {
	_     [64]byte
	head  atomic.Uint64
	_     [56]byte
	tail  atomic.Uint64
	_     [56]byte
	mask  uint64
	cells []cell[T]
	// clears is whether a popped cell is zeroed so that it does not keep
	// what its value points to alive; values without pointers are left.
	clears bool
}

type cell[T any] struct {
	seq atomic.Uint64
	val T
}

// NewRing returns a ring that holds up to capacity values.
func NewRing[T any](capacity int) (*Ring[T], error) {
	if capacity < 2 || capacity&(capacity-1) != 0 {
		return nil, fmt.Errorf("%w: got %d", ErrCapacity, capacity)
	}
	r := &Ring[T]{mask: uint64(capacity - 1), cells: make([]cell[T], capacity), clears: holdsPointers(reflect.TypeFor[T]())}
	for i := range r.cells {
		r.cells[i].seq.Store(uint64(i))
	}
	return r, nil
}

// MustRing is NewRing for capacities fixed at compile time.
//
// Panics: if capacity is not a power of two >= 2.
func MustRing[T any](capacity int) *Ring[T] {
	r, err := NewRing[T](capacity)
	if err != nil {
		panic(err)
	}
	return r
}

// Cap is the ring's capacity.
func (r *Ring[T]) Cap() int { return len(r.cells) }

// Len is the number of queued values; it is exact only when no other
// goroutine is pushing or popping.
func (r *Ring[T]) Len() int {
	n := int64(r.tail.Load() - r.head.Load())
	if n < 0 {
		return 0
	}
	return int(n)
}

// Push appends v and reports whether there was room.
func (r *Ring[T]) Push(v *T) bool {
	pos := r.tail.Load()
	for {
		c := &r.cells[pos&r.mask]
		seq := c.seq.Load()
		switch diff := int64(seq) - int64(pos); {
		case diff == 0:
			if r.tail.CompareAndSwap(pos, pos+1) {
				c.val = *v
				c.seq.Store(pos + 1)
				return true
			}
			pos = r.tail.Load()
		case diff < 0:
			return false
		default:
			pos = r.tail.Load()
		}
	}
}

// Pop removes the oldest value into *v and reports whether there was one.
func (r *Ring[T]) Pop(v *T) bool {
	pos := r.head.Load()
	for {
		c := &r.cells[pos&r.mask]
		seq := c.seq.Load()
		switch diff := int64(seq) - int64(pos+1); {
		case diff == 0:
			if r.head.CompareAndSwap(pos, pos+1) {
				*v = c.val
				if r.clears {
					var zero T
					c.val = zero
				}
				c.seq.Store(pos + r.mask + 1)
				return true
			}
			pos = r.head.Load()
		case diff < 0:
			return false
		default:
			pos = r.head.Load()
		}
	}
}
