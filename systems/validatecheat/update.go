package validatecheat

import (
	"time"

	"github.com/tickforge/tickforge/ecs"
)

// Update implements ecs.System. It runs in three passes so the move rules
// can run as one batch kernel:
//  1. per input, in order: find the player, drop stale sequences, spend a
//     rate token, and gather the move measured from the player's anchor;
//  2. the checker judges every gathered move;
//  3. per input, in order: commit accepted moves, count and strike the rest.
//
// The first pass remembers each input's player, so the third looks nobody
// up again: nothing in between adds or removes entities, so arche's
// storage does not move.
func (s *System) Update(w *ecs.World) {
	b := s.batch
	n := b.Len()
	s.kicked = s.kicked[:0]
	s.moves.resize(n)
	s.players = resize(s.players, n)
	s.limits = LimitsFor(&w.Config, w.Time.Now) // a field, so passing it to the checker does not allocate
	latest := w.Time.NowMillis() + uint32(w.Config.TimestampJitter/time.Millisecond)
	gathered := 0
	for i := 0; i < n; i++ {
		reason := s.admit(w, i, gathered, latest)
		b.Reason[i] = reason
		if reason == ecs.ReasonAccepted {
			gathered++
		}
	}
	s.moves.resize(gathered)

	s.verdict = resize(s.verdict, gathered)
	s.checker(&s.moves, &s.limits, s.verdict)
	for j, reason := range s.verdict {
		b.Reason[s.moves.Index[j]] = reason
	}

	anchorAge := uint32(w.Config.AnchorAge / time.Millisecond)
	for i := 0; i < n; i++ {
		s.commit(w, i, anchorAge)
	}
	clear(s.players) // hold no pointers into arche's storage between ticks
}

// admit applies the per-player rules that depend on state and, for an input
// that passes them, remembers its player and gathers its move into slot m
// for the checker. It returns ReasonAccepted when the move still has to be
// judged. latest is the newest timestamp that earns travel time.
func (s *System) admit(w *ecs.World, i, m int, latest uint32) ecs.RejectReason {
	b := s.batch
	e, ok := w.EntityOf(b.Conn[i])
	if !ok {
		return ecs.ReasonUnknownPlayer
	}
	in := w.Inputs.Get(e)
	s.players[i] = player{entity: e, input: in}
	seq := b.Seq[i]
	if in.HasSeq && !seqNewer(seq, in.LastSeq) {
		return ecs.ReasonStale
	}
	in.LastSeq, in.HasSeq = seq, true

	now := w.Time.Now
	cfg := &w.Config
	tokens := in.RateTokens + cfg.MaxInputRate*s.seconds.of(now-in.RateRefilledAt)
	if tokens > cfg.InputBurst {
		tokens = cfg.InputBurst
	}
	in.RateRefilledAt = now
	if tokens < 1 {
		in.RateTokens = tokens
		return ecs.ReasonRate
	}
	in.RateTokens = tokens - 1

	// Travel time is measured on the client's timestamps, but a timestamp
	// ahead of the server's clock (beyond the jitter the tolerance already
	// covers) earns no extra travel time.
	ts := b.Timestamp[i]
	travelTS := ts
	if int32(ts-latest) > 0 {
		travelTS = latest
	}
	mv := &s.moves
	mv.PrevX[m], mv.PrevY[m], mv.PrevZ[m] = in.AnchorPos[0], in.AnchorPos[1], in.AnchorPos[2]
	mv.NewX[m], mv.NewY[m], mv.NewZ[m] = b.X[i], b.Y[i], b.Z[i]
	mv.Elapsed[m] = float32(int32(travelTS-in.AnchorTS)) / 1000
	mv.Timestamp[m] = ts
	mv.Index[m] = int32(i)
	return ecs.ReasonAccepted
}

// commit makes an accepted input the player's new target, or counts and
// strikes a rejected one.
func (s *System) commit(w *ecs.World, i int, anchorAge uint32) {
	b := s.batch
	reason := b.Reason[i]
	s.counts[reason]++
	if reason != ecs.ReasonAccepted {
		s.reject(w, i, reason)
		return
	}
	p := &s.players[i]
	in := p.input
	ts := b.Timestamp[i]
	x, y, z := b.X[i], b.Y[i], b.Z[i]
	in.LastTS = ts
	if int32(ts-in.PendingTS) >= int32(anchorAge) {
		in.AnchorPos, in.AnchorTS = in.PendingPos, in.PendingTS
		in.PendingPos[0], in.PendingPos[1], in.PendingPos[2], in.PendingTS = x, y, z, ts
	}

	// admit's Inputs.Get checked that the entity is alive; its other
	// components need no second check.
	mo := w.Motions.GetUnchecked(p.entity)
	mo.From = w.Positions.GetUnchecked(p.entity).Vec3
	mo.FromRot = w.Rotations.GetUnchecked(p.entity).Quat
	mo.Target[0], mo.Target[1], mo.Target[2] = x, y, z
	rot := &b.Rot[i]
	if qw, qx, qy, qz, ok := targetRotation(rot.W, rot.V[0], rot.V[1], rot.V[2]); ok {
		mo.TargetRot.W, mo.TargetRot.V[0], mo.TargetRot.V[1], mo.TargetRot.V[2] = qw, qx, qy, qz
	} else {
		mo.TargetRot = mo.FromRot
	}
	claimed := &b.Vel[i]
	vx, vy, vz := clampVelocity(claimed[0], claimed[1], claimed[2], w.Config.MaxPositionDelta)
	mo.TargetVel[0], mo.TargetVel[1], mo.TargetVel[2] = vx, vy, vz
	// The move counts as started one tick ago, so interpolate (which runs
	// later in this same tick) already advances it by one tick; otherwise a
	// client sending an input every tick would restart at zero progress
	// every tick and never move.
	mo.Start = w.Time.Now - w.Time.Dt
	mo.Active = true
	// Stored from the scalars: reading back the three just-written floats as
	// one array copy would stall on store forwarding.
	vel := &w.Velocities.GetUnchecked(p.entity).Vec3
	vel[0], vel[1], vel[2] = vx, vy, vz
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
	in := s.players[i].input
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
