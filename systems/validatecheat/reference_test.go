package validatecheat

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/rs/zerolog"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/simd/simdtest"
)

// reference is the system as it was first written, one lookup per use and
// mgl32 arithmetic throughout; the optimised Update must match it exactly.
type reference struct {
	batch   *ecs.InputBatch
	log     zerolog.Logger
	moves   Moves
	verdict []ecs.RejectReason
	counts  Counters
	kicked  []uint32
	lastLog [ecs.NumReasons]time.Duration
	supp    [ecs.NumReasons]uint64
	check   MoveChecker
}

func newReference(batch *ecs.InputBatch, log zerolog.Logger) *reference {
	r := &reference{batch: batch, log: log, check: ScalarChecker}
	for i := range r.lastLog {
		r.lastLog[i] = -time.Hour
	}
	return r
}

func (s *reference) update(w *ecs.World) {
	b := s.batch
	s.kicked = s.kicked[:0]
	m := &s.moves
	m.PrevX, m.PrevY, m.PrevZ, m.NewX, m.NewY, m.NewZ = m.PrevX[:0], m.PrevY[:0], m.PrevZ[:0], m.NewX[:0], m.NewY[:0], m.NewZ[:0]
	m.Elapsed, m.Timestamp, m.Index = m.Elapsed[:0], m.Timestamp[:0], m.Index[:0]
	for i := 0; i < b.Len(); i++ {
		b.Reason[i] = s.admit(w, i)
	}
	n := s.moves.Len()
	if cap(s.verdict) < n {
		s.verdict = make([]ecs.RejectReason, n, n+n/4)
	}
	s.verdict = s.verdict[:n]
	lim := LimitsFor(&w.Config, w.Time.Now)
	s.check(&s.moves, &lim, s.verdict)
	for j := 0; j < n; j++ {
		b.Reason[s.moves.Index[j]] = s.verdict[j]
	}
	for i := 0; i < b.Len(); i++ {
		s.commit(w, i)
	}
}

func (s *reference) admit(w *ecs.World, i int) ecs.RejectReason {
	b := s.batch
	e, ok := w.EntityOf(b.Conn[i])
	if !ok {
		return ecs.ReasonUnknownPlayer
	}
	in := w.Inputs.Get(e)
	seq := b.Seq[i]
	if in.HasSeq && !seqNewer(seq, in.LastSeq) {
		return ecs.ReasonStale
	}
	in.LastSeq, in.HasSeq = seq, true
	now := w.Time.Now
	cfg := &w.Config
	in.RateTokens += cfg.MaxInputRate * float32((now - in.RateRefilledAt).Seconds())
	if in.RateTokens > cfg.InputBurst {
		in.RateTokens = cfg.InputBurst
	}
	in.RateRefilledAt = now
	if in.RateTokens < 1 {
		return ecs.ReasonRate
	}
	in.RateTokens--
	ts := b.Timestamp[i]
	travelTS := ts
	if latest := w.Time.NowMillis() + uint32(cfg.TimestampJitter/time.Millisecond); int32(ts-latest) > 0 {
		travelTS = latest
	}
	s.moves.add(Move{Prev: in.AnchorPos, New: mgl32.Vec3{b.X[i], b.Y[i], b.Z[i]},
		Elapsed: float32(int32(travelTS-in.AnchorTS)) / 1000, Timestamp: ts}, i)
	return ecs.ReasonAccepted
}

func (s *reference) commit(w *ecs.World, i int) {
	b := s.batch
	reason := b.Reason[i]
	s.counts[reason]++
	if reason != ecs.ReasonAccepted {
		s.reject(w, i, reason)
		return
	}
	e, _ := w.EntityOf(b.Conn[i])
	in := w.Inputs.Get(e)
	ts := b.Timestamp[i]
	pos := mgl32.Vec3{b.X[i], b.Y[i], b.Z[i]}
	in.LastTS = ts
	if int32(ts-in.PendingTS) >= int32(uint32(w.Config.AnchorAge/time.Millisecond)) {
		in.AnchorPos, in.AnchorTS = in.PendingPos, in.PendingTS
		in.PendingPos, in.PendingTS = pos, ts
	}
	mo := w.Motions.GetUnchecked(e)
	mo.From = w.Positions.GetUnchecked(e).Vec3
	mo.FromRot = w.Rotations.GetUnchecked(e).Quat
	mo.Target = pos
	rot := b.Rot[i].Normalize()
	if !(finite(rot.W) && finite(rot.V[0]) && finite(rot.V[1]) && finite(rot.V[2]) && rot.Len() > 0.5) {
		rot = mo.FromRot
	}
	mo.TargetRot = rot
	v := b.Vel[i]
	switch {
	case !finite(v[0]) || !finite(v[1]) || !finite(v[2]):
		v = mgl32.Vec3{}
	case v.Len() > w.Config.MaxPositionDelta:
		v = v.Mul(w.Config.MaxPositionDelta / v.Len())
	}
	mo.TargetVel = v
	mo.Start = w.Time.Now - w.Time.Dt
	mo.Active = true
	w.Velocities.GetUnchecked(e).Vec3 = mo.TargetVel
}

