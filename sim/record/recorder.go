package record

import (
	"encoding/binary"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/klauspost/compress/zstd"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/systems/ingest"
)

// Options tunes a Recorder. Zero values take the defaults.
type Options struct {
	// ChunkBytes closes a chunk once its raw size reaches it (default 1 MiB).
	ChunkBytes int
	// ChunkTicks closes a chunk once it holds this many ticks (default 60,
	// one second at 60 Hz), so a crash loses little even when idle.
	ChunkTicks int
	// QueueChunks is how many full chunks may wait for the writer (default 4).
	QueueChunks int
	// MaxChunkBytes is how large the open chunk may grow while the writer is
	// behind; beyond it recording stops with ErrFellBehind (default 64 MiB).
	MaxChunkBytes int
	// SnapshotEvery stores every player entity's full state every this many
	// ticks, so replay can diff entities after a divergence (default 0: never).
	SnapshotEvery int
	// Level is the zstd level (default zstd.SpeedFastest).
	Level zstd.EncoderLevel
	// Sync calls the writer's Sync method (as *os.File has) after every
	// chunk, so even a machine crash loses at most the chunks in flight.
	Sync bool
}

func (o *Options) defaults() {
	if o.ChunkBytes <= 0 {
		o.ChunkBytes = 1 << 20
	}
	if o.ChunkTicks <= 0 {
		o.ChunkTicks = 60
	}
	if o.QueueChunks <= 0 {
		o.QueueChunks = 4
	}
	o.ChunkBytes = min(o.ChunkBytes, maxChunkPayload/4)
	if o.MaxChunkBytes <= 0 {
		o.MaxChunkBytes = 64 << 20
	}
	// A reader refuses chunks above maxChunkPayload; one tick past the cap
	// must still fit.
	o.MaxChunkBytes = min(max(o.MaxChunkBytes, o.ChunkBytes), maxChunkPayload/2)
	if o.SnapshotEvery < 0 {
		o.SnapshotEvery = 0
	}
	if o.Level == 0 {
		o.Level = zstd.SpeedFastest
	}
}

// Stats counts what a Recorder has done. Any goroutine may read it.
type Stats struct {
	// Ticks and Events are what the tick side has captured.
	Ticks, Events uint64
	// Snapshots is the number of entity snapshots captured.
	Snapshots uint64
	// Chunks is the number of chunks handed to the writer.
	Chunks uint64
	// RawBytes is the uncompressed size of the chunks handed to the writer.
	RawBytes uint64
	// WrittenBytes is what the writer has written, headers included.
	WrittenBytes uint64
	// Stalls counts chunk boundaries at which the writer was behind, so the
	// open chunk kept growing instead of being handed over.
	Stalls uint64
	// Stopped is set once recording stopped early (writer behind or a write error).
	Stopped bool
}

// chunk is a buffer of whole tick records on its way to the writer.
type chunk struct {
	buf       []byte
	firstTick uint64
	ticks     uint32
}

// Recorder records a pipeline's ticks. The tick goroutine only copies
// into a preallocated chunk; a writer goroutine compresses and writes.
//
// When the writer falls behind, the open chunk keeps growing (counted in
// Stats.Stalls) until Options.MaxChunkBytes; then recording stops: the
// file keeps every chunk already handed over and ends with an end marker
// that says the writer fell behind, so it is a valid, replayable prefix.
// The tick is never blocked and the file is never left with a gap.
type Recorder struct {
	pipe   *sim.Pipeline
	out    io.Writer
	opts   Options
	filter *entityFilter

	cur        *chunk
	free, full chan *chunk
	done       chan struct{}

	tickOpen   bool
	tickStart  int
	tickEvents uint32
	nowMS      uint32
	lastTick   uint64
	stopped    bool
	closed     bool
	endReason  EndReason

	writeErr error       // set by the writer before done is closed
	failed   atomic.Bool // set by the writer on a write error

	ticks, events, snapshots, chunks, rawBytes, written, stalls atomic.Uint64
	stoppedFlag                                                 atomic.Bool
}

// Attach writes the recording header for p to w and starts recording p
// from its first tick, with default Options. Call it before the first
// tick, and Close on the tick goroutine (or after the loop stopped).
func Attach(p *sim.Pipeline, w io.Writer, meta Meta) (*Recorder, error) {
	return AttachWith(p, w, meta, Options{})
}

// AttachWith is Attach with options.
func AttachWith(p *sim.Pipeline, w io.Writer, meta Meta, opts Options) (*Recorder, error) {
	if p.World.Time.Tick != 0 {
		return nil, fmt.Errorf("record: attach at tick %d: %w", p.World.Time.Tick, ErrStarted)
	}
	opts.defaults()
	h := Header{Version: Version, Config: p.World.Config, Meta: meta, SnapshotEvery: opts.SnapshotEvery}
	hdr, err := appendFileHeader(nil, &h)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(hdr); err != nil {
		return nil, fmt.Errorf("record: write header: %w", err)
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(opts.Level), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, fmt.Errorf("record: zstd encoder: %w", err)
	}
	// The tick side holds two buffers at a hand-over and the writer one, so
	// with QueueChunks+2 buffers a send on full never blocks.
	n := opts.QueueChunks + 2
	r := &Recorder{
		pipe: p, out: w, opts: opts, filter: newEntityFilter(),
		free: make(chan *chunk, n), full: make(chan *chunk, opts.QueueChunks), done: make(chan struct{}),
	}
	r.written.Store(uint64(len(hdr)))
	for i := 0; i < n; i++ {
		c := &chunk{buf: make([]byte, 0, opts.ChunkBytes+opts.ChunkBytes/4)}
		if i == 0 {
			r.cur = c
		} else {
			r.free <- c
		}
	}
	p.Ingest.SetObserver(r)
	p.Loop.OnTick(r.afterTick)
	go r.write(enc)
	return r, nil
}

