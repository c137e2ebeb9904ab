package record

import (
	"fmt"
	"io"
	"math"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/systems/broadcast"
	"github.com/tickforge/tickforge/systems/ingest"
)

// ReplayOptions configures NewReplayer.
type ReplayOptions struct {
	// Configure runs on the fresh pipeline before the first tick, e.g. to
	// add a game's own systems (or, in tests, a system that breaks
	// determinism on purpose).
	Configure func(p *sim.Pipeline) error
	// Until stops the replay after this tick (0: replay everything).
	Until uint64
	// BeforeTick runs before each replayed tick with the recorded tick, so
	// an application can feed its AppRecords back into its own queues.
	BeforeTick func(p *sim.Pipeline, t *Tick)
	// KeepBroadcast keeps the broadcast system in the replay pipeline. By
	// default it is replaced by a system that does nothing: broadcast only
	// reads the world and writes network output, so skipping it leaves
	// every state hash unchanged (TestReplaySkipsBroadcastSameHashes) and
	// makes replay faster.
	KeepBroadcast bool
	// FullAOI keeps the aoi-grid system's visibility computation. Without
	// it, a replay with no Configure and without KeepBroadcast — where
	// nothing reads visibility — runs a system that writes only the AOI
	// cells, the one piece of aoi-grid's work that is world state. With
	// Configure set, the full aoi-grid always runs (a game system may read
	// visibility, as the server's actions do).
	FullAOI bool
	// DecodeAhead reads and decompresses ticks on a separate goroutine, a
	// few ticks ahead of the simulation. The Reader then belongs to that
	// goroutine until Replayer.Close: call Close before closing the Reader.
	DecodeAhead bool
}

// Divergence is the error a Replayer returns when a tick's state hash
// differs from the recorded one. It wraps ErrDiverged.
type Divergence struct {
	// Tick is the first tick whose hash differs.
	Tick uint64
	// Recorded and Replayed are the two hashes at Tick.
	Recorded, Replayed ecs.StateHash
	// DiffTick is the tick the entity diff compares: Tick itself if the
	// recording holds a snapshot there, else the next tick that has one;
	// 0 if none follows.
	DiffTick uint64
	// Diff lists the entities that differ at DiffTick.
	Diff []EntityDiff
	// DiffErr is set if reading on to DiffTick failed.
	DiffErr error
}

// Error names the tick and the hashes.
func (d *Divergence) Error() string {
	return fmt.Sprintf("%v at tick %d: recorded hash %016x, replayed %016x", ErrDiverged, d.Tick, uint64(d.Recorded), uint64(d.Replayed))
}

// Unwrap returns ErrDiverged.
func (d *Divergence) Unwrap() error { return ErrDiverged }

// Replayer re-runs a recording through a fresh pipeline with the recorded
// configuration, feeding each tick exactly the events it consumed at its
// recorded time, and checks each tick's state hash.
type Replayer struct {
	rd     *Reader
	pipe   *sim.Pipeline
	src    *tickSource
	until  uint64
	before func(p *sim.Pipeline, t *Tick)
	filter *entityFilter
	states []EntityState
	ahead  *prefetcher // nil unless DecodeAhead
	closed bool
	last   uint64 // the last tick Step returned
}

// tickSource feeds one recorded tick's events to ingest.
type tickSource struct {
	events []ingest.Event
	next   int
}

// Pop implements ingest.Source.
func (s *tickSource) Pop(ev *ingest.Event) bool {
	if s.next >= len(s.events) {
		return false
	}
	*ev = s.events[s.next]
	s.next++
	return true
}

// SkippedBroadcastName is the name of the do-nothing system that takes
// broadcast's place in a replay pipeline unless KeepBroadcast is set.
const SkippedBroadcastName = "broadcast-skipped"

// skippedBroadcast stands in for the broadcast system during replay.
type skippedBroadcast struct{}

// Name implements ecs.System.
func (skippedBroadcast) Name() string { return SkippedBroadcastName }

// Update implements ecs.System; it does nothing.
func (skippedBroadcast) Update(*ecs.World) {}

