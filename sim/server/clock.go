package server

import (
	"context"
	"time"
)

// roomClock is a sim.Clock measured from a start shared by every room and
// the endpoint, so all rooms and all client timestamps share one timeline.
// Each room has its own (SleepUntil reuses one timer).
type roomClock struct {
	start time.Time
	timer *time.Timer
}

// Now is the time since the shared start.
func (c *roomClock) Now() time.Duration { return time.Since(c.start) }

// SleepUntil sleeps until t or until ctx is done.
func (c *roomClock) SleepUntil(ctx context.Context, t time.Duration) {
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
