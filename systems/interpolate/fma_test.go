package interpolate

import (
	"testing"

	"github.com/tickforge/tickforge/simd"
)

// skipIfMgl32Fused skips a test that holds this system to mgl32-based
// reference code bit for bit when this build fuses multiply-adds
// (GOAMD64=v3 and above, arm64): mgl32 then rounds its sums of products once where
// the system rounds twice, and the last bits differ. The system's own
// results are the same on every build (sim's golden hash test checks it).
func skipIfMgl32Fused(t *testing.T) {
	t.Helper()
	if simd.BuildFusesMultiplyAdd() {
		t.Skip("this build fuses multiply-adds (GOAMD64=v3 and above, arm64): mgl32-based reference code differs from the system in the last bit")
	}
}
