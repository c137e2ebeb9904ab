package aoigrid

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestNeighbourhoodCoversEveryObserver: for a cell's observers, finite or
// not, the block's cell range includes each one's own range (around),
// which is what makes scanning the block exact.
func TestNeighbourhoodCoversEveryObserver(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	odd := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1e30, -1e30}
	for round := 0; round < 300; round++ {
		n := 1 + rng.IntN(12)
		var f frame
		for i := 0; i < n; i++ {
			x, z := (rng.Float32()*2-1)*600, (rng.Float32()*2-1)*600
			if rng.IntN(8) == 0 {
				x = odd[rng.IntN(len(odd))]
			}
			if rng.IntN(8) == 0 {
				z = odd[rng.IntN(len(odd))]
			}
			if rng.IntN(4) == 0 { // on or next to a cell border
				x = float32(rng.IntN(9)-4)*50 + []float32{0, 1e-4, -1e-4}[rng.IntN(3)]
			}
			f.px, f.pz = append(f.px, x), append(f.pz, z)
		}
		var g grid
		radius := []float32{50, 1, 400}[rng.IntN(3)]
		g.bounds(boxOf(f.px, f.pz), len(f.px), radius, [2]float32{-500, -500}, [2]float32{500, 500})
		r, ok := g.neighbourhood(&f, 0, int32(n), radius)
		for i := 0; i < n; i++ {
			own := g.around(float64(f.px[i]), float64(f.pz[i]), radius)
			if !ok || own.xlo < r.xlo || own.xhi > r.xhi || own.zlo < r.zlo || own.zhi > r.zhi {
				t.Fatalf("round %d: observer (%v, %v) needs %+v, block %+v (ok %v)", round, f.px[i], f.pz[i], own, r, ok)
			}
		}
		if r.xlo < 0 || r.zlo < 0 || r.xhi >= g.width || r.zhi >= g.height {
			t.Fatalf("round %d: block %+v outside the %d×%d grid", round, r, g.width, g.height)
		}
	}
}
