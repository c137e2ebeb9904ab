package transfer

import (
	"fmt"
	"math"

	"github.com/tickforge/tickforge/net/wire"
)

// ChunkSize is the data carried by every chunk but the last. A chunk is one
// reliable-ordered message, which the transport fragments and reassembles.
const ChunkSize = 32 << 10

// MaxChunks is the most chunks one transfer can have.
const MaxChunks = math.MaxUint16

// Split calls send with each encoded chunk of data, in order, and stops at
// the first false. buf is scratch space for the encoding (reused, may be nil);
// send must copy what it keeps. It returns the number of chunks sent.
func Split(buf []byte, transferID uint32, data []byte, send func(chunk []byte) bool) (int, error) {
	n := (len(data) + ChunkSize - 1) / ChunkSize
	if n == 0 {
		n = 1 // an empty transfer is one empty chunk
	}
	if n > MaxChunks {
		return 0, fmt.Errorf("transfer: split %d bytes: %w", len(data), ErrTooLarge)
	}
	for i := 0; i < n; i++ {
		lo, hi := i*ChunkSize, min((i+1)*ChunkSize, len(data))
		buf = wire.AppendLargeDataTransfer(buf[:0], &wire.LargeDataTransfer{
			TransferID: transferID, ChunkIndex: uint16(i), TotalChunks: uint16(n), ChunkData: data[lo:hi],
		})
		if !send(buf) {
			return i, fmt.Errorf("transfer: chunk %d of %d: %w", i, n, ErrRefused)
		}
	}
	return n, nil
}
