package validatecheat

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
)

type harness struct {
	w     *ecs.World
	batch *ecs.InputBatch
	sys   *System
	tick  time.Duration
}

func newHarness(t testing.TB, players int) *harness {
	t.Helper()
	w, err := ecs.NewWorld(ecs.DefaultConfig(), players)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{w: w, batch: &ecs.InputBatch{}, tick: w.Config.TickDuration()}
	h.sys = New(h.batch, zerolog.Nop())
	w.Time.Now = 10 * time.Second
	for c := 0; c < players; c++ {
		w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(c), UserID: uint64(c + 1), Position: mgl32.Vec3{500, 0, 500}})
	}
	return h
}

// step advances one tick and judges the given inputs.
func (h *harness) step(inputs ...ecs.Input) []ecs.RejectReason {
	h.w.Time.Tick++
	h.w.Time.Now += h.tick
	h.batch.Reset()
	for _, in := range inputs {
		h.batch.Append(in)
	}
	h.sys.Update(h.w)
	return append([]ecs.RejectReason(nil), h.batch.Reason...)
}

func (h *harness) nowMS() uint32 { return h.w.Time.NowMillis() }

func TestEachRuleRejectsItsCaseAndAcceptsTheHonestNeighbour(t *testing.T) {
	nan := float32(math.NaN())
	inf := float32(math.Inf(1))
	// Each case: one input 1 s after spawn (anchor at 500,0,500 at spawn time).
	tests := []struct {
		name   string
		pos    mgl32.Vec3
		tsOff  int32 // ms relative to server now
		seq    uint16
		want   ecs.RejectReason
		prefix []uint16 // sequences sent (honestly) before this one
	}{
		{"honest move at full speed", mgl32.Vec3{600, 0, 500}, 0, 1, ecs.ReasonAccepted, nil},
		// allowed = 100 u/s × 1 s + 100 × (100 ms jitter + 2 ms rounding) + 0.01 = 110.21
		{"speed just over the limit", mgl32.Vec3{610.3, 0, 500}, 0, 1, ecs.ReasonSpeed, nil},
		{"speed within jitter tolerance", mgl32.Vec3{610.1, 0, 500}, 0, 1, ecs.ReasonAccepted, nil},
		{"teleport", mgl32.Vec3{900, 0, 900}, 0, 1, ecs.ReasonSpeed, nil},
		{"NaN position", mgl32.Vec3{nan, 0, 500}, 0, 1, ecs.ReasonNonFinite, nil},
		{"Inf position", mgl32.Vec3{500, inf, 500}, 0, 1, ecs.ReasonNonFinite, nil},
		{"timestamp 1001 ms ahead", mgl32.Vec3{500, 0, 500}, 1001, 1, ecs.ReasonFuture, nil},
		{"timestamp 1000 ms ahead", mgl32.Vec3{500, 0, 500}, 1000, 1, ecs.ReasonAccepted, nil},
		{"below world min", mgl32.Vec3{500, -100.01, 500}, 0, 1, ecs.ReasonOutOfBounds, nil},
		{"on world max edge", mgl32.Vec3{1000, 100, 1000}, 10000, 1, ecs.ReasonFuture, nil},
		{"stale sequence", mgl32.Vec3{500, 0, 500}, 0, 5, ecs.ReasonStale, []uint16{6}},
		{"duplicate sequence", mgl32.Vec3{500, 0, 500}, 0, 6, ecs.ReasonStale, []uint16{6}},
		{"newer sequence", mgl32.Vec3{500, 0, 500}, 0, 7, ecs.ReasonAccepted, []uint16{6}},
		{"sequence wraps 65535 to 0", mgl32.Vec3{500, 0, 500}, 0, 0, ecs.ReasonAccepted, []uint16{65535}},
		{"sequence from before the wrap", mgl32.Vec3{500, 0, 500}, 0, 65534, ecs.ReasonStale, []uint16{65535, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, 1)
			spawnMS := h.nowMS()
			for _, seq := range tc.prefix {
				if r := h.step(ecs.Input{Conn: 0, Seq: seq, Timestamp: h.nowMS(), Position: mgl32.Vec3{500, 0, 500}}); r[0] != ecs.ReasonAccepted {
					t.Fatalf("prefix seq %d: %v", seq, r[0])
				}
			}
			// The judged input is sent exactly one second after spawn.
			h.w.Time.Now = time.Duration(spawnMS)*time.Millisecond + time.Second - h.tick
			ts := uint32(int32(spawnMS+1000) + tc.tsOff)
			got := h.step(ecs.Input{Conn: 0, Seq: tc.seq, Timestamp: ts, Position: tc.pos, Rotation: mgl32.QuatIdent()})
			if got[0] != tc.want {
				t.Fatalf("verdict %v, want %v", got[0], tc.want)
			}
		})
	}
}

