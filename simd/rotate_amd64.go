//go:build amd64 && !purego

package simd

// rotateTowardAVX2 turns entries start, start+8, … 8 at a time (see
// RotateToward) for as many whole steps as fit below n, and stops before
// the first step that has a lane it cannot finish: a NaN in the result, or
// a slerp whose acos or sincos argument lies outside the kernels' ranges.
// It returns the index it stopped at. The columns are read from their
// structs (offsets from go_asm.h).
//
//go:noescape
func rotateTowardAVX2(dst, from, to *QuatColumns, t *float32, start, n int) (done int)

// rotateTowardAsm runs the assembly from entry start of columns checked to
// hold n entries, and returns where it stopped.
func rotateTowardAsm(dst, from, to *QuatColumns, t []float32, start, n int) int {
	if n-start < 8 {
		return start
	}
	return rotateTowardAVX2(dst, from, to, &t[0], start, n)
}
