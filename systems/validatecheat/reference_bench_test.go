package validatecheat

import (
	"testing"

	"github.com/rs/zerolog"

	"github.com/tickforge/tickforge/sim/scenario/scenariotest"
)

// BenchmarkUpdateCityVsReference runs the system and the original
// algorithm (the reference oracle, with the same batch checker) tick by
// tick on twin city worlds fed through ingest, alternating, so both see
// the same machine load, and reports each one's mean ms per tick and their
// ratio.
func BenchmarkUpdateCityVsReference(b *testing.B) {
	sysRig, refRig := scenariotest.NewRig(b, "city", 1), scenariotest.NewRig(b, "city", 1)
	sys := New(sysRig.Batch, zerolog.Nop())
	ref := newReference(refRig.Batch, zerolog.Nop())
	ref.check = NewBatchChecker().Check
	scenariotest.BenchTwins(b, 10,
		scenariotest.Twin{Advance: sysRig.Next, Update: func() { sys.Update(sysRig.World) }},
		scenariotest.Twin{Advance: refRig.Next, Update: func() { ref.update(refRig.World) }})
}
