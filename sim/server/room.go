package server

import (
	"encoding/binary"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/queue"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/sim/record"
	"github.com/tickforge/tickforge/sim/server/transfer"
	"github.com/tickforge/tickforge/systems/actions"
	"github.com/tickforge/tickforge/systems/broadcast"
	"github.com/tickforge/tickforge/systems/ingest"
)

// Room is one independent world: its pipeline, its queues and the goroutine
// that ticks it. Players in different rooms never see each other.
type Room struct {
	// ID is the room's id, as clients name it in Connect.
	ID uint32
	// Pipeline is the room's world and systems; only the room goroutine
	// (systems, handlers, RoomSetup) may touch it.
	Pipeline *sim.Pipeline
	// Actions is the room's PlayerAction system.
	Actions *actions.System

	srv       *Server
	clock     *sim.RealClock // shares the server's epoch, so every room is on one timeline
	actionQ   *queue.Ring[actions.Action]
	events    *queue.Ring[roomEvent]
	players   atomic.Int32 // admitted players; written by the network goroutine
	inReserve int          // ingest slots kept free for connects and disconnects

	// Owned by the room goroutine.
	sink      roomSink
	evsys     eventSystem
	pending   []pendingSend
	congested bool // an outbound send was refused this tick
	emptyFor  time.Duration
	published published
	buf       []byte

	capacity  int            // the pipeline's entity capacity
	actionCfg actions.Config // the rules the actions system runs with
	rec       *record.Recorder
	recOut    io.Writer
	recBuf    []byte
}

// admit returns the room for a Connect, creating it if needed, and counts
// the player in; nil if the room limit or the room's player cap is reached.
func (s *Server) admit(id uint32) *Room {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.rooms[id]
	if r == nil {
		if len(s.rooms) >= s.cfg.MaxRooms {
			return nil
		}
		var err error
		if r, err = s.newRoom(id); err != nil {
			s.log.Error().Err(err).Uint32("room", id).Msg("cannot open room")
			return nil
		}
		s.rooms[id] = r
		s.roomWG.Add(1)
		go r.run()
	}
	if int(r.players.Add(1)) > s.cfg.MaxPlayersPerRoom {
		r.players.Add(-1)
		return nil
	}
	return r
}

// newRoom builds a room: the engine pipeline plus the room-events and
// actions systems right after ingest, then the game's RoomSetup.
func (s *Server) newRoom(id uint32) (*Room, error) {
	cfg := &s.cfg
	in := cfg.RoomQueue
	for in < 4*cfg.MaxPlayersPerRoom {
		in *= 2
	}
	r := &Room{ID: id, srv: s, clock: sim.NewRealClockFrom(s.epoch), inReserve: in / 2,
		capacity: min(cfg.MaxPlayersPerRoom, 1024), actionCfg: cfg.Actions}
	r.sink.room = r
	log := s.log.With().Uint32("room", id).Logger()
	p, err := sim.NewPipeline(sim.PipelineOptions{
		Config: cfg.Sim, Capacity: r.capacity, InboundCapacity: in,
		Sink: &r.sink, Logger: &log,
	})
	if err != nil {
		return nil, fmt.Errorf("server: room %d: %w", id, err)
	}
	r.Pipeline = p
	r.actionQ = queue.MustRing[actions.Action](cfg.RoomQueue)
	r.events = queue.MustRing[roomEvent](cfg.RoomQueue)
	if err := r.addSystems(&recordingActions{q: r.actionQ, room: r}, &r.sink); err != nil {
		return nil, err
	}
	p.Loop.OnTick(r.afterTick)
	if cfg.RoomSetup != nil {
		if err := cfg.RoomSetup(r); err != nil {
			return nil, fmt.Errorf("server: room %d setup: %w", id, err)
		}
	}
	return r, nil
}

// addSystems puts the room-events system and the actions system (reading
// src, sending to sink) right after ingest, as live rooms and replays have them.
func (r *Room) addSystems(src actions.Source, sink broadcast.Sink) error {
	p := r.Pipeline
	r.Actions = actions.New(src, p.AOI, sink, r.actionCfg)
	r.evsys.room = r
	if err := p.Schedule.InsertAfter(ingest.Name, &r.evsys); err != nil {
		return fmt.Errorf("server: room %d: %w", r.ID, err)
	}
	if err := p.Schedule.InsertAfter(eventSystemName, r.Actions); err != nil {
		return fmt.Errorf("server: room %d: %w", r.ID, err)
	}
	return nil
}

// run ticks the room until the server stops or the room has stayed empty
// for RoomIdleClose.
func (r *Room) run() {
	defer r.srv.roomWG.Done()
	r.startRecording()
	defer r.stopRecording()
	ctx := r.srv.roomCtx
	l := r.Pipeline.Loop
	l.StepAt(r.clock.Now())
	for ctx.Err() == nil && !r.closeIfIdle() {
		l.Advance(r.clock.Now())
		r.clock.SleepUntil(ctx, l.NextTickAt())
	}
	r.drainBuffers()
}

