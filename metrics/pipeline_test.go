package metrics_test

import (
	"testing"

	"github.com/tickforge/tickforge/sim"
)

func newPipeline(t *testing.T) *sim.Pipeline {
	t.Helper()
	p, err := sim.NewPipeline(sim.PipelineOptions{Capacity: 16})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
