package aoigrid

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/go-gl/mathgl/mgl32"

	"github.com/tickforge/tickforge/ecs"
)

func TestNominalCell(t *testing.T) {
	t.Parallel()
	nan := float32(math.NaN())
	for _, c := range []struct {
		v    float32
		want int32
	}{
		{0, 0}, {49.999, 0}, {50, 1}, {-0.0001, -1}, {-50, -1}, {-50.001, -2}, {-100, -2},
		{99999, 1999}, {float32(math.Inf(1)), math.MaxInt32}, {float32(math.Inf(-1)), math.MinInt32},
		{1e30, math.MaxInt32}, {-1e30, math.MinInt32}, {nan, 0},
	} {
		if got := CellIndex(c.v, 50); got != c.want {
			t.Errorf("CellIndex(%v, 50) = %d, want %d", c.v, got, c.want)
		}
	}
}

func TestWritesAOICell(t *testing.T) {
	t.Parallel()
	cfg := ecs.DefaultConfig()
	cfg.WorldMin = mgl32.Vec3{-500, -100, -500}
	w, _ := ecs.NewWorld(cfg, 8)
	pts := []struct {
		x, z float32
		cell ecs.AOICell
	}{
		{-0.5, 49.999, ecs.AOICell{X: -1, Z: 0}},
		{50, -50, ecs.AOICell{X: 1, Z: -1}},
		{-50.0001, 100, ecs.AOICell{X: -2, Z: 2}},
	}
	for i, p := range pts {
		w.SpawnPlayer(ecs.SpawnSpec{Conn: uint32(i), Position: mgl32.Vec3{p.x, 0, p.z}})
	}
	New(8).Update(w)
	for i, p := range pts {
		e, _ := w.EntityOf(uint32(i))
		if got := *w.Cells.Get(e); got != p.cell {
			t.Errorf("(%v, %v): cell %+v, want %+v", p.x, p.z, got, p.cell)
		}
	}
}

// TestGridBuild checks the counting sort: every entity lands in the cell of
// its clamped coordinates, each cell's span is contiguous, and the order is
// a permutation of the input.
func TestGridBuild(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 7))
	for round := 0; round < 50; round++ {
		n := rng.IntN(500)
		xs, zs := make([]float32, n), make([]float32, n)
		for i := range xs {
			xs[i] = float32(rng.IntN(41)-20) * 25 // many points on cell borders, negatives
			zs[i] = (rng.Float32()*2 - 1) * 700   // some outside the world bounds
		}
		if n > 0 && round%5 == 0 {
			xs[0] = float32(math.NaN())
		}
		var g grid
		g.bounds(boxOf(xs, zs), len(xs), 50, [2]float32{-400, -400}, [2]float32{400, 400})
		g.index(xs, zs)
		g.sort()
		if g.size != 50 {
			t.Fatalf("cell size %v, want 50", g.size)
		}
		if g.cellStart[0] != 0 || int(g.cellStart[g.width*g.height]) != n {
			t.Fatalf("cellStart runs %d..%d, want 0..%d", g.cellStart[0], g.cellStart[g.width*g.height], n)
		}
		seen := make([]bool, n)
		for cz := 0; cz < g.height; cz++ {
			for cx := 0; cx < g.width; cx++ {
				c := cz*g.width + cx
				for k := g.cellStart[c]; k < g.cellStart[c+1]; k++ {
					d := g.order[k]
					if seen[d] {
						t.Fatalf("input %d sorted twice", d)
					}
					seen[d] = true
					if g.cellX(float64(xs[d])) != cx || g.cellZ(float64(zs[d])) != cz {
						t.Fatalf("(%v, %v) in cell %d,%d", xs[d], zs[d], cx, cz)
					}
				}
			}
		}
		if slices.Contains(seen, false) {
			t.Fatalf("an entity is missing from the grid")
		}
	}
}

// TestHugeSparseWorld uses a world far too large for the cell budget at cell
// size R: the grid must widen its cells and still match the oracle.
func TestHugeSparseWorld(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 5; seed++ {
		cfg := ecs.DefaultConfig()
		cfg.WorldMin = mgl32.Vec3{-1e6, -100, -1e6}
		cfg.WorldMax = mgl32.Vec3{1e6, 100, 1e6}
		w, _ := ecs.NewWorld(cfg, 200)
		rng := rand.New(rand.NewPCG(seed, 3))
		for conn := uint32(0); conn < 200; conn++ {
			// Pairs 0..60 apart scattered over the whole world.
			base := mgl32.Vec3{(rng.Float32()*2 - 1) * 9e5, 0, (rng.Float32()*2 - 1) * 9e5}
			if conn%2 == 1 {
				prev, _ := w.EntityOf(conn - 1)
				base = w.Positions.Get(prev).Vec3.Add(mgl32.Vec3{rng.Float32() * 40, 0, rng.Float32() * 40})
			}
			w.SpawnPlayer(ecs.SpawnSpec{Conn: conn, UserID: uint64(conn), Position: base})
		}
		s, m := New(200), newOracle()
		for tick := 0; tick < 3; tick++ {
			s.Update(w)
			checkAgainstOracle(t, s, w, m.step(w))
			if st := s.Stats(); st.CellSize <= cfg.AOIRadius || st.Cells > maxCellsFloor || st.Visible == 0 {
				t.Fatalf("stats %+v: want a widened grid within budget and some visible pairs", st)
			}
			for conn := uint32(0); conn < 200; conn++ {
				e, _ := w.EntityOf(conn)
				p := w.Positions.Get(e)
				p.Vec3[0] += (rng.Float32()*2 - 1) * 10
			}
		}
	}
}