func TestUnknownPlayerAndRateLimit(t *testing.T) {
	h := newHarness(t, 1)
	if r := h.step(ecs.Input{Conn: 42, Seq: 1, Timestamp: h.nowMS()}); r[0] != ecs.ReasonUnknownPlayer {
		t.Fatalf("unknown conn verdict %v", r[0])
	}
	// A flood: 40 inputs in one tick. The burst allows InputBurst of them.
	var flood []ecs.Input
	for i := 0; i < 40; i++ {
		flood = append(flood, ecs.Input{Conn: 0, Seq: uint16(i + 1), Timestamp: h.nowMS(), Position: mgl32.Vec3{500, 0, 500}})
	}
	r := h.step(flood...)
	var accepted, limited int
	for _, v := range r {
		switch v {
		case ecs.ReasonAccepted:
			accepted++
		case ecs.ReasonRate:
			limited++
		}
	}
	if accepted != int(h.w.Config.InputBurst) || limited != 40-accepted {
		t.Fatalf("flood: accepted %d rate-limited %d", accepted, limited)
	}
	// An honest 60 Hz stream after the flood is accepted once tokens refill.
	for i := 0; i < 30; i++ {
		h.step()
	}
	seq := uint16(100)
	for i := 0; i < 600; i++ {
		seq++
		if r := h.step(ecs.Input{Conn: 0, Seq: seq, Timestamp: h.nowMS(), Position: mgl32.Vec3{500, 0, 500}}); r[0] != ecs.ReasonAccepted {
			t.Fatalf("honest input %d after flood: %v", i, r[0])
		}
	}
}

func TestStrikesMarkForKick(t *testing.T) {
	h := newHarness(t, 2)
	kickedAt := -1
	for i := 0; i < 100 && kickedAt < 0; i++ {
		far := mgl32.Vec3{10, 0, 10}
		h.step(
			ecs.Input{Conn: 0, Seq: uint16(i + 1), Timestamp: h.nowMS(), Position: far},
			ecs.Input{Conn: 1, Seq: uint16(i + 1), Timestamp: h.nowMS(), Position: mgl32.Vec3{500, 0, 500}},
		)
		if k := h.sys.Kicked(); len(k) > 0 {
			if len(k) != 1 || k[0] != 0 {
				t.Fatalf("kicked %v, want [0]", k)
			}
			kickedAt = i
		}
	}
	if kickedAt != h.w.Config.StrikeLimit-1 {
		t.Fatalf("kicked after %d rejections, want %d", kickedAt+1, h.w.Config.StrikeLimit)
	}
	e1, _ := h.w.EntityOf(1)
	if h.w.Inputs.Get(e1).Kick {
		t.Fatal("honest player marked for kick")
	}
	if c := h.sys.Counts(); c[ecs.ReasonSpeed] != uint64(h.w.Config.StrikeLimit) {
		t.Fatalf("speed rejections counted %d", c[ecs.ReasonSpeed])
	}
}

// honestWalker is a client that walks at up to max speed with timestamps
// off by up to ±jitter from its true send time.
type honestWalker struct {
	pos   mgl32.Vec3
	dir   mgl32.Vec3
	speed float32
	seq   uint16
}

