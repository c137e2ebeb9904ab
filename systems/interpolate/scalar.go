package interpolate

import (
	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/simd"
)

// vec3 and quat are mgl32.Vec3 and mgl32.Quat as structs of scalars. An
// mgl32.Vec3 is a [3]float32, and Go keeps arrays longer than one element
// in memory, so every mgl32 operation stores and reloads its operands;
// these structs stay in registers. Each vec3 operation below does the same
// float32 arithmetic in the same order as its mgl32 namesake, so results
// are bit-identical; quat is simd.Quat, whose RotateQuat does the turning.
type (
	vec3 struct{ x, y, z float32 }
	quat simd.Quat
)

// vec3At and quatAt load through a pointer, so the array is not copied first.
func vec3At(v *mgl32.Vec3) vec3 { return vec3{v[0], v[1], v[2]} }
func quatAt(q *mgl32.Quat) quat { return quat{q.W, q.V[0], q.V[1], q.V[2]} }

func (v vec3) store(dst *mgl32.Vec3) { dst[0], dst[1], dst[2] = v.x, v.y, v.z }
func (q quat) store(dst *mgl32.Quat) { dst.W, dst.V[0], dst.V[1], dst.V[2] = q.W, q.X, q.Y, q.Z }

func (v vec3) mgl() mgl32.Vec3 { return mgl32.Vec3{v.x, v.y, v.z} }
func (q quat) mgl() mgl32.Quat { return mgl32.Quat{W: q.W, V: mgl32.Vec3{q.X, q.Y, q.Z}} }

func (v vec3) add(u vec3) vec3 { return vec3{v.x + u.x, v.y + u.y, v.z + u.z} }
func (v vec3) sub(u vec3) vec3 { return vec3{v.x - u.x, v.y - u.y, v.z - u.z} }

// mul rounds each product explicitly, so no build fuses it into the add
// of a lerp (GOAMD64=v3 and arm64 would, and positions would then differ
// from other builds' and from recordings made by them).
func (v vec3) mul(c float32) vec3 { return vec3{float32(v.x * c), float32(v.y * c), float32(v.z * c)} }

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
