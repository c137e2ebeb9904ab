package record

import (
	"github.com/mlange-42/arche/generic"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/systems/aoigrid"
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
// The cell comes from aoigrid.CellIndex, the function the aoi-grid system
// itself uses; TestCellsOnlyAOIMatchesAOIGrid checks the two agree on
// hostile positions.
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
	radius := w.Config.AOIRadius
	q := a.filter.Query(&w.ECS)
	for q.Next() {
		pos, _, cell := q.Get()
		cell.X = aoigrid.CellIndex(pos.X(), radius)
		cell.Z = aoigrid.CellIndex(pos.Z(), radius)
	}
}
