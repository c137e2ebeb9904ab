package sim_test

import (
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/systems/ingest"
)

// TestInputEveryTickMovesTheEntity drives one player that sends an input
// every tick, walking at 60 units/s, and checks the server's position keeps
// up: it moves on the very tick a move is accepted and trails the client by
// about the interpolation time, not more.
func TestInputEveryTickMovesTheEntity(t *testing.T) {
	p, err := sim.NewPipeline(sim.PipelineOptions{})
	if err != nil {
		t.Fatal(err)
	}
	start := mgl32.Vec3{100, 0, 100}
	p.Push(&ingest.Event{Kind: ingest.KindConnect, Conn: 1, UserID: 1, Spawn: start, HasSpawn: true})
	p.Loop.Step()
	e, _ := p.World.EntityOf(1)
	dt := float32(p.World.Config.TickDuration().Seconds())
	const speed = 60
	client := start
	for tick := 1; tick <= 120; tick++ {
		client = client.Add(mgl32.Vec3{speed * dt, 0, 0})
		now := p.Loop.NextTickAt()
		p.Push(&ingest.Event{Kind: ingest.KindInput, Conn: 1, Input: ecs.Input{
			Seq: uint16(tick), Timestamp: uint32(now.Milliseconds()), Position: client, Rotation: mgl32.QuatIdent(),
			Velocity: mgl32.Vec3{speed, 0, 0},
		}})
		before := p.World.Positions.Get(e).Vec3
		p.Loop.Step()
		after := p.World.Positions.Get(e).Vec3
		if after[0] <= before[0] {
			t.Fatalf("tick %d: accepted move did not advance the entity (%v → %v)", tick, before, after)
		}
	}
	lag := client[0] - p.World.Positions.Get(e).Vec3[0]
	// Steady state of restarting a 100 ms interpolation every tick: the
	// entity trails by about speed × interpolation time (6 units here).
	if lag < 0 || lag > speed*float32(p.World.Config.InterpolationTime.Seconds())*1.2 {
		t.Fatalf("entity trails the client by %.2f units", lag)
	}
	if c := p.Validate.Counts(); c[ecs.ReasonAccepted] != 120 {
		t.Fatalf("accepted %d of 120 inputs: %v", c[ecs.ReasonAccepted], c)
	}
}
