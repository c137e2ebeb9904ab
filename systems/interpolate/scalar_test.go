package interpolate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestClampMatchesMinMax holds vec3.clamp, with its inside-the-bounds
// shortcut, to Go's min and max on every axis, including NaN, ±0 and
// values on and just past the bounds.
func TestClampMatchesMinMax(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	negZero := float32(math.Copysign(0, -1))
	bounds := [][2]vec3{
		{{0, -100, 0}, {1000, 100, 1000}},
		{{negZero, negZero, 0}, {0, 0, negZero}},
		{{-5, -5, -5}, {5, 5, 5}},
	}
	special := []float32{0, negZero, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1000, -100, 100,
		math.Nextafter32(1000, 2000), math.Nextafter32(0, -1), 5, -5}
	pick := func() float32 {
		if rng.IntN(3) == 0 {
			return special[rng.IntN(len(special))]
		}
		return (rng.Float32() - 0.25) * 1400
	}
	for _, b := range bounds {
		lo, hi := b[0], b[1]
		for i := 0; i < 100000; i++ {
			v := vec3{pick(), pick(), pick()}
			want := vec3{min(max(v.x, lo.x), hi.x), min(max(v.y, lo.y), hi.y), min(max(v.z, lo.z), hi.z)}
			got := v.clamp(lo, hi)
			for a, pair := range [][2]float32{{got.x, want.x}, {got.y, want.y}, {got.z, want.z}} {
				if math.Float32bits(pair[0]) != math.Float32bits(pair[1]) && !(pair[0] != pair[0] && pair[1] != pair[1]) {
					t.Fatalf("clamp(%v, %v, %v) axis %d = %v, min/max %v", v, lo, hi, a, pair[0], pair[1])
				}
			}
		}
	}
}
