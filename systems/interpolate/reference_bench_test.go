package interpolate

import (
	"testing"

	"github.com/mlange-42/arche/generic"
	"github.com/rs/zerolog"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim/scenario/scenariotest"
	"github.com/tickforge/tickforge/systems/validatecheat"
)

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
		p = clampToWorld(p, cfg)
		mo.Moved = p != pos.Vec3 || r != rot.Quat
		pos.Vec3, rot.Quat = p, r
		if now-mo.Start >= cfg.InterpolationTime+cfg.ExtrapolationLimit {
			mo.Active = false
		}
	}
}

// BenchmarkUpdateCityVsReference runs the system and the original mgl32
// code tick by tick on twin city worlds fed through ingest and
// validate-cheat, alternating, so both see the same machine load, and
// reports each one's mean ms per tick and their ratio.
func BenchmarkUpdateCityVsReference(b *testing.B) {
	sysRig, refRig := scenariotest.NewRig(b, "city", 1), scenariotest.NewRig(b, "city", 1)
	sysVC := validatecheat.New(sysRig.Batch, zerolog.Nop())
	refVC := validatecheat.New(refRig.Batch, zerolog.Nop())
	sys := New()
	filter := generic.NewFilter3[ecs.Position, ecs.Rotation, ecs.Motion]()
	scenariotest.BenchTwins(b, 10,
		scenariotest.Twin{
			Advance: func() { sysRig.Next(); sysVC.Update(sysRig.World) },
			Update:  func() { sys.Update(sysRig.World) },
		},
		scenariotest.Twin{
			Advance: func() { refRig.Next(); refVC.Update(refRig.World) },
			Update:  func() { referenceUpdate(filter, refRig.World) },
		})
}
