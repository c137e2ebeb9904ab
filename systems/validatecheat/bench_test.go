package validatecheat_test

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

// BenchmarkUpdateCity times validate-cheat alone on the city scenario's
// inputs (10,000 players, 1% of each cheat kind, ~13,700 inputs a tick);
// ingest and interpolate run untimed around it so the state evolves as in
// the real tick.
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
		in.Update(w)
		if timed {
			b.StartTimer()
		}
		vc.Update(w)
		if timed {
			b.StopTimer()
		}
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
