package server

import (
	"net/netip"

	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/systems/ingest"
)

// netHandler is the Server seen as an endpoint.Handler. Its methods run on
// the network goroutine: they decode, check and route, and never block.
type netHandler Server

// OnConnect implements endpoint.Handler.
func (h *netHandler) OnConnect(id endpoint.ConnID, _ netip.AddrPort) {
	s := (*Server)(h)
	if int(id) >= len(s.owner) {
		s.tr.Kick(id, rudp.ReasonServerFull)
		return
	}
	*s.conn(id) = connState{phase: phaseNew}
}

// OnDisconnect implements endpoint.Handler.
func (h *netHandler) OnDisconnect(id endpoint.ConnID, _ rudp.CloseReason) {
	s := (*Server)(h)
	if int(id) >= len(s.conns) {
		s.releaseID(id) // refused at OnConnect: never in a room
		return
	}
	st := &s.conns[id]
	if st.phase == phaseJoined {
		s.leave(id, st)
	}
	if !st.inRoom {
		s.releaseID(id) // no room holds anything of it
	}
	*st = connState{}
}

// OnMessage implements endpoint.Handler.
func (h *netHandler) OnMessage(id endpoint.ConnID, _ rudp.Channel, payload []byte) {
	s := (*Server)(h)
	if int(id) >= len(s.conns) || len(payload) == 0 {
		s.stats.malformed.Add(1)
		return
	}
	st := &s.conns[id]
	t := wire.Type(payload[0])
	s.stats.countIn(t)
	switch st.phase {
	case phaseNew:
		s.connect(id, st, payload)
		return
	case phaseJoined:
	default:
		return // left or refused: ignore what is still in flight
	}
	switch t {
	case wire.TypePositionUpdate:
		s.positionUpdate(id, st, payload)
	case wire.TypePlayerAction:
		s.playerAction(id, st, payload)
	case wire.TypeReliableCommand:
		s.command(id, st, payload)
	case wire.TypeGameStateSync: // a request: the records, if any, are ignored
		var m wire.GameStateSync
		if wire.DecodeGameStateSync(payload, &m) != nil {
			s.stats.malformed.Add(1)
			return
		}
		s.queue(id, st, evSyncRequest, t, wire.PriorityNormal, nil)
	case wire.TypeLargeDataTransfer:
		s.transferChunk(id, st, payload)
	case wire.TypeMediaStream:
		var m wire.MediaStream
		if wire.DecodeMediaStream(payload, &m) != nil || len(payload) > rudp.FragmentSize {
			s.stats.malformed.Add(1)
			return
		}
		s.queue(id, st, evMedia, t, wire.PriorityLow, payload)
	case wire.TypeDisconnect:
		s.leave(id, st)
		st.phase = phaseLeft
	default:
		s.application(id, st, t, payload)
	}
}

// connect admits a connection's first message, which must be a Connect.
func (s *Server) connect(id endpoint.ConnID, st *connState, payload []byte) {
	var m wire.Connect
	if err := wire.DecodeConnect(payload, &m); err != nil {
		s.stats.malformed.Add(1)
		st.phase = phaseLeft
		s.tr.Kick(id, rudp.ReasonProtocolViolation)
		return
	}
	r := s.admit(m.RoomID)
	if r == nil {
		st.phase = phaseLeft
		s.stats.refused.Add(1)
		var b [wire.DisconnectSize]byte
		s.tr.Send(id, rudp.ReliableOrdered, wire.PriorityCritical,
			wire.AppendDisconnect(b[:0], &wire.Disconnect{UserID: m.UserID, Reason: wire.ReasonRoomFull}))
		s.tr.Kick(id, rudp.ReasonServerFull)
		return
	}
	st.phase, st.room, st.userID = phaseJoined, r, m.UserID
	s.owner[id].Store(r.ID + 1)
	s.stats.joins.Add(1)
	ev := &s.ev.input
	*ev = ingest.Event{Kind: ingest.KindConnect, Conn: uint32(id), UserID: m.UserID, Room: m.RoomID}
	if s.cfg.SpawnPoint != nil {
		ev.Spawn, ev.HasSpawn = s.cfg.SpawnPoint(m.UserID, m.RoomID), true
	}
	// A lost connect leaves the room nothing of this connection to let go
	// of; a lost disconnect (in leave) keeps the id held, as the room keeps
	// the player.
	st.inRoom = r.pushCritical(ev)
}

// leave removes a joined connection from its room.
func (s *Server) leave(id endpoint.ConnID, st *connState) {
	r := st.room
	s.owner[id].Store(0)
	r.players.Add(-1)
	s.stats.leaves.Add(1)
	ev := &s.ev.input
	*ev = ingest.Event{Kind: ingest.KindDisconnect, Conn: uint32(id)}
	r.pushCritical(ev)
	if st.asm != nil {
		st.asm.Reset()
	}
}

