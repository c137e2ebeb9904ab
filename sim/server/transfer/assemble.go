package transfer

import (
	"errors"
	"fmt"

	"github.com/tickforge/tickforge/net/wire"
)

// Sentinel errors of Split and Assembler.Add.
var (
	// ErrTooLarge: the transfer is bigger than the assembler's MaxBytes (or MaxChunks chunks).
	ErrTooLarge = errors.New("transfer: too large")
	// ErrTooMany: a new transfer while MaxOpen are already open.
	ErrTooMany = errors.New("transfer: too many open transfers")
	// ErrOutOfOrder: a chunk other than the next one, or a chunk count that
	// disagrees with earlier chunks. Chunks travel reliable-ordered, so this
	// only happens with a broken or hostile peer.
	ErrOutOfOrder = errors.New("transfer: chunk out of order")
	// ErrRefused: the send function refused a chunk.
	ErrRefused = errors.New("transfer: chunk refused")
)

// Assembler rebuilds transfers from their chunks for one peer. It is not
// safe for concurrent use.
type Assembler struct {
	maxBytes, maxOpen int
	open              []partial
}

type partial struct {
	id          uint32
	next, total uint16
	data        []byte
}

// NewAssembler returns an assembler that accepts transfers of at most
// maxBytes bytes and at most maxOpen at once.
func NewAssembler(maxBytes, maxOpen int) *Assembler {
	return &Assembler{maxBytes: maxBytes, maxOpen: max(maxOpen, 1)}
}

// Open is the number of transfers being assembled.
func (a *Assembler) Open() int { return len(a.open) }

// Add takes one chunk. When it completes a transfer it returns done true and
// the transfer's data, which the caller now owns. On error the transfer is
// dropped (later chunks of it then fail as out of order, except a fresh
// chunk 0, which starts it again).
func (a *Assembler) Add(m *wire.LargeDataTransfer) (data []byte, done bool, err error) {
	i := a.find(m.TransferID)
	if i < 0 {
		if m.ChunkIndex != 0 {
			return nil, false, fmt.Errorf("transfer %d: chunk %d with no chunk 0: %w", m.TransferID, m.ChunkIndex, ErrOutOfOrder)
		}
		if len(a.open) >= a.maxOpen {
			return nil, false, fmt.Errorf("transfer %d: %w", m.TransferID, ErrTooMany)
		}
		a.open = append(a.open, partial{id: m.TransferID, total: m.TotalChunks})
		i = len(a.open) - 1
	}
	p := &a.open[i]
	if m.ChunkIndex != p.next || m.TotalChunks != p.total {
		a.remove(i)
		return nil, false, fmt.Errorf("transfer %d: chunk %d/%d, want %d/%d: %w", m.TransferID, m.ChunkIndex, m.TotalChunks, p.next, p.total, ErrOutOfOrder)
	}
	if len(p.data)+len(m.ChunkData) > a.maxBytes {
		a.remove(i)
		return nil, false, fmt.Errorf("transfer %d: over %d bytes: %w", m.TransferID, a.maxBytes, ErrTooLarge)
	}
	p.data = append(p.data, m.ChunkData...)
	p.next++
	if p.next < p.total {
		return nil, false, nil
	}
	data = p.data
	a.remove(i)
	return data, true, nil
}

// Reset drops every open transfer.
func (a *Assembler) Reset() {
	clear(a.open)
	a.open = a.open[:0]
}

func (a *Assembler) find(id uint32) int {
	for i := range a.open {
		if a.open[i].id == id {
			return i
		}
	}
	return -1
}

func (a *Assembler) remove(i int) {
	last := len(a.open) - 1
	a.open[i] = a.open[last]
	a.open[last] = partial{}
	a.open = a.open[:last]
}
