package sim

import (
	"context"
	"time"
)

// RealClock is the wall clock, measured from its creation with Go's
// monotonic clock.
type RealClock struct {
	start time.Time
	timer *time.Timer
}

// NewRealClock starts a wall clock at zero.
func NewRealClock() *RealClock { return &RealClock{start: time.Now()} }

// NewRealClockFrom returns a wall clock that reads zero at start, so clocks
// made from one start (every room of a server) share a timeline.
func NewRealClockFrom(start time.Time) *RealClock { return &RealClock{start: start} }

// Now is the time since the clock was created.
func (c *RealClock) Now() time.Duration { return time.Since(c.start) }

// SleepUntil sleeps until t or until ctx is done. It reuses one timer, so
// only one goroutine may call it.
func (c *RealClock) SleepUntil(ctx context.Context, t time.Duration) {
	d := t - c.Now()
	if d <= 0 {
		return
	}
	if c.timer == nil {
		c.timer = time.NewTimer(d)
	} else {
		c.timer.Reset(d)
	}
	select {
	case <-c.timer.C:
	case <-ctx.Done():
		c.timer.Stop()
	}
}
