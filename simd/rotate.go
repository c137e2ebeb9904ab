package simd

// SnapDot is the |a·b| of two unit quaternions above which RotateToward
// treats them as one orientation and returns the target: an angle under
// about 0.5°, far below what a player can see, so a turn that has all but
// finished stops costing work.
const SnapDot = 1 - 1e-5

// NlerpDot is the |a·b| above which RotateToward uses normalised lerp
// instead of slerp; mgl32.QuatSlerp uses the same threshold (an angle under
// ~3.6°).
const NlerpDot = 0.9995

// QuatColumns is a batch of quaternions as a structure of arrays, one entry
// per quaternion: entry i is W[i] + X[i]i + Y[i]j + Z[i]k.
type QuatColumns struct {
	W, X, Y, Z []float32
}

// Resize sets every column to n entries, reusing the columns' capacity, so
// a caller that fills the same QuatColumns each tick allocates only while
// the batch grows past its largest size so far. New entries hold stale or
// zero values.
func (c *QuatColumns) Resize(n int) {
	c.W, c.X, c.Y, c.Z = resize(c.W, n), resize(c.X, n), resize(c.Y, n), resize(c.Z, n)
}

// Set stores q as entry i.
//
// Panics: if i is not below the length of every column.
func (c *QuatColumns) Set(i int, q Quat) { c.W[i], c.X[i], c.Y[i], c.Z[i] = q.W, q.X, q.Y, q.Z }

// At returns entry i.
//
// Panics: if i is not below the length of every column.
func (c *QuatColumns) At(i int) Quat { return Quat{c.W[i], c.X[i], c.Y[i], c.Z[i]} }

// RotateToward sets entry i of dst to RotateQuat(from[i], to[i], t[i]) for
// every i below n = len(t), bit for bit on every path. dst may be from or
// to (the same columns, entry for entry), but must not otherwise overlap
// them. The call allocates nothing. The assembly path turns 8 entries per
// step, evaluating all of RotateQuat's cases in every lane and blending the
// results; a step with a lane whose result has a NaN, or whose slerp needs
// package math's acos or sincos, is left to the Go reference, as is a tail
// of fewer than 8 entries.
//
// Panics: if a column of dst, from or to is shorter than t.
func RotateToward(dst, from, to *QuatColumns, t []float32) {
	rotateToward(dst, from, to, t, accelerated.Load())
}

// rotateToward is RotateToward with the path chosen by the caller.
func rotateToward(dst, from, to *QuatColumns, t []float32, useAsm bool) {
	n := len(t)
	for _, c := range [...]*QuatColumns{dst, from, to} {
		if len(c.W) < n || len(c.X) < n || len(c.Y) < n || len(c.Z) < n {
			panic("simd: RotateToward: a column is shorter than t")
		}
	}
	done := 0
	for useAsm && done < n {
		// The assembly stops before a step it cannot finish; the reference
		// takes that step, and the assembly resumes after it.
		done = rotateTowardAsm(dst, from, to, t, done, n)
		if done+8 > n {
			break
		}
		rotateTowardGeneric(dst, from, to, t, done, done+8)
		done += 8
	}
	rotateTowardGeneric(dst, from, to, t, done, n)
}
