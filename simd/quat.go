package simd

import "math"

// Quat is a quaternion W + Xi + Yj + Zk: one lane of QuatColumns, and the
// scalar form RotateQuat works on. Its fields are float32 scalars rather
// than arrays, so Go keeps a Quat in registers.
type Quat struct{ W, X, Y, Z float32 }

// The operations below do mgl32's float32 arithmetic in mgl32's order, so
// their results are bit-identical to mgl32.Quat's. Every product that
// feeds a sum is converted to float32 explicitly: the conversion rounds it,
// which forbids the compiler to fuse the two into one multiply-add (as it
// does for GOAMD64=v3 and up), so the result is the same on every target
// and the assembly's, which never fuses, too.

func (q Quat) add(p Quat) Quat { return Quat{q.W + p.W, q.X + p.X, q.Y + p.Y, q.Z + p.Z} }
func (q Quat) sub(p Quat) Quat { return Quat{q.W - p.W, q.X - p.X, q.Y - p.Y, q.Z - p.Z} }

func (q Quat) scale(c float32) Quat {
	return Quat{float32(q.W * c), float32(q.X * c), float32(q.Y * c), float32(q.Z * c)}
}

func (q Quat) dot(p Quat) float32 {
	return float32(q.W*p.W) + float32(q.X*p.X) + float32(q.Y*p.Y) + float32(q.Z*p.Z)
}

// flipSign flips f's sign bit where mask has it; for every non-NaN f that
// is f * -1.
func flipSign(f float32, mask uint32) float32 {
	return math.Float32frombits(math.Float32bits(f) ^ mask)
}

// flipSign flips the sign bit of each component where mask has it.
func (q Quat) flipSign(mask uint32) Quat {
	return Quat{flipSign(q.W, mask), flipSign(q.X, mask), flipSign(q.Y, mask), flipSign(q.Z, mask)}
}

// normalize is mgl32.Quat.Normalize, including its quirks: a length that
// mgl32.FloatEqual calls 1 is left alone, zero gives the identity, and an
// infinite length is taken as MaxFloat32. With mgl32.Epsilon at its default
// of 1e-10, FloatEqual(1, x) holds only for x == 1 (the nearest float32s
// differ from 1 by 6e-8 relative), and dividing by exactly 1 changes
// nothing, so that case needs no branch of its own, which would be
// mispredicted about as often as taken for nearly unit quaternions. The
// square root in float64, rounded to float32, is the float32 square root
// exactly (float64 carries more than twice float32's precision), which is
// what the assembly computes.
func (q Quat) normalize() Quat {
	length := float32(math.Sqrt(float64(q.dot(q))))
	if length == 0 {
		return Quat{W: 1}
	}
	if length > math.MaxFloat32 {
		length = math.MaxFloat32
	}
	inv := 1 / length
	return Quat{q.W / length, q.X * inv, q.Y * inv, q.Z * inv} // mgl32 computes W * 1 / length
}
