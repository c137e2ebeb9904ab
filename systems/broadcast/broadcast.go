package broadcast

import (
	"encoding/binary"

	"github.com/mlange-42/arche/generic"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/aoigrid"
)

// Name is the system's name in the schedule.
const Name = "broadcast"

// TransportReserve is the part of a datagram kept for the transport's
// header, ack block and message framing; a payload is at most
// Config.MaxPayload − TransportReserve bytes.
const TransportReserve = 32

// RefreshTicks is how often an entity that has not moved is sent anyway, so
// an observer that lost the unreliable update of its last move still
// converges. Entities are spread over the period by UserID.
const RefreshTicks = 30

// Stats counts what broadcast has sent since it was created.
type Stats struct {
	// Payloads and Bytes are the GameStateSync payloads and their bytes.
	Payloads, Bytes uint64
	// Records is the number of entity records sent (one per observer it reaches).
	Records uint64
	// Enters and Leaves are the reliable events sent.
	Enters, Leaves uint64
	// Dropped is the number of payloads the sink refused.
	Dropped uint64
}

// System is the broadcast system.
type System struct {
	aoi  *aoigrid.System
	sink Sink

	filter  *generic.Filter5[ecs.Position, ecs.Rotation, ecs.Velocity, ecs.Player, ecs.Motion]
	records []byte // EntityStateSize bytes per dense index
	send    []bool // per dense index: record goes out this tick
	buf     []byte
	stats   Stats
}

// New returns a broadcast system that reads visibility from aoi and writes to sink.
func New(aoi *aoigrid.System, sink Sink) *System {
	return &System{
		aoi: aoi, sink: sink, buf: make([]byte, 0, wire.MaxDatagram),
		filter: generic.NewFilter5[ecs.Position, ecs.Rotation, ecs.Velocity, ecs.Player, ecs.Motion](),
	}
}

// Name implements ecs.System.
func (s *System) Name() string { return Name }

// Stats returns the counters.
func (s *System) Stats() Stats { return s.stats }

// Update implements ecs.System.
func (s *System) Update(w *ecs.World) {
	s.encodeEntities(w)
	budget := w.Config.MaxPayload - TransportReserve
	perPayload := (budget - wire.GameStateSyncHeaderSize) / wire.EntityStateSize
	for i := 0; i < s.aoi.Observers(); i++ {
		v := s.aoi.Observer(i)
		s.sendEvents(&v)
		s.sendUpdates(w, &v, perPayload)
	}
}

// encodeEntities writes every entity's record once, at its AOI dense index,
// and decides which are sent to their observers this tick. It walks arche's
// component arrays in storage order rather than looking entities up.
func (s *System) encodeEntities(w *ecs.World) {
	n := s.aoi.Observers()
	if cap(s.send) < n {
		s.records = make([]byte, (n+n/4)*wire.EntityStateSize)
		s.send = make([]bool, n+n/4)
	}
	s.records, s.send = s.records[:n*wire.EntityStateSize], s.send[:n]
	clear(s.send)
	tick := w.Time.Tick
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
		wire.AppendEntityState(s.record(d)[:0], &st)
		s.send[d] = mo.Moved || (pl.UserID+tick)%RefreshTicks == 0
	}
}

func (s *System) record(d int32) []byte {
	off := int(d) * wire.EntityStateSize
	return s.records[off : off+wire.EntityStateSize]
}

// copyRecord copies record d to dst[0:EntityStateSize] as six 8-byte
// words: for 48 bytes that is a few register moves, where copy calls memmove.
func (s *System) copyRecord(dst []byte, d int32) {
	off := int(d) * wire.EntityStateSize
	src := s.records[off : off+wire.EntityStateSize : off+wire.EntityStateSize]
	dst = dst[:wire.EntityStateSize:wire.EntityStateSize]
	le := binary.LittleEndian
	le.PutUint64(dst[0:], le.Uint64(src[0:]))
	le.PutUint64(dst[8:], le.Uint64(src[8:]))
	le.PutUint64(dst[16:], le.Uint64(src[16:]))
	le.PutUint64(dst[24:], le.Uint64(src[24:]))
	le.PutUint64(dst[32:], le.Uint64(src[32:]))
	le.PutUint64(dst[40:], le.Uint64(src[40:]))
}

// sendEvents sends the observer's reliable enter and leave events.
func (s *System) sendEvents(v *aoigrid.ObserverView) {
	for _, d := range v.Entered {
		s.buf = append(s.buf[:0], byte(wire.TypeEntityEnter))
		s.buf = append(s.buf, s.record(d)...)
		s.emit(v.Conn, Reliable, &s.stats.Enters)
	}
	for _, uid := range v.LeftUserIDs {
		s.buf = wire.AppendEntityLeave(s.buf[:0], &wire.EntityLeave{UserID: uid})
		s.emit(v.Conn, Reliable, &s.stats.Leaves)
	}
}

// sendUpdates packs the observer's visible, changed entities into as few
// GameStateSync payloads as fit the budget, in one pass over its view. The
// payload is built in place in buf, grown once to a full payload.
func (s *System) sendUpdates(w *ecs.World, v *aoigrid.ObserverView, perPayload int) {
	full := wire.GameStateSyncHeaderSize + perPayload*wire.EntityStateSize
	if cap(s.buf) < full {
		s.buf = make([]byte, 0, full)
	}
	buf := s.buf[:full]
	send := s.send
	count, n := 0, wire.GameStateSyncHeaderSize
	for _, d := range v.Visible {
		if !send[d] {
			continue
		}
		s.copyRecord(buf[n:], d)
		n += wire.EntityStateSize
		if count++; count == perPayload {
			s.flushSync(w, v, buf[:n], count)
			count, n = 0, wire.GameStateSyncHeaderSize
		}
	}
	if count > 0 {
		s.flushSync(w, v, buf[:n], count)
	}
}

// flushSync writes the header, with the record count, in front of the
// payload's records and sends it.
func (s *System) flushSync(w *ecs.World, v *aoigrid.ObserverView, payload []byte, count int) {
	wire.AppendGameStateSyncHeader(payload[:0], v.Room, w.Time.Tick, count)
	s.stats.Records += uint64(count)
	s.stats.Bytes += uint64(len(payload))
	s.buf = payload
	s.emit(v.Conn, Sequenced, &s.stats.Payloads)
}

func (s *System) emit(conn uint32, d Delivery, counter *uint64) {
	if s.sink.Send(conn, d, wire.PriorityHigh, s.buf) {
		*counter++
	} else {
		s.stats.Dropped++
	}
}
