package aoigrid

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/ecs"
)

// scenario describes one randomized property-test world.
type scenario struct {
	n          int     // initial players
	extent     float32 // positions in [-extent, extent] around the centre
	centre     float32
	lattice    float32 // if > 0, coordinates snap to multiples of it
	rooms      int
	maxVisible int
	clusters   int  // if > 0, players crowd around this many points
	dupUIDs    bool // UserIDs repeat, so the entity-ID tie-break matters
	nonFinite  bool // a few positions are NaN or ±Inf
	outside    bool // the world bounds are smaller than the spread
}

// randomScenario derives a scenario from the seed so the seeds cover many
// shapes of world.
func randomScenario(rng *rand.Rand) scenario {
	sc := scenario{
		n:          2 + rng.IntN(200),
		extent:     []float32{60, 150, 400}[rng.IntN(3)],
		centre:     []float32{0, -500, 300}[rng.IntN(3)],
		rooms:      1 + rng.IntN(3),
		maxVisible: []int{1, 3, 8, 128}[rng.IntN(4)],
	}
	if rng.IntN(2) == 0 {
		// Multiples of 5 hit cell borders (multiples of 50), distances of
		// exactly R (30-40-50, 50-0) and exactly R+margin (33-44-55, 55-0).
		sc.lattice = []float32{5, 10, 25, 50}[rng.IntN(4)]
	}
	if rng.IntN(4) == 0 {
		sc.clusters = 1 + rng.IntN(3)
		sc.n += 60 + rng.IntN(120) // hundreds in one cell so the cap engages
	}
	sc.dupUIDs = rng.IntN(4) == 0
	sc.nonFinite = rng.IntN(8) == 0
	sc.outside = rng.IntN(6) == 0
	return sc
}

// testWorld drives an ecs.World through spawns, moves and despawns.
type testWorld struct {
	w        *ecs.World
	rng      *rand.Rand
	sc       scenario
	nextConn uint32
	conns    []uint32
	centres  []mgl32.Vec3
}

func newTestWorld(t testing.TB, sc scenario, seed uint64) *testWorld {
	t.Helper()
	cfg := ecs.DefaultConfig()
	cfg.AOIMaxVisible = sc.maxVisible
	half := sc.extent + 100
	if sc.outside {
		half = sc.extent / 2
	}
	cfg.WorldMin = mgl32.Vec3{sc.centre - half, -100, sc.centre - half}
	cfg.WorldMax = mgl32.Vec3{sc.centre + half, 100, sc.centre + half}
	w, err := ecs.NewWorld(cfg, sc.n)
	if err != nil {
		t.Fatal(err)
	}
	tw := &testWorld{w: w, rng: rand.New(rand.NewPCG(seed, 0x5eed)), sc: sc}
	for i := 0; i < sc.clusters; i++ {
		tw.centres = append(tw.centres, tw.randomPoint(sc.extent))
	}
	for i := 0; i < sc.n; i++ {
		tw.spawn()
	}
	return tw
}

func (tw *testWorld) snap(v float32) float32 {
	if tw.sc.lattice > 0 {
		return float32(math.Round(float64(v/tw.sc.lattice))) * tw.sc.lattice
	}
	return v
}

func (tw *testWorld) randomPoint(extent float32) mgl32.Vec3 {
	x := tw.sc.centre + (tw.rng.Float32()*2-1)*extent
	z := tw.sc.centre + (tw.rng.Float32()*2-1)*extent
	return mgl32.Vec3{tw.snap(x), 0, tw.snap(z)}
}

func (tw *testWorld) position() mgl32.Vec3 {
	if tw.sc.nonFinite && tw.rng.IntN(20) == 0 {
		bad := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
		return mgl32.Vec3{bad[tw.rng.IntN(3)], 0, tw.sc.centre}
	}
	if len(tw.centres) > 0 {
		c := tw.centres[tw.rng.IntN(len(tw.centres))]
		spread := []float32{0, 2, 20}[tw.rng.IntN(3)]
		return mgl32.Vec3{
			tw.snap(c[0] + (tw.rng.Float32()*2-1)*spread), 0,
			tw.snap(c[2] + (tw.rng.Float32()*2-1)*spread),
		}
	}
	return tw.randomPoint(tw.sc.extent)
}

