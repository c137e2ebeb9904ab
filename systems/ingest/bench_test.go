package ingest_test

import (
	"testing"

	"github.com/tickforge/tickforge/sim/simtest"
	"github.com/tickforge/tickforge/systems/ingest"
)

// BenchmarkUpdateCity times ingest alone draining the city scenario's
// events (10,000 players, ~13,700 inputs a tick) inside the whole
// pipeline, so the state evolves as in the real tick.
func BenchmarkUpdateCity(b *testing.B) {
	p := simtest.BenchmarkSystem(b, "city", ingest.Name)
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(p.Batch.Len()), "ns/input")
}