// NewReplayer builds the pipeline for rd's header.
func NewReplayer(rd *Reader, opts ReplayOptions) (*Replayer, error) {
	h := rd.Header()
	p, err := sim.NewPipeline(sim.PipelineOptions{Config: h.Config, Capacity: h.Meta.Capacity})
	if err != nil {
		return nil, fmt.Errorf("record: replay: %w", err)
	}
	src := &tickSource{}
	p.Ingest = ingest.New(src, p.Batch, math.MaxInt32)
	if err := p.Schedule.Replace(ingest.Name, p.Ingest); err != nil {
		return nil, fmt.Errorf("record: replay: %w", err)
	}
	if !opts.KeepBroadcast {
		if err := p.Schedule.Replace(broadcast.Name, skippedBroadcast{}); err != nil {
			return nil, fmt.Errorf("record: replay: %w", err)
		}
	}
	if !opts.KeepBroadcast && !opts.FullAOI && opts.Configure == nil {
		if err := p.Schedule.Replace(p.AOI.Name(), newAOICells()); err != nil {
			return nil, fmt.Errorf("record: replay: %w", err)
		}
	}
	if opts.Configure != nil {
		if err := opts.Configure(p); err != nil {
			return nil, fmt.Errorf("record: replay: configure: %w", err)
		}
	}
	rp := &Replayer{rd: rd, pipe: p, src: src, until: opts.Until, before: opts.BeforeTick, filter: newEntityFilter()}
	if opts.DecodeAhead {
		rp.ahead = newPrefetcher(rd, opts.Until)
	}
	return rp, nil
}

// Close stops decoding ahead (DecodeAhead) and waits for it, so the
// Reader may be closed. It is safe to call more than once, and does
// nothing without DecodeAhead.
func (rp *Replayer) Close() {
	if rp.ahead != nil && !rp.closed {
		rp.ahead.close()
	}
	rp.closed = true
}

// next reads the next recorded tick, decoded ahead or not.
func (rp *Replayer) next() (*Tick, error) {
	if rp.closed {
		return nil, ErrClosed
	}
	if rp.ahead != nil {
		return rp.ahead.next()
	}
	return rp.rd.Next()
}

// Pipeline is the pipeline the replay runs.
func (rp *Replayer) Pipeline() *sim.Pipeline { return rp.pipe }

// Step replays the next recorded tick and returns it (valid until the next
// Step). It returns io.EOF after the last tick (or after Until), ErrClosed
// after Close, a
// *Divergence on a hash mismatch, and the Reader's errors as they are (an
// ErrTruncated one means every complete chunk was replayed).
func (rp *Replayer) Step() (*Tick, error) {
	if rp.until > 0 && rp.last >= rp.until {
		return nil, io.EOF
	}
	t, err := rp.next()
	if err != nil {
		return nil, err
	}
	rp.last = t.Number
	got := rp.run(t)
	if got != t.Hash {
		return t, rp.diverged(t, got)
	}
	return t, nil
}

// run applies one recorded tick and returns the replayed state hash.
func (rp *Replayer) run(t *Tick) ecs.StateHash {
	rp.src.events, rp.src.next = t.Events, 0
	if rp.before != nil {
		rp.before(rp.pipe, t)
	}
	rp.pipe.Loop.StepAt(t.Now)
	return rp.pipe.Hash()
}

// State returns the replayed world's entities sorted by connection, in a
// slice reused by the next call.
func (rp *Replayer) State() []EntityState {
	rp.states = captureWith(rp.filter, rp.pipe.World, rp.states)
	return rp.states
}

// diverged builds the Divergence for tick t, reading on to the next
// snapshot if t has none.
func (rp *Replayer) diverged(t *Tick, got ecs.StateHash) *Divergence {
	d := &Divergence{Tick: t.Number, Recorded: t.Hash, Replayed: got}
	for !t.HasSnapshot {
		var err error
		if t, err = rp.next(); err != nil {
			if err != io.EOF {
				d.DiffErr = err
			}
			return d
		}
		rp.run(t)
	}
	d.DiffTick = t.Number
	d.Diff = Diff(t.Snapshot, rp.State())
	return d
}
