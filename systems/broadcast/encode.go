package broadcast

import (
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
)

// encodeEntities writes every entity's record once, at its AOI dense index,
// and decides which are sent to their observers this tick. It walks arche's
// component arrays in storage order rather than looking entities up.
func (s *System) encodeEntities(w *ecs.World) {
	n := s.aoi.Observers()
	if cap(s.advance) < n {
		s.records = make([]record, n+n/4)
		s.advance = make([]uint8, n+n/4)
	}
	s.records, s.advance = s.records[:n], s.advance[:n]
	clear(s.advance)
	tick := w.Time.Tick
	sending := 0
	var st wire.EntityState
	q := s.filter.Query(&w.ECS)
	for q.Next() {
		d, ok := s.aoi.DenseOf(q.Entity())
		if !ok {
			continue // spawned after the AOI pass; it is seen from next tick
		}
		pos, rot, vel, pl, mo := q.Get()
		st = wire.EntityState{
			UserID:   pl.UserID,
			Position: pos.Vec3,
			Rotation: [4]float32{rot.V[0], rot.V[1], rot.V[2], rot.W},
			Velocity: vel.Vec3,
		}
		wire.PutEntityState(&s.records[d], &st)
		if mo.Moved || (pl.UserID+tick)%RefreshTicks == 0 {
			s.advance[d] = wire.EntityStateSize
			sending++
		}
	}
	s.sendsAll = sending == n
}