func (tw *testWorld) spawn() {
	tw.nextConn++
	uid := uint64(tw.nextConn) * 7919
	if tw.sc.dupUIDs {
		uid = uint64(tw.rng.IntN(4))
	}
	_, ok := tw.w.SpawnPlayer(ecs.SpawnSpec{
		Conn: tw.nextConn, UserID: uid, Room: uint32(tw.rng.IntN(tw.sc.rooms)), Position: tw.position(),
	})
	if ok {
		tw.conns = append(tw.conns, tw.nextConn)
	}
}

// churn moves some players (a few teleport, most step a little), changes a
// few rooms, despawns some (if despawn) and spawns some.
func (tw *testWorld) churn(despawn bool) {
	for _, conn := range tw.conns {
		e, _ := tw.w.EntityOf(conn)
		pos := tw.w.Positions.Get(e)
		switch r := tw.rng.IntN(20); {
		case r == 0:
			pos.Vec3 = tw.position()
		case r < 12:
			step := float32(8)
			pos.Vec3[0] = tw.snap(pos.Vec3[0] + (tw.rng.Float32()*2-1)*step)
			pos.Vec3[2] = tw.snap(pos.Vec3[2] + (tw.rng.Float32()*2-1)*step)
		}
		if tw.sc.rooms > 1 && tw.rng.IntN(50) == 0 {
			tw.w.Players.Get(e).Room = uint32(tw.rng.IntN(tw.sc.rooms))
		}
	}
	kept := tw.conns[:0]
	for _, conn := range tw.conns {
		if despawn && tw.rng.IntN(15) == 0 {
			tw.w.DespawnConn(conn)
			continue
		}
		kept = append(kept, conn)
	}
	tw.conns = kept
	for i, spawns := 0, tw.rng.IntN(tw.sc.n/10+2); i < spawns; i++ {
		tw.spawn()
	}
}

// checkAgainstOracle compares every observer of s with the oracle's result.
func checkAgainstOracle(t *testing.T, s *System, w *ecs.World, want map[ecs.Entity]oracleResult) {
	t.Helper()
	if s.Observers() != len(want) {
		t.Fatalf("Observers() = %d, oracle has %d", s.Observers(), len(want))
	}
	var r Results
	s.ResultsInto(&r)
	for i := 0; i < s.Observers(); i++ {
		v := s.Observer(i)
		if got := resultsView(&r, i); !reflect.DeepEqual(got, v) {
			t.Fatalf("observer %d: Results give %+v, Observer %+v", i, got, v)
		}
		exp, ok := want[v.Entity]
		if !ok {
			t.Fatalf("observer %d: entity %v unknown to the oracle", i, v.Entity)
		}
		if pl := w.Players.Get(v.Entity); v.UserID != pl.UserID || v.Conn != pl.Conn || v.Room != pl.Room {
			t.Fatalf("observer %d: identity %d/%d/%d, world says %+v", i, v.UserID, v.Conn, v.Room, *pl)
		}
		got := func(dense []int32) []ecs.Entity {
			out := make([]ecs.Entity, len(dense))
			for k, d := range dense {
				out[k], _, _ = s.EntityAt(d)
			}
			sortEntities(out)
			return out
		}
		left := slices.Clone(v.Left)
		sortEntities(left)
		for _, cmp := range []struct {
			name      string
			got, want []ecs.Entity
		}{
			{"visible", got(v.Visible), exp.visible},
			{"entered", got(v.Entered), exp.entered},
			{"left", left, exp.left},
		} {
			if !slices.Equal(cmp.got, cmp.want) {
				pos := w.Positions.Get(v.Entity).Vec3
				t.Fatalf("observer %d (%v at %v): %s = %v, oracle %v", i, v.Entity, pos, cmp.name, cmp.got, cmp.want)
			}
		}
		for k, e := range v.Left {
			if v.LeftUserIDs[k] != exp.leftUID[e] {
				t.Fatalf("observer %d: left %v UserID %d, oracle %d", i, e, v.LeftUserIDs[k], exp.leftUID[e])
			}
		}
	}
}

