package interpolate

import (
	"math"

	"github.com/go-gl/mathgl/mgl32"
)

// vec3 and quat are mgl32.Vec3 and mgl32.Quat as structs of scalars. An
// mgl32.Vec3 is a [3]float32, and Go keeps arrays longer than one element
// in memory, so every mgl32 operation stores and reloads its operands;
// these structs stay in registers. Each operation below does the same
// float32 arithmetic in the same order as its mgl32 namesake, so results
// are bit-identical.
type (
	vec3 struct{ x, y, z float32 }
	quat struct{ w, x, y, z float32 }
)

// vec3At and quatAt load through a pointer, so the array is not copied first.
func vec3At(v *mgl32.Vec3) vec3 { return vec3{v[0], v[1], v[2]} }
func quatAt(q *mgl32.Quat) quat { return quat{q.W, q.V[0], q.V[1], q.V[2]} }

func (v vec3) store(dst *mgl32.Vec3) { dst[0], dst[1], dst[2] = v.x, v.y, v.z }
func (q quat) store(dst *mgl32.Quat) { dst.W, dst.V[0], dst.V[1], dst.V[2] = q.w, q.x, q.y, q.z }

func (v vec3) mgl() mgl32.Vec3 { return mgl32.Vec3{v.x, v.y, v.z} }
func (q quat) mgl() mgl32.Quat { return mgl32.Quat{W: q.w, V: mgl32.Vec3{q.x, q.y, q.z}} }

func (v vec3) add(u vec3) vec3      { return vec3{v.x + u.x, v.y + u.y, v.z + u.z} }
func (v vec3) sub(u vec3) vec3      { return vec3{v.x - u.x, v.y - u.y, v.z - u.z} }
func (v vec3) mul(c float32) vec3   { return vec3{v.x * c, v.y * c, v.z * c} }
func (q quat) add(p quat) quat      { return quat{q.w + p.w, q.x + p.x, q.y + p.y, q.z + p.z} }
func (q quat) sub(p quat) quat      { return quat{q.w - p.w, q.x - p.x, q.y - p.y, q.z - p.z} }
func (q quat) scale(c float32) quat { return quat{q.w * c, q.x * c, q.y * c, q.z * c} }
func (q quat) dot(p quat) float32   { return q.w*p.w + q.x*p.x + q.y*p.y + q.z*p.z }

// flipSign flips f's sign bit where mask has it; for every non-NaN f that
// is f * -1.
func flipSign(f float32, mask uint32) float32 {
	return math.Float32frombits(math.Float32bits(f) ^ mask)
}

// flipSign flips the sign bit of each component where mask has it.
func (q quat) flipSign(mask uint32) quat {
	return quat{flipSign(q.w, mask), flipSign(q.x, mask), flipSign(q.y, mask), flipSign(q.z, mask)}
}

// clamp limits each axis of v to [lo, hi] with Go's min and max, which
// turn NaN into NaN and -0 into +0 at a bound of +0. A point strictly
// inside the bounds, as nearly every one is, is returned as it is, which
// is what min and max would return, for fewer instructions.
func (v vec3) clamp(lo, hi vec3) vec3 {
	if v.x > lo.x && v.x < hi.x && v.y > lo.y && v.y < hi.y && v.z > lo.z && v.z < hi.z {
		return v
	}
	return vec3{min(max(v.x, lo.x), hi.x), min(max(v.y, lo.y), hi.y), min(max(v.z, lo.z), hi.z)}
}

// normalize is mgl32.Quat.Normalize, including its quirks: a length that
// mgl32.FloatEqual calls 1 is left alone, zero gives the identity, and an
// infinite length is taken as MaxFloat32. With mgl32.Epsilon at its default
// of 1e-10, FloatEqual(1, x) holds only for x == 1 (the nearest float32s
// differ from 1 by 6e-8 relative), and dividing by exactly 1 changes
// nothing, so that case needs no branch of its own, which would be
// mispredicted about as often as taken for nearly unit quaternions.
func (q quat) normalize() quat {
	length := float32(math.Sqrt(float64(q.w*q.w + q.x*q.x + q.y*q.y + q.z*q.z)))
	if length == 0 {
		return quat{w: 1}
	}
	if length == mgl32.InfPos {
		length = mgl32.MaxValue
	}
	inv := 1 / length
	return quat{q.w / length, q.x * inv, q.y * inv, q.z * inv} // mgl32 computes W * 1 / length
}
