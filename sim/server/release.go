package server

import (
	"slices"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/endpoint"
)

// releaser is a Transport that holds a closed connection's id out of reuse
// until it is released; *endpoint.Server is one (New sets
// HoldClosedIDs). Without it (NewWithTransport with a plain Transport) ids
// are whatever the caller makes them.
//
// Why ids are held: a room learns of connections through its inbound queue
// and resolves the tick's inputs by connection id after ingest has applied
// every queued event. Were an id reused at once, a stalled room could drain
// [old player's inputs, old player's disconnect, new player's connect] in
// one tick, and the old player's inputs would be judged, and their sequence
// numbers remembered, as the new player's: the new player's first inputs
// then fail the stale rule, and the old player's strikes become its own.
type releaser interface {
	ReleaseID(id endpoint.ConnID)
}

// connTableSize is the length of the per-connection tables: ids held
// until their room lets go of them come on top of MaxConns open
// connections, so the tables have room for as many again (within what a
// player's connection index may be). Ids beyond the table are refused as
// server-full.
func connTableSize(maxConns int) int {
	return min(2*maxConns, ecs.MaxConn) + 1
}

// releaseID lets the transport reuse id, if it holds ids.
func (s *Server) releaseID(id endpoint.ConnID) {
	if r, ok := s.tr.(releaser); ok {
		r.ReleaseID(id)
	}
}

// releaseLeft releases the ids of the players this tick's ingest removed:
// every input their connections queued before the disconnect has been
// drained by now, so the ids are free. Reliable messages still held for
// them, and Normal events of theirs still waiting for their batch, are
// dropped first: they belong to the old connection, not to the next one to
// get its id (the events would have been dropped anyway, their sender gone). It runs on the room goroutine after the tick.
func (r *Room) releaseLeft() {
	left := r.Pipeline.Ingest.Left()
	if len(left) == 0 {
		return
	}
	if len(r.pending) > 0 {
		r.dropPendingFor(left)
	}
	if len(r.evsys.normal) > 0 {
		r.evsys.dropFor(left)
	}
	for _, conn := range left {
		r.srv.releaseID(endpoint.ConnID(conn))
	}
}

// dropPendingFor drops the held reliable messages addressed to conns.
func (r *Room) dropPendingFor(conns []uint32) {
	kept := r.pending[:0]
	for _, p := range r.pending {
		if slices.Contains(conns, uint32(p.id)) {
			r.srv.putBuf(p.buf)
			continue
		}
		kept = append(kept, p)
	}
	clear(r.pending[len(kept):])
	r.pending = kept
}

// dropFor drops the waiting Normal events sent by conns.
func (s *eventSystem) dropFor(conns []uint32) {
	kept := s.normal[:0]
	for _, e := range s.normal {
		if slices.Contains(conns, uint32(e.conn)) {
			if !e.owned {
				s.room.srv.putBuf(e.buf)
			}
			continue
		}
		kept = append(kept, e)
	}
	clear(s.normal[len(kept):])
	s.normal = kept
}