// positionUpdate decodes a movement input into the room's ingest queue.
func (s *Server) positionUpdate(id endpoint.ConnID, st *connState, payload []byte) {
	var m wire.PositionUpdate
	if wire.DecodePositionUpdate(payload, &m) != nil || m.UserID != st.userID {
		s.stats.malformed.Add(1)
		return
	}
	ev := &s.ev.input
	*ev = ingest.Event{Kind: ingest.KindInput, Conn: uint32(id), Input: ecs.Input{
		Seq: m.Sequence, Timestamp: m.Timestamp,
		Position: m.Position,
		Rotation: mgl32.Quat{W: m.Rotation[3], V: mgl32.Vec3{m.Rotation[0], m.Rotation[1], m.Rotation[2]}},
		Velocity: m.Velocity,
	}}
	if !st.room.pushInput(ev) {
		s.stats.inboundDropped[wire.PriorityHigh].Add(1)
	}
}

// playerAction decodes an action into the room's action queue.
func (s *Server) playerAction(id endpoint.ConnID, st *connState, payload []byte) {
	a := &s.ev.action
	if wire.DecodePlayerAction(payload, &a.Msg) != nil || a.Msg.UserID != st.userID {
		s.stats.malformed.Add(1)
		return
	}
	a.Conn = uint32(id)
	if !st.room.actionQ.Push(a) {
		s.stats.inboundDropped[wire.PriorityHigh].Add(1)
	}
}

// command queues a ReliableCommand, or answers "busy" at once if the room's
// queue is full (a reliable message is never dropped silently).
func (s *Server) command(id endpoint.ConnID, st *connState, payload []byte) {
	var m wire.ReliableCommand
	if wire.DecodeReliableCommand(payload, &m) != nil || m.UserID != st.userID {
		s.stats.malformed.Add(1)
		return
	}
	if s.queue(id, st, evCommand, wire.TypeReliableCommand, wire.PriorityNormal, payload) {
		return
	}
	s.stats.commands[wire.StatusFailed].Add(1)
	var b [32]byte
	s.tr.Send(id, rudp.ReliableOrdered, wire.PriorityNormal,
		wire.AppendCommandReply(b[:0], &wire.CommandReply{CommandID: m.CommandID, Status: wire.StatusFailed, Body: busyBody}))
}

var busyBody = []byte("server busy")

// transferChunk adds a chunk to the connection's assembler and queues a
// completed transfer for the room.
func (s *Server) transferChunk(id endpoint.ConnID, st *connState, payload []byte) {
	var m wire.LargeDataTransfer
	if wire.DecodeLargeDataTransfer(payload, &m) != nil {
		s.stats.malformed.Add(1)
		return
	}
	if st.asm == nil {
		st.asm = newAssembler(&s.cfg)
	}
	data, done, err := st.asm.Add(&m)
	if err != nil {
		s.stats.transferErrors.Add(1)
		return
	}
	if !done {
		return
	}
	e := &s.ev.event
	*e = roomEvent{kind: evTransfer, typ: wire.TypeLargeDataTransfer, prio: wire.PriorityNormal,
		conn: id, userID: st.userID, transferID: m.TransferID, buf: data, owned: true}
	if !st.room.pushEvent(e) {
		s.stats.inboundDropped[wire.PriorityNormal].Add(1)
		s.stats.transferErrors.Add(1)
	}
}

// application routes a game-registered message type.
func (s *Server) application(id endpoint.ConnID, st *connState, t wire.Type, payload []byte) {
	route := s.reg.messages[t]
	if route == nil {
		s.stats.malformed.Add(1)
		return
	}
	if route.prio == wire.PriorityCritical {
		ctx := Context{Room: st.room, Conn: id, UserID: st.userID, onNetwork: true}
		route.handler(&ctx, payload)
		return
	}
	s.queue(id, st, evApplication, t, route.prio, payload)
}

// queue copies payload into a room event and pushes it; it reports false
// (and counts the drop) when the room's queue is full, or for Normal and
// Low messages when it is three-quarters full, keeping room for High.
func (s *Server) queue(id endpoint.ConnID, st *connState, k eventKind, t wire.Type, prio wire.Priority, payload []byte) bool {
	r := st.room
	if prio >= wire.PriorityNormal && r.events.Len() >= r.events.Cap()*3/4 {
		s.stats.inboundDropped[prio].Add(1)
		return false
	}
	e := &s.ev.event
	*e = roomEvent{kind: k, typ: t, prio: prio, conn: id, userID: st.userID}
	if payload != nil {
		e.buf = s.getBuf(payload)
	}
	if !r.pushEvent(e) {
		s.putBuf(e.buf)
		s.stats.inboundDropped[prio].Add(1)
		return false
	}
	return true
}
