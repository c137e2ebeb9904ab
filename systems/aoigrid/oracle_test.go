package aoigrid

import (
	"cmp"
	"slices"

	"github.com/mlange-42/arche/generic"

	"github.com/tickforge/tickforge/ecs"
)

// oracle is a brute-force O(N²) model of the AOI rules, written without the
// grid: it tests every pair directly.
type oracle struct {
	prev map[ecs.Entity]map[ecs.Entity]uint64 // observer → visible entity → its UserID
}

// oracleResult is one observer's expected sets, each sorted by entity ID.
type oracleResult struct {
	visible, entered, left []ecs.Entity
	leftUID                map[ecs.Entity]uint64
}

type oracleEntity struct {
	e    ecs.Entity
	x, z float32
	uid  uint64
	room uint32
}

func newOracle() *oracle {
	return &oracle{prev: map[ecs.Entity]map[ecs.Entity]uint64{}}
}

// step computes every observer's expected result for the world as it is now
// and remembers the visible sets for the next step.
func (m *oracle) step(w *ecs.World) map[ecs.Entity]oracleResult {
	cfg := w.Config
	var all []oracleEntity
	q := generic.NewFilter2[ecs.Position, ecs.Player]().Query(&w.ECS)
	for q.Next() {
		pos, pl := q.Get()
		all = append(all, oracleEntity{q.Entity(), pos.X(), pos.Z(), pl.UserID, pl.Room})
	}
	enter2 := cfg.AOIRadius * cfg.AOIRadius
	leaveR := cfg.AOIRadius + cfg.AOILeaveMargin
	leave2 := leaveR * leaveR

	type cand struct {
		e   ecs.Entity
		d2  float32
		uid uint64
	}
	out := map[ecs.Entity]oracleResult{}
	next := map[ecs.Entity]map[ecs.Entity]uint64{}
	for _, o := range all {
		was := m.prev[o.e]
		var cands []cand
		for _, t := range all {
			if t.e == o.e || t.room != o.room {
				continue
			}
			dx, dz := t.x-o.x, t.z-o.z
			d2 := float32(dx*dx) + float32(dz*dz)
			if d2 <= enter2 || (d2 <= leave2 && seen(was, t.e)) {
				cands = append(cands, cand{t.e, d2, t.uid})
			}
		}
		if len(cands) > cfg.AOIMaxVisible {
			slices.SortFunc(cands, func(a, b cand) int {
				return cmp.Or(cmp.Compare(a.d2, b.d2), cmp.Compare(a.uid, b.uid), cmp.Compare(a.e.ID(), b.e.ID()))
			})
			cands = cands[:cfg.AOIMaxVisible]
		}
		res := oracleResult{leftUID: map[ecs.Entity]uint64{}}
		now := map[ecs.Entity]uint64{}
		for _, c := range cands {
			now[c.e] = c.uid
			res.visible = append(res.visible, c.e)
			if !seen(was, c.e) {
				res.entered = append(res.entered, c.e)
			}
		}
		for e, uid := range was {
			if _, still := now[e]; !still {
				res.left = append(res.left, e)
				res.leftUID[e] = uid
			}
		}
		sortEntities(res.visible)
		sortEntities(res.entered)
		sortEntities(res.left)
		out[o.e] = res
		next[o.e] = now
	}
	m.prev = next
	return out
}

func seen(was map[ecs.Entity]uint64, e ecs.Entity) bool {
	_, ok := was[e]
	return ok
}

func sortEntities(es []ecs.Entity) {
	slices.SortFunc(es, func(a, b ecs.Entity) int {
		return cmp.Or(cmp.Compare(a.ID(), b.ID()), cmp.Compare(a.Generation(), b.Generation()))
	})
}
