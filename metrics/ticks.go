package metrics

import (
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/tickforge/tickforge/sim"
)

// TickObserver records every room's tick durations, per system and for the
// whole tick, into a histogram. It implements server.TickObserver.
type TickObserver struct {
	hist *prometheus.HistogramVec

	mu    sync.Mutex                                   // serialises writers of loops
	loops atomic.Pointer[map[*sim.Loop]*loopObservers] // copy on write: readers never lock
}

// loopObservers are one loop's histogram children, in schedule order, then
// the whole tick's.
type loopObservers struct {
	systems []prometheus.Observer
	tick    prometheus.Observer
}

// NewTickObserver registers tickforge_tick_duration_seconds{system} on reg.
func NewTickObserver(reg prometheus.Registerer) (*TickObserver, error) {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "tickforge_tick_duration_seconds",
		Help:    "Time spent per tick by each system, and by the whole tick (system=\"tick\").",
		Buckets: []float64{25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2e-3, 4e-3, 8e-3, 16.7e-3, 33e-3, 100e-3},
	}, []string{"system"})
	if err := reg.Register(h); err != nil {
		return nil, err
	}
	o := &TickObserver{hist: h}
	o.loops.Store(&map[*sim.Loop]*loopObservers{})
	return o, nil
}

// ObserveTick implements server.TickObserver. After a loop's first tick it
// takes no lock and allocates nothing.
func (o *TickObserver) ObserveTick(_ uint32, l *sim.Loop) {
	lo := (*o.loops.Load())[l]
	if lo == nil {
		lo = o.add(l)
	}
	s := l.Schedule()
	for i := 0; i < s.Len() && i < len(lo.systems); i++ {
		_, t := s.System(i)
		lo.systems[i].Observe(t.Last().Seconds())
	}
	lo.tick.Observe(l.TickTiming().Last().Seconds())
}

// add builds the observers of a loop seen for the first time.
func (o *TickObserver) add(l *sim.Loop) *loopObservers {
	s := l.Schedule()
	lo := &loopObservers{tick: o.hist.WithLabelValues("tick")}
	for _, name := range s.Names() {
		lo.systems = append(lo.systems, o.hist.WithLabelValues(name))
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	old := *o.loops.Load()
	next := make(map[*sim.Loop]*loopObservers, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	next[l] = lo
	o.loops.Store(&next)
	return lo
}

// Forget drops a loop's observers (for a closed room).
func (o *TickObserver) Forget(l *sim.Loop) {
	o.mu.Lock()
	defer o.mu.Unlock()
	old := *o.loops.Load()
	next := make(map[*sim.Loop]*loopObservers, len(old))
	for k, v := range old {
		if k != l {
			next[k] = v
		}
	}
	o.loops.Store(&next)
}
