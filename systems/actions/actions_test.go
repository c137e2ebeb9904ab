package actions_test

import (
	"math"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/systems/actions"
	"github.com/tickforge/tickforge/systems/broadcast"
	"github.com/tickforge/tickforge/systems/ingest"
)

// sink records which connections were sent an event.
type sink struct{ to []uint32 }

func (s *sink) Send(conn uint32, _ broadcast.Delivery, _ wire.Priority, _ []byte) bool {
	s.to = append(s.to, conn)
	return true
}

// world spawns players 1 (user 10) at (100,0,100), 2 (user 20) three units
// away, 3 (user 30) 20 units away and 4 (user 40) out of view, then runs
// two ticks so the AOI has a view.
func world(t *testing.T) (*sim.Pipeline, *actions.System, *queue.Ring[actions.Action], *sink) {
	t.Helper()
	p, err := sim.NewPipeline(sim.PipelineOptions{Capacity: 16})
	if err != nil {
		t.Fatal(err)
	}
	for i, pos := range []mgl32.Vec3{{100, 0, 100}, {103, 0, 100}, {120, 0, 100}, {400, 0, 400}} {
		p.Push(&ingest.Event{Kind: ingest.KindConnect, Conn: uint32(i + 1), UserID: uint64(10 * (i + 1)), Spawn: pos, HasSpawn: true})
	}
	p.Loop.Step()
	p.Loop.Step()
	q := queue.MustRing[actions.Action](64)
	sk := &sink{}
	return p, actions.New(q, p.AOI, sk, actions.Config{}), q, sk
}

func TestApplyVerdicts(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		name      string
		conn      uint32
		msg       wire.PlayerAction
		want      actions.Reject
		events    int   // events sent
		targetHP  int32 // HP of user 20 afterwards
		targetCon uint32
	}{
		{"attack visible in range", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionAttack, Attack: wire.Attack{TargetID: 20, Damage: 30}}, actions.Applied, 3, 70, 2},
		{"damage capped", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionAttack, Attack: wire.Attack{TargetID: 20, Damage: 1000}}, actions.Applied, 3, 0, 2},
		{"attack out of range", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionAttack, Attack: wire.Attack{TargetID: 30, Damage: 5}}, actions.RejectOutOfRange, 0, 100, 2},
		{"attack not visible", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionAttack, Attack: wire.Attack{TargetID: 40, Damage: 5}}, actions.RejectNotVisible, 0, 100, 2},
		{"wrong user", 1, wire.PlayerAction{UserID: 20, Kind: wire.ActionAttack, Attack: wire.Attack{TargetID: 20, Damage: 5}}, actions.RejectWrongUser, 0, 100, 2},
		{"unknown conn", 9, wire.PlayerAction{UserID: 10, Kind: wire.ActionUseItem, UseItem: wire.UseItem{ItemID: 1}}, actions.RejectUnknownPlayer, 0, 100, 2},
		{"use item", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionUseItem, UseItem: wire.UseItem{ItemID: 7}}, actions.Applied, 3, 100, 2},
		{"use item zero", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionUseItem}, actions.RejectInvalid, 0, 100, 2},
		{"interact", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionInteract, Interact: wire.Interact{ObjectID: 3}}, actions.Applied, 3, 100, 2},
		{"cast near", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionCast, Cast: wire.Cast{SkillID: 1, TargetPos: [3]float32{110, 0, 100}}}, actions.Applied, 3, 100, 2},
		{"cast far", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionCast, Cast: wire.Cast{SkillID: 1, TargetPos: [3]float32{200, 0, 100}}}, actions.RejectOutOfRange, 0, 100, 2},
		{"cast NaN", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionCast, Cast: wire.Cast{TargetPos: [3]float32{nan, 0, 0}}}, actions.RejectNonFinite, 0, 100, 2},
		{"cast outside world", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionCast, Cast: wire.Cast{TargetPos: [3]float32{100, -500, 100}}}, actions.RejectInvalid, 0, 100, 2},
		{"move NaN", 1, wire.PlayerAction{UserID: 10, Kind: wire.ActionMove, Move: wire.Move{Speed: nan}}, actions.RejectNonFinite, 0, 100, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, sys, _, sk := world(t)
			if got := sys.Apply(p.World, &actions.Action{Conn: tc.conn, Msg: tc.msg}); got != tc.want {
				t.Fatalf("verdict %v, want %v", got, tc.want)
			}
			if len(sk.to) != tc.events {
				t.Fatalf("events to %v, want %d", sk.to, tc.events)
			}
			e, _ := p.World.EntityOf(tc.targetCon)
			if hp := p.World.Healths.Get(e).HP; hp != tc.targetHP {
				t.Fatalf("target HP %d, want %d", hp, tc.targetHP)
			}
		})
	}
}

func TestMoveSetsCappedVelocity(t *testing.T) {
	p, sys, q, _ := world(t)
	q.Push(&actions.Action{Conn: 1, Msg: wire.PlayerAction{UserID: 10, Kind: wire.ActionMove, Move: wire.Move{Direction: [3]float32{3, 0, 4}, Speed: 500}}})
	sys.Update(p.World)
	e, _ := p.World.EntityOf(1)
	v := p.World.Velocities.Get(e).Vec3
	if want := (mgl32.Vec3{60, 0, 80}); v.Sub(want).Len() > 1e-3 {
		t.Fatalf("velocity %v, want %v", v, want)
	}
	if st := sys.Stats(); st.Verdicts[actions.Applied] != 1 || st.ByKind[wire.ActionMove] != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestGameValidateHook(t *testing.T) {
	p, _, q, _ := world(t)
	sys := actions.New(q, p.AOI, &sink{}, actions.Config{Validate: func(_ *ecs.World, _ ecs.Entity, a *wire.PlayerAction) bool { return a.UseItem.ItemID != 13 }})
	for _, tc := range []struct {
		item uint32
		want actions.Reject
	}{{12, actions.Applied}, {13, actions.RejectInvalid}} {
		a := actions.Action{Conn: 1, Msg: wire.PlayerAction{UserID: 10, Kind: wire.ActionUseItem, UseItem: wire.UseItem{ItemID: tc.item}}}
		if got := sys.Apply(p.World, &a); got != tc.want {
			t.Errorf("item %d: %v, want %v", tc.item, got, tc.want)
		}
	}
}

func TestUpdateAllocatesNothing(t *testing.T) {
	p, sys, q, _ := world(t)
	a := actions.Action{Conn: 1, Msg: wire.PlayerAction{UserID: 10, Kind: wire.ActionUseItem, UseItem: wire.UseItem{ItemID: 7}}}
	sys = actions.New(q, p.AOI, &broadcast.DiscardSink{}, actions.Config{})
	allocs := testing.AllocsPerRun(100, func() {
		q.Push(&a)
		sys.Update(p.World)
	})
	if allocs != 0 {
		t.Fatalf("Update allocates %v per run", allocs)
	}
}
