package record

import (
	"math"

	"github.com/mlange-42/arche/generic"
	"github.com/tickforge/tickforge/ecs"
)

// CellsOnlyAOIName is the name of the system that takes the aoi-grid
// system's place in a replay that needs no visibility (see
// ReplayOptions.FullAOI).
const CellsOnlyAOIName = "aoi-cells-only"

// aoiCells writes each player's ecs.AOICell — the only world state the
// aoi-grid system writes — without computing who sees whom. Visibility
// feeds broadcast (skipped in replay) and game systems such as the
// server's actions; a replay with neither does not need it.
//
// The cell is floor(coordinate / AOIRadius), saturated to int32, NaN → 0,
// exactly as aoigrid documents and writes it;
// TestCellsOnlyAOIMatchesAOIGrid checks the two agree on hostile
// positions, and any drift shows up as a replay divergence, never as a
// silent pass.
type aoiCells struct {
	filter *generic.Filter3[ecs.Position, ecs.Player, ecs.AOICell]
}

func newAOICells() *aoiCells {
	return &aoiCells{filter: generic.NewFilter3[ecs.Position, ecs.Player, ecs.AOICell]()}
}

// Name implements ecs.System.
func (*aoiCells) Name() string { return CellsOnlyAOIName }

// Update implements ecs.System.
func (a *aoiCells) Update(w *ecs.World) {
	radius := float64(w.Config.AOIRadius)
	q := a.filter.Query(&w.ECS)
	for q.Next() {
		pos, _, cell := q.Get()
		cell.X = nominalCell(float64(pos.X()), radius)
		cell.Z = nominalCell(float64(pos.Z()), radius)
	}
}

// nominalCell is floor(v / radius) as an int32, saturated; NaN gives 0.
func nominalCell(v, radius float64) int32 {
	c := math.Floor(v / radius)
	switch {
	case c != c:
		return 0
	case c < math.MinInt32:
		return math.MinInt32
	case c > math.MaxInt32:
		return math.MaxInt32
	}
	return int32(c)
}
