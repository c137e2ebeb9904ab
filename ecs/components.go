package ecs

import (
	"time"

	"github.com/go-gl/mathgl/mgl32"
)

// Position is where an entity is, in world units.
type Position struct{ mgl32.Vec3 }

// Rotation is an entity's orientation.
type Rotation struct{ mgl32.Quat }

// Velocity is an entity's linear velocity in units per second.
type Velocity struct{ mgl32.Vec3 }

// Player identifies the client that controls an entity.
type Player struct {
	// UserID is the application's identifier of the player.
	UserID uint64
	// Room is the room the player is in.
	Room uint32
	// Conn is the network layer's index of the player's connection.
	Conn uint32
}

// Health is an entity's hit points; it is used by game actions such as Attack.
type Health struct {
	// HP is the current hit points; zero or below means down.
	HP int32
}

// InputState is what validate-cheat remembers about a player's input stream.
type InputState struct {
	// LastSeq is the sequence number of the newest accepted (or stale-checked) input.
	LastSeq uint16
	// HasSeq reports whether LastSeq holds a value yet.
	HasSeq bool
	// Kick is set once the player has collected too many strikes.
	Kick bool

	// AnchorPos and AnchorTS are the accepted position and timestamp (ms)
	// that moves are measured from. The anchor trails the newest accepted
	// input by between AnchorAge and twice that, so timestamp jitter averages
	// out over a long enough span to catch small speed hacks.
	AnchorPos mgl32.Vec3
	AnchorTS  uint32
	// PendingPos and PendingTS are the next anchor, promoted once old enough.
	PendingPos mgl32.Vec3
	PendingTS  uint32
	// LastTS is the timestamp (ms) of the newest accepted input.
	LastTS uint32

	// RateTokens is the input-rate token bucket (inputs).
	RateTokens float32
	// RateRefilledAt is when RateTokens was last refilled.
	RateRefilledAt time.Duration
	// Strikes counts rejections in the current strike window.
	Strikes uint16
	// StrikeWindowStart is when the current strike window began.
	StrikeWindowStart time.Duration
}

// Motion is the interpolation state that moves an entity toward its newest
// accepted target.
type Motion struct {
	// From and FromRot are where the current interpolation started.
	From    mgl32.Vec3
	FromRot mgl32.Quat
	// Target and TargetRot are the newest accepted input's pose.
	Target    mgl32.Vec3
	TargetRot mgl32.Quat
	// TargetVel is the newest accepted input's velocity, used to extrapolate.
	TargetVel mgl32.Vec3
	// Start is when the current interpolation started.
	Start time.Duration
	// Active is set while there is a target to move toward or extrapolate from.
	Active bool
	// Moved is set by interpolate when the entity's pose changed this tick.
	Moved bool
}

// AOICell is the grid cell an entity was in after the last AOI pass.
type AOICell struct {
	X, Z int32
}