// ObserveEvent implements ingest.Observer: it copies one applied event into
// the open chunk. It runs on the tick goroutine and allocates nothing once
// the chunk buffers have reached their working size.
func (r *Recorder) ObserveEvent(tick uint64, ev *ingest.Event) {
	if r.stopped || r.closed {
		return
	}
	if !r.tickOpen {
		r.openTick(tick)
	}
	r.cur.buf = appendEvent(r.cur.buf, ev, r.nowMS)
	r.tickEvents++
}

// RecordApp stores an application-defined record in the current tick, for
// state changes that do not come through ingest (a game's actions queue,
// say): call it on the tick goroutine when the tick consumes the input,
// and feed the record back in ReplayOptions.BeforeTick. data is copied;
// records larger than 1 MiB are refused (false).
func (r *Recorder) RecordApp(channel uint8, data []byte) bool {
	if r.stopped || r.closed || len(data) > maxAppRecord {
		return false
	}
	if !r.tickOpen {
		r.openTick(r.pipe.World.Time.Tick)
	}
	r.cur.buf = appendApp(r.cur.buf, channel, data)
	r.tickEvents++
	return true
}

func (r *Recorder) openTick(tick uint64) {
	if r.cur.ticks == 0 {
		r.cur.firstTick = tick
	}
	r.tickStart = len(r.cur.buf)
	r.cur.buf = append(r.cur.buf, make([]byte, tickHeaderSize)...)
	r.nowMS = r.pipe.World.Time.NowMillis()
	r.tickEvents = 0
	r.tickOpen = true
}

// afterTick closes the tick's record with its time and state hash.
func (r *Recorder) afterTick(w *ecs.World) {
	if r.stopped || r.closed {
		return
	}
	if r.failed.Load() {
		r.stop(EndClosed)
		return
	}
	tick := w.Time.Tick
	if !r.tickOpen {
		r.openTick(tick)
	}
	hash := r.pipe.Hasher.Hash(w)
	var flags uint8
	if r.opts.SnapshotEvery > 0 && tick%uint64(r.opts.SnapshotEvery) == 0 {
		flags |= flagSnapshot
		r.appendSnapshot(w)
	}
	putTickHeader(r.cur.buf[r.tickStart:], tick, w.Time.Now, hash, r.tickEvents, flags)
	r.tickOpen = false
	r.cur.ticks++
	r.lastTick = tick
	r.ticks.Add(1)
	r.events.Add(uint64(r.tickEvents))
	if len(r.cur.buf) >= r.opts.ChunkBytes || int(r.cur.ticks) >= r.opts.ChunkTicks {
		r.handOff()
	}
}

// appendSnapshot writes u32 count and every entity's state.
func (r *Recorder) appendSnapshot(w *ecs.World) {
	at := len(r.cur.buf)
	r.cur.buf = append(r.cur.buf, 0, 0, 0, 0)
	var n uint32
	forEachEntity(r.filter, w, func(e *EntityState) {
		r.cur.buf = appendEntity(r.cur.buf, e)
		n++
	})
	binary.LittleEndian.PutUint32(r.cur.buf[at:], n)
	r.snapshots.Add(1)
}

// handOff gives the open chunk to the writer if a fresh buffer is free.
func (r *Recorder) handOff() {
	select {
	case next := <-r.free:
		r.rawBytes.Add(uint64(len(r.cur.buf)))
		r.chunks.Add(1)
		r.full <- r.cur
		r.cur = next
	default:
		r.stalls.Add(1)
		if len(r.cur.buf) >= r.opts.MaxChunkBytes {
			r.stop(EndFellBehind)
		}
	}
}

// stop ends recording early; the open chunk is dropped so the file ends
// at a chunk boundary with no gap.
func (r *Recorder) stop(reason EndReason) {
	r.stopped = true
	r.endReason = reason
	r.cur.buf, r.cur.ticks = r.cur.buf[:0], 0
	r.tickOpen = false
	r.stoppedFlag.Store(true)
}

// Stats returns the counters; any goroutine may call it.
func (r *Recorder) Stats() Stats {
	return Stats{
		Ticks: r.ticks.Load(), Events: r.events.Load(), Snapshots: r.snapshots.Load(),
		Chunks: r.chunks.Load(), RawBytes: r.rawBytes.Load(), WrittenBytes: r.written.Load(),
		Stalls: r.stalls.Load(), Stopped: r.stoppedFlag.Load(),
	}
}

// Close hands over the open chunk, writes the end marker, waits for the
// writer and detaches from the pipeline's ingest. It returns the first
// write error, or ErrFellBehind if recording stopped early. Call it on the
// tick goroutine or after the loop has stopped; it does not close w.
func (r *Recorder) Close() error {
	if r.closed {
		return ErrClosed
	}
	r.closed = true
	r.pipe.Ingest.SetObserver(nil)
	if !r.stopped && r.cur.ticks > 0 {
		r.rawBytes.Add(uint64(len(r.cur.buf)))
		r.chunks.Add(1)
		r.full <- r.cur
		r.cur = nil
	}
	close(r.full)
	<-r.done
	switch {
	case r.writeErr != nil:
		return r.writeErr
	case r.stopped && r.endReason == EndFellBehind:
		return fmt.Errorf("record: after tick %d: %w", r.lastTick, ErrFellBehind)
	}
	return nil
}

// idle reports whether the writer has returned every buffer (tests use it
// to wait for the writer without sleeping).
func (r *Recorder) idle() bool { return len(r.free) == cap(r.free)-1 }
