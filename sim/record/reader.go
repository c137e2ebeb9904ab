package record

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"time"

	"github.com/klauspost/compress/zstd"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/systems/ingest"
)

// Tick is one recorded tick. A Reader reuses it: it is valid until the
// next call to Next.
type Tick struct {
	// Number is the tick number, starting at 1.
	Number uint64
	// Now is the simulation time the tick ran at.
	Now time.Duration
	// Hash is the state hash after the tick.
	Hash ecs.StateHash
	// Events are the events the tick applied, in order.
	Events []ingest.Event
	// App are the application records the tick stored with
	// Recorder.RecordApp, in order.
	App []AppRecord
	// HasSnapshot says whether Snapshot holds the entity states after the tick.
	HasSnapshot bool
	// Snapshot is every player entity's state after the tick, sorted by
	// connection (only if HasSnapshot).
	Snapshot []EntityState
}

// End is what the end marker of a completely read recording says.
type End struct {
	// Reason is why the recording ended.
	Reason EndReason
	// LastTick is the last tick in the recording.
	LastTick uint64
}

// Reader reads a recording tick by tick. It never panics on hostile input:
// every problem is an error that wraps ErrEmpty, ErrNotRecording,
// ErrUnsupportedVersion, ErrCorrupt or ErrTruncated, the last three as a
// *FormatError with the byte offset of the failing chunk.
type Reader struct {
	in     *bufio.Reader
	off    int64 // offset of the next unread byte
	header Header
	dec    *zstd.Decoder

	comp, raw []byte
	cur       cursor
	chunkOff  int64
	left      uint32 // ticks left in the current chunk
	lastTick  uint64
	end       *End
	err       error
	tick      Tick
}

// NewReader reads and checks the header of the recording in r.
func NewReader(r io.Reader) (*Reader, error) {
	rd := &Reader{in: bufio.NewReaderSize(r, 1<<16)}
	if err := rd.readHeader(); err != nil {
		return nil, err
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(maxChunkPayload))
	if err != nil {
		return nil, fmt.Errorf("record: zstd decoder: %w", err)
	}
	rd.dec = dec
	return rd, nil
}

// Header is the recording's header.
func (r *Reader) Header() Header { return r.header }

// End reports the end marker once Next has returned io.EOF.
func (r *Reader) End() (End, bool) {
	if r.end == nil {
		return End{}, false
	}
	return *r.end, true
}

// Offset is the number of bytes consumed so far.
func (r *Reader) Offset() int64 { return r.off }

// LastTick is the last tick Next returned.
func (r *Reader) LastTick() uint64 { return r.lastTick }

// Close releases the decoder.
func (r *Reader) Close() {
	if r.dec != nil {
		r.dec.Close()
	}
}

func (r *Reader) fail(off int64, sentinel error, format string, args ...any) error {
	return &FormatError{Offset: off, LastTick: r.lastTick, Reason: fmt.Sprintf(format, args...), Err: sentinel}
}

// read fills b completely, reporting how many bytes it got.
func (r *Reader) read(b []byte) (int, error) {
	n, err := io.ReadFull(r.in, b)
	r.off += int64(n)
	return n, err
}

func (r *Reader) readHeader() error {
	var fixed [fileHeaderFixed]byte
	n, err := r.read(fixed[:])
	switch {
	case n == 0 && errors.Is(err, io.EOF):
		return ErrEmpty
	case err != nil && !errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("record: read header: %w", err)
	case n < len(magic) || [8]byte(fixed[:8]) != magic:
		return ErrNotRecording
	case n < fileHeaderFixed:
		return r.fail(0, ErrTruncated, "file header cut short after %d bytes", n)
	}
	if v := binary.LittleEndian.Uint16(fixed[8:]); v != Version {
		return r.fail(0, ErrUnsupportedVersion, "format version %d, this build reads version %d", v, Version)
	}
	if binary.LittleEndian.Uint16(fixed[10:]) != 0 {
		return r.fail(0, ErrCorrupt, "reserved header bytes are not zero")
	}
	jsLen := binary.LittleEndian.Uint32(fixed[12:])
	if jsLen > maxHeaderJSON {
		return r.fail(0, ErrCorrupt, "header of %d bytes exceeds the limit of %d", jsLen, maxHeaderJSON)
	}
	body := make([]byte, 8+int(jsLen)+4)
	copy(body, fixed[8:])
	if _, err := r.read(body[8:]); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return r.fail(0, ErrTruncated, "file header cut short")
		}
		return fmt.Errorf("record: read header: %w", err)
	}
	js := body[8 : 8+jsLen]
	if crc32.Checksum(body[:8+jsLen], castagnoli) != binary.LittleEndian.Uint32(body[8+jsLen:]) {
		return r.fail(0, ErrCorrupt, "header checksum mismatch")
	}
	if err := json.Unmarshal(js, &r.header); err != nil {
		return r.fail(0, ErrCorrupt, "header JSON: %v", err)
	}
	r.header.Version = Version
	if err := r.header.Config.Validate(); err != nil {
		return r.fail(0, ErrCorrupt, "header config: %v", err)
	}
	return nil
}
