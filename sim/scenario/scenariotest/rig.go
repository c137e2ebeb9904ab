// Package scenariotest feeds a scenario's world tick by tick through its
// input generator and the ingest system, and times two such worlds side by
// side, for the benchmarks of the systems that run after ingest.
package scenariotest

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/ingest"
)

// Rig is a scenario's world whose inputs are generated and ingested one tick
// at a time.
type Rig struct {
	// World is the rig's world; Batch is the InputBatch ingest fills.
	World *ecs.World
	Batch *ecs.InputBatch
	q     *queue.Ring[ingest.Event]
	in    *ingest.System
	gen   *scenario.Generator
}

// NewRig returns a rig of the named scenario (scenario.Specs) whose
// generator uses seed; it fails tb on an unknown name or a world that
// cannot be built.
func NewRig(tb testing.TB, name string, seed uint64) *Rig {
	tb.Helper()
	return NewRigReading(tb, name, seed, nil)
}

// NewRigReading is NewRig with ingest reading the rig's ring through
// source(ring) instead of the ring itself (nil source: the ring).
func NewRigReading(tb testing.TB, name string, seed uint64, source func(*queue.Ring[ingest.Event]) ingest.Source) *Rig {
	tb.Helper()
	spec, ok := scenario.Specs[name]
	if !ok {
		tb.Fatalf("scenariotest: no scenario %q", name)
	}
	w, err := ecs.NewWorld(spec.Config(ecs.DefaultConfig()), spec.Players)
	if err != nil {
		tb.Fatalf("scenariotest: %v", err)
	}
	r := &Rig{World: w, Batch: &ecs.InputBatch{}, q: queue.MustRing[ingest.Event](1 << 16)}
	var src ingest.Source = r.q
	if source != nil {
		src = source(r.q)
	}
	r.in = ingest.New(src, r.Batch, r.q.Cap())
	r.gen = scenario.NewGenerator(spec, w.Config, seed)
	r.gen.Connect(r.push)
	return r
}

func (r *Rig) push(ev *ingest.Event) bool { return r.q.Push(ev) }

// Next advances the world's clock one tick, generates the tick's inputs and
// ingests them.
func (r *Rig) Next() {
	r.Generate()
	r.Ingest()
}

// Generate advances the world's clock one tick and queues the tick's inputs.
func (r *Rig) Generate() {
	r.World.Time.Tick++
	r.World.Time.Now += r.World.Time.Dt
	r.gen.Inputs(r.World.Time.Now, r.push)
}

// Ingest runs the ingest system on the queued inputs.
func (r *Rig) Ingest() { r.in.Update(r.World) }

// Twin is one side of BenchTwins: Advance prepares its world's next tick
// (untimed) and Update is the timed work. Name labels the reference side's
// metric ("ref" if empty).
type Twin struct {
	Advance, Update func()
	Name            string
}

// BenchTwins runs sys and ref tick by tick, alternating, so both see the same
// machine load: warmup untimed ticks each, then b.N timed ones. It reports
// each side's mean ms per tick (ms/tick, and ref.Name-ms/tick) and their
// ratio.
func BenchTwins(b *testing.B, warmup int, sys, ref Twin) {
	for i := 0; i < warmup; i++ {
		sys.Advance()
		sys.Update()
		ref.Advance()
		ref.Update()
	}
	var sysTime, refTime time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sys.Advance()
		start := time.Now()
		sys.Update()
		sysTime += time.Since(start)
		ref.Advance()
		start = time.Now()
		ref.Update()
		refTime += time.Since(start)
	}
	b.ReportMetric(float64(sysTime.Microseconds())/1000/float64(b.N), "ms/tick")
	refName := ref.Name
	if refName == "" {
		refName = "ref"
	}
	b.ReportMetric(float64(refTime.Microseconds())/1000/float64(b.N), refName+"-ms/tick")
	b.ReportMetric(float64(sysTime)/float64(refTime), "ratio")
}