func (s *reference) reject(w *ecs.World, i int, reason ecs.RejectReason) {
	now := w.Time.Now
	if now-s.lastLog[reason] >= time.Second {
		s.log.Warn().Str("reason", reason.String()).Uint32("conn", s.batch.Conn[i]).
			Uint16("seq", s.batch.Seq[i]).Uint64("tick", w.Time.Tick).
			Uint64("suppressed", s.supp[reason]).Msg("input rejected")
		s.lastLog[reason] = now
		s.supp[reason] = 0
	} else {
		s.supp[reason]++
	}
	if reason == ecs.ReasonStale || reason == ecs.ReasonUnknownPlayer {
		return
	}
	e, _ := w.EntityOf(s.batch.Conn[i])
	in := w.Inputs.Get(e)
	if now-in.StrikeWindowStart > w.Config.StrikeWindow {
		in.StrikeWindowStart = now
		in.Strikes = 0
	}
	if in.Strikes < ^uint16(0) {
		in.Strikes++
	}
	if !in.Kick && int(in.Strikes) >= w.Config.StrikeLimit {
		in.Kick = true
		s.kicked = append(s.kicked, s.batch.Conn[i])
		s.log.Warn().Uint32("conn", s.batch.Conn[i]).Uint16("strikes", in.Strikes).
			Uint64("tick", w.Time.Tick).Msg("player marked for kick")
	}
}

// adversary sends one tick of inputs for players, mixing honest walks with
// every kind of bad input: bursts, stale and duplicate sequences, bad
// timestamps, NaN and Inf everywhere, unnormalised and zero rotations,
// oversized velocities, unknown connections, interleaved players.
func adversary(rng *rand.Rand, nowMS uint32, players int, seq []uint16, pos []mgl32.Vec3) []ecs.Input {
	var ins []ecs.Input
	bad := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0, 1e30, -5000}
	f := func(v float32) float32 {
		if rng.IntN(40) == 0 {
			return bad[rng.IntN(len(bad))]
		}
		return v
	}
	for k := 0; k < players*3/2; k++ {
		c := rng.IntN(players + 3) // a few unknown connections
		if c >= players {
			ins = append(ins, ecs.Input{Conn: uint32(1000 + c), Seq: 1, Timestamp: nowMS})
			continue
		}
		n := 1
		if rng.IntN(15) == 0 {
			n = 10 + rng.IntN(40)
		}
		for j := 0; j < n; j++ {
			step := mgl32.Vec3{(rng.Float32() - 0.5) * 3, 0, (rng.Float32() - 0.5) * 3}
			if rng.IntN(30) == 0 {
				step = step.Mul(200)
			}
			pos[c] = pos[c].Add(step)
			switch r := rng.IntN(40); {
			case r == 0:
				seq[c] -= uint16(rng.IntN(3)) // stale or duplicate
			default:
				seq[c]++
			}
			ts := nowMS + uint32(int32(rng.IntN(240))-120)
			if rng.IntN(50) == 0 {
				ts += 1500
			}
			axis := mgl32.Vec3{rng.Float32() - 0.5, rng.Float32() - 0.5, rng.Float32() - 0.5}.Normalize()
			rot := mgl32.QuatRotate(rng.Float32()*6, axis).Scale(0.5 + rng.Float32())
			if rng.IntN(30) == 0 {
				rot = mgl32.Quat{}
			}
			ins = append(ins, ecs.Input{
				Conn: uint32(c), Seq: seq[c], Timestamp: ts,
				Position: mgl32.Vec3{f(pos[c][0]), f(pos[c][1]), f(pos[c][2])},
				Rotation: mgl32.Quat{W: f(rot.W), V: mgl32.Vec3{f(rot.V[0]), f(rot.V[1]), f(rot.V[2])}},
				Velocity: mgl32.Vec3{f((rng.Float32() - 0.5) * 300), f(0), f((rng.Float32() - 0.5) * 300)},
			})
		}
	}
	return ins
}