func TestSelectNearest(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 11))
	for round := 0; round < 300; round++ {
		n := 1 + rng.IntN(200)
		c := make([]candidate, n)
		for i := range c {
			// Few distinct distances and UserIDs, so ties are common.
			c[i] = candidate{d2: float32(rng.IntN(8)), uid: uint64(rng.IntN(3)), id: uint32(i), dense: int32(i)}
		}
		rng.Shuffle(n, func(i, j int) { c[i], c[j] = c[j], c[i] })
		want := slices.Clone(c)
		slices.SortFunc(want, func(a, b candidate) int {
			if nearer(&a, &b) {
				return -1
			}
			return 1
		})
		k := rng.IntN(n + 1)
		got := slices.Clone(c)
		selectNearest(got, k)
		sortByID := func(s []candidate) []uint32 {
			ids := make([]uint32, len(s))
			for i := range s {
				ids[i] = s[i].id
			}
			slices.Sort(ids)
			return ids
		}
		if !slices.Equal(sortByID(got[:k]), sortByID(want[:k])) {
			t.Fatalf("round %d: selectNearest(n=%d, k=%d) picked %v, want %v", round, n, k, sortByID(got[:k]), sortByID(want[:k]))
		}
		hs := slices.Clone(c)
		heapSort(hs)
		if !slices.Equal(hs, want) {
			t.Fatalf("round %d: heapSort disagrees with sort", round)
		}
	}
}

// boxOf is the bounding box of the finite points (xs[i], zs[i]).
func boxOf(xs, zs []float32) box {
	bb := emptyBox()
	for i := range xs {
		bb.add(xs[i], zs[i])
	}
	return bb
}

// TestIndexCellsMatchesIndex checks that the cells gather precomputes give
// every entity the cell the float path gives it — NaN, ±Inf, values past
// int32, cell borders, negative coordinates, positions outside the grid —
// and that indexCells declines when the cell size is not the radius.
func TestIndexCellsMatchesIndex(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(41, 42))
	odd := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1e30, -1e30, 1e11, -1e11,
		0, float32(math.Copysign(0, -1)), 50, -50, 49.99999, -50.00001, math.SmallestNonzeroFloat32}
	for round := 0; round < 400; round++ {
		n := 1 + rng.IntN(300)
		radius := []float32{50, 1, 7.5, 400}[rng.IntN(4)]
		xs, zs := make([]float32, n), make([]float32, n)
		cx, cz := make([]int32, n), make([]int32, n)
		for i := range xs {
			xs[i], zs[i] = (rng.Float32()*2-1)*600, (rng.Float32()*2-1)*600
			if rng.IntN(4) == 0 {
				xs[i] = odd[rng.IntN(len(odd))]
			}
			if rng.IntN(4) == 0 {
				zs[i] = odd[rng.IntN(len(odd))]
			}
			var c int32
			c, cx[i] = floorCell(xs[i], radius)
			if c != CellIndex(xs[i], radius) {
				t.Fatalf("floorCell(%v) component cell %d, CellIndex %d", xs[i], c, CellIndex(xs[i], radius))
			}
			_, cz[i] = floorCell(zs[i], radius)
		}
		var want, got grid
		worldMin, worldMax := [2]float32{-500, -500}, [2]float32{500, 500}
		want.bounds(boxOf(xs, zs), n, radius, worldMin, worldMax)
		got.bounds(boxOf(xs, zs), n, radius, worldMin, worldMax)
		want.index(xs, zs)
		if !got.indexCells(cx, cz, radius) {
			if want.size == float64(radius) {
				t.Fatalf("round %d: indexCells declined a grid of cell size %v (the radius)", round, want.size)
			}
			continue
		}
		if want.size != float64(radius) {
			t.Fatalf("round %d: indexCells accepted cell size %v for radius %v", round, want.size, radius)
		}
		for i := range xs {
			if got.cellOf[i] != want.cellOf[i] {
				t.Fatalf("round %d: (%v, %v) radius %v: cell %d, want %d", round, xs[i], zs[i], radius, got.cellOf[i], want.cellOf[i])
			}
		}
	}
}
