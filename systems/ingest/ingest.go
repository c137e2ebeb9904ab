package ingest

import (
	"github.com/go-gl/mathgl/mgl32"
	"github.com/tickforge/tickforge/ecs"
)

// Name is the system's name in the schedule.
const Name = "ingest"

// Stats counts what ingest has consumed since it was created.
type Stats struct {
	Connects, Disconnects, Inputs uint64
	// DuplicateConnects are connects for a connection that already has a player.
	DuplicateConnects uint64
	// UnknownDisconnects are disconnects for a connection with no player.
	UnknownDisconnects uint64
	// TicksAtLimit counts ticks that applied the per-tick maximum of events,
	// leaving any others queued for the next tick.
	TicksAtLimit uint64
}

// Observer is told about each event ingest applies, after it is applied; the
// recorder uses it. It must not retain ev.
type Observer interface {
	ObserveEvent(tick uint64, ev *Event)
}

// System drains a Source into the world and the tick's InputBatch.
type System struct {
	src       Source
	batch     *ecs.InputBatch
	maxEvents int
	stats     Stats
	observer  Observer
	ev        Event // a field, so handing it to the Source does not allocate
	// Joined and Left list the connections that gained or lost a player this
	// tick, for the systems and the server that follow.
	joined, left []uint32
}

// New returns an ingest system reading src into batch, applying at most
// maxEventsPerTick events per tick (the rest wait for the next tick, so a
// burst cannot stall one tick).
func New(src Source, batch *ecs.InputBatch, maxEventsPerTick int) *System {
	if maxEventsPerTick < 1 {
		maxEventsPerTick = 1
	}
	return &System{src: src, batch: batch, maxEvents: maxEventsPerTick}
}

// Name implements ecs.System.
func (s *System) Name() string { return Name }

// SetObserver installs o (nil removes it).
func (s *System) SetObserver(o Observer) { s.observer = o }

// Stats returns the counters.
func (s *System) Stats() Stats { return s.stats }

// Joined lists the connections whose player spawned this tick.
func (s *System) Joined() []uint32 { return s.joined }

// Left lists the connections whose player was removed this tick.
func (s *System) Left() []uint32 { return s.left }

// Update implements ecs.System.
func (s *System) Update(w *ecs.World) {
	s.batch.Reset()
	s.joined, s.left = s.joined[:0], s.left[:0]
	for n := 0; n < s.maxEvents; n++ {
		if !s.src.Pop(&s.ev) {
			return
		}
		s.Apply(w, &s.ev)
	}
	s.stats.TicksAtLimit++
}

// Apply applies one event to the world and batch; Update calls it for each
// queued event, and replay calls it for recorded ones.
func (s *System) Apply(w *ecs.World, ev *Event) {
	switch ev.Kind {
	case KindConnect:
		spawn := ev.Spawn
		if !ev.HasSpawn {
			c := w.Config.WorldMin.Add(w.Config.WorldMax).Mul(0.5)
			spawn = mgl32.Vec3{c[0], 0, c[2]}
		}
		if _, ok := w.SpawnPlayer(ecs.SpawnSpec{Conn: ev.Conn, UserID: ev.UserID, Room: ev.Room, Position: spawn, HP: 100}); !ok {
			s.stats.DuplicateConnects++
			return
		}
		s.stats.Connects++
		s.joined = append(s.joined, ev.Conn)
	case KindDisconnect:
		if !w.DespawnConn(ev.Conn) {
			s.stats.UnknownDisconnects++
			return
		}
		s.stats.Disconnects++
		s.left = append(s.left, ev.Conn)
	case KindInput:
		in := ev.Input
		in.Conn = ev.Conn
		s.batch.Append(in)
		s.stats.Inputs++
	default:
		return
	}
	if s.observer != nil {
		s.observer.ObserveEvent(w.Time.Tick, ev)
	}
}
