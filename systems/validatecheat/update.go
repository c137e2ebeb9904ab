package validatecheat

import (
	"time"

	"github.com/tickforge/tickforge/ecs"
)

// Update implements ecs.System. It runs in three passes so the move rules
// can run as one batch kernel:
//  1. per input, in order: find the player, drop stale sequences, spend a
//     rate token, and note the anchor the move is measured from;
//  2. the checker judges the moves of all inputs at once;
//  3. per input, in order: commit accepted moves, count and strike the rest.
//
// The first pass remembers each input's player, so the third looks nobody
// up again: nothing in between adds or removes entities, so arche's
// storage does not move. The checker sees one move per input, its claimed
// position and timestamp read straight from the batch; the verdicts of
// inputs the first pass refused are ignored.
func (s *System) Update(w *ecs.World) {
	b := s.batch
	n := b.Len()
	s.kicked = s.kicked[:0]
	s.gather(n)
	s.players = resizePlayers(s.players, n)
	s.limits = LimitsFor(&w.Config, w.Time.Now) // a field, so passing it to the checker does not allocate
	s.admit(w)

	s.verdict = resize(s.verdict, n)
	s.checker(&s.moves, &s.limits, s.verdict)
	reasons := b.Reason[:n]
	for i, reason := range s.verdict[:n] {
		if reasons[i] == ecs.ReasonAccepted {
			reasons[i] = reason
		}
	}

	s.commit(w)
}

// gather points the moves at the batch's n inputs: the claimed positions
// and timestamps are the batch's own columns, the anchors and elapsed
// times columns of their own that admit fills.
func (s *System) gather(n int) {
	b, m := s.batch, &s.moves
	m.NewX, m.NewY, m.NewZ, m.Timestamp = b.X[:n], b.Y[:n], b.Z[:n], b.Timestamp[:n]
	m.PrevX, m.PrevY, m.PrevZ = resize(m.PrevX, n), resize(m.PrevY, n), resize(m.PrevZ, n)
	m.Elapsed = resize(m.Elapsed, n)
	for i := len(s.identity); i < n; i++ {
		s.identity = append(s.identity, int32(i))
	}
	m.Index = s.identity[:n]
}

// admit applies the per-player rules that depend on state to every input,
// in order. It gives each refused input its reason; for every other input
// it remembers the player and fills in the move's anchor and elapsed time,
// leaving the reason ReasonAccepted until the checker has judged it. The
// columns are held in locals so the loop keeps them in registers.
func (s *System) admit(w *ecs.World) {
	b := s.batch
	conns, seqs, stamps := b.Conn, b.Seq, b.Timestamp[:len(b.Conn)]
	reasons, players := b.Reason[:len(conns)], s.players[:len(conns)]
	mv := &s.moves
	prevX, prevY, prevZ := mv.PrevX[:len(conns)], mv.PrevY[:len(conns)], mv.PrevZ[:len(conns)]
	elapsed := mv.Elapsed[:len(conns)]
	now := w.Time.Now
	rate, burst := w.Config.MaxInputRate, w.Config.InputBurst
	// Travel time is measured on the client's timestamps, but a timestamp
	// ahead of the server's clock (beyond the jitter the tolerance already
	// covers) earns no extra travel time.
	latest := w.Time.NowMillis() + uint32(w.Config.TimestampJitter/time.Millisecond)
	var seconds secondsMemo // a local, so it stays in registers
	for i, conn := range conns {
		e, ok := w.EntityOf(conn)
		if !ok {
			reasons[i] = ecs.ReasonUnknownPlayer
			continue
		}
		// Inputs.Get checks that e is alive; its other components need no
		// second check.
		in := w.Inputs.Get(e)
		players[i] = player{input: in, motion: w.Motions.GetUnchecked(e), position: w.Positions.GetUnchecked(e),
			rotation: w.Rotations.GetUnchecked(e), velocity: w.Velocities.GetUnchecked(e)}
		seq := seqs[i]
		if in.HasSeq && !seqNewer(seq, in.LastSeq) {
			reasons[i] = ecs.ReasonStale
			continue
		}
		in.LastSeq, in.HasSeq = seq, true

		tokens := in.RateTokens + float32(rate*seconds.of(now-in.RateRefilledAt)) // rounded: never fused (see fma.go)
		if tokens > burst {
			tokens = burst
		}
		in.RateRefilledAt = now
		if tokens < 1 {
			in.RateTokens = tokens
			reasons[i] = ecs.ReasonRate
			continue
		}
		in.RateTokens = tokens - 1

		ts := stamps[i]
		travelTS := ts
		if int32(ts-latest) > 0 {
			travelTS = latest
		}
		prevX[i], prevY[i], prevZ[i] = in.AnchorPos[0], in.AnchorPos[1], in.AnchorPos[2]
		elapsed[i] = float32(int32(travelTS-in.AnchorTS)) / 1000
		reasons[i] = ecs.ReasonAccepted
	}
}

// commit goes through the inputs in order: it makes each accepted one its
// player's new target, and counts and strikes the rest.
func (s *System) commit(w *ecs.World) {
	b := s.batch
	reasons := b.Reason
	stamps, xs, ys, zs := b.Timestamp[:len(reasons)], b.X[:len(reasons)], b.Y[:len(reasons)], b.Z[:len(reasons)]
	rots, vels, players := b.Rot[:len(reasons)], b.Vel[:len(reasons)], s.players[:len(reasons)]
	anchorAge := int32(uint32(w.Config.AnchorAge / time.Millisecond))
	maxSpeed := w.Config.MaxPositionDelta
	// The move counts as started one tick ago, so interpolate (which runs
	// later in this same tick) already advances it by one tick; otherwise a
	// client sending an input every tick would restart at zero progress
	// every tick and never move.
	start := w.Time.Now - w.Time.Dt
	accepted := uint64(0) // counted in a register, added to the counters at the end
	for i, reason := range reasons {
		if reason != ecs.ReasonAccepted {
			s.counts[reason]++
			s.reject(w, i, reason)
			continue
		}
		accepted++
		p := &players[i]
		in, mo, pos, rot, vel := p.input, p.motion, p.position, p.rotation, p.velocity
		ts := stamps[i]
		x, y, z := xs[i], ys[i], zs[i]
		in.LastTS = ts
		if int32(ts-in.PendingTS) >= anchorAge {
			in.AnchorPos, in.AnchorTS = in.PendingPos, in.PendingTS
			in.PendingPos[0], in.PendingPos[1], in.PendingPos[2], in.PendingTS = x, y, z, ts
		}

		mo.From = pos.Vec3
		mo.FromRot = rot.Quat
		mo.Target[0], mo.Target[1], mo.Target[2] = x, y, z
		claimed := &rots[i]
		if qw, qx, qy, qz, ok := targetRotation(claimed.W, claimed.V[0], claimed.V[1], claimed.V[2]); ok {
			mo.TargetRot.W, mo.TargetRot.V[0], mo.TargetRot.V[1], mo.TargetRot.V[2] = qw, qx, qy, qz
		} else {
			mo.TargetRot = rot.Quat
		}
		v := &vels[i]
		vx, vy, vz := clampVelocity(v[0], v[1], v[2], maxSpeed)
		// Both stored from the scalars: copying the three just-written
		// floats as one array would stall on store forwarding.
		mo.TargetVel[0], mo.TargetVel[1], mo.TargetVel[2] = vx, vy, vz
		vel.Vec3[0], vel.Vec3[1], vel.Vec3[2] = vx, vy, vz
		mo.Start = start
		mo.Active = true
	}
	s.counts[ecs.ReasonAccepted] += accepted
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
