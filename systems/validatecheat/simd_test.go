package validatecheat

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/simd"
)

// TestBatchCheckerAgreesWithScalar holds the SIMD path (and its Go twin) to
// the scalar reference on random moves and on edge values.
func TestBatchCheckerAgreesWithScalar(t *testing.T) {
	cfg := ecs.DefaultConfig()
	lim := LimitsFor(&cfg, 5_000_000_000)
	edges := []float32{0, -0, 1, -1, 1000, 1000.0001, -100, 100, 100.00001, float32(math.NaN()),
		float32(math.Inf(1)), float32(math.Inf(-1)), math.SmallestNonzeroFloat32, math.MaxFloat32, 500}
	for _, accel := range []bool{true, false} {
		prev := simd.SetEnabled(accel)
		for seed := uint64(0); seed < 50; seed++ {
			rng := rand.New(rand.NewPCG(seed, 1))
			var moves Moves
			n := rng.IntN(300)
			for i := 0; i < n; i++ {
				pick := func(base float32) float32 {
					if rng.IntN(8) == 0 {
						return edges[rng.IntN(len(edges))]
					}
					return base + (rng.Float32()-0.5)*60
				}
				prevPos := mgl32.Vec3{pick(500), pick(0), pick(500)}
				elapsed := rng.Float32() * 0.6
				if rng.IntN(10) == 0 {
					elapsed = edges[rng.IntN(len(edges))]
				}
				dir := mgl32.Vec3{rng.Float32() - 0.5, 0, rng.Float32() - 0.5}.Normalize()
				dist := lim.MaxSpeed*max(elapsed, 0) + lim.Tolerance
				if rng.IntN(3) == 0 {
					dist *= 1 + (rng.Float32()-0.5)*1e-6 // right at the limit
				}
				newPos := prevPos.Add(dir.Mul(dist))
				if rng.IntN(6) == 0 {
					newPos = mgl32.Vec3{pick(500), pick(0), pick(500)}
				}
				ts := lim.NowMS + uint32(int32(rng.IntN(2400))-1200)
				moves.add(Move{Prev: prevPos, New: newPos, Elapsed: elapsed, Timestamp: ts}, i)
			}
			want := make([]ecs.RejectReason, n)
			got := make([]ecs.RejectReason, n)
			ScalarChecker(&moves, &lim, want)
			NewBatchChecker().Check(&moves, &lim, got)
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("simd=%v seed %d move %d %+v: batch %v, scalar %v", accel, seed, i, moves.At(i), got[i], want[i])
				}
			}
		}
		simd.SetEnabled(prev)
	}
}

// add appends one move that stands for input index.
func (m *Moves) add(mv Move, index int) {
	m.PrevX, m.PrevY, m.PrevZ = append(m.PrevX, mv.Prev[0]), append(m.PrevY, mv.Prev[1]), append(m.PrevZ, mv.Prev[2])
	m.NewX, m.NewY, m.NewZ = append(m.NewX, mv.New[0]), append(m.NewY, mv.New[1]), append(m.NewZ, mv.New[2])
	m.Elapsed, m.Timestamp = append(m.Elapsed, mv.Elapsed), append(m.Timestamp, mv.Timestamp)
	m.Index = append(m.Index, int32(index))
}
