package aoigrid

import (
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/ecs"
)

// movingWorld is a world of n players at the density of a scenario, each
// doing a random walk within the honest speed every tick.
type movingWorld struct {
	w    *ecs.World
	rng  *rand.Rand
	ents []ecs.Entity
	step float32
}

func newMovingWorld(tb testing.TB, n int, side float32, seed uint64) *movingWorld {
	tb.Helper()
	cfg := ecs.DefaultConfig()
	cfg.WorldMin = mgl32.Vec3{0, -100, 0}
	cfg.WorldMax = mgl32.Vec3{side, 100, side}
	w, err := ecs.NewWorld(cfg, n)
	if err != nil {
		tb.Fatal(err)
	}
	mw := &movingWorld{w: w, rng: rand.New(rand.NewPCG(seed, 99)), step: cfg.MaxPositionDelta / float32(cfg.TickRate)}
	for i := 0; i < n; i++ {
		e, _ := w.SpawnPlayer(ecs.SpawnSpec{
			Conn: uint32(i), UserID: uint64(i) + 1,
			Position: mgl32.Vec3{mw.rng.Float32() * side, 0, mw.rng.Float32() * side},
		})
		mw.ents = append(mw.ents, e)
	}
	return mw
}

// move gives every player a random step, kept inside the world.
func (mw *movingWorld) move() {
	lo, hi := mw.w.Config.WorldMin, mw.w.Config.WorldMax
	for _, e := range mw.ents {
		p := mw.w.Positions.Get(e)
		p.Vec3[0] = min(max(p.Vec3[0]+(mw.rng.Float32()*2-1)*mw.step, lo[0]), hi[0])
		p.Vec3[2] = min(max(p.Vec3[2]+(mw.rng.Float32()*2-1)*mw.step, lo[2]), hi[2])
	}
}

// replaceOne despawns a random player and spawns one in its place at a
// random position (with a new connection): one player leaving and one
// joining.
func (mw *movingWorld) replaceOne() {
	k := mw.rng.IntN(len(mw.ents))
	pl := mw.w.Players.Get(mw.ents[k])
	conn := pl.Conn + uint32(len(mw.ents))
	mw.w.DespawnConn(pl.Conn)
	lo, hi := mw.w.Config.WorldMin, mw.w.Config.WorldMax
	e, ok := mw.w.SpawnPlayer(ecs.SpawnSpec{
		Conn: conn, UserID: uint64(conn) + 1,
		Position: mgl32.Vec3{lo[0] + mw.rng.Float32()*(hi[0]-lo[0]), 0, lo[2] + mw.rng.Float32()*(hi[2]-lo[2])},
	})
	if !ok {
		panic("aoigrid test: a replacement player was not spawned")
	}
	mw.ents[k] = e
}

// TestZeroAllocsPerTick: once warmed up, Update and reading every observer's
// view allocate nothing, with 2,000 players moving each tick.
func TestZeroAllocsPerTick(t *testing.T) {
	mw := newMovingWorld(t, 2000, 1400, 1)
	s := New(2000)
	var sink, changes int
	tick := func() {
		mw.move()
		s.Update(mw.w)
		changes += s.Stats().Entered + s.Stats().Left
		for i := 0; i < s.Observers(); i++ {
			v := s.Observer(i)
			sink += len(v.Visible) + len(v.Entered) + len(v.Left)
		}
	}
	for i := 0; i < 30; i++ {
		tick()
	}
	if allocs := testing.AllocsPerRun(50, tick); allocs != 0 {
		t.Fatalf("%v allocations per tick, want 0", allocs)
	}
	if sink == 0 || changes == 0 {
		t.Fatalf("visible %d, entered+left %d: the test world must see and change", sink, changes)
	}
}
