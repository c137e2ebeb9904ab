package interpolate

import (
	"testing"
	"time"

	"github.com/mlange-42/arche/generic"
	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim/scenario"
	"github.com/tickforge/tickforge/systems/ingest"
	"github.com/tickforge/tickforge/systems/validatecheat"
)

// cityRig is a city-scenario world fed through ingest and validate-cheat,
// for benchmarks.
type cityRig struct {
	w   *ecs.World
	q   *queue.Ring[ingest.Event]
	in  *ingest.System
	vc  *validatecheat.System
	gen *scenario.Generator
}

func newCityRig() *cityRig {
	spec := scenario.Specs["city"]
	w, err := ecs.NewWorld(spec.Config(ecs.DefaultConfig()), spec.Players)
	if err != nil {
		panic(err)
	}
	r := &cityRig{w: w, q: queue.MustRing[ingest.Event](1 << 16)}
	batch := &ecs.InputBatch{}
	r.in = ingest.New(r.q, batch, r.q.Cap())
	r.vc = validatecheat.New(batch, zerolog.Nop())
	r.gen = scenario.NewGenerator(spec, w.Config, 1)
	r.gen.Connect(r.push)
	return r
}

func (r *cityRig) push(ev *ingest.Event) bool { return r.q.Push(ev) }

// next advances the clock one tick and runs the systems before interpolate.
func (r *cityRig) next() {
	r.w.Time.Tick++
	r.w.Time.Now += r.w.Time.Dt
	r.gen.Inputs(r.w.Time.Now, r.push)
	r.in.Update(r.w)
	r.vc.Update(r.w)
}

// referenceUpdate is Update as it was first written, on referencePose.
func referenceUpdate(f *generic.Filter3[ecs.Position, ecs.Rotation, ecs.Motion], w *ecs.World) {
	cfg := &w.Config
	now := w.Time.Now
	q := f.Query(&w.ECS)
	for q.Next() {
		pos, rot, mo := q.Get()
		mo.Moved = false
		if !mo.Active {
			continue
		}
		p, r := referencePose(mo, now, cfg.InterpolationTime, cfg.ExtrapolationLimit)
		for a := 0; a < 3; a++ {
			p[a] = min(max(p[a], cfg.WorldMin[a]), cfg.WorldMax[a])
		}
		mo.Moved = p != pos.Vec3 || r != rot.Quat
		pos.Vec3, rot.Quat = p, r
		if now-mo.Start >= cfg.InterpolationTime+cfg.ExtrapolationLimit {
			mo.Active = false
		}
	}
}

// BenchmarkUpdateCityVsReference runs the system and the original mgl32
// code tick by tick on twin city worlds, alternating, so both see the same
// machine load, and reports each one's mean ms per tick and their ratio.
func BenchmarkUpdateCityVsReference(b *testing.B) {
	sysRig, refRig := newCityRig(), newCityRig()
	sys := New()
	filter := generic.NewFilter3[ecs.Position, ecs.Rotation, ecs.Motion]()
	var sysTime, refTime time.Duration
	for i := 0; i < 10; i++ { // warm up: spawn everyone, size the buffers
		sysRig.next()
		sys.Update(sysRig.w)
		refRig.next()
		referenceUpdate(filter, refRig.w)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sysRig.next()
		start := time.Now()
		sys.Update(sysRig.w)
		sysTime += time.Since(start)
		refRig.next()
		start = time.Now()
		referenceUpdate(filter, refRig.w)
		refTime += time.Since(start)
	}
	b.ReportMetric(float64(sysTime.Microseconds())/1000/float64(b.N), "ms/tick")
	b.ReportMetric(float64(refTime.Microseconds())/1000/float64(b.N), "ref-ms/tick")
	b.ReportMetric(float64(sysTime)/float64(refTime), "ratio")
}
