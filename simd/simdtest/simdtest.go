// Package simdtest holds test support for packages whose maths is held to
// mgl32 bit for bit: it knows, through simd.BuildFusesMultiplyAdd, when the
// build makes such a comparison meaningless.
package simdtest

import (
	"testing"

	"github.com/tickforge/tickforge/simd"
)

// SkipIfMgl32Fused skips a test that holds tickforge's maths to mgl32-based
// reference code bit for bit when this build fuses multiply-adds
// (GOAMD64=v3 and above, arm64): mgl32 then rounds its sums of products
// once where tickforge rounds twice, and the last bits differ. tickforge's
// own results are the same on every build (sim's golden hash test checks
// it). Package simd's own tests keep a copy, as they cannot import this
// package.
func SkipIfMgl32Fused(t testing.TB) {
	t.Helper()
	if simd.BuildFusesMultiplyAdd() {
		t.Skip("this build fuses multiply-adds (GOAMD64=v3 and above, arm64): mgl32-based reference code differs from tickforge's maths in the last bit")
	}
}
