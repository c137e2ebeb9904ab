package server

import (
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim"
	"github.com/tickforge/tickforge/systems/actions"
)

// published is what a room last added to the server's counters.
type published struct {
	cheat   [ecs.NumReasons]uint64
	actions [actions.NumRejects]uint64
	loop    sim.LoopStats
}

// afterTick runs on the room goroutine after every tick: welcome and sync
// the players who joined, kick the cheaters, retry held messages, publish
// counters and tell the observer.
func (r *Room) afterTick(w *ecs.World) {
	p := r.Pipeline
	for _, conn := range p.Ingest.Joined() {
		r.welcome(w, conn)
	}
	for _, conn := range p.Validate.Kicked() {
		r.srv.stats.cheatKicks.Add(1)
		r.buf = wire.AppendDisconnect(r.buf[:0], &wire.Disconnect{Reason: wire.ReasonKicked})
		r.Send(endpoint.ConnID(conn), rudp.ReliableOrdered, wire.PriorityCritical, r.buf)
		r.srv.tr.Kick(endpoint.ConnID(conn), rudp.ReasonKicked)
	}
	if len(r.pending) > 0 {
		r.retryPending()
	}
	r.releaseLeft()
	r.congested = false
	r.publish()
	if w.PlayerCount() == 0 && r.players.Load() == 0 {
		r.emptyFor += w.Time.Dt
	} else {
		r.emptyFor = 0
	}
	if o := r.srv.cfg.TickObserver; o != nil {
		o.ObserveTick(r.ID, p.Loop)
	}
}

// welcome sends a joined player its reliable Welcome and a GameStateSync of
// what it sees.
func (r *Room) welcome(w *ecs.World, conn uint32) {
	e, ok := w.EntityOf(conn)
	if !ok {
		return
	}
	id := endpoint.ConnID(conn)
	r.buf = wire.AppendWelcome(r.buf[:0], &wire.Welcome{UserID: w.Players.Get(e).UserID, RoomID: r.ID, ServerTick: w.Time.Tick})
	r.Send(id, rudp.ReliableOrdered, wire.PriorityCritical, r.buf)
	if b, ok := r.syncFor(r.buf[:0], conn); ok {
		r.buf = b
		r.Send(id, rudp.ReliableOrdered, wire.PriorityHigh, b)
	}
}

// publish adds what changed since the last tick to the server's counters.
func (r *Room) publish() {
	c := &r.srv.stats
	cheat := r.Pipeline.Validate.Counts()
	for i, v := range cheat {
		if d := v - r.published.cheat[i]; d != 0 {
			c.cheat[i].Add(d)
		}
	}
	r.published.cheat = cheat
	acts := r.Actions.Stats().Verdicts
	for i, v := range acts {
		if d := v - r.published.actions[i]; d != 0 {
			c.actions[i].Add(d)
		}
	}
	r.published.actions = acts
	ls := r.Pipeline.Loop.Stats()
	c.ticks.Add(ls.Ticks - r.published.loop.Ticks)
	if d := ls.Overruns - r.published.loop.Overruns; d != 0 {
		c.overruns.Add(d)
	}
	r.published.loop = ls
}
