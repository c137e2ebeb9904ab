package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/sim/server"
)

// maxDiffEntities caps the entities printed after a divergence.
const maxDiffEntities = 20

type replayOptions struct {
	speed     float64
	until     uint64
	export    string
	every     uint64
	broadcast bool
	ahead     bool
}

// replayConfigure, when set (by tests), changes the replay pipeline before
// the first tick, e.g. to insert a system that breaks determinism.
var replayConfigure func(p *sim.Pipeline) error

// replaySummary is what a replay did.
type replaySummary struct {
	first, last uint64
	ticks       uint64
	maxPlayers  int
	simulated   time.Duration
	wall        time.Duration
	exported    uint64
	appRecords  uint64
}

func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o replayOptions
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: tickforge replay [flags] FILE\n\nRe-simulates a recording tick by tick and verifies every state hash.\n\nflags:")
		fs.PrintDefaults()
	}
	fs.Float64Var(&o.speed, "speed", 0, "replay speed: 0 as fast as possible, 1 real time, 2 twice as fast")
	fs.Uint64Var(&o.until, "until", 0, "stop after this tick (0: the whole recording)")
	fs.StringVar(&o.export, "export", "", "write entity states to this JSON Lines file, one line per exported tick")
	fs.Uint64Var(&o.every, "every", 1, "with --export, export every Nth tick")
	fs.BoolVar(&o.ahead, "decode-ahead", runtime.NumCPU() > 1, "read and decompress ticks on a second goroutine (default on with more than one CPU)")
	fs.BoolVar(&o.broadcast, "broadcast", false, "also run the broadcast system, output discarded (it writes no state: same hashes, slower)")
	if err := parseFlags(fs, args, true); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want exactly one recording FILE, got %d arguments", errUsage, fs.NArg())
	}
	if o.speed < 0 || o.every < 1 {
		return fmt.Errorf("%w: --speed must be ≥ 0 and --every ≥ 1", errUsage)
	}
	return replayFile(ctx, fs.Arg(0), o, stdout, stderr)
}

func replayFile(ctx context.Context, path string, o replayOptions, stdout, stderr io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	size := int64(0)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	rd, err := record.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rd.Close()
	rp, err := newReplayer(rd, record.ReplayOptions{Configure: replayConfigure, Until: o.until, KeepBroadcast: o.broadcast, DecodeAhead: o.ahead})
	if err != nil {
		return err
	}
	defer rp.Close() // runs before rd.Close: the decoder goroutine reads rd
	var export *jsonlExport
	if o.export != "" {
		if export, err = newJSONLExport(o.export); err != nil {
			return err
		}
		defer export.close()
	}
	h := rd.Header()
	if isServerRecording(&h) {
		fmt.Fprintf(stdout, "recording %s: format v%d, source %q, room %d, started %s, %d Hz, snapshots every %d ticks\n",
			path, h.Version, h.Meta.Source, h.Meta.Room, h.Meta.Started, h.Config.TickRate, h.SnapshotEvery)
	} else {
		fmt.Fprintf(stdout, "recording %s: format v%d, source %q, scenario %q, seed %d, %d Hz, snapshots every %d ticks\n",
			path, h.Version, h.Meta.Source, h.Meta.Scenario, h.Meta.Seed, h.Config.TickRate, h.SnapshotEvery)
	}

	var s replaySummary
	start := time.Now()
	lastProgress := start
	var firstNow time.Duration
	var stepErr error
	for {
		if err := ctx.Err(); err != nil {
			stepErr = fmt.Errorf("replay interrupted after tick %d: %w", s.last, err)
			break
		}
		t, err := rp.Step()
		if err != nil {
			stepErr = err
			break
		}
		if s.ticks == 0 {
			s.first, firstNow = t.Number, t.Now
		}
		s.ticks++
		s.last = t.Number
		s.appRecords += uint64(len(t.App))
		s.simulated = t.Now - firstNow + rp.Pipeline().World.Time.Dt
		s.maxPlayers = max(s.maxPlayers, rp.Pipeline().World.PlayerCount())
		if export != nil && t.Number%o.every == 0 {
			if err := export.write(t, rp.State()); err != nil {
				return err
			}
			s.exported++
		}
		if o.speed > 0 {
			pace(ctx, start.Add(time.Duration(float64(t.Now-firstNow)/o.speed)))
		}
		if now := time.Now(); now.Sub(lastProgress) >= time.Second {
			lastProgress = now
			fmt.Fprintf(stderr, "replay: tick %d, %.0f%% of the file\n", t.Number, 100*float64(rd.Offset())/float64(max(size, 1)))
		}
	}
	s.wall = time.Since(start)
	if export != nil {
		if err := export.close(); err != nil {
			return err
		}
	}
	return finishReplay(stdout, stderr, rd, rp, &s, stepErr)
}

// isServerRecording reports whether h is a room recording of `serve`.
func isServerRecording(h *record.Header) bool { return h.Meta.Source == "serve" }