// TestUpdateMatchesReference drives the system and the reference with the
// same adversarial inputs on twin worlds and requires the same verdicts,
// counters, kick lists, log output and component state after every tick.
func TestUpdateMatchesReference(t *testing.T) {
	simdtest.SkipIfMgl32Fused(t)
	for seed := uint64(0); seed < 6; seed++ {
		const players = 300
		cfg := ecs.DefaultConfig()
		cfg.StrikeLimit = 8
		var worlds [2]*ecs.World
		var batches [2]*ecs.InputBatch
		var logs [2]bytes.Buffer
		for k := range worlds {
			w, err := ecs.NewWorld(cfg, players)
			if err != nil {
				t.Fatal(err)
			}
			w.Time.Now = 10 * time.Second
			for c := 0; c < players; c++ {
				w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(c), UserID: uint64(c + 1), Position: mgl32.Vec3{500, 0, 500}})
			}
			worlds[k], batches[k] = w, &ecs.InputBatch{}
		}
		sys := New(batches[0], zerolog.New(&logs[0]))
		ref := newReference(batches[1], zerolog.New(&logs[1]))
		rng := rand.New(rand.NewPCG(seed, 77))
		seq := make([]uint16, players)
		pos := make([]mgl32.Vec3, players)
		for c := range pos {
			pos[c] = mgl32.Vec3{500, 0, 500}
		}
		for tick := 0; tick < 200; tick++ {
			inputs := adversary(rng, worlds[0].Time.NowMillis(), players, seq, pos)
			// Interpolation moves and turns players between ticks.
			moved := rng.IntN(players)
			step := mgl32.Vec3{rng.Float32(), 0, rng.Float32()}
			turned := mgl32.QuatRotate(rng.Float32(), mgl32.Vec3{0, 1, 0})
			for k, w := range worlds {
				e, _ := w.EntityOf(uint32(moved))
				w.Positions.Get(e).Vec3 = w.Positions.Get(e).Vec3.Add(step)
				w.Rotations.Get(e).Quat = turned
				w.Time.Tick++
				w.Time.Now += w.Time.Dt
				batches[k].Reset()
				for _, in := range inputs {
					batches[k].Append(in)
				}
			}
			sys.Update(worlds[0])
			ref.update(worlds[1])
			if !slices.Equal(batches[0].Reason, batches[1].Reason) {
				t.Fatalf("seed %d tick %d: verdicts differ", seed, tick)
			}
			if sys.Counts() != ref.counts || !slices.Equal(sys.Kicked(), ref.kicked) {
				t.Fatalf("seed %d tick %d: counts %v kicked %v, reference %v %v", seed, tick, sys.Counts(), sys.Kicked(), ref.counts, ref.kicked)
			}
			for c := 0; c < players; c++ {
				e0, _ := worlds[0].EntityOf(uint32(c))
				e1, _ := worlds[1].EntityOf(uint32(c))
				if *worlds[0].Inputs.Get(e0) != *worlds[1].Inputs.Get(e1) || !sameMotion(worlds[0].Motions.Get(e0), worlds[1].Motions.Get(e1)) ||
					!sameBits(worlds[0].Velocities.Get(e0).Vec3[:], worlds[1].Velocities.Get(e1).Vec3[:]) {
					t.Fatalf("seed %d tick %d conn %d: state differs:\n%+v\n%+v\n%+v\n%+v", seed, tick, c,
						*worlds[0].Inputs.Get(e0), *worlds[1].Inputs.Get(e1), *worlds[0].Motions.Get(e0), *worlds[1].Motions.Get(e1))
				}
			}
		}
		if !bytes.Equal(logs[0].Bytes(), logs[1].Bytes()) || logs[0].Len() == 0 {
			t.Fatalf("seed %d: logs differ or are empty:\n%s\n---\n%s", seed, logs[0].String(), logs[1].String())
		}
		if c := sys.Counts(); c[ecs.ReasonAccepted] == 0 || c[ecs.ReasonRate] == 0 || c[ecs.ReasonStale] == 0 ||
			c[ecs.ReasonNonFinite] == 0 || c[ecs.ReasonUnknownPlayer] == 0 || c[ecs.ReasonSpeed] == 0 || c[ecs.ReasonFuture] == 0 {
			t.Fatalf("seed %d: a reason was never exercised: %v", seed, c)
		}
	}
}

// sameBits compares floats bit for bit, so NaN equals NaN and -0 differs from 0.
func sameBits(a, b []float32) bool {
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

func sameMotion(a, b *ecs.Motion) bool {
	q := func(r mgl32.Quat) []float32 { return []float32{r.W, r.V[0], r.V[1], r.V[2]} }
	return sameBits(a.From[:], b.From[:]) && sameBits(q(a.FromRot), q(b.FromRot)) && sameBits(a.Target[:], b.Target[:]) &&
		sameBits(q(a.TargetRot), q(b.TargetRot)) && sameBits(a.TargetVel[:], b.TargetVel[:]) &&
		a.Start == b.Start && a.Active == b.Active && a.Moved == b.Moved
}
