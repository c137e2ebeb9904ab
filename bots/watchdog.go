package bots

import (
	"context"
	"sync/atomic"
	"time"
)

// watchdog cancels a bot's Lua context when one callback runs longer than
// its budget. Arming and disarming reuse one timer, so a callback costs no
// allocation; a cancelled context stops the script for good.
type watchdog struct {
	ctx    context.Context
	cancel context.CancelFunc
	budget time.Duration
	base   time.Time
	timer  *time.Timer
	// armedAt is the monotonic time (since base) the running callback
	// started, or 0 when no callback runs.
	armedAt atomic.Int64
	tripped atomic.Bool
}

func newWatchdog(parent context.Context, budget time.Duration) *watchdog {
	w := &watchdog{budget: budget, base: time.Now()}
	w.ctx, w.cancel = context.WithCancel(parent)
	w.timer = time.AfterFunc(time.Hour, w.fire)
	w.timer.Stop()
	return w
}

// arm marks the start of a callback.
func (w *watchdog) arm() {
	w.armedAt.Store(int64(time.Since(w.base)) | 1)
	w.timer.Reset(w.budget)
}

// disarm marks the end of a callback.
func (w *watchdog) disarm() {
	w.armedAt.Store(0)
	w.timer.Stop()
}

// fire runs on the timer's goroutine. A late timer of an earlier callback
// finds armedAt cleared or recent and re-arms for the rest of the budget.
func (w *watchdog) fire() {
	at := w.armedAt.Load()
	if at == 0 {
		return
	}
	ran := time.Since(w.base) - time.Duration(at)
	if ran < w.budget {
		w.timer.Reset(w.budget - ran)
		return
	}
	w.tripped.Store(true)
	w.cancel()
}

// close releases the timer and the context.
func (w *watchdog) close() {
	w.timer.Stop()
	w.cancel()
}