// newReplayer replays a serve recording through a socketless server room
// (the room-events and actions systems, fed from the recording's
// application records) and anything else through the engine's pipeline.
func newReplayer(rd *record.Reader, opts record.ReplayOptions) (*record.Replayer, error) {
	if h := rd.Header(); !isServerRecording(&h) {
		return record.NewReplayer(rd, opts)
	}
	srv, err := server.NewWithTransport(server.DefaultConfig(), server.DiscardTransport{})
	if err != nil {
		return nil, err
	}
	return srv.NewReplayer(rd, opts)
}

// finishReplay prints the outcome and the summary and decides the error.
func finishReplay(stdout, stderr io.Writer, rd *record.Reader, rp *record.Replayer, s *replaySummary, stepErr error) error {
	var div *record.Divergence
	var result error
	switch {
	case stepErr == io.EOF:
		if end, ok := rd.End(); ok {
			fmt.Fprintf(stdout, "every hash matches; the recording ended (%s) at tick %d\n", end.Reason, end.LastTick)
		} else {
			fmt.Fprintf(stdout, "every hash matches up to --until tick %d\n", s.last)
		}
	case errors.As(stepErr, &div):
		printDivergence(stdout, div)
		result = stepErr
	case errors.Is(stepErr, record.ErrTruncated):
		fmt.Fprintf(stderr, "warning: %v\n", stepErr)
		fmt.Fprintf(stdout, "every hash matches; the recording is truncated: replayed every complete chunk, up to tick %d\n", s.last)
	default:
		result = stepErr
	}
	perSec := float64(s.ticks) / max(s.wall.Seconds(), 1e-9)
	fmt.Fprintf(stdout, "ticks %d (%d..%d), players at most %d (%d at the end), simulated %.1f s, wall %.2f s, %.0f ticks/s (%.1f× real time)\n",
		s.ticks, s.first, s.last, s.maxPlayers, rp.Pipeline().World.PlayerCount(), s.simulated.Seconds(), s.wall.Seconds(),
		perSec, perSec/float64(rp.Pipeline().World.Config.TickRate))
	if s.exported > 0 {
		fmt.Fprintf(stdout, "exported %d ticks\n", s.exported)
	}
	if h := rd.Header(); s.appRecords > 0 && !isServerRecording(&h) {
		fmt.Fprintf(stdout, "note: %d application records (state changes outside ingest) were not fed back; this replay runs the engine's systems only\n", s.appRecords)
	} else if s.appRecords > 0 {
		fmt.Fprintf(stdout, "fed back %d application records (actions and game messages)\n", s.appRecords)
	}
	return result
}

func printDivergence(w io.Writer, d *record.Divergence) {
	fmt.Fprintf(w, "DIVERGED at tick %d: recorded hash %016x, replayed %016x\n", d.Tick, uint64(d.Recorded), uint64(d.Replayed))
	switch {
	case d.DiffErr != nil:
		fmt.Fprintf(w, "no entity diff: reading on to the next snapshot failed: %v\n", d.DiffErr)
	case d.DiffTick == 0:
		fmt.Fprintln(w, "no entity diff: the recording has no snapshot at or after that tick (record with snapshots to get one)")
	default:
		where := "at that tick"
		if d.DiffTick != d.Tick {
			where = fmt.Sprintf("at tick %d, the first snapshot after it", d.DiffTick)
		}
		fmt.Fprintf(w, "%d entities differ %s:\n", len(d.Diff), where)
		for i, e := range d.Diff {
			if i == maxDiffEntities {
				fmt.Fprintf(w, "… and %d more\n", len(d.Diff)-i)
				break
			}
			fmt.Fprintln(w, e.String())
		}
	}
}

// pace sleeps until the wall-clock instant at, or until ctx is done.
func pace(ctx context.Context, at time.Time) {
	d := time.Until(at)
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// jsonlExport writes one JSON object per exported tick:
// {"tick":…,"now_ns":…,"hash":"…","entities":[…]}.
type jsonlExport struct {
	f   *os.File
	buf *bufio.Writer
	enc *json.Encoder
}

type exportLine struct {
	Tick     uint64               `json:"tick"`
	NowNS    int64                `json:"now_ns"`
	Hash     string               `json:"hash"`
	Entities []record.EntityState `json:"entities"`
}

func newJSONLExport(path string) (*jsonlExport, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	buf := bufio.NewWriterSize(f, 1<<20)
	return &jsonlExport{f: f, buf: buf, enc: json.NewEncoder(buf)}, nil
}

func (e *jsonlExport) write(t *record.Tick, states []record.EntityState) error {
	line := exportLine{Tick: t.Number, NowNS: int64(t.Now), Hash: fmt.Sprintf("%016x", uint64(t.Hash)), Entities: states}
	if err := e.enc.Encode(&line); err != nil {
		return fmt.Errorf("export tick %d: %w", t.Number, err)
	}
	return nil
}

// close flushes and closes the file; later calls do nothing.
func (e *jsonlExport) close() error {
	if e.f == nil {
		return nil
	}
	err := e.buf.Flush()
	if cerr := e.f.Close(); err == nil {
		err = cerr
	}
	e.f = nil
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
