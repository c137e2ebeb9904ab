package benchmarks

import (
	"fmt"
	"testing"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/scenario"
)

// BenchmarkTick measures one whole tick (all five systems) of the arena,
// city and mmo scenarios; the generator's work is excluded from the timer.
// Reported: ns per tick, ns per entity and the share of the 16.67 ms budget.
func BenchmarkTick(b *testing.B) {
	for _, name := range []string{"arena", "city", "mmo"} {
		spec := scenario.Specs[name]
		b.Run(fmt.Sprintf("%s-%dk", name, spec.Players/1000), func(b *testing.B) {
			p, err := sim.NewPipeline(sim.PipelineOptions{Config: spec.Config(ecs.DefaultConfig()), Capacity: spec.Players})
			if err != nil {
				b.Fatal(err)
			}
			gen := scenario.NewGenerator(spec, p.World.Config, 1)
			gen.Connect(p.Push)
			for i := 0; i < 10; i++ { // spawn everyone and reach steady state
				gen.Inputs(p.Loop.NextTickAt(), p.Push)
				p.Loop.Step()
			}
			var ticking time.Duration
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				gen.Inputs(p.Loop.NextTickAt(), p.Push)
				b.StartTimer()
				start := time.Now()
				p.Loop.Step()
				ticking += time.Since(start)
			}
			per := float64(ticking) / float64(b.N)
			b.ReportMetric(per/float64(spec.Players), "ns/entity")
			b.ReportMetric(100*per/float64(p.World.Config.TickDuration()), "%budget")
		})
	}
}
