package record

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"sync"
	"testing"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/scenario"
)

func newPipeline(t testing.TB, spec scenario.Spec) *sim.Pipeline {
	t.Helper()
	p, err := sim.NewPipeline(sim.PipelineOptions{Config: spec.Config(ecs.DefaultConfig()), Capacity: spec.Players})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAttachAfterFirstTickFails(t *testing.T) {
	t.Parallel()
	p := newPipeline(t, scenarioTiny)
	p.Loop.Step()
	if _, err := Attach(p, io.Discard, Meta{}); !errors.Is(err, ErrStarted) {
		t.Fatalf("err = %v, want ErrStarted", err)
	}
}

func TestCloseTwice(t *testing.T) {
	t.Parallel()
	p := newPipeline(t, scenarioTiny)
	rec, err := Attach(p, io.Discard, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	p.Loop.Step()
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	p.Loop.Step() // the hook stays installed but records nothing
	if err := rec.Close(); !errors.Is(err, ErrClosed) {
		t.Fatalf("second close: %v", err)
	}
	if st := rec.Stats(); st.Ticks != 1 || st.Chunks != 1 {
		t.Fatalf("stats %+v", st)
	}
}

// gatedWriter lets the header through and then blocks every write until
// the gate is closed.
type gatedWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	gate   chan struct{}
	writes int
}

func (g *gatedWriter) Write(b []byte) (int, error) {
	g.mu.Lock()
	g.writes++
	first := g.writes == 1
	g.mu.Unlock()
	if !first {
		<-g.gate
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.buf.Write(b)
}

func TestWriterBehindStopsRecordingWithoutBlockingTheTick(t *testing.T) {
	t.Parallel()
	p := newPipeline(t, scenarioTiny)
	w := &gatedWriter{gate: make(chan struct{})}
	rec, err := AttachWith(p, w, Meta{Capacity: scenarioTiny.Players}, Options{ChunkTicks: 1, ChunkBytes: 4 << 10, QueueChunks: 1, MaxChunkBytes: 16 << 10})
	if err != nil {
		t.Fatal(err)
	}
	gen := scenario.NewGenerator(scenarioTiny, p.World.Config, 1)
	gen.Connect(p.Push)
	for i := 0; i < 400; i++ { // would deadlock here if the tick waited for the writer
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	st := rec.Stats()
	if !st.Stopped || st.Stalls == 0 || st.Chunks != 2 {
		t.Fatalf("stats %+v, want stopped after stalls with 2 chunks handed over", st)
	}
	close(w.gate)
	if err := rec.Close(); !errors.Is(err, ErrFellBehind) {
		t.Fatalf("close: %v, want ErrFellBehind", err)
	}
	rd, err := NewReader(bytes.NewReader(w.buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rp, err := NewReplayer(rd, ReplayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for ; ; n++ {
		if _, err := rp.Step(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	end, _ := rd.End()
	if n != 2 || end.Reason != EndFellBehind || end.LastTick != 2 {
		t.Fatalf("replayed %d ticks, end %+v", n, end)
	}
}

type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (f *failingWriter) Write(b []byte) (int, error) {
	f.n++
	if f.n > 1 {
		return 0, errDiskFull
	}
	return len(b), nil
}

func TestWriteErrorStopsRecording(t *testing.T) {
	t.Parallel()
	p := newPipeline(t, scenarioTiny)
	rec, err := AttachWith(p, &failingWriter{}, Meta{}, Options{ChunkTicks: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		p.Loop.Step()
	}
	if err := rec.Close(); !errors.Is(err, errDiskFull) {
		t.Fatalf("close: %v, want the write error", err)
	}
}

func TestRecorderAllocatesNothingPerTick(t *testing.T) {
	spec := scenario.Spec{Name: "alloc", Players: 300, WorldSize: 400, CheatRate: 0.01}
	p := newPipeline(t, spec)
	rec, err := AttachWith(p, io.Discard, Meta{}, Options{ChunkTicks: 5, SnapshotEvery: 7})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	gen := scenario.NewGenerator(spec, p.World.Config, 3)
	gen.Connect(p.Push)
	tick := func() {
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
		for !rec.idle() { // keep the writer caught up so no chunk has to grow
			runtime.Gosched()
		}
	}
	for i := 0; i < 100; i++ {
		tick()
	}
	if allocs := testing.AllocsPerRun(50, tick); allocs != 0 {
		t.Fatalf("%.1f allocations per recorded tick, want 0", allocs)
	}
	if st := rec.Stats(); st.Snapshots == 0 || st.Stalls != 0 {
		t.Fatalf("stats %+v", st)
	}
}
