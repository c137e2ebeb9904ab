package simd

// BuildFusesMultiplyAdd reports whether this build's compiler fuses a
// float32 x*y + z into one multiply-add, as Go allows and does for
// GOAMD64=v3 and above and for arm64. tickforge's simulation rounds every product that
// feeds a sum explicitly, so its results do not depend on it; code compiled
// without that care, mgl32 for one, does. Tests that compare tickforge's
// maths with such code bit for bit use this to know whether they can.
func BuildFusesMultiplyAdd() bool {
	// x² = 1 + 2⁻¹¹ + 2⁻²⁴ needs one bit more than a float32 holds:
	// rounded first, x² − 1 is 2⁻¹¹; fused, it keeps the 2⁻²⁴.
	x := float32(1 + 0x1p-12)
	return mulAdd(x, x, -1) != 0x1p-11
}

// mulAdd is x*y + z as the compiler builds it; kept out of line so that the
// constants above are not folded away.
//
//go:noinline
func mulAdd(x, y, z float32) float32 { return x*y + z }
