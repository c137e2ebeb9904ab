package validatecheat

import (
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/simd"
)

// BatchChecker judges moves with simd.CheckMoves: the AVX2 kernel where the
// CPU has it (and TICKFORGE_SIMD is not "off"), its pure-Go twin elsewhere.
// It must agree with ScalarChecker on every input; the tests hold it to that.
type BatchChecker struct {
	cols   simd.MoveColumns
	ok     []uint64
	reason []uint8
}

// NewBatchChecker returns a BatchChecker; pass its Check to SetChecker.
func NewBatchChecker() *BatchChecker { return &BatchChecker{} }

// Check is a MoveChecker.
func (c *BatchChecker) Check(moves *Moves, lim *Limits, reasons []ecs.RejectReason) {
	n := moves.Len()
	c.cols = simd.MoveColumns{
		PrevX: moves.PrevX, PrevY: moves.PrevY, PrevZ: moves.PrevZ,
		NewX: moves.NewX, NewY: moves.NewY, NewZ: moves.NewZ,
		Elapsed: moves.Elapsed, Timestamp: moves.Timestamp,
	}
	words := simd.MaskWords(n)
	if cap(c.ok) < words {
		c.ok = make([]uint64, words+words/4+1)
	}
	if cap(c.reason) < n {
		c.reason = make([]uint8, n+n/4+8)
	}
	c.ok, c.reason = c.ok[:words], c.reason[:n]
	simd.CheckMoves(&c.cols, simd.MoveLimits{
		MaxSpeed: lim.MaxSpeed, Tolerance: lim.Tolerance,
		Min: lim.Min, Max: lim.Max, NowMS: lim.NowMS, FutureMS: lim.FutureMS,
	}, c.ok, c.reason)
	for i := 0; i < n; i++ {
		reasons[i] = simdReason[c.reason[i]&7]
	}
}

// simdReason maps simd's verdict codes to the engine's reasons.
var simdReason = [8]ecs.RejectReason{
	simd.MoveAccepted:    ecs.ReasonAccepted,
	simd.MoveNonFinite:   ecs.ReasonNonFinite,
	simd.MoveFuture:      ecs.ReasonFuture,
	simd.MoveOutOfBounds: ecs.ReasonOutOfBounds,
	simd.MoveSpeed:       ecs.ReasonSpeed,
	5:                    ecs.ReasonNonFinite, // not produced by simd; fail closed
	6:                    ecs.ReasonNonFinite,
	7:                    ecs.ReasonNonFinite,
}
