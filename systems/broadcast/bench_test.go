package broadcast

import (
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/systems/aoigrid"
)

// BenchmarkUpdate measures one broadcast tick at the density of the city
// scenario (10,000 players in 2000×2000), after the AOI pass; the AOI work
// is excluded from the timing. In "moving=all" every player moved this tick,
// as in the city scenario; in "moving=half" every other one did, so half of
// the visible records are left out of the payloads.
func BenchmarkUpdate(b *testing.B) {
	for _, tc := range []struct {
		name      string
		moveEvery int
	}{{"moving=all", 1}, {"moving=half", 2}} {
		b.Run(tc.name, func(b *testing.B) { benchUpdate(b, tc.moveEvery) })
	}
}

func benchUpdate(b *testing.B, moveEvery int) {
	const n, side = 10_000, 2_000
	cfg := ecs.DefaultConfig()
	cfg.WorldMax = mgl32.Vec3{side, 100, side}
	w, err := ecs.NewWorld(cfg, n)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	ents := make([]ecs.Entity, n)
	for i := range ents {
		ents[i], _ = w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), UserID: uint64(i) + 1,
			Position: mgl32.Vec3{rng.Float32() * side, 0, rng.Float32() * side}})
	}
	aoi := aoigrid.New(n)
	sink := &DiscardSink{}
	sys := New(aoi, sink)
	tick := func() {
		w.Time.Tick++
		w.Time.Now += w.Config.TickDuration()
		for i, e := range ents {
			moved := i%moveEvery == 0
			if moved {
				p := w.Positions.Get(e)
				p.Vec3[0] = min(max(p.Vec3[0]+rng.Float32()*2-1, 0), side)
			}
			w.Motions.Get(e).Moved = moved
		}
		aoi.Update(w)
	}
	tick()
	sys.Update(w)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		tick()
		b.StartTimer()
		sys.Update(w)
	}
	b.StopTimer()
	st := sys.Stats()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/observer")
	b.ReportMetric(float64(st.Records)/float64(b.N+1), "records/tick")
}
