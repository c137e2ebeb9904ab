package ecs

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/go-gl/mathgl/mgl32"
)

// Config holds every tunable of the simulation. DefaultConfig gives the seed
// values; Validate says which value is out of range.
type Config struct {
	// TickRate is the number of ticks per second.
	TickRate int
	// MaxCatchUpTicks caps how many ticks the loop runs back to back after a stall.
	MaxCatchUpTicks int

	// MaxPositionDelta is the fastest honest speed in units per second.
	MaxPositionDelta float32
	// MoveTolerance is the distance (units) allowed beyond MaxPositionDelta ×
	// elapsed, for rounding.
	MoveTolerance float32
	// TimestampJitter is how far an honest client's timestamps may wander
	// from its true send time in either direction summed (±50 ms → 100 ms);
	// it is granted as extra travel time when checking a move.
	TimestampJitter time.Duration
	// AnchorAge is the minimum age of the position a move is measured from.
	AnchorAge time.Duration
	// MaxFutureSkew is how far ahead of server time an input's timestamp may be.
	MaxFutureSkew time.Duration
	// MaxInputRate is the sustained number of inputs per second a player may send.
	MaxInputRate float32
	// InputBurst is the number of inputs a player may send at once above the
	// rate: half a second of a 60 Hz client, so a stalled client that sends
	// its backlog in one go is not punished.
	InputBurst float32
	// StrikeLimit is the number of rejections within StrikeWindow that marks a
	// player for kick.
	StrikeLimit int
	// StrikeWindow is the span over which strikes are counted.
	StrikeWindow time.Duration

	// InterpolationTime is how long an entity takes to reach an accepted target.
	InterpolationTime time.Duration
	// ExtrapolationLimit is how long an entity keeps moving by its velocity
	// after reaching its target with no fresh input.
	ExtrapolationLimit time.Duration

	// AOIRadius is the radius within which an entity becomes visible; it is
	// also the AOI grid's cell size.
	AOIRadius float32
	// AOILeaveMargin is added to AOIRadius to get the radius beyond which a
	// visible entity stops being visible (hysteresis).
	AOILeaveMargin float32
	// AOIMaxVisible caps the entities one observer sees (nearest first).
	AOIMaxVisible int

	// WorldMin and WorldMax bound every position (inclusive).
	WorldMin, WorldMax mgl32.Vec3

	// MaxPayload is the largest broadcast payload in bytes.
	MaxPayload int
}

// DefaultConfig returns the seed configuration: 60 Hz, 100 units/s, 0.1 s
// interpolation, 50 ms extrapolation, AOI radius 50, a 1000×1000 world.
func DefaultConfig() Config {
	return Config{
		TickRate:           60,
		MaxCatchUpTicks:    5,
		MaxPositionDelta:   100,
		MoveTolerance:      0.01,
		TimestampJitter:    100 * time.Millisecond,
		AnchorAge:          250 * time.Millisecond,
		MaxFutureSkew:      time.Second,
		MaxInputRate:       90,
		InputBurst:         30,
		StrikeLimit:        20,
		StrikeWindow:       5 * time.Second,
		InterpolationTime:  100 * time.Millisecond,
		ExtrapolationLimit: 50 * time.Millisecond,
		AOIRadius:          50,
		AOILeaveMargin:     5,
		AOIMaxVisible:      128,
		WorldMin:           mgl32.Vec3{0, -100, 0},
		WorldMax:           mgl32.Vec3{1000, 100, 1000},
		MaxPayload:         1200,
	}
}

// TickDuration is the length of one tick.
func (c *Config) TickDuration() time.Duration {
	return time.Second / time.Duration(c.TickRate)
}

// ErrInvalidConfig is wrapped by every error Validate returns.
var ErrInvalidConfig = errors.New("invalid config")

// Validate reports the first setting that is out of range.
func (c *Config) Validate() error {
	bad := func(name string, v any, want string) error {
		return fmt.Errorf("%w: %s = %v, want %s", ErrInvalidConfig, name, v, want)
	}
	finitePos := func(f float32) bool { return f > 0 && !math.IsInf(float64(f), 0) }
	switch {
	case c.TickRate < 1 || c.TickRate > 1000:
		return bad("tick_rate", c.TickRate, "1..1000")
	case c.MaxCatchUpTicks < 1:
		return bad("max_catch_up_ticks", c.MaxCatchUpTicks, ">= 1")
	case !finitePos(c.MaxPositionDelta):
		return bad("max_position_delta", c.MaxPositionDelta, "> 0")
	case c.MoveTolerance < 0:
		return bad("move_tolerance", c.MoveTolerance, ">= 0")
	case c.TimestampJitter < 0:
		return bad("timestamp_jitter", c.TimestampJitter, ">= 0")
	case c.AnchorAge < 0:
		return bad("anchor_age", c.AnchorAge, ">= 0")
	case c.MaxFutureSkew < 0:
		return bad("max_future_skew", c.MaxFutureSkew, ">= 0")
	case !finitePos(c.MaxInputRate):
		return bad("max_input_rate", c.MaxInputRate, "> 0")
	case c.InputBurst < 1:
		return bad("input_burst", c.InputBurst, ">= 1")
	case c.StrikeLimit < 1:
		return bad("strike_limit", c.StrikeLimit, ">= 1")
	case c.StrikeWindow <= 0:
		return bad("strike_window", c.StrikeWindow, "> 0")
	case c.InterpolationTime < 0:
		return bad("interpolation_time", c.InterpolationTime, ">= 0")
	case c.ExtrapolationLimit < 0:
		return bad("extrapolation_limit", c.ExtrapolationLimit, ">= 0")
	case !finitePos(c.AOIRadius):
		return bad("aoi_radius", c.AOIRadius, "> 0")
	case c.AOILeaveMargin < 0:
		return bad("aoi_leave_margin", c.AOILeaveMargin, ">= 0")
	case c.AOIMaxVisible < 1:
		return bad("aoi_max_visible", c.AOIMaxVisible, ">= 1")
	case c.MaxPayload < 256 || c.MaxPayload > 1200:
		return bad("max_payload", c.MaxPayload, "256..1200")
	}
	for i := 0; i < 3; i++ {
		if !(c.WorldMin[i] < c.WorldMax[i]) {
			return bad("world_bounds", fmt.Sprint(c.WorldMin, c.WorldMax), "min < max on every axis")
		}
	}
	return nil
}
