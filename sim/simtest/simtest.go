// Package simtest holds benchmark helpers for the engine's systems: it runs
// a synthetic scenario (sim/scenario) through a whole pipeline and times one
// system inside it, so each system's package can measure itself under the
// load and state the real tick gives it.
package simtest

import (
	"testing"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/scenario"
)

// warmupTicks are run before timing starts, so arrays have grown and every
// player has a history.
const warmupTicks = 10

// timed wraps a scheduled system so the benchmark's timer runs only while
// that system does.
type timed struct {
	ecs.System
	b *testing.B
}

// Update implements ecs.System.
func (t timed) Update(w *ecs.World) {
	t.b.StartTimer()
	t.System.Update(w)
	t.b.StopTimer()
}

// BenchmarkSystem runs b.N ticks of the named scenario (seed 1) through a
// pipeline built by sim.NewPipeline, feeding each tick's inputs first, and
// times only the system called system; allocations are reported for it
// alone. It returns the pipeline, so the caller can report per-entity or
// per-input figures from its state after the last tick.
func BenchmarkSystem(b *testing.B, scenarioName, system string) *sim.Pipeline {
	b.Helper()
	spec, err := scenario.Lookup(scenarioName)
	if err != nil {
		b.Fatal(err)
	}
	p, err := sim.NewPipeline(sim.PipelineOptions{Config: spec.Config(ecs.DefaultConfig()), Capacity: spec.Players})
	if err != nil {
		b.Fatal(err)
	}
	var target ecs.System
	for i := range p.Schedule.Len() {
		if sys, _ := p.Schedule.System(i); sys.Name() == system {
			target = sys
		}
	}
	if target == nil {
		b.Fatalf("simtest: no system %q in the pipeline (have %v)", system, p.Schedule.Names())
	}
	if err := p.Schedule.Replace(system, timed{System: target, b: b}); err != nil {
		b.Fatal(err)
	}
	gen := scenario.NewGenerator(spec, p.World.Config, 1)
	gen.Connect(p.Push)
	b.StopTimer()
	for range warmupTicks {
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	if gen.Dropped() > 0 {
		b.Fatalf("simtest: the inbound queue dropped %d events", gen.Dropped())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		gen.Inputs(p.Loop.NextTickAt(), p.Push)
		p.Loop.Step()
	}
	return p
}
