package ingest_test

import (
	"testing"

	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim/scenario/scenariotest"
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
	batched := scenariotest.NewRig(b, "city", 1)
	oneByOne := scenariotest.NewRigReading(b, "city", 1,
		func(q *queue.Ring[ingest.Event]) ingest.Source { return popOnly{q} })
	scenariotest.BenchTwins(b, 10,
		scenariotest.Twin{Advance: batched.Generate, Update: batched.Ingest},
		scenariotest.Twin{Advance: oneByOne.Generate, Update: oneByOne.Ingest, Name: "one-by-one"})
}