// closeIfIdle closes the room once it has had no players for RoomIdleClose.
func (r *Room) closeIfIdle() bool {
	if r.emptyFor < r.srv.cfg.RoomIdleClose {
		return false
	}
	s := r.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.players.Load() != 0 {
		r.emptyFor = 0
		return false
	}
	delete(s.rooms, r.ID)
	if f, ok := s.cfg.TickObserver.(interface{ Forget(*sim.Loop) }); ok {
		f.Forget(r.Pipeline.Loop)
	}
	return true
}

// drainBuffers recycles the buffers of events nobody will handle.
func (r *Room) drainBuffers() {
	var e roomEvent
	for r.events.Pop(&e) {
		r.srv.putBuf(e.buf)
	}
}

// pushInput queues a movement input, keeping the reserve for connects and
// disconnects.
func (r *Room) pushInput(ev *ingest.Event) bool {
	in := r.Pipeline.Inbound
	if in.Len() >= in.Cap()-r.inReserve {
		return false
	}
	return in.Push(ev)
}

// pushCritical queues a connect or disconnect. The reserve holds more than
// two events per admissible player, so this does not fail while the room
// ticks; if it ever does, the event is lost and counted, and it reports false.
func (r *Room) pushCritical(ev *ingest.Event) bool {
	if !r.Pipeline.Push(ev) {
		r.srv.stats.inboundDropped[wire.PriorityCritical].Add(1)
		r.srv.log.Error().Uint32("room", r.ID).Uint32("conn", ev.Conn).Msg("room queue full: connect/disconnect lost")
		return false
	}
	return true
}

// pushEvent queues a room event.
func (r *Room) pushEvent(e *roomEvent) bool { return r.events.Push(e) }

// Players is the number of players admitted to the room.
func (r *Room) Players() int { return int(r.players.Load()) }

// Server is the server the room belongs to.
func (r *Room) Server() *Server { return r.srv }

// Send sends payload (a whole wire message) to a connection in this room.
// Call it only from the room goroutine (systems and handlers). A refused
// reliable or Critical message is held and retried next tick; a refused
// unreliable one is shed and counted. Once a send was refused in a tick,
// Normal and Low messages are shed for the rest of the tick.
func (r *Room) Send(id endpoint.ConnID, ch rudp.Channel, prio wire.Priority, payload []byte) bool {
	if int(id) >= len(r.srv.owner) || r.srv.owner[id].Load() != r.ID+1 {
		return false // gone, or now another room's connection
	}
	return r.send(id, ch, prio, payload)
}

// SendTransfer sends data to a connection as a LargeDataTransfer (chunks on
// the reliable channel at Low priority).
func (r *Room) SendTransfer(id endpoint.ConnID, transferID uint32, data []byte) error {
	_, err := transfer.Split(r.buf[:0], transferID, data, func(chunk []byte) bool {
		return r.Send(id, rudp.ReliableOrdered, wire.PriorityLow, chunk)
	})
	return err
}

// SendToObservers sends payload to every player in the view of the player
// on connection id (not to that player) and returns how many it reached.
func (r *Room) SendToObservers(id endpoint.ConnID, ch rudp.Channel, prio wire.Priority, payload []byte) int {
	p := r.Pipeline
	e, ok := p.World.EntityOf(uint32(id))
	if !ok {
		return 0
	}
	d, ok := p.AOI.DenseOf(e)
	if !ok {
		return 0
	}
	n := 0
	for _, o := range p.AOI.Observer(int(d)).Visible {
		if r.Send(endpoint.ConnID(p.AOI.Observer(int(o)).Conn), ch, prio, payload) {
			n++
		}
	}
	return n
}

// syncFor appends a GameStateSync for the player on conn: its own state
// first, then every entity it sees (capped at wire.MaxSyncEntities).
func (r *Room) syncFor(dst []byte, conn uint32) ([]byte, bool) {
	p := r.Pipeline
	w := p.World
	e, ok := w.EntityOf(conn)
	if !ok {
		return dst, false
	}
	var vis []int32
	if d, ok := p.AOI.DenseOf(e); ok {
		vis = p.AOI.Observer(int(d)).Visible
	}
	vis = vis[:min(len(vis), wire.MaxSyncEntities-1)]
	start := len(dst)
	dst = wire.AppendGameStateSyncHeader(dst, r.ID, w.Time.Tick, len(vis)+1)
	dst = appendEntity(dst, w, e)
	n := 1
	for _, d := range vis {
		if te, _, _ := p.AOI.EntityAt(d); w.ECS.Alive(te) {
			dst = appendEntity(dst, w, te)
			n++
		}
	}
	// Entities removed since the AOI pass were skipped: fix the count.
	binary.LittleEndian.PutUint16(dst[start+wire.GameStateSyncHeaderSize-2:], uint16(n))
	return dst, true
}

func appendEntity(dst []byte, w *ecs.World, e ecs.Entity) []byte {
	pos, rot, vel, pl := w.Positions.Get(e), w.Rotations.Get(e), w.Velocities.Get(e), w.Players.Get(e)
	return wire.AppendEntityState(dst, &wire.EntityState{
		UserID: pl.UserID, Position: pos.Vec3,
		Rotation: [4]float32{rot.V[0], rot.V[1], rot.V[2], rot.W}, Velocity: vel.Vec3,
	})
}

func newAssembler(cfg *Config) *transfer.Assembler {
	return transfer.NewAssembler(cfg.MaxTransferBytes, cfg.MaxTransfersPerConn)
}