// TestMatchesOracle runs randomized worlds through several ticks of churn and
// requires the grid system to agree exactly with the brute-force oracle.
func TestMatchesOracle(t *testing.T) {
	t.Parallel()
	const seeds, ticks = 200, 5
	var capped, entered, left, goneTicks, keptTicks int
	for seed := uint64(1); seed <= seeds; seed++ {
		sc := randomScenario(rand.New(rand.NewPCG(seed, 1)))
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			tw := newTestWorld(t, sc, seed)
			s, m := New(sc.n), newOracle()
			for tick := 0; tick < ticks; tick++ {
				if tick > 0 {
					// Odd ticks despawn nobody: ticks with and
					// without departures (which send the observers
					// that saw a departed entity to the Go path) are
					// both checked.
					tw.churn(tick%2 == 0)
				}
				s.Update(tw.w)
				checkAgainstOracle(t, s, tw.w, m.step(tw.w))
				if tick > 0 && slices.Contains(s.prevToCur, -1) {
					goneTicks++
				} else if tick > 0 {
					keptTicks++
				}
				st := s.Stats()
				capped, entered, left = capped+st.Capped, entered+st.Entered, left+st.Left
			}
		})
	}
	// The seeds must actually exercise the cap, entering and leaving.
	if capped == 0 || entered == 0 || left == 0 || goneTicks == 0 || keptTicks == 0 {
		t.Errorf("weak coverage: capped %d, entered %d, left %d, ticks with and without gone entities %d and %d",
			capped, entered, left, goneTicks, keptTicks)
	}
}

// TestStampWrapAround forces the mark stamps past their wrap-around point in
// the middle of a run; results must not change.
func TestStampWrapAround(t *testing.T) {
	t.Parallel()
	sc := scenario{n: 120, extent: 150, rooms: 1, maxVisible: 8, lattice: 5}
	tw := newTestWorld(t, sc, 42)
	s, m := New(sc.n), newOracle()
	for tick := 0; tick < 4; tick++ {
		if tick > 0 {
			tw.churn(true)
		}
		if tick == 2 {
			s.stamp = math.MaxUint32 - 101 // wraps within this tick's observers
		}
		s.Update(tw.w)
		checkAgainstOracle(t, s, tw.w, m.step(tw.w))
	}
	if s.stamp > 1000 {
		t.Fatalf("stamp %d: the wrap-around was not reached", s.stamp)
	}
}

// FuzzMatchesOracle drives randomized worlds, chosen by the fuzzer's seed,
// through a few ticks against the oracle.
func FuzzMatchesOracle(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 17, 99, 12345} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		sc := randomScenario(rand.New(rand.NewPCG(seed, 1)))
		tw := newTestWorld(t, sc, seed)
		s, m := New(sc.n), newOracle()
		for tick := 0; tick < 3; tick++ {
			if tick > 0 {
				tw.churn(tick == 1)
			}
			s.Update(tw.w)
			checkAgainstOracle(t, s, tw.w, m.step(tw.w))
		}
	})
}

// resultsView builds observer i's view from r, field by field.
func resultsView(r *Results, i int) ObserverView {
	return ObserverView{
		Entity: r.Entity[i], UserID: r.UserID[i], Conn: r.Conn[i], Room: r.Room[i],
		Visible: r.Visible.Of(i), Entered: r.Entered.Of(i),
		Left: r.Left.Of(i), LeftUserIDs: r.LeftUserIDs.Of(i),
	}
}
