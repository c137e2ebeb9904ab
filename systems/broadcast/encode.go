package broadcast

import (
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
)

// encodeEntities writes every entity's record once, at its AOI dense index,
// and decides which are sent to their observers this tick.
//
// It walks arche's component arrays in storage order and encodes into
// staged in that order, so its writes are sequential. The AOI pass walked
// the same entities in the same order, so each one's dense index is read
// from aoi.Gathered in step, falling back to a lookup (and resuming from
// there) where the two walks differ. A second pass then
// moves the records to dense order. Dense order is the AOI grid's cell
// order, unrelated to storage order, and scattered loads in that pass
// overlap far better than the scattered stores of encoding in place would.
func (s *System) encodeEntities(w *ecs.World) {
	n := s.aoi.Observers()
	if cap(s.sends) < n {
		s.records, s.staged = make([]record, n+n/4), make([]record, n+n/4)
		s.stagedAt, s.sends = make([]int32, n+n/4), make([]uint8, n+n/4)
	}
	s.records, s.staged, s.stagedAt, s.sends = s.records[:n], s.staged[:n], s.stagedAt[:n], s.sends[:n]
	clear(s.sends)
	for d := range s.stagedAt {
		s.stagedAt[d] = -1
	}
	tick := w.Time.Tick
	staged, sending := int32(0), 0
	var st wire.EntityState
	gathered, gatheredDense := s.aoi.Gathered()
	next := 0 // where in gathered the query's next entity is expected
	q := s.filter.Query(&w.ECS)
	for q.Next() {
		e := q.Entity()
		var d int32
		if next < len(gathered) && gathered[next] == e {
			d = gatheredDense[next]
			next++
		} else {
			var ok bool
			if d, ok = s.aoi.DenseOf(e); !ok {
				continue // spawned after the AOI pass; it is seen from next tick
			}
			next = int(s.aoi.GatheredIndex(d)) + 1
		}
		pos, rot, vel, pl, mo := q.Get()
		// Field by field: a composite literal is built in a temporary and
		// copied with 16-byte moves that stall on the narrower stores.
		st.UserID, st.Position, st.Velocity = pl.UserID, pos.Vec3, vel.Vec3
		st.Rotation[0], st.Rotation[1], st.Rotation[2], st.Rotation[3] = rot.V[0], rot.V[1], rot.V[2], rot.W
		wire.PutEntityState(&s.staged[staged], &st)
		s.stagedAt[d] = staged
		staged++
		if mo.Moved || (pl.UserID+tick)%RefreshTicks == 0 {
			s.sends[d] = 1
			sending++
		}
	}
	s.sendsAll = sending == n
	for d, i := range s.stagedAt {
		if i >= 0 {
			s.records[d] = s.staged[i]
		}
	}
}
