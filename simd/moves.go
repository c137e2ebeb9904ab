package simd

import "math"

// Move verdicts, one per input in CheckMoves' reason column. When several
// rules fail, the verdict is the first in this order.
const (
	// MoveAccepted means the input passed every rule.
	MoveAccepted uint8 = iota
	// MoveNonFinite means a coordinate or the elapsed time is NaN or ±Inf.
	MoveNonFinite
	// MoveFuture means the timestamp lies more than FutureMS after now.
	MoveFuture
	// MoveOutOfBounds means the new position lies outside [Min, Max].
	MoveOutOfBounds
	// MoveSpeed means the move is longer than the speed limit allows.
	MoveSpeed
)

// MoveColumns is a tick's movement inputs as a structure of arrays, one
// entry per input. NewX decides the batch size; every other column must
// have at least as many entries.
type MoveColumns struct {
	// PrevX, PrevY, PrevZ is the entity's last accepted position.
	PrevX, PrevY, PrevZ []float32
	// NewX, NewY, NewZ is the position the input claims.
	NewX, NewY, NewZ []float32
	// Elapsed is the time in seconds since the last accepted position.
	Elapsed []float32
	// Timestamp is the client's send time in ms on the server's wrapping
	// 32-bit timeline.
	Timestamp []uint32
}

// Count is the number of inputs in the batch: len(NewX).
func (c *MoveColumns) Count() int { return len(c.NewX) }

// Resize sets every column to n entries, reusing the columns' capacity, so
// a caller that gathers each tick's inputs into the same MoveColumns
// allocates only while the batch grows past its largest size so far. New
// entries hold stale or zero values; the caller overwrites them.
func (c *MoveColumns) Resize(n int) {
	for _, col := range [...]*[]float32{&c.PrevX, &c.PrevY, &c.PrevZ, &c.NewX, &c.NewY, &c.NewZ, &c.Elapsed} {
		*col = resize(*col, n)
	}
	c.Timestamp = resize(c.Timestamp, n)
}

// resize returns s with length n, reallocating only when n exceeds its capacity.
func resize[T any](s []T, n int) []T {
	if n <= cap(s) {
		return s[:n]
	}
	return append(s[:cap(s)], make([]T, n-cap(s))...)
}

// MoveLimits are the bounds CheckMoves applies.
type MoveLimits struct {
	// MaxSpeed is the top speed in units per second, and Tolerance the
	// distance granted on top of MaxSpeed × Elapsed. Both should be ≥ 0: the
	// limit is squared, so a negative sum acts like its absolute value.
	MaxSpeed, Tolerance float32
	// Min and Max are the world bounds per axis (X, Y, Z), inclusive.
	Min, Max [3]float32
	// NowMS is the server's clock in ms, and FutureMS how far after it a
	// timestamp may lie (capped at 1<<31−1).
	NowMS, FutureMS uint32
}

// CheckMoves judges every input of the batch, writes its verdict into
// reason (MoveAccepted or the first failing rule), sets bit i of ok when
// input i is accepted, and returns how many were accepted. The rules, in
// order:
//
//   - MoveNonFinite: all six coordinates and Elapsed are finite (NaN fails);
//   - MoveFuture: int32(Timestamp − NowMS) ≤ FutureMS (wrap-aware);
//   - MoveOutOfBounds: Min[k] ≤ New[k] ≤ Max[k] on every axis;
//   - MoveSpeed: dx²+dy²+dz² ≤ (MaxSpeed × max(Elapsed, 0) + Tolerance)²,
//     computed in float32 in exactly that order, without fused multiply-add.
//
// ok must hold at least MaskWords(n) words and reason n bytes, for
// n = c.Count(). Bits at n and beyond in the last word of ok are cleared;
// later words are not touched. The call allocates nothing. The assembly
// path handles 8 inputs per step.
//
// Panics: if a column of c is shorter than c.NewX, or ok or reason is too short.
func CheckMoves(c *MoveColumns, lim MoveLimits, ok []uint64, reason []uint8) int {
	return checkMoves(c, &lim, ok, reason, accelerated.Load())
}

// checkMoves is CheckMoves with the path chosen by the caller.
func checkMoves(c *MoveColumns, lim *MoveLimits, ok []uint64, reason []uint8, useAsm bool) int {
	n := c.Count()
	if len(c.PrevX) < n || len(c.PrevY) < n || len(c.PrevZ) < n || len(c.NewY) < n || len(c.NewZ) < n ||
		len(c.Elapsed) < n || len(c.Timestamp) < n {
		panic("simd: CheckMoves: a column is shorter than NewX")
	}
	if len(ok) < MaskWords(n) || len(reason) < n {
		panic("simd: CheckMoves: ok or reason shorter than the batch")
	}
	var r moveRule
	r.set(lim)
	done, count := 0, 0
	if useAsm {
		done, count = checkMovesAsm(c, &r, ok, reason, n)
	}
	return count + checkMovesGeneric(c, &r, ok, reason, done, n)
}

// moveRule is MoveLimits flattened, with FutureMS capped for the signed
// compare.
type moveRule struct {
	minX, minY, minZ, maxX, maxY, maxZ float32
	maxSpeed, tolerance                float32
	now                                uint32
	future                             int32
}

// set copies lim into r field by field (see headerRule.set for why).
func (r *moveRule) set(lim *MoveLimits) {
	r.minX, r.minY, r.minZ = lim.Min[0], lim.Min[1], lim.Min[2]
	r.maxX, r.maxY, r.maxZ = lim.Max[0], lim.Max[1], lim.Max[2]
	r.maxSpeed, r.tolerance = lim.MaxSpeed, lim.Tolerance
	r.now = lim.NowMS
	r.future = int32(min(lim.FutureMS, math.MaxInt32))
}
