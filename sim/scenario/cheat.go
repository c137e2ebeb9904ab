package scenario

// Cheat is a kind of cheating input the generator produces.
type Cheat uint8

// The cheats; every one of them must be rejected by validate-cheat.
const (
	CheatNone Cheat = iota
	// CheatSpeed moves three times the allowed distance.
	CheatSpeed
	// CheatTeleport jumps to a random point of the world.
	CheatTeleport
	// CheatTimewarp stamps the input 2 s in the future.
	CheatTimewarp
	// CheatNaN sends a NaN coordinate.
	CheatNaN
	// CheatOutOfBounds moves outside the world.
	CheatOutOfBounds
	// CheatFlood sends far more inputs than the rate limit in one tick.
	CheatFlood
	// CheatStale replays an old sequence number (dropped, not punished).
	CheatStale
	numCheats
)

var cheatNames = [numCheats]string{"none", "speed", "teleport", "timewarp", "nan", "out_of_bounds", "flood", "stale"}

// String returns the cheat's name.
func (c Cheat) String() string {
	if c < numCheats {
		return cheatNames[c]
	}
	return "unknown"
}
