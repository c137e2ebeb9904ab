package validatecheat

import (
	"math"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
)

// Move is what the move rules look at for one input: where the player was
// (the anchor), where it claims to be, how long it had, and when it says it
// sent the input.
type Move struct {
	Prev, New mgl32.Vec3
	// Elapsed is seconds between the anchor's timestamp and the input's.
	Elapsed float32
	// Timestamp is the input's timestamp in ms on the server timeline.
	Timestamp uint32
}

// Limits are the move rules' parameters, derived from the configuration.
type Limits struct {
	// MaxSpeed is units per second.
	MaxSpeed float32
	// Tolerance is extra distance in units: rounding, plus MaxSpeed × the
	// timestamp jitter, plus MaxSpeed × 2 ms because timestamps are whole
	// milliseconds and each end of a span can be up to 1 ms off.
	Tolerance float32
	Min, Max  mgl32.Vec3
	// NowMS is the server time in ms; FutureMS how far ahead a timestamp may be.
	NowMS, FutureMS uint32
}

// timestampQuantum is the rounding error of a span between two whole-ms timestamps.
const timestampQuantum = 2 * time.Millisecond

// LimitsFor derives the move limits from cfg at time now.
func LimitsFor(cfg *ecs.Config, now time.Duration) Limits {
	return Limits{
		MaxSpeed:  cfg.MaxPositionDelta,
		Tolerance: cfg.MoveTolerance + float32(cfg.MaxPositionDelta*float32((cfg.TimestampJitter+timestampQuantum).Seconds())),
		Min:       cfg.WorldMin,
		Max:       cfg.WorldMax,
		NowMS:     uint32(now / time.Millisecond),
		FutureMS:  uint32(cfg.MaxFutureSkew / time.Millisecond),
	}
}

// CheckMove is the scalar reference of the move rules. The first failing
// rule, in this order, is the verdict: non-finite numbers, a timestamp too
// far in the future, a position out of bounds, a move too long for the time.
// The SIMD kernel must agree with it bit for bit.
func CheckMove(m *Move, lim *Limits) ecs.RejectReason {
	if !finite(m.Prev[0]) || !finite(m.Prev[1]) || !finite(m.Prev[2]) ||
		!finite(m.New[0]) || !finite(m.New[1]) || !finite(m.New[2]) || !finite(m.Elapsed) {
		return ecs.ReasonNonFinite
	}
	if int32(m.Timestamp-lim.NowMS) > int32(lim.FutureMS) {
		return ecs.ReasonFuture
	}
	for a := 0; a < 3; a++ {
		if m.New[a] < lim.Min[a] || m.New[a] > lim.Max[a] {
			return ecs.ReasonOutOfBounds
		}
	}
	dx, dy, dz := m.New[0]-m.Prev[0], m.New[1]-m.Prev[1], m.New[2]-m.Prev[2]
	elapsed := m.Elapsed
	if elapsed < 0 {
		elapsed = 0
	}
	// Every product is rounded before it is summed (see sumSquares).
	allowed := float32(lim.MaxSpeed*elapsed) + lim.Tolerance
	if sumSquares(dx, dy, dz) > float32(allowed*allowed) {
		return ecs.ReasonSpeed
	}
	return ecs.ReasonAccepted
}

// finite reports whether f is neither NaN nor ±Inf: its exponent bits are
// not all ones.
func finite(f float32) bool {
	return math.Float32bits(f)&0x7f800000 != 0x7f800000
}

// seqNewer reports whether a is newer than b on the wrapping 16-bit sequence
// space (half-range rule).
func seqNewer(a, b uint16) bool {
	return a != b && int16(a-b) > 0
}
