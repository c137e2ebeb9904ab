package netsim

import "time"

// Route connects a link to the endpoint that receives from it.
type Route struct {
	// Link is the link to drain.
	Link *Link
	// Receive is called for each datagram the link delivers, with the time of
	// delivery. The slice is only valid during the call.
	Receive func(now time.Duration, datagram []byte)
}

// Run drives a simulation on the virtual clock from start until end,
// jumping straight from one event to the next. At each instant it first
// hands every due datagram to its route's Receive, then calls tick(now),
// which may send on any link and returns when it next wants to be called
// (ok false: only when a datagram arrives). tick runs at every instant Run
// visits, arrivals included, so it must act only on what is due by now — as
// a transport's timer check does — rather than send each time it is called. A tick time not after now is
// treated as one nanosecond later, so a tick cannot stall the clock; a
// datagram sent with zero delay is delivered at the same instant, after which
// tick runs again at that instant. Run returns the last instant it visited;
// tick may be nil. Run allocates nothing itself.
func Run(start, end time.Duration, routes []Route, tick func(now time.Duration) (next time.Duration, ok bool)) time.Duration {
	now := start
	for {
		for i := range routes {
			r := &routes[i]
			for {
				buf, ok := r.Link.popDue(now)
				if !ok {
					break
				}
				r.Receive(now, buf)
				r.Link.release(buf)
			}
		}
		var next time.Duration
		have := false
		if tick != nil {
			if t, ok := tick(now); ok {
				next, have = max(t, now+1), true
			}
		}
		for i := range routes {
			if t, ok := routes[i].Link.NextEvent(); ok && (!have || t < next) {
				next, have = max(t, now), true
			}
		}
		if !have || next > end {
			return now
		}
		now = next
	}
}
