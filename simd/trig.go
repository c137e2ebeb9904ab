package simd

import "math"

// The constants of fdlibm's e_acos.c, k_sin.c and k_cos.c.
const (
	pio2Hi = 1.57079632679489655800e+00
	pio2Lo = 6.12323399573676603587e-17

	pS0 = 1.66666666666666657415e-01
	pS1 = -3.25565818622400915405e-01
	pS2 = 2.01212532134862925881e-01
	pS3 = -4.00555345006794114027e-02
	pS4 = 7.91534994289814532176e-04
	pS5 = 3.47933107596021167570e-05
	qS1 = -2.40339491173441421878e+00
	qS2 = 2.02094576023350569471e+00
	qS3 = -6.88283971605453293030e-01
	qS4 = 7.70381505559019352791e-02

	sin1 = -1.66666666666666324348e-01
	sin2 = 8.33333333332248946124e-03
	sin3 = -1.98412698298579493134e-04
	sin4 = 2.75573137070700676789e-06
	sin5 = -2.50507602534068634195e-08
	sin6 = 1.58969099521155010221e-10

	cos1 = 4.16666666666666019037e-02
	cos2 = -1.38888888888741095749e-03
	cos3 = 2.48015872894767294178e-05
	cos4 = -2.75573143513906633035e-07
	cos5 = 2.08757232129817482790e-09
	cos6 = -1.13596475577881948265e-11
)

// The kernels below are fdlibm's, in float64, with every product that
// feeds a sum converted to float64 explicitly so that no target fuses the
// two (see Quat's operations); the assembly evaluates the same expressions
// in the same order.

// acosUnit is acos(x) for x in [0, 1] (fdlibm's __ieee754_acos for that
// range); other x go to math.Acos.
func acosUnit(x float64) float64 {
	if !acosInRange(x) {
		return math.Acos(x)
	}
	if x < 0.5 {
		r := asinRatio(float64(x * x))
		return pio2Hi - (x - (pio2Lo - float64(x*r)))
	}
	z := float64((1 - x) * 0.5)
	s := math.Sqrt(z)
	df := math.Float64frombits(math.Float64bits(s) &^ 0xffffffff)
	c := (z - float64(df*df)) / (s + df)
	w := float64(asinRatio(z)*s) + c
	return 2 * (df + w)
}

// acosInRange reports whether acosUnit evaluates x with its own kernel.
func acosInRange(x float64) bool { return x >= 0 && x < 1 }

// asinRatio is fdlibm's rational approximation R(z) with
// asin(x) = x + x·R(x²) for |x| ≤ 0.5.
func asinRatio(z float64) float64 {
	p := z * (pS0 + float64(z*(pS1+float64(z*(pS2+float64(z*(pS3+float64(z*(pS4+float64(z*pS5))))))))))
	q := 1 + float64(z*(qS1+float64(z*(qS2+float64(z*(qS3+float64(z*qS4)))))))
	return p / q
}

// sincosQuarter is sin(x), cos(x) for x in [0, π/2], by fdlibm's kernels
// on [0, π/4] and the cofunctions above that; other x go to math.Sincos.
func sincosQuarter(x float64) (sin, cos float64) {
	if !sincosInRange(x) {
		return math.Sincos(x)
	}
	if x <= math.Pi/4 {
		return kernelSin(x), kernelCos(x)
	}
	y := (pio2Hi - x) + pio2Lo
	return kernelCos(y), kernelSin(y)
}

// sincosInRange reports whether sincosQuarter evaluates x with its own
// kernels.
func sincosInRange(x float64) bool { return x >= 0 && x <= math.Pi/2 }

// kernelSin is fdlibm's __kernel_sin for |x| ≤ π/4 (no tail word).
func kernelSin(x float64) float64 {
	z := float64(x * x)
	r := sin2 + float64(z*(sin3+float64(z*(sin4+float64(z*(sin5+float64(z*sin6)))))))
	return x + float64(float64(z*x)*(sin1+float64(z*r)))
}

// kernelCos is fdlibm's __kernel_cos for |x| ≤ π/4 (no tail word).
func kernelCos(x float64) float64 {
	z := float64(x * x)
	r := z * (cos1 + float64(z*(cos2+float64(z*(cos3+float64(z*(cos4+float64(z*(cos5+float64(z*cos6))))))))))
	if x < 0.3 && x > -0.3 {
		return 1 - (float64(0.5*z) - float64(z*r))
	}
	qx := x * 0.25
	if x > 0.78125 || x < -0.78125 {
		qx = 0.28125
	}
	qx = math.Float64frombits(math.Float64bits(qx) &^ 0xffffffff)
	hz := float64(0.5*z) - qx
	return (1 - qx) - (hz - float64(z*r))
}
