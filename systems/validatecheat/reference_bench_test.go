package validatecheat

import (
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/ingest"
)

// cityRig is a city-scenario world fed through ingest, for benchmarks.
type cityRig struct {
	w     *ecs.World
	q     *queue.Ring[ingest.Event]
	batch *ecs.InputBatch
	in    *ingest.System
	gen   *scenario.Generator
}

func newCityRig() *cityRig {
	spec := scenario.Specs["city"]
	w, err := ecs.NewWorld(spec.Config(ecs.DefaultConfig()), spec.Players)
	if err != nil {
		panic(err)
	}
	r := &cityRig{w: w, q: queue.MustRing[ingest.Event](1 << 16), batch: &ecs.InputBatch{}}
	r.in = ingest.New(r.q, r.batch, r.q.Cap())
	r.gen = scenario.NewGenerator(spec, w.Config, 1)
	r.gen.Connect(r.push)
	return r
}

func (r *cityRig) push(ev *ingest.Event) bool { return r.q.Push(ev) }

// next advances the clock one tick and ingests the tick's inputs.
func (r *cityRig) next() {
	r.w.Time.Tick++
	r.w.Time.Now += r.w.Time.Dt
	r.gen.Inputs(r.w.Time.Now, r.push)
	r.in.Update(r.w)
}

// BenchmarkUpdateCityVsReference runs the system and the original
// algorithm (the reference oracle, with the same batch checker) tick by
// tick on twin city worlds, alternating, so both see the same machine
// load, and reports each one's mean ms per tick and their ratio.
func BenchmarkUpdateCityVsReference(b *testing.B) {
	sysRig, refRig := newCityRig(), newCityRig()
	sys := New(sysRig.batch, zerolog.Nop())
	ref := newReference(refRig.batch, zerolog.Nop())
	ref.check = NewBatchChecker().Check
	var sysTime, refTime time.Duration
	for i := 0; i < 10; i++ { // warm up: spawn everyone, size the buffers
		sysRig.next()
		sys.Update(sysRig.w)
		refRig.next()
		ref.update(refRig.w)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sysRig.next()
		start := time.Now()
		sys.Update(sysRig.w)
		sysTime += time.Since(start)
		refRig.next()
		start = time.Now()
		ref.update(refRig.w)
		refTime += time.Since(start)
	}
	b.ReportMetric(float64(sysTime.Microseconds())/1000/float64(b.N), "ms/tick")
	b.ReportMetric(float64(refTime.Microseconds())/1000/float64(b.N), "ref-ms/tick")
	b.ReportMetric(float64(sysTime)/float64(refTime), "ratio")
}
