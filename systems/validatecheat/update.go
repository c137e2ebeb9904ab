package validatecheat

import (
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
)

// Update implements ecs.System. It runs in three passes so the move rules
// can run as one batch kernel:
//  1. per input, in order: find the player, drop stale sequences, spend a
//     rate token, and gather the move measured from the player's anchor;
//  2. the checker judges every gathered move;
//  3. per input, in order: commit accepted moves, count and strike the rest.
func (s *System) Update(w *ecs.World) {
	b := s.batch
	now := w.Time.Now
	s.kicked = s.kicked[:0]
	s.moves.reset()
	for i := 0; i < b.Len(); i++ {
		b.Reason[i] = s.admit(w, i)
	}

	n := s.moves.Len()
	if cap(s.verdict) < n {
		s.verdict = make([]ecs.RejectReason, n, n+n/4)
	}
	s.verdict = s.verdict[:n]
	s.limits = LimitsFor(&w.Config, now) // a field, so passing it to the checker does not allocate
	s.checker(&s.moves, &s.limits, s.verdict)
	for j := 0; j < n; j++ {
		b.Reason[s.moves.Index[j]] = s.verdict[j]
	}

	for i := 0; i < b.Len(); i++ {
		s.commit(w, i)
	}
}

// admit applies the per-player rules that depend on state and gathers the
// move for the checker. It returns ReasonAccepted when the move still has to
// be judged.
func (s *System) admit(w *ecs.World, i int) ecs.RejectReason {
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

	// Travel time is measured on the client's timestamps, but a timestamp
	// ahead of the server's clock (beyond the jitter the tolerance already
	// covers) earns no extra travel time.
	ts := b.Timestamp[i]
	travelTS := ts
	if latest := w.Time.NowMillis() + uint32(cfg.TimestampJitter/time.Millisecond); int32(ts-latest) > 0 {
		travelTS = latest
	}
	s.moves.add(Move{
		Prev:      in.AnchorPos,
		New:       mgl32.Vec3{b.X[i], b.Y[i], b.Z[i]},
		Elapsed:   float32(int32(travelTS-in.AnchorTS)) / 1000,
		Timestamp: ts,
	}, i)
	return ecs.ReasonAccepted
}

// commit makes an accepted input the player's new target, or counts and
// strikes a rejected one.
func (s *System) commit(w *ecs.World, i int) {
	b := s.batch
	reason := b.Reason[i]
	s.counts[reason]++
	if reason != ecs.ReasonAccepted {
		s.reject(w, i, reason)
		return
	}
	e, _ := w.EntityOf(b.Conn[i])
	// Inputs.Get checks that e is alive; the other components of the same
	// entity need no second check.
	in := w.Inputs.Get(e)
	ts := b.Timestamp[i]
	pos := mgl32.Vec3{b.X[i], b.Y[i], b.Z[i]}
	in.LastTS = ts
	anchorAge := uint32(w.Config.AnchorAge / time.Millisecond)
	if int32(ts-in.PendingTS) >= int32(anchorAge) {
		in.AnchorPos, in.AnchorTS = in.PendingPos, in.PendingTS
		in.PendingPos, in.PendingTS = pos, ts
	}

	mo := w.Motions.GetUnchecked(e)
	mo.From = w.Positions.GetUnchecked(e).Vec3
	mo.FromRot = w.Rotations.GetUnchecked(e).Quat
	mo.Target = pos
	rot := b.Rot[i].Normalize()
	if !finiteQuat(rot) {
		rot = mo.FromRot
	}
	mo.TargetRot = rot
	mo.TargetVel = clampVelocity(b.Vel[i], w.Config.MaxPositionDelta)
	// The move counts as started one tick ago, so interpolate (which runs
	// later in this same tick) already advances it by one tick; otherwise a
	// client sending an input every tick would restart at zero progress
	// every tick and never move.
	mo.Start = w.Time.Now - w.Time.Dt
	mo.Active = true
	w.Velocities.GetUnchecked(e).Vec3 = mo.TargetVel
}

func (s *System) reject(w *ecs.World, i int, reason ecs.RejectReason) {
	now := w.Time.Now
	if now-s.lastLog[reason] >= s.logInterval {
		s.log.Warn().Str("reason", reason.String()).Uint32("conn", s.batch.Conn[i]).
			Uint16("seq", s.batch.Seq[i]).Uint64("tick", w.Time.Tick).
			Uint64("suppressed", s.suppressed[reason]).Msg("input rejected")
		s.lastLog[reason] = now
		s.suppressed[reason] = 0
	} else {
		s.suppressed[reason]++
	}
	if reason == ecs.ReasonStale || reason == ecs.ReasonUnknownPlayer {
		return // not evidence of cheating
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

func finiteQuat(q mgl32.Quat) bool {
	return finite(q.W) && finite(q.V[0]) && finite(q.V[1]) && finite(q.V[2]) && q.Len() > 0.5
}

// clampVelocity limits a claimed velocity to the fastest honest speed and
// zeroes a non-finite one, so extrapolation cannot be used to cheat.
func clampVelocity(v mgl32.Vec3, max float32) mgl32.Vec3 {
	if !finite(v[0]) || !finite(v[1]) || !finite(v[2]) {
		return mgl32.Vec3{}
	}
	if l := v.Len(); l > max {
		return v.Mul(max / l)
	}
	return v
}