func TestHonestInputsUnderJitterAreNeverRejected(t *testing.T) {
	for seed := uint64(0); seed < 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		const players = 20
		h := newHarness(t, players)
		cfg := h.w.Config
		walkers := make([]honestWalker, players)
		for i := range walkers {
			walkers[i] = honestWalker{pos: mgl32.Vec3{500, 0, 500}, speed: cfg.MaxPositionDelta * (0.5 + 0.5*rng.Float32())}
			if rng.IntN(2) == 0 {
				walkers[i].speed = cfg.MaxPositionDelta // exactly at the limit
			}
		}
		dt := float32(h.tick.Seconds())
		for tick := 0; tick < 600; tick++ {
			var inputs []ecs.Input
			for i := range walkers {
				wk := &walkers[i]
				if tick%30 == 0 {
					a := rng.Float64() * 2 * math.Pi
					wk.dir = mgl32.Vec3{float32(math.Cos(a)), 0, float32(math.Sin(a))}
				}
				next := wk.pos.Add(wk.dir.Mul(wk.speed * dt))
				for a := 0; a < 3; a += 2 {
					if next[a] < 1 || next[a] > 999 {
						wk.dir[a] = -wk.dir[a]
						next = wk.pos
					}
				}
				wk.pos = next
				wk.seq++
				jitter := int32(rng.IntN(101)) - 50
				// The client's true send time is the end of the tick it moved in.
				ts := uint32(int32(h.nowMS()+uint32(h.tick/time.Millisecond)) + jitter)
				if rng.IntN(20) == 0 { // sometimes an input is late and arrives a tick later
					continue
				}
				inputs = append(inputs, ecs.Input{Conn: uint32(i), Seq: wk.seq, Timestamp: ts, Position: wk.pos, Rotation: mgl32.QuatIdent(), Velocity: wk.dir.Mul(wk.speed)})
			}
			for i, r := range h.step(inputs...) {
				if r != ecs.ReasonAccepted {
					t.Fatalf("seed %d tick %d: honest input %+v rejected: %v", seed, tick, inputs[i], r)
				}
			}
		}
	}
}

func TestSpeedHackIsCaught(t *testing.T) {
	h := newHarness(t, 1)
	pos := mgl32.Vec3{100, 0, 100}
	h.w.Inputs.Get(mustEntity(t, h, 0)).AnchorPos = pos
	h.w.Inputs.Get(mustEntity(t, h, 0)).PendingPos = pos
	var rejected int
	dt := float32(h.tick.Seconds())
	const n = 150 // 3 × 100 u/s × 2.5 s = 750 units: stays inside the world
	for i := 0; i < n; i++ {
		pos = pos.Add(mgl32.Vec3{3 * h.w.Config.MaxPositionDelta * dt, 0, 0})
		if r := h.step(ecs.Input{Conn: 0, Seq: uint16(i + 1), Timestamp: h.nowMS() + 16, Position: pos}); r[0] == ecs.ReasonSpeed {
			rejected++
		}
	}
	// The tolerance (≈10 units) lets the first few through; after that every
	// input is further from the anchor than honest speed allows.
	if rejected < n-5 {
		t.Fatalf("3x speed hack: only %d of %d inputs rejected", rejected, n)
	}
}

func mustEntity(t *testing.T, h *harness, conn uint32) ecs.Entity {
	t.Helper()
	e, ok := h.w.EntityOf(conn)
	if !ok {
		t.Fatalf("no entity for conn %d", conn)
	}
	return e
}

func TestUpdateAllocatesNothingInSteadyState(t *testing.T) {
	h := newHarness(t, 500)
	inputs := make([]ecs.Input, 500)
	seq := uint16(0)
	run := func() {
		seq++
		for i := range inputs {
			inputs[i] = ecs.Input{Conn: uint32(i), Seq: seq, Timestamp: h.nowMS(), Position: mgl32.Vec3{500, 0, 500}}
		}
		h.w.Time.Tick++
		h.w.Time.Now += h.tick
		h.batch.Reset()
		for _, in := range inputs {
			h.batch.Append(in)
		}
		h.sys.Update(h.w)
	}
	for i := 0; i < 10; i++ {
		run()
	}
	if allocs := testing.AllocsPerRun(50, run); allocs != 0 {
		t.Fatalf("allocs per tick = %v, want 0", allocs)
	}
}
