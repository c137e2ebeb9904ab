package record

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/systems/broadcast"
	"github.com/tickforge/tickforge/systems/ingest"
	"github.com/tickforge/tickforge/systems/interpolate"
)

// TestReplayVariantsSameHashes replays one recording (made with broadcast
// and the full aoi-grid) four ways. Every way must reproduce every hash:
// that is the proof that broadcast and the AOI visibility write no state.
func TestReplayVariantsSameHashes(t *testing.T) {
	t.Parallel()
	s := recordSession(t, smallArena, 120, 3, Options{})
	tests := []struct {
		name    string
		opts    ReplayOptions
		aoi, bc string
	}{
		{"default: cells only, no broadcast", ReplayOptions{}, CellsOnlyAOIName, SkippedBroadcastName},
		{"full AOI, no broadcast", ReplayOptions{FullAOI: true}, "aoi-grid", SkippedBroadcastName},
		{"broadcast kept", ReplayOptions{KeepBroadcast: true}, "aoi-grid", broadcast.Name},
		{"configure keeps full AOI", ReplayOptions{Configure: func(*sim.Pipeline) error { return nil }}, "aoi-grid", SkippedBroadcastName},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rp, ticks, err := replayAll(t, s.file, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(ticks) != len(s.hashes) {
				t.Fatalf("%d ticks replayed, %d recorded", len(ticks), len(s.hashes))
			}
			names := rp.Pipeline().Schedule.Names()
			if !slices.Contains(names, tc.aoi) || !slices.Contains(names, tc.bc) {
				t.Fatalf("schedule %v, want %s and %s", names, tc.aoi, tc.bc)
			}
		})
	}
}

// TestCellsOnlyAOIMatchesAOIGrid puts players at hostile and ordinary
// positions and checks the cells-only system writes the same AOICell as
// the aoi-grid system.
func TestCellsOnlyAOIMatchesAOIGrid(t *testing.T) {
	t.Parallel()
	p, err := sim.NewPipeline(sim.PipelineOptions{Capacity: 64})
	if err != nil {
		t.Fatal(err)
	}
	const n = 48
	for i := 0; i < n; i++ {
		p.Push(&ingest.Event{Kind: ingest.KindConnect, Conn: uint32(i + 1), UserID: uint64(i + 1)})
	}
	p.Loop.Step()
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	special := []float32{nan, inf, -inf, 0, -0.0001, 49.999, 50, -50, 1e30, -1e30, math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32}
	rng := rand.New(rand.NewPCG(11, 12))
	w := p.World
	cells := newAOICells()
	for round := 0; round < 20; round++ {
		for c := uint32(1); c <= n; c++ {
			e, ok := w.EntityOf(c)
			if !ok {
				t.Fatalf("conn %d has no entity", c)
			}
			pick := func() float32 {
				if rng.IntN(3) == 0 {
					return special[rng.IntN(len(special))]
				}
				return (rng.Float32() - 0.5) * 4000
			}
			w.Positions.Get(e).Vec3 = mgl32.Vec3{pick(), pick(), pick()}
		}
		p.AOI.Update(w)
		want := cellsOf(t, w, n)
		for c := uint32(1); c <= n; c++ {
			e, _ := w.EntityOf(c)
			*w.Cells.Get(e) = ecs.AOICell{X: 12345, Z: 12345}
		}
		cells.Update(w)
		if got := cellsOf(t, w, n); !slices.Equal(got, want) {
			t.Fatalf("round %d: cells-only %v, aoi-grid %v", round, got, want)
		}
	}
}

func cellsOf(t *testing.T, w *ecs.World, n uint32) [][2]int32 {
	t.Helper()
	out := make([][2]int32, 0, n)
	for _, st := range Capture(w, nil) {
		out = append(out, [2]int32{st.CellX, st.CellZ})
	}
	if len(out) != int(n) {
		t.Fatalf("%d entities, want %d", len(out), n)
	}
	return out
}

func TestCellsOnlyAOIAllocatesNothing(t *testing.T) {
	p, err := sim.NewPipeline(sim.PipelineOptions{Capacity: 64})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 32; i++ {
		p.Push(&ingest.Event{Kind: ingest.KindConnect, Conn: uint32(i + 1), UserID: uint64(i + 1)})
	}
	p.Loop.Step()
	cells := newAOICells()
	if a := testing.AllocsPerRun(50, func() { cells.Update(p.World) }); a != 0 {
		t.Fatalf("%v allocations per update", a)
	}
}

// TestDecodeAheadSameResults replays with and without decoding ahead: the
// same ticks with the same events and app records, the same divergence
// with the same diff, the same truncation error, and Until stops alike.
func TestDecodeAheadSameResults(t *testing.T) {
	t.Parallel()
	s := recordSession(t, smallArena, 150, 5, Options{ChunkTicks: 7, SnapshotEvery: 1})
	type run struct {
		ticks  []uint64
		events int
		err    error
	}
	replay := func(file []byte, opts ReplayOptions) run {
		rd, err := NewReader(bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		defer rd.Close()
		rp, err := NewReplayer(rd, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer rp.Close()
		var r run
		for {
			tk, err := rp.Step()
			if err != nil {
				r.err = err
				return r
			}
			r.ticks = append(r.ticks, tk.Number)
			r.events += len(tk.Events)
		}
	}
	breakAt := func(tick uint64) func(p *sim.Pipeline) error {
		return func(p *sim.Pipeline) error {
			return p.Schedule.InsertAfter(interpolate.Name, nudge{tick: tick, conn: 42})
		}
	}
	cut := s.file[:len(s.file)*2/3]
	tests := []struct {
		name string
		file []byte
		opts ReplayOptions
	}{
		{"whole", s.file, ReplayOptions{}},
		{"until", s.file, ReplayOptions{Until: 33}},
		{"truncated", cut, ReplayOptions{}},
		{"diverged", s.file, ReplayOptions{Configure: breakAt(42)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plain := replay(tc.file, tc.opts)
			tc.opts.DecodeAhead = true
			ahead := replay(tc.file, tc.opts)
			if !slices.Equal(plain.ticks, ahead.ticks) || plain.events != ahead.events || len(plain.ticks) == 0 {
				t.Fatalf("ticks %d..%d (%d events) vs ahead %v (%d events)", plain.ticks[0], plain.ticks[len(plain.ticks)-1], plain.events, len(ahead.ticks), ahead.events)
			}
			var d1, d2 *Divergence
			switch {
			case errors.As(plain.err, &d1):
				if !errors.As(ahead.err, &d2) || d1.Tick != d2.Tick || d1.DiffTick != d2.DiffTick || len(d1.Diff) != len(d2.Diff) || len(d1.Diff) == 0 {
					t.Fatalf("divergence %v (diff at %d, %d entities) vs %v", d1, d1.DiffTick, len(d1.Diff), ahead.err)
				}
			case plain.err.Error() != ahead.err.Error():
				t.Fatalf("error %v vs ahead %v", plain.err, ahead.err)
			}
		})
	}
}

func TestReplayerStepAfterClose(t *testing.T) {
	s := recordSession(t, smallArena, 20, 1, Options{})
	rd, err := NewReader(bytes.NewReader(s.file))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	rp, err := NewReplayer(rd, ReplayOptions{DecodeAhead: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rp.Step(); err != nil {
		t.Fatal(err)
	}
	rp.Close()
	rp.Close()
	if _, err := rp.Step(); !errors.Is(err, ErrClosed) {
		t.Fatalf("step after close: %v", err)
	}
}
