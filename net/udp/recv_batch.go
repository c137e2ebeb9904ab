package udp

import (
	"fmt"
	"net/netip"
)

// DefaultSlotSize is a batch slot size that holds any tickforge datagram
// (at most 1,200 bytes) with room to spare, so oversized ones can be seen
// and dropped rather than silently cut.
const DefaultSlotSize = 2048

// RecvBatch holds up to Cap received datagrams in fixed slots carved from one
// buffer. ReadBatch overwrites it, so a reader keeps one batch and reuses it
// for every call; nothing is allocated after NewRecvBatch.
type RecvBatch struct {
	slots [][]byte         // each slot has len == cap == slot size
	data  [][]byte         // data[i] = slots[i][:length] for i < n
	addrs []netip.AddrPort // sources, for i < n
	n     int

	// Truncated counts datagrams dropped because they did not fit a slot.
	Truncated uint64

	native   nativeRecv
	portable portableRecv
}

// NewRecvBatch makes a batch of capacity slots of slotSize bytes.
//
// Panics: if capacity or slotSize is less than 1.
func NewRecvBatch(capacity, slotSize int) *RecvBatch {
	if capacity < 1 || slotSize < 1 {
		panic(fmt.Sprintf("udp: NewRecvBatch(%d, %d): capacity and slot size must be positive", capacity, slotSize))
	}
	slab := make([]byte, capacity*slotSize)
	b := &RecvBatch{
		slots: make([][]byte, capacity),
		data:  make([][]byte, capacity),
		addrs: make([]netip.AddrPort, capacity),
	}
	for i := range b.slots {
		b.slots[i] = slab[i*slotSize : (i+1)*slotSize : (i+1)*slotSize]
	}
	return b
}

// Len is the number of datagrams the last ReadBatch stored.
func (b *RecvBatch) Len() int { return b.n }

// Cap is the most datagrams one ReadBatch can store.
func (b *RecvBatch) Cap() int { return len(b.slots) }

// Data returns datagram i. It aliases the batch's buffer and is overwritten by
// the next ReadBatch; copy what must outlive it.
func (b *RecvBatch) Data(i int) []byte { return b.data[i] }

// Addr returns the source of datagram i; IPv4 sources are never 4-in-6 mapped.
func (b *RecvBatch) Addr(i int) netip.AddrPort { return b.addrs[i] }

// Datagrams returns the stored datagrams and their sources as parallel
// slices of length Len, aliasing the batch.
func (b *RecvBatch) Datagrams() ([][]byte, []netip.AddrPort) {
	return b.data[:b.n], b.addrs[:b.n]
}

// keep records slot i's datagram of length n from src at the batch's next
// position. Slots are filled in order and kept is at most i, so moving data
// down over dropped ones is safe: slot contents stay where the kernel wrote
// them and only the views move.
func (b *RecvBatch) keep(i, length int, src netip.AddrPort) {
	b.data[b.n] = b.slots[i][:length]
	b.addrs[b.n] = src
	b.n++
}
