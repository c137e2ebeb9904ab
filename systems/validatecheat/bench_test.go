package validatecheat_test

import (
	"testing"

	"github.com/tickforge/tickforge/sim/simtest"
	"github.com/tickforge/tickforge/systems/validatecheat"
)

// BenchmarkUpdateCity times validate-cheat alone on the city scenario's
// inputs (10,000 players, 1% of each cheat kind, ~13,700 inputs a tick)
// inside the whole pipeline, so the state evolves as in the real tick.
func BenchmarkUpdateCity(b *testing.B) {
	p := simtest.BenchmarkSystem(b, "city", validatecheat.Name)
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(p.Batch.Len()), "ns/input")
}
