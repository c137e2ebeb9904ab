package ingest_test

import (
	"testing"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/ingest"
)

// popOnly hides a ring's PopBatch, so ingest takes the one-event-at-a-time path.
type popOnly struct{ r *queue.Ring[ingest.Event] }

func (p popOnly) Pop(ev *ingest.Event) bool { return p.r.Pop(ev) }

// BenchmarkUpdateCityBatchedVsOneByOne drains the city scenario's events
// (10,000 players, ~13,700 inputs a tick) into twin worlds, one ingest
// reading the ring in batches and one through Pop only, alternating tick
// by tick so both see the same machine load, and reports each one's mean
// ms per tick and their ratio.
func BenchmarkUpdateCityBatchedVsOneByOne(b *testing.B) {
	spec := scenario.Specs["city"]
	type rig struct {
		w   *ecs.World
		q   *queue.Ring[ingest.Event]
		s   *ingest.System
		gen *scenario.Generator
	}
	newRig := func(batched bool) *rig {
		w, err := ecs.NewWorld(spec.Config(ecs.DefaultConfig()), spec.Players)
		if err != nil {
			b.Fatal(err)
		}
		r := &rig{w: w, q: queue.MustRing[ingest.Event](1 << 16), gen: scenario.NewGenerator(spec, w.Config, 1)}
		var src ingest.Source = r.q
		if !batched {
			src = popOnly{r.q}
		}
		r.s = ingest.New(src, &ecs.InputBatch{}, r.q.Cap())
		r.gen.Connect(func(ev *ingest.Event) bool { return r.q.Push(ev) })
		return r
	}
	rigs := [2]*rig{newRig(true), newRig(false)}
	var spent [2]time.Duration
	tick := func() {
		for k, r := range rigs {
			r.w.Time.Tick++
			r.w.Time.Now += r.w.Time.Dt
			r.gen.Inputs(r.w.Time.Now, func(ev *ingest.Event) bool { return r.q.Push(ev) })
			start := time.Now()
			r.s.Update(r.w)
			spent[k] += time.Since(start)
		}
	}
	for i := 0; i < 10; i++ { // warm up: spawn everyone, size the buffers
		tick()
	}
	spent = [2]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tick()
	}
	b.ReportMetric(float64(spent[0].Microseconds())/1000/float64(b.N), "ms/tick")
	b.ReportMetric(float64(spent[1].Microseconds())/1000/float64(b.N), "one-by-one-ms/tick")
	b.ReportMetric(float64(spent[0])/float64(spent[1]), "ratio")
}
