package ingest_test

import (
	"testing"

	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/ingest"
	"github.com/tickforge/tickforge/systems/interpolate"
	"github.com/tickforge/tickforge/systems/validatecheat"
)

// BenchmarkUpdateCity times ingest alone draining the city scenario's
// events (10,000 players, ~13,700 inputs a tick) from a queue.Ring;
// validate-cheat and interpolate run untimed after it so the state evolves
// as in the real tick.
func BenchmarkUpdateCity(b *testing.B) {
	spec := scenario.Specs["city"]
	w, err := ecs.NewWorld(spec.Config(ecs.DefaultConfig()), spec.Players)
	if err != nil {
		b.Fatal(err)
	}
	q := queue.MustRing[ingest.Event](1 << 16)
	push := func(ev *ingest.Event) bool { return q.Push(ev) }
	batch := &ecs.InputBatch{}
	in := ingest.New(q, batch, q.Cap())
	vc := validatecheat.New(batch, zerolog.Nop())
	ip := interpolate.New()
	gen := scenario.NewGenerator(spec, w.Config, 1)
	gen.Connect(push)
	tick := func(timed bool) {
		w.Time.Tick++
		w.Time.Now += w.Time.Dt
		gen.Inputs(w.Time.Now, push)
		if timed {
			b.StartTimer()
		}
		in.Update(w)
		if timed {
			b.StopTimer()
		}
		vc.Update(w)
		ip.Update(w)
	}
	for i := 0; i < 10; i++ {
		tick(false)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		tick(true)
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(batch.Len()), "ns/input")
}
