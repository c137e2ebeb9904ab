package interpolate_test

import (
	"testing"

	"github.com/tickforge/tickforge/sim/simtest"
	"github.com/tickforge/tickforge/systems/interpolate"
)

// BenchmarkUpdateCity times interpolate alone on the city scenario (10,000
// players moving every tick, ~1,800 of them mid-turn) inside the whole
// pipeline, so the state evolves as in the real tick.
func BenchmarkUpdateCity(b *testing.B) {
	p := simtest.BenchmarkSystem(b, "city", interpolate.Name)
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(p.World.PlayerCount()), "ns/entity")
}
