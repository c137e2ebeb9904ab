package simd

// RotateQuat turns from a toward b by t along the shorter arc: one lane of
// RotateToward, and its reference. Meant for unit quaternions and t in
// [0, 1), it is defined for all inputs:
//
//   - d = a·b; where d < 0, b and d change sign (the shorter arc);
//   - d > SnapDot: b, as it is (a turn that has all but finished);
//   - d > NlerpDot: normalize(a·(1−t) + b·t);
//   - otherwise mgl32.QuatSlerp(a, b, t) step for step, with acos and
//     sincos evaluated by fdlibm's kernels (acosUnit, sincosQuarter)
//     instead of package math's general-purpose ones, which handle every
//     range and cost several times more. The kernels are accurate to about
//     one float64 ulp, so after rounding to float32 the result is almost
//     always bit-identical to mgl32's and otherwise within a float32 ulp
//     or two.
//
// normalize is mgl32.Quat.Normalize (zero gives the identity, an infinite
// length is taken as MaxFloat32, W is divided by the length and X, Y, Z
// multiplied by its inverse). All arithmetic is float32 except acos and
// sincos, in float64, with no fused multiply-add.
func RotateQuat(a, b Quat, t float32) Quat {
	d := a.dot(b)
	// Taking the shorter arc flips b for about half the entities, each
	// always the same way, which a branch predictor cannot learn; flipping
	// sign bits under a mask gives b.scale(-1) and -d without a branch.
	var flip uint32
	if d < 0 {
		flip = 1 << 31
	}
	b, d = b.flipSign(flip), flipSign(d, flip)
	switch {
	case d > SnapDot:
		return b
	case d > NlerpDot:
		return a.scale(1 - t).add(b.scale(t)).normalize()
	default:
		return slerp(a, b, t)
	}
}

// slerp is mgl32.QuatSlerp step for step, with acosUnit and sincosQuarter
// for acos and sincos.
func slerp(q1, q2 Quat, amount float32) Quat {
	q1, q2 = q1.normalize(), q2.normalize()
	dot := q1.dot(q2)
	if dot < 0 {
		q2, dot = q2.scale(-1), -dot
	}
	if dot > NlerpDot {
		return q1.add(q2.sub(q1).scale(amount)).normalize() // mgl32.QuatNlerp
	}
	// mgl32 clamps dot to [-1, 1] here, which changes nothing: dot is NaN
	// or in [0, NlerpDot] (a -0 stays -0 either way).
	theta := float32(float32(acosUnit(float64(dot))) * amount)
	sn, cs := sincosQuarter(float64(theta))
	s, c := float32(sn), float32(cs)
	rel := q2.sub(q1.scale(dot)).normalize()
	return q1.scale(c).add(rel.scale(s))
}

// rotateTowardGeneric is the reference of RotateToward, over entries
// start..n-1 of columns already checked to hold n.
func rotateTowardGeneric(dst, from, to *QuatColumns, t []float32, start, n int) {
	for i := start; i < n; i++ {
		q := RotateQuat(Quat{from.W[i], from.X[i], from.Y[i], from.Z[i]}, Quat{to.W[i], to.X[i], to.Y[i], to.Z[i]}, t[i])
		dst.W[i], dst.X[i], dst.Y[i], dst.Z[i] = q.W, q.X, q.Y, q.Z
	}
}
