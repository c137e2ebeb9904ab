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
	// batched and drained are set when src is a BatchSource: the events
	// of one PopBatch are drained into drained.
	batched BatchSource
	drained []Event
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
	s := &System{src: src, batch: batch, maxEvents: maxEventsPerTick}
	if bs, ok := src.(BatchSource); ok {
		s.batched, s.drained = bs, make([]Event, drainBatch)
	}
	return s
}

// drainBatch is how many events ingest takes from a BatchSource at once:
// enough to spread the queue's cost thin, few enough (about 25 KiB) to stay
// in the L1 cache.
const drainBatch = 256

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
	if s.batched != nil {
		s.drain(w)
		return
	}
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

// drain is Update for a BatchSource: the same events in the same order,
// with the inputs written straight into the batch.
func (s *System) drain(w *ecs.World) {
	for applied := 0; applied < s.maxEvents; {
		want := min(len(s.drained), s.maxEvents-applied)
		n := s.batched.PopBatch(s.drained[:want])
		s.applyAll(w, s.drained[:n])
		applied += n
		if n < want {
			return
		}
	}
	s.stats.TicksAtLimit++
}

// applyAll applies evs in order, as Apply does one by one, but writes the
// inputs into a batch sized once for all of them.
func (s *System) applyAll(w *ecs.World, evs []Event) {
	b := s.batch
	k := b.Len()
	b.Resize(k + len(evs))
	for i := range evs {
		ev := &evs[i]
		if ev.Kind != KindInput {
			s.Apply(w, ev) // connects and disconnects do not touch the batch
			continue
		}
		b.Set(k, &ev.Input)
		b.Conn[k] = ev.Conn
		k++
		s.stats.Inputs++
		if s.observer != nil {
			s.observer.ObserveEvent(w.Time.Tick, ev)
		}
	}
	b.Resize(k)
}
