package server

import (
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
)

// eventKind says what a roomEvent carries.
type eventKind uint8

const (
	evCommand     eventKind = iota + 1 // a ReliableCommand (buf)
	evSyncRequest                      // a GameStateSync request
	evMedia                            // a MediaStream to relay (buf)
	evTransfer                         // a completed LargeDataTransfer (buf, owned)
	evApplication                      // a game-registered message (buf)
)

// roomEvent is one message for the room goroutine other than inputs and
// actions. buf is a recycled copy of the message unless owned is set.
type roomEvent struct {
	kind       eventKind
	typ        wire.Type
	prio       wire.Priority
	owned      bool
	conn       endpoint.ConnID
	userID     uint64
	transferID uint32
	buf        []byte
}

// eventSystemName is the room-events system's name in the schedule.
const eventSystemName = "room-events"

// eventSystem runs right after ingest: High and Low events are handled in
// the tick that drains them; Normal events wait until NormalBatch of them are
// queued or the oldest has waited NormalDelay.
type eventSystem struct {
	room        *Room
	ev          roomEvent
	normal      []roomEvent
	normalSince time.Duration
	ctx         Context
	buf         []byte

	// replaying is set in a replay: the system then runs exactly the
	// recorded events in replayed, fed before each tick, and nothing else.
	replaying bool
	replayed  []roomEvent
}

// Name implements ecs.System.
func (s *eventSystem) Name() string { return eventSystemName }

// Update implements ecs.System.
func (s *eventSystem) Update(w *ecs.World) {
	if s.replaying {
		for i := range s.replayed {
			s.dispatch(&s.replayed[i])
		}
		clear(s.replayed)
		s.replayed = s.replayed[:0]
		return
	}
	r := s.room
	for n := r.events.Cap(); n > 0 && r.events.Pop(&s.ev); n-- {
		if s.ev.prio >= wire.PriorityNormal && s.ev.kind != evMedia {
			if len(s.normal) == 0 {
				s.normalSince = w.Time.Now
			}
			s.normal = append(s.normal, s.ev)
			continue
		}
		s.handle(w, &s.ev)
	}
	cfg := &r.srv.cfg
	if len(s.normal) > 0 && (len(s.normal) >= cfg.NormalBatch || w.Time.Now-s.normalSince >= cfg.NormalDelay) {
		for i := range s.normal {
			s.handle(w, &s.normal[i])
		}
		clear(s.normal)
		s.normal = s.normal[:0]
	}
}

// handle runs one event if its sender is still in the room, recording it
// first when the room records, and recycles its buffer.
func (s *eventSystem) handle(w *ecs.World, e *roomEvent) {
	r := s.room
	srv := r.srv
	if srv.owner[e.conn].Load() == r.ID+1 { // the sender is still here
		if r.rec != nil {
			r.recordEvent(e)
		}
		s.dispatch(e)
	}
	if !e.owned {
		srv.putBuf(e.buf)
	}
	*e = roomEvent{}
}

// dispatch runs one event: the engine's own handling or the game's handler.
func (s *eventSystem) dispatch(e *roomEvent) {
	r := s.room
	srv := r.srv
	s.ctx = Context{Room: r, Conn: e.conn, UserID: e.userID}
	switch e.kind {
	case evCommand:
		s.command(e)
	case evSyncRequest:
		if b, ok := r.syncFor(s.buf[:0], uint32(e.conn)); ok {
			s.buf = b
			r.Send(e.conn, rudp.ReliableOrdered, wire.PriorityHigh, b)
		}
	case evMedia:
		srv.stats.mediaRelayed.Add(uint64(r.SendToObservers(e.conn, rudp.Unreliable, wire.PriorityLow, e.buf)))
	case evTransfer:
		srv.stats.transfers.Add(1)
		if h := srv.reg.transfer; h != nil {
			h(&s.ctx, e.transferID, e.buf)
		}
	case evApplication:
		if route := srv.reg.messages[e.typ]; route != nil {
			route.handler(&s.ctx, e.buf)
		}
	}
}

// command runs a ReliableCommand and sends its reply.
func (s *eventSystem) command(e *roomEvent) {
	var m wire.ReliableCommand
	if wire.DecodeReliableCommand(e.buf, &m) != nil {
		return // checked on the network goroutine
	}
	reply := wire.CommandReply{CommandID: m.CommandID, Status: wire.StatusUnknownCommand, Body: unknownBody}
	if h := s.room.srv.reg.commands[string(m.Command)]; h != nil {
		reply.Status, reply.Body = h(&s.ctx, m.Parameters)
		if len(reply.Body) > wire.MaxBytesField {
			reply.Status, reply.Body = wire.StatusFailed, replyTooLarge
		}
	}
	s.room.srv.stats.commands[min(reply.Status, wire.StatusDenied)].Add(1)
	s.buf = wire.AppendCommandReply(s.buf[:0], &reply)
	s.room.Send(e.conn, rudp.ReliableOrdered, wire.PriorityNormal, s.buf)
}

var (
	unknownBody   = []byte("unknown command")
	replyTooLarge = []byte("reply too large")
)
