package sim

import (
	"context"
	"time"

	"github.com/tickforge/tickforge/ecs"
)

// Clock tells the loop the time and lets it wait. Production uses
// RealClock; tests drive a fake one.
type Clock interface {
	// Now is the time elapsed since the clock started.
	Now() time.Duration
	// SleepUntil blocks until Now() ≥ t or ctx is done.
	SleepUntil(ctx context.Context, t time.Duration)
}

// LoopStats counts what the loop has done.
type LoopStats struct {
	// Ticks is the number of ticks run.
	Ticks uint64
	// Skipped is the number of ticks dropped because the loop fell more than
	// MaxCatchUpTicks behind; simulated time jumps over them.
	Skipped uint64
	// Overruns is the number of ticks whose systems took longer than one tick.
	Overruns uint64
}

// Loop runs the schedule over a world at a fixed rate. It is not safe for
// concurrent use: the goroutine that calls Step, Advance or Run owns the world.
type Loop struct {
	world     *ecs.World
	schedule  *Schedule
	tick      *Timing
	wall      func() time.Time
	dt        time.Duration
	next      time.Duration // time of the next tick
	stats     LoopStats
	afterTick []func(w *ecs.World)
}

// NewLoop returns a loop over w and s whose first tick is due at start.
func NewLoop(w *ecs.World, s *Schedule, start time.Duration) *Loop {
	return &Loop{
		world: w, schedule: s, tick: NewTiming("tick"),
		wall: time.Now, dt: w.Config.TickDuration(), next: start,
	}
}

// SetWallClock replaces the clock used only to time systems (tests make it
// deterministic). It never affects simulated state.
func (l *Loop) SetWallClock(now func() time.Time) { l.wall = now }

// OnTick adds a function that runs on the loop goroutine after every tick,
// for work outside the schedule such as handing kicks to the network or
// recording the tick. Hooks run in the order they were added.
func (l *Loop) OnTick(fn func(w *ecs.World)) { l.afterTick = append(l.afterTick, fn) }

// World is the world the loop owns.
func (l *Loop) World() *ecs.World { return l.world }

// Schedule is the loop's schedule.
func (l *Loop) Schedule() *Schedule { return l.schedule }

// TickTiming is the timing of whole ticks.
func (l *Loop) TickTiming() *Timing { return l.tick }

// Stats returns the loop's counters.
func (l *Loop) Stats() LoopStats { return l.stats }

// NextTickAt is when the next tick is due.
func (l *Loop) NextTickAt() time.Duration { return l.next }

// Step runs one tick at the next tick time without waiting and returns the
// tick's number.
func (l *Loop) Step() uint64 {
	w := l.world
	w.Time.Tick++
	w.Time.Now = l.next
	w.Time.Dt = l.dt
	l.next += l.dt

	start := l.wall()
	prev := start
	for i := 0; i < l.schedule.Len(); i++ {
		sys, timing := l.schedule.System(i)
		sys.Update(w)
		now := l.wall()
		timing.Record(now.Sub(prev))
		prev = now
	}
	total := prev.Sub(start)
	l.tick.Record(total)
	if total > l.dt {
		l.stats.Overruns++
	}
	l.stats.Ticks++
	for _, fn := range l.afterTick {
		fn(w)
	}
	return w.Time.Tick
}

// StepAt runs one tick at simulation time now without waiting and returns
// the tick's number; the following tick is due one tick length later.
// Replay uses it to run each recorded tick at its recorded time, since
// time jumps over the ticks a stall skipped.
func (l *Loop) StepAt(now time.Duration) uint64 {
	l.next = now
	return l.Step()
}

// Advance runs every tick due by now, at most MaxCatchUpTicks of them; if
// more were due it skips the rest (counting them) so the loop never spirals
// after a stall. It returns the number of ticks run.
func (l *Loop) Advance(now time.Duration) int {
	ran := 0
	for now >= l.next && ran < l.world.Config.MaxCatchUpTicks {
		l.Step()
		ran++
	}
	if now >= l.next {
		behind := (now-l.next)/l.dt + 1
		l.stats.Skipped += uint64(behind)
		l.next += behind * l.dt
	}
	return ran
}

// Run ticks in real time on clock until ctx is done.
func (l *Loop) Run(ctx context.Context, clock Clock) {
	for ctx.Err() == nil {
		l.Advance(clock.Now())
		clock.SleepUntil(ctx, l.next)
	}
}
