package udp

import (
	"fmt"
	"net/netip"
)

// SendBatch queues up to Cap datagrams, each copied into a fixed slot with
// its destination, for one WriteBatch. WriteBatch empties it, so a writer
// keeps one batch and reuses it; nothing is allocated after NewSendBatch.
type SendBatch struct {
	slots [][]byte // each slot has cap == slot size; len is the queued datagram's length
	addrs []netip.AddrPort
	n     int

	native   nativeSend
	portable portableSend
}

// NewSendBatch makes a batch of capacity slots of slotSize bytes.
//
// Panics: if capacity or slotSize is less than 1.
func NewSendBatch(capacity, slotSize int) *SendBatch {
	if capacity < 1 || slotSize < 1 {
		panic(fmt.Sprintf("udp: NewSendBatch(%d, %d): capacity and slot size must be positive", capacity, slotSize))
	}
	slab := make([]byte, capacity*slotSize)
	b := &SendBatch{slots: make([][]byte, capacity), addrs: make([]netip.AddrPort, capacity)}
	for i := range b.slots {
		b.slots[i] = slab[i*slotSize : i*slotSize : (i+1)*slotSize]
	}
	return b
}

// Add queues a copy of datagram for to. It returns ErrBatchFull when every
// slot is taken and ErrDatagramTooLarge when datagram exceeds the slot size.
func (b *SendBatch) Add(to netip.AddrPort, datagram []byte) error {
	if b.n == len(b.slots) {
		return ErrBatchFull
	}
	slot := b.slots[b.n]
	if len(datagram) > cap(slot) {
		return fmt.Errorf("%w: %d bytes, slot holds %d", ErrDatagramTooLarge, len(datagram), cap(slot))
	}
	b.slots[b.n] = append(slot[:0], datagram...)
	b.addrs[b.n] = to
	b.n++
	return nil
}

// Slot lends the next free slot, empty and with the slot size as capacity,
// so a caller can encode a datagram in place and then Commit it. It returns
// nil when the batch is full.
func (b *SendBatch) Slot() []byte {
	if b.n == len(b.slots) {
		return nil
	}
	return b.slots[b.n][:0]
}

// Commit queues the first length bytes of the slot lent by Slot for to.
//
// Panics: if the batch is full or length exceeds the slot size.
func (b *SendBatch) Commit(to netip.AddrPort, length int) {
	b.slots[b.n] = b.slots[b.n][:length]
	b.addrs[b.n] = to
	b.n++
}

// Len is the number of queued datagrams.
func (b *SendBatch) Len() int { return b.n }

// Cap is the most datagrams the batch can queue.
func (b *SendBatch) Cap() int { return len(b.slots) }

// Reset drops every queued datagram.
func (b *SendBatch) Reset() { b.n = 0 }
