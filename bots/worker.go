package bots

import (
	"context"
	"slices"
	"time"
)

// worker ticks its share of the bots on one goroutine.
type worker struct {
	inbox chan *bot
	bots  []*bot
}

func (w *worker) run(ctx context.Context, period, drain time.Duration, clock func() time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	inbox := w.inbox
	for {
		select {
		case <-ctx.Done():
			w.settle(t, clock, clock()+drain)
			w.drain(inbox, clock())
			return
		case b, ok := <-inbox:
			if !ok {
				inbox = nil
				continue
			}
			b.attach(clock(), b.conn)
			w.bots = append(w.bots, b)
		case <-t.C:
			now := clock()
			for _, b := range w.bots {
				b.step(now)
			}
			w.bots = slices.DeleteFunc(w.bots, func(b *bot) bool { return b.done })
		}
	}
}

// settle polls the bots, without running scripts or sending, until no bot
// waits for a confirmation or until the deadline.
func (w *worker) settle(t *time.Ticker, clock func() time.Duration, deadline time.Duration) {
	for now := clock(); now < deadline; now = clock() {
		waiting := false
		for _, b := range w.bots {
			waiting = b.receive(now) || waiting
		}
		if !waiting {
			return
		}
		<-t.C
	}
}

// drain ends every bot at the end of the run, including those still
// arriving from their dials.
func (w *worker) drain(inbox chan *bot, now time.Duration) {
	for _, b := range w.bots {
		b.finish(now, "run-ended", true)
	}
	w.bots = nil
	if inbox == nil {
		return
	}
	for b := range inbox {
		b.stats.everConnected = true
		b.started = true
		b.finish(now, "run-ended", true)
	}
}
