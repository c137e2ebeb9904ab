package record

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/systems/ingest"
)

// Next returns the next tick. At the end marker it returns io.EOF (see
// End); a file that stops before its end marker gives an ErrTruncated
// *FormatError after every complete chunk's ticks. Errors are sticky.
func (r *Reader) Next() (*Tick, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.left == 0 {
		if err := r.nextChunk(); err != nil {
			r.err = err
			return nil, err
		}
	}
	if err := r.readTick(); err != nil {
		r.err = err
		return nil, err
	}
	return &r.tick, nil
}

func (r *Reader) nextChunk() error {
	r.chunkOff = r.off
	var hb [chunkHeaderSize]byte
	n, err := r.read(hb[:])
	switch {
	case n == 0 && errors.Is(err, io.EOF):
		return r.fail(r.chunkOff, ErrTruncated, "the file ends without an end marker")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return r.fail(r.chunkOff, ErrTruncated, "chunk header cut short after %d of %d bytes", n, chunkHeaderSize)
	case err != nil:
		return fmt.Errorf("record: read chunk at byte offset %d: %w", r.chunkOff, err)
	}
	var h chunkHeader
	if why := h.parse(hb[:]); why != "" {
		return r.fail(r.chunkOff, ErrCorrupt, "%s", why)
	}
	if h.kind == kindEnd {
		return r.readEnd(&h)
	}
	if h.firstTick != r.lastTick+1 {
		return r.fail(r.chunkOff, ErrCorrupt, "chunk starts at tick %d, want %d", h.firstTick, r.lastTick+1)
	}
	if err := r.readPayload(int(h.compLen)); err != nil {
		return err
	}
	if crc32.Checksum(r.comp, castagnoli) != h.payloadCRC {
		return r.fail(r.chunkOff, ErrCorrupt, "chunk payload checksum mismatch")
	}
	raw, err := r.dec.DecodeAll(r.comp, r.raw[:0])
	if err != nil {
		return r.fail(r.chunkOff, ErrCorrupt, "zstd: %v", err)
	}
	r.raw = raw
	if len(raw) != int(h.rawLen) {
		return r.fail(r.chunkOff, ErrCorrupt, "chunk decompressed to %d bytes, header says %d", len(raw), h.rawLen)
	}
	r.cur = cursor{b: raw}
	r.left = h.ticks
	return nil
}

// readPayload reads n bytes into r.comp, growing it as data arrives so a
// lying length in a cut-short file cannot make it allocate the full amount.
func (r *Reader) readPayload(n int) error {
	r.comp = r.comp[:0]
	for len(r.comp) < n {
		step := min(n-len(r.comp), 1<<20)
		at := len(r.comp)
		r.comp = append(r.comp, make([]byte, step)...)
		got, err := r.read(r.comp[at:])
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return r.fail(r.chunkOff, ErrTruncated, "chunk payload cut short: %d of %d bytes", at+got, n)
			}
			return fmt.Errorf("record: read chunk at byte offset %d: %w", r.chunkOff, err)
		}
	}
	return nil
}

func (r *Reader) readEnd(h *chunkHeader) error {
	if h.firstTick != r.lastTick {
		return r.fail(r.chunkOff, ErrCorrupt, "end marker names last tick %d, read %d", h.firstTick, r.lastTick)
	}
	var extra [1]byte
	if n, _ := r.read(extra[:]); n > 0 {
		return r.fail(r.off-1, ErrCorrupt, "data after the end marker")
	}
	r.end = &End{Reason: h.reason, LastTick: h.firstTick}
	return io.EOF
}

// readTick decodes the next tick record of the current chunk.
func (r *Reader) readTick() error {
	c := &r.cur
	t := &r.tick
	t.Number = c.u64()
	t.Now = time.Duration(c.u64())
	t.Hash = ecs.StateHash(c.u64())
	nEvents := c.u32()
	flags := c.u8()
	switch {
	case c.bad:
		return r.fail(r.chunkOff, ErrCorrupt, "tick record cut short")
	case t.Number != r.lastTick+1:
		return r.fail(r.chunkOff, ErrCorrupt, "tick %d follows tick %d", t.Number, r.lastTick)
	case flags&^flagSnapshot != 0:
		return r.fail(r.chunkOff, ErrCorrupt, "tick %d has unknown flags %#x", t.Number, flags)
	case nEvents > maxEventsPerTick || int64(nEvents) > int64(len(c.b)/2):
		return r.fail(r.chunkOff, ErrCorrupt, "tick %d claims %d events in %d bytes", t.Number, nEvents, len(c.b))
	}
	// Grow by decoding, not by the claimed count, so memory follows the
	// events actually present.
	t.Events, t.App = t.Events[:0], t.App[:0]
	nowMS := uint32(t.Now / time.Millisecond)
	for i := uint32(0); i < nEvents && !c.bad; i++ {
		if len(c.b) > 0 && c.b[0] == kindApp {
			c.u8()
			t.App = append(t.App, AppRecord{After: len(t.Events)})
			readApp(c, &t.App[len(t.App)-1])
			continue
		}
		t.Events = append(t.Events, ingest.Event{})
		readEvent(c, &t.Events[len(t.Events)-1], nowMS)
	}
	if c.bad {
		return r.fail(r.chunkOff, ErrCorrupt, "tick %d: bad event", t.Number)
	}
	t.HasSnapshot = flags&flagSnapshot != 0
	t.Snapshot = t.Snapshot[:0]
	if t.HasSnapshot {
		n := c.u32()
		if c.bad || int64(n) > int64(len(c.b)/entitySize) {
			return r.fail(r.chunkOff, ErrCorrupt, "tick %d: snapshot of %d entities does not fit", t.Number, n)
		}
		if cap(t.Snapshot) < int(n) {
			t.Snapshot = make([]EntityState, 0, n)
		}
		t.Snapshot = t.Snapshot[:n]
		for i := range t.Snapshot {
			readEntity(c, &t.Snapshot[i])
		}
		if c.bad {
			return r.fail(r.chunkOff, ErrCorrupt, "tick %d: bad snapshot", t.Number)
		}
		sortByConn(t.Snapshot)
	}
	r.left--
	if r.left == 0 && len(c.b) != 0 {
		return r.fail(r.chunkOff, ErrCorrupt, "%d stray bytes after the chunk's last tick", len(c.b))
	}
	r.lastTick = t.Number
	return nil
}
