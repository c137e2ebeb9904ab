package validatecheat

import (
	"math"
	"time"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
)

// player is an input's player as admit found it: pointers to the
// components validate-cheat reads and writes, valid until the end of the
// tick's Update.
type player struct {
	input    *ecs.InputState
	motion   *ecs.Motion
	position *ecs.Position
	rotation *ecs.Rotation
	velocity *ecs.Velocity
}

// resizePlayers is resize for the players column that also clears the
// entries the last tick filled beyond n, so the column holds no pointers
// into arche's storage that the coming tick will not overwrite (admit
// leaves only the entries of unknown players stale). Entries beyond the
// length are always clear.
func resizePlayers(p []player, n int) []player {
	clear(p[min(n, len(p)):])
	return resize(p, n)
}

// secondsMemo is float32(d.Seconds()) with the last nonzero conversion
// remembered: within a tick nearly every player's token refill spans the
// same time, one tick since its previous input (zero for a second input in
// the same tick).
type secondsMemo struct {
	d time.Duration
	s float32
}

func (m *secondsMemo) of(d time.Duration) float32 {
	if d == 0 {
		return 0
	}
	if d != m.d {
		m.d, m.s = d, float32(d.Seconds())
	}
	return m.s
}

// targetRotation is the claimed rotation (w, x, y, z) normalised exactly as
// mgl32.Quat.Normalize does it, and whether the result is usable: finite
// and of length above one half (an unusable result is to be discarded). It works on scalars because an mgl32.Quat
// holds an array, which Go keeps in memory.
func targetRotation(w, x, y, z float32) (float32, float32, float32, float32, bool) {
	squared := sumSquares4(w, x, y, z)
	length := float32(math.Sqrt(float64(squared)))
	// mgl32 returns the quaternion unchanged when mgl32.FloatEqual(1,
	// length), which with the default mgl32.Epsilon (1e-10) means length
	// == 1 (the test checks that); dividing by exactly 1 changes nothing
	// either, so that case needs no branch of its own, which would be
	// mispredicted about as often as taken.
	if length == 0 {
		w, x, y, z = 1, 0, 0, 0
	} else {
		if length == mgl32.InfPos {
			length = mgl32.MaxValue
		}
		inv := 1 / length
		w, x, y, z = w/length, x*inv, y*inv, z*inv // mgl32 computes W * 1 / length
	}
	if squared >= 0x1p-10 && squared <= 0x1p10 {
		// Every component is finite and at most sqrt(squared), so the
		// normalised ones are finite, at most 1 + 1e-7, and their squares
		// sum to 1 ± 1e-6: usable, with no need to wait for the division.
		return w, x, y, z, true
	}
	ok := finite(w) && finite(x) && finite(y) && finite(z) && sumSquares4(w, x, y, z) > halfLengthSquared
	return w, x, y, z, ok
}

// halfLengthSquared is the largest float32 s for which
// float32(math.Sqrt(float64(s))) ≤ 0.5, so a quaternion is longer than one
// half, as mgl32.Quat.Len computes it, exactly when its squared length
// exceeds this; that spares a square root. (An exhaustive check over every
// non-negative float32 confirms it; the test checks the neighbourhood.)
const halfLengthSquared = 0.25 + 0x1p-25

// clampVelocity limits a claimed velocity to the fastest honest speed and
// zeroes a non-finite one, so extrapolation cannot be used to cheat.
func clampVelocity(x, y, z, max float32) (float32, float32, float32) {
	if !finite(x) || !finite(y) || !finite(z) {
		return 0, 0, 0
	}
	if l := float32(math.Sqrt(float64(sumSquares(x, y, z)))); l > max {
		f := max / l
		return x * f, y * f, z * f
	}
	return x, y, z
}
