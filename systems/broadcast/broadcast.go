package broadcast

import (
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

// record is one entity's encoded wire.EntityState.
type record = [wire.EntityStateSize]byte

// System is the broadcast system.
type System struct {
	aoi  *aoigrid.System
	sink Sink

	filter *generic.Filter5[ecs.Position, ecs.Rotation, ecs.Velocity, ecs.Player, ecs.Motion]
	// records holds each entity's record this tick, by AOI dense index.
	// staged holds them in query order as encoded; stagedAt[d] is the index
	// in staged of dense index d's record, or -1 if it has none this tick.
	records, staged []record
	stagedAt        []int32
	// sends is, per dense index, 1 if the record goes out to the entity's
	// observers this tick, else 0; sendsAll is set when all are 1.
	sends    []uint8
	sendsAll bool
	// sync is the GameStateSync payload being built and slots its records.
	sync  []byte
	slots []record
	// enter and leave are the reliable events being sent.
	enter [wire.EntityEnterSize]byte
	leave []byte
	// results is the AOI's results, read column by column: building a
	// view per observer cost about a tenth of the system's time.
	results aoigrid.Results
	stats   Stats
}

// New returns a broadcast system that reads visibility from aoi and writes to sink.
func New(aoi *aoigrid.System, sink Sink) *System {
	return &System{
		aoi: aoi, sink: sink, leave: make([]byte, 0, wire.EntityLeaveSize),
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
	s.sendAll(w)
}

// sendAll sends every observer its events and updates.
func (s *System) sendAll(w *ecs.World) {
	budget := w.Config.MaxPayload - TransportReserve
	s.prepareSync((budget - wire.GameStateSyncHeaderSize) / wire.EntityStateSize)
	r := &s.results
	s.aoi.ResultsInto(r)
	for i, conn := range r.Conn {
		if r.Entered.Len(i) > 0 || r.LeftUserIDs.Len(i) > 0 {
			s.sendEvents(conn, r.Entered.Of(i), r.LeftUserIDs.Of(i))
		}
		s.sendUpdates(w, conn, r.Room[i], r.Visible.Of(i))
	}
}
