package record

import (
	"fmt"
	"hash/crc32"

	"github.com/klauspost/compress/zstd"
)

// flusher is a writer with buffered data to push out (bufio.Writer).
type flusher interface{ Flush() error }

// syncer is a writer that can commit to stable storage (*os.File).
type syncer interface{ Sync() error }

// write is the writer goroutine: it compresses each full chunk into one
// zstd frame, writes it behind its chunk header in a single Write, flushes,
// and returns the buffer. When full is closed it writes the end marker.
func (r *Recorder) write(enc *zstd.Encoder) {
	defer close(r.done)
	defer enc.Close()
	var out []byte
	var lastTick, total uint64
	for c := range r.full {
		if r.writeErr == nil {
			out = append(out[:0], make([]byte, chunkHeaderSize)...)
			out = enc.EncodeAll(c.buf, out)
			payload := out[chunkHeaderSize:]
			h := chunkHeader{
				kind: kindTicks, compLen: uint32(len(payload)), rawLen: uint32(len(c.buf)),
				firstTick: c.firstTick, ticks: c.ticks, payloadCRC: crc32.Checksum(payload, castagnoli),
			}
			h.put(out)
			if err := r.emit(out); err != nil {
				r.writeErr = fmt.Errorf("record: write chunk of ticks %d..%d: %w", c.firstTick, c.firstTick+uint64(c.ticks)-1, err)
				r.failed.Store(true)
			} else {
				lastTick = c.firstTick + uint64(c.ticks) - 1
				total += uint64(c.ticks)
			}
		}
		c.buf, c.ticks = c.buf[:0], 0
		r.free <- c
	}
	if r.writeErr != nil {
		return
	}
	h := chunkHeader{kind: kindEnd, reason: r.endReason, firstTick: lastTick, ticks: uint32(total)}
	var end [chunkHeaderSize]byte
	h.put(end[:])
	if err := r.emit(end[:]); err != nil {
		r.writeErr = fmt.Errorf("record: write end marker: %w", err)
	}
}

// emit writes b, then flushes and optionally syncs the destination.
func (r *Recorder) emit(b []byte) error {
	if _, err := r.out.Write(b); err != nil {
		return err
	}
	r.written.Add(uint64(len(b)))
	if f, ok := r.out.(flusher); ok {
		if err := f.Flush(); err != nil {
			return err
		}
	}
	if s, ok := r.out.(syncer); ok && r.opts.Sync {
		if err := s.Sync(); err != nil {
			return err
		}
	}
	return nil
}
